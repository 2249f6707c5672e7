package sluice.server.machbase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The response bodies Neo's documentation shows (neo-server {@code docs/api/api-http/http-query.md}), reproduced
 * from the same data. Where the docs print JSON indented, the wire form has no whitespace; where they end the body
 * they show Neo's extra {@code \n} after CSV and NDJSON.
 */
class MachbaseQueryWriterDocExamplesTest
{
    private static final String SELECT_5 = "select * from EXAMPLE limit 5";
    private static final String SELECT_3 = "select * from DOCS limit 3";

    private static final String HEAD =
        "{\"data\":{\"columns\":[\"NAME\",\"TIME\",\"VALUE\"],\"types\":[\"string\",\"datetime\",\"double\"],";

    private static QueryFixture fixture;

    @BeforeAll
    static void open() throws SQLException
    {
        fixture = new QueryFixture();
        try (Statement statement = fixture.connection().createStatement())
        {
            statement.execute("CREATE TABLE DOCS (name VARCHAR, time TIMESTAMP_NS, value DOUBLE)");
            statement.execute("INSERT INTO DOCS VALUES " +
                "('wave.sin', '2024-01-16 05:12:38.775759', 0.8563571936170834), " +
                "('wave.sin', '2024-01-16 05:12:38.785759', 0.9011510331449053), " +
                "('wave.sin', '2024-01-16 05:12:38.795759', 0.9379488170706388)");
        }
    }

    @AfterAll
    static void close() throws SQLException
    {
        fixture.close();
    }

    @Test
    void jsonDefault() throws SQLException, IOException
    {
        assertEquals(HEAD +
            "\"rows\":[[\"wave.sin\",1705381958775759000,0.8563571936170834]," +
            "[\"wave.sin\",1705381958785759000,0.9011510331449053]," +
            "[\"wave.sin\",1705381958795759000,0.9379488170706388]]}," +
            "\"success\":true,\"reason\":\"success\",\"elapse\":\"1.234567ms\"}",
            fixture.body(SELECT_3));
    }

    @Test
    void jsonTranspose() throws SQLException, IOException
    {
        assertEquals(HEAD +
            "\"cols\":[[\"wave.sin\",\"wave.sin\",\"wave.sin\"]," +
            "[1705381958775759000,1705381958785759000,1705381958795759000]," +
            "[0.8563571936170834,0.9011510331449053,0.9379488170706388]]}," +
            "\"success\":true,\"reason\":\"success\",\"elapse\":\"1.234567ms\"}",
            fixture.body(SELECT_3, "transpose", "true"));
    }

    @Test
    void jsonRowsFlatten() throws SQLException, IOException
    {
        assertEquals(HEAD +
            "\"rows\":[\"wave.sin\",1705381958775759000,0.8563571936170834," +
            "\"wave.sin\",1705381958785759000,0.9011510331449053," +
            "\"wave.sin\",1705381958795759000,0.9379488170706388]}," +
            "\"success\":true,\"reason\":\"success\",\"elapse\":\"1.234567ms\"}",
            fixture.body(SELECT_3, "rowsFlatten", "true"));
    }

    @Test
    void jsonRowsArray() throws SQLException, IOException
    {
        assertEquals(HEAD +
            "\"rows\":[{\"NAME\":\"wave.sin\",\"TIME\":1705381958775759000,\"VALUE\":0.8563571936170834}," +
            "{\"NAME\":\"wave.sin\",\"TIME\":1705381958785759000,\"VALUE\":0.9011510331449053}," +
            "{\"NAME\":\"wave.sin\",\"TIME\":1705381958795759000,\"VALUE\":0.9379488170706388}]}," +
            "\"success\":true,\"reason\":\"success\",\"elapse\":\"1.234567ms\"}",
            fixture.body(SELECT_3, "rowsArray", "true"));
    }

    @Test
    void ndjson() throws SQLException, IOException
    {
        assertEquals("{\"NAME\":\"wave.sin\",\"TIME\":1705381958775759000,\"VALUE\":0.8563571936170834}\n" +
            "{\"NAME\":\"wave.sin\",\"TIME\":1705381958785759000,\"VALUE\":0.9011510331449053}\n\n",
            fixture.body("select * from DOCS limit 2", "format", "ndjson"));
    }

    @Test
    void csv() throws SQLException, IOException
    {
        assertEquals("NAME,TIME,VALUE\n" +
            "wave.sin,1705381958775759000,0.8563571936170834\n" +
            "wave.sin,1705381958785759000,0.9011510331449053\n\n",
            fixture.body("select * from DOCS limit 2", "format", "csv"));
        assertEquals("NAME,TIME,VALUE\n" +
            "wave.sin,1676432361000000000,0.111111\n" +
            "wave.sin,1676432362111111111,0.222222\n" +
            "wave.sin,1676432363222222222,0.333333\n" +
            "wave.sin,1676432364333333333,0.444444\n" +
            "wave.sin,1676432365444444444,0.555555\n\n",
            fixture.body(SELECT_5, "format", "csv"));
    }

