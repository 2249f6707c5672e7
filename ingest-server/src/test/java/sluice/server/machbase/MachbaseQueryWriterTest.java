package sluice.server.machbase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every format with every option over {@link QueryFixture}'s tables; expected bodies are the files under
 * {@code src/test/resources/machbase/query/}, named after the case.
 */
class MachbaseQueryWriterTest
{
    private static final String ALL = "select * from ALLTYPES order by ID";
    private static final String FLOATS = "select * from FLOATS order by ID";
    private static final String NONE = "select * from ALLTYPES where ID < 0";
    private static final String TIMES = "select ID, DT, TS, TNS, TZ from ALLTYPES where ID in (1, 3) order by ID";

    private static QueryFixture fixture;

    @BeforeAll
    static void open() throws SQLException
    {
        fixture = new QueryFixture();
    }

    @AfterAll
    static void close() throws SQLException
    {
        fixture.close();
    }

    static Stream<Arguments> cases()
    {
        return Stream.of(
            // JSON: every layout, with and without rownum.
            Arguments.of("json-default.json", ALL, new String[] {}),
            Arguments.of("json-rownum.json", ALL, new String[] {"rownum", "true"}),
            Arguments.of("json-transpose.json", ALL, new String[] {"transpose", "true"}),
            Arguments.of("json-transpose-rownum.json", ALL, new String[] {"transpose", "true", "rownum", "true"}),
            Arguments.of("json-rowsFlatten.json", ALL, new String[] {"rowsFlatten", "true"}),
            Arguments.of("json-rowsFlatten-rownum.json", ALL, new String[] {"rowsFlatten", "true", "rownum", "1"}),
            Arguments.of("json-rowsArray.json", ALL, new String[] {"rowsArray", "true"}),
            Arguments.of("json-rowsArray-rownum.json", ALL, new String[] {"rowsArray", "true", "rownum", "true"}),
            Arguments.of("json-rowsArray-over-transpose.json", FLOATS,
                new String[] {"rowsArray", "true", "transpose", "true", "rowsFlatten", "true"}),
            Arguments.of("json-transpose-over-flatten.json", FLOATS,
                new String[] {"transpose", "true", "rowsFlatten", "true"}),
            Arguments.of("json-heading-false.json", FLOATS, new String[] {"heading", "false"}),
            Arguments.of("json-floats.json", FLOATS, new String[] {}),
            Arguments.of("json-floats-precision2.json", FLOATS, new String[] {"precision", "2"}),
            Arguments.of("json-floats-precision0.json", FLOATS, new String[] {"precision", "0"}),
            Arguments.of("json-times-ms.json", TIMES, new String[] {"timeformat", "ms"}),
            Arguments.of("json-times-us.json", TIMES, new String[] {"timeformat", "us"}),
            Arguments.of("json-times-s.json", TIMES, new String[] {"timeformat", "s"}),
            Arguments.of("json-times-default-seoul.json", TIMES,
                new String[] {"timeformat", "Default", "tz", "Asia/Seoul"}),
            Arguments.of("json-times-rfc3339nano.json", TIMES, new String[] {"timeformat", "RFC3339Nano"}),
            Arguments.of("json-times-custom-layout.json", TIMES,
                new String[] {"timeformat", "Mon \"Jan\" _2 '06 03:04PM", "tz", "EST"}),
            Arguments.of("json-empty.json", NONE, new String[] {}),
            Arguments.of("json-empty-transpose.json", NONE, new String[] {"transpose", "true"}),
            Arguments.of("json-empty-rowsArray-rownum.json", NONE, new String[] {"rowsArray", "true", "rownum", "1"}),
            // CSV.
            Arguments.of("csv-default.csv", ALL, new String[] {"format", "csv"}),
            Arguments.of("csv-rownum.csv", ALL, new String[] {"format", "csv", "rownum", "true"}),
            Arguments.of("csv-heading-false.csv", ALL, new String[] {"format", "csv", "heading", "false"}),
            Arguments.of("csv-header-skip-rownum.csv", FLOATS,
                new String[] {"format", "csv", "header", "skip", "rownum", "true"}),
            Arguments.of("csv-floats.csv", FLOATS, new String[] {"format", "csv"}),
            Arguments.of("csv-floats-precision3.csv", FLOATS, new String[] {"format", "csv", "precision", "3"}),
            Arguments.of("csv-times-default.csv", TIMES, new String[] {"format", "csv", "timeformat", "Default"}),
            Arguments.of("csv-times-rfc1123-berlin.csv", TIMES,
                new String[] {"format", "csv", "timeformat", "RFC1123", "tz", "Europe/Berlin"}),
            Arguments.of("csv-empty.csv", NONE, new String[] {"format", "csv"}),
            Arguments.of("csv-empty-no-heading.csv", NONE, new String[] {"format", "csv", "heading", "false"}),
            Arguments.of("csv-json-options-ignored.csv", FLOATS,
                new String[] {"format", "csv", "transpose", "true", "rowsArray", "true"}),
            // Box.
            Arguments.of("box-default.txt", ALL, new String[] {"format", "box"}),
            Arguments.of("box-rownum.txt", ALL, new String[] {"format", "box", "rownum", "true"}),
            Arguments.of("box-heading-false.txt", FLOATS, new String[] {"format", "box", "heading", "false"}),
            Arguments.of("box-floats-precision1.txt", FLOATS, new String[] {"format", "box", "precision", "1"}),
            Arguments.of("box-times-stampmilli-seoul.txt", TIMES,
                new String[] {"format", "box", "timeformat", "StampMilli", "tz", "Asia/Seoul", "rownum", "true"}),
            Arguments.of("box-times-ns.txt", TIMES, new String[] {"format", "box", "tz", "Asia/Seoul"}),
            Arguments.of("box-empty.txt", NONE, new String[] {"format", "box"}),
            Arguments.of("box-empty-no-heading.txt", NONE, new String[] {"format", "box", "header", "skip"}),
            // NDJSON.
            Arguments.of("ndjson-default.ndjson", ALL, new String[] {"format", "ndjson"}),
            Arguments.of("ndjson-rownum.ndjson", ALL, new String[] {"format", "ndjson", "rownum", "true"}),
            Arguments.of("ndjson-floats.ndjson", FLOATS, new String[] {"format", "ndjson"}),
            Arguments.of("ndjson-floats-precision4.ndjson", FLOATS,
                new String[] {"format", "ndjson", "precision", "4", "heading", "false", "transpose", "true"}),
            Arguments.of("ndjson-times-rfc3339.ndjson", TIMES,
                new String[] {"format", "ndjson", "timeformat", "RFC3339", "tz", "America/New_York"}),
            Arguments.of("ndjson-empty.ndjson", NONE, new String[] {"format", "ndjson"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formats(final String name, final String sql, final String[] options) throws SQLException, IOException
    {
        final String actual = fixture.body(sql, options);
        assertEquals(QueryFixture.expected(name, actual), actual);
    }

    @Test
    void bindParameters() throws SQLException, IOException
    {
        assertEquals("{\"data\":{\"columns\":[\"ID\",\"S\",\"D\"],\"types\":[\"int32\",\"string\",\"double\"]," +
            "\"rows\":[[1,\"wave.sin\",0.8563571936170834]]},\"success\":true,\"reason\":\"success\"," +
            "\"elapse\":\"1.234567ms\"}",
            fixture.body("select ID, S, D from ALLTYPES where S = ? and ID < ? and D > ? and B = ? and " +
                "(? is null) and DEC < ?", "p", "[\"wave.sin\", 2, 0.5, true, null, 99999999999999999999]"));
    }

    @Test
    void aliasesAndExpressionsComeBackUppercase() throws SQLException, IOException
    {
        assertEquals("{\"data\":{\"columns\":[\"LOWER_ALIAS\",\"MIXEDCASE\",\"COUNT(*)\"]," +
            "\"types\":[\"int32\",\"string\",\"int64\"],\"rows\":[[1,\"x\",5]]},\"success\":true," +
            "\"reason\":\"success\",\"elapse\":\"1.234567ms\"}",
            fixture.body("select 1 as lower_alias, 'x' as \"MixedCase\", count(*) from FLOATS where ID <= 5"));
    }

    /** The elapsed time is read once, at the end of a JSON body, and never for the other formats. */
    @Test
    void elapsedIsReadOnceAtTheEnd() throws SQLException, IOException
    {
        for (final String format : new String[] {"json", "csv", "box", "ndjson"})
        {
            final AtomicInteger calls = new AtomicInteger();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Statement statement = fixture.connection().createStatement();
                ResultSet rs = statement.executeQuery(FLOATS))
            {
                final long rows = MachbaseQueryWriter.write(rs, QueryFixture.options(FLOATS, "format", format), out,
                    () ->
                    {
                        calls.incrementAndGet();
                        return 2_500_000_000L;
                    });
                assertEquals(15, rows);
            }
            assertEquals(format.equals("json") ? 1 : 0, calls.get(), format);
            if (format.equals("json"))
            {
                assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("\"elapse\":\"2.5s\"}"));
            }
        }
    }

    /** Bodies longer than the writers' internal buffers arrive whole and in order. */
    @Test
    void largeResults() throws SQLException, IOException
    {
        final String sql = "select i as N, 'name-' || i as S, i / 4 as D from range(20000) t(i)";
        for (final String format : new String[] {"json", "csv", "ndjson", "box"})
        {
            final String body = fixture.body(sql, "format", format, "transpose", "false");
            assertTrue(body.contains("19999"), format);
            assertTrue(body.contains("4999.75"), format);
        }
        final String csv = fixture.body(sql, "format", "csv");
        assertEquals(20002, csv.split("\n", -1).length - 1);
        assertTrue(csv.startsWith("N,S,D\n0,name-0,0\n1,name-1,0.25\n"));
        assertTrue(csv.endsWith("19999,name-19999,4999.75\n\n"));
        final String transposed = fixture.body(sql, "transpose", "true");
        assertTrue(transposed.contains("\"cols\":[[0,1,2,"));
        assertTrue(transposed.contains(",19999],[\"name-0\","));
    }
}