    @Test
    void box() throws SQLException, IOException
    {
        assertEquals(
            "+----------+---------------------+--------------------+\n" +
            "| NAME     | TIME                | VALUE              |\n" +
            "+----------+---------------------+--------------------+\n" +
            "| wave.sin | 1705381958775759000 | 0.8563571936170834 |\n" +
            "| wave.sin | 1705381958785759000 | 0.9011510331449053 |\n" +
            "+----------+---------------------+--------------------+\n",
            fixture.body("select * from DOCS limit 2", "format", "box"));
    }

    @Test
    void boxWithRownum() throws SQLException, IOException
    {
        assertEquals(
            "+--------+----------+---------------------+----------+\n" +
            "| ROWNUM | NAME     | TIME                | VALUE    |\n" +
            "+--------+----------+---------------------+----------+\n" +
            "|      1 | wave.sin | 1676432361000000000 | 0.111111 |\n" +
            "|      2 | wave.sin | 1676432362111111111 | 0.222222 |\n" +
            "|      3 | wave.sin | 1676432363222222222 | 0.333333 |\n" +
            "|      4 | wave.sin | 1676432364333333333 | 0.444444 |\n" +
            "|      5 | wave.sin | 1676432365444444444 | 0.555555 |\n" +
            "+--------+----------+---------------------+----------+\n",
            fixture.body(SELECT_5, "format", "box", "rownum", "true"));
    }

    @Test
    void boxWithoutHeading() throws SQLException, IOException
    {
        assertEquals(
            "+----------+---------------------+----------+\n" +
            "| wave.sin | 1676432361000000000 | 0.111111 |\n" +
            "| wave.sin | 1676432362111111111 | 0.222222 |\n" +
            "| wave.sin | 1676432363222222222 | 0.333333 |\n" +
            "| wave.sin | 1676432364333333333 | 0.444444 |\n" +
            "| wave.sin | 1676432365444444444 | 0.555555 |\n" +
            "+----------+---------------------+----------+\n",
            fixture.body(SELECT_5, "format", "box", "header", "skip"));
    }

    @Test
    void boxWithIntegerPrecision() throws SQLException, IOException
    {
        assertEquals(
            "+----------+---------------------+-------+\n" +
            "| NAME     | TIME                | VALUE |\n" +
            "+----------+---------------------+-------+\n" +
            "| wave.sin | 1676432361000000000 | 0     |\n" +
            "| wave.sin | 1676432362111111111 | 0     |\n" +
            "| wave.sin | 1676432363222222222 | 0     |\n" +
            "| wave.sin | 1676432364333333333 | 0     |\n" +
            "| wave.sin | 1676432365444444444 | 1     |\n" +
            "+----------+---------------------+-------+\n",
            fixture.body(SELECT_5, "format", "box", "precision", "0"));
    }

    /** The seed's write-then-read examples: timeformat=Default in UTC, RFC3339, and a custom layout in New York. */
    @Test
    void seedTimeformats() throws SQLException, IOException
    {
        assertEquals("NAME,TIME,VALUE\n" +
            "wave.sin,2023-02-15 03:39:21,0.111111\n" +
            "wave.sin,2023-02-15 03:39:22.111,0.222222\n" +
            "wave.sin,2023-02-15 03:39:23.222,0.333333\n" +
            "wave.sin,2023-02-15 03:39:24.333,0.444444\n" +
            "wave.sin,2023-02-15 03:39:25.444,0.555555\n\n",
            fixture.body("select * from EXAMPLE limit 10", "format", "csv", "timeformat", "Default"));
        assertEquals("NAME,TIME,VALUE\n" +
            "wave.sin,2023-02-15T03:39:21Z,0.111111\n" +
            "wave.sin,2023-02-15T03:39:22Z,0.222222\n\n",
            fixture.body("select * from EXAMPLE limit 2", "format", "csv", "timeformat", "RFC3339"));
        assertEquals("NAME,TIME,VALUE\n" +
            "wave.sin,2023-02-14 10:39:21,0.111111\n" +
            "wave.sin,2023-02-14 10:39:22.111111111,0.222222\n\n",
            fixture.body("select * from EXAMPLE limit 2", "format", "csv",
                "timeformat", "2006-01-02 03:04:05.999999999", "tz", "America/New_York"));
        assertEquals(
            "+----------+-------------------------------------+----------+\n" +
            "| NAME     | TIME(America/New_York)              | VALUE    |\n" +
            "+----------+-------------------------------------+----------+\n" +
            "| wave.sin | 2023-02-14T22:39:21-05:00           | 0.111111 |\n" +
            "| wave.sin | 2023-02-14T22:39:22.111111111-05:00 | 0.222222 |\n" +
            "+----------+-------------------------------------+----------+\n",
            fixture.body("select * from EXAMPLE limit 2", "format", "box",
                "timeformat", "RFC3339Nano", "tz", "America/New_York"));
    }
}
