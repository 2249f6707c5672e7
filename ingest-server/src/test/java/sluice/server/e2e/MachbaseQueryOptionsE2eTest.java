package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.server.e2e.QueryE2e.epochNanos;
import static sluice.server.e2e.QueryE2e.fetch;
import static sluice.server.e2e.QueryE2e.parse;

/**
 * The result-shaping options of {@code /db/query} (spec/machbase.md): {@code precision}, {@code rownum},
 * {@code heading=false} / {@code header=skip}, {@code transpose}, {@code rowsFlatten}, {@code rowsArray}, across the
 * json, csv, box and ndjson formats, with NULLs and CSV quoting.
 */
class MachbaseQueryOptionsE2eTest
{
    private static final String TABLE = "OPTS";
    private static final Instant T1 = Instant.parse("2024-01-16T05:12:38.775759Z");
    private static final Instant T2 = Instant.parse("2024-01-16T05:12:38.785759Z");
    private static final Instant T3 = Instant.parse("2024-01-16T05:12:38.795759Z");
    private static final double V1 = 3.14159;
    private static final double V2 = -2.71828;
    private static final String N1 = "alpha";
    private static final String N2 = "b,c";
    private static final String N3 = "q\"x";
    private static final String SELECT = "select * from OPTS order by time";
    private static final String SELECT_NOT_NULL = "select * from OPTS where value is not null order by time";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void start() throws Exception
    {
        QueryE2e.createTag(server, TABLE);
        QueryE2e.write(server, TABLE, "application/json",
            "{\"data\":{\"columns\":[\"name\",\"time\",\"value\"],\"rows\":[" +
                "[" + QueryE2e.quote(N1) + "," + epochNanos(T1) + "," + V1 + "]," +
                "[" + QueryE2e.quote(N2) + "," + epochNanos(T2) + "," + V2 + "]," +
                "[" + QueryE2e.quote(N3) + "," + epochNanos(T3) + ",null]]}}", 3);
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', n, 64)}: the exact binary value rounded half-even to n places. */
    private static String fixed(final double v, final int n)
    {
        return new BigDecimal(v).setScale(n, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String csvQuote(final String field)
    {
        return field.contains(",") || field.contains("\"") || field.contains("\n") ?
            "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static String body(final HttpResponse<String> r)
    {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    // Defaults: NULL, quoting.

    @Test
    void jsonNullAndStrings() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT));
        assertEquals("[[\"alpha\"," + epochNanos(T1) + ",3.14159],[\"b,c\"," + epochNanos(T2) + ",-2.71828]," +
            "[\"q\\\"x\"," + epochNanos(T3) + ",null]]", f.rows());
    }

    @Test
    void csvNullIsNULLAndFieldsAreQuoted() throws Exception
    {
        assertEquals("NAME,TIME,VALUE\n" +
            csvQuote(N1) + "," + epochNanos(T1) + ",3.14159\n" +
            csvQuote(N2) + "," + epochNanos(T2) + ",-2.71828\n" +
            csvQuote(N3) + "," + epochNanos(T3) + ",NULL\n\n", body(server.query(SELECT, "format", "csv")));
        assertEquals("\"b,c\"", csvQuote(N2));
        assertEquals("\"q\"\"x\"", csvQuote(N3));
    }

    @Test
    void ndjsonNull() throws Exception
    {
        final String[] lines = body(server.query(SELECT, "format", "ndjson")).split("\n", -1);
        assertEquals(5, lines.length, "three rows, Neo's closing empty line, and the end");
        assertEquals(parse("{\"NAME\":\"q\\\"x\",\"TIME\":" + epochNanos(T3) + ",\"VALUE\":null}"), parse(lines[2]));
        assertEquals("", lines[3]);
        assertEquals("", lines[4]);
    }

    @Test
    void nanAndInfinityAreStringsInJson() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query("select cast('nan' as double) as a, cast('inf' as double) as b, " +
            "cast('-inf' as double) as c, cast('inf' as float) as d"));
        assertEquals("[\"double\",\"double\",\"double\",\"float\"]", f.types());
        assertEquals("[[\"NaN\",\"+Inf\",\"-Inf\",\"+Inf\"]]", f.rows());
    }

    // precision

    @Test
    void precisionInCsv() throws Exception
    {
        for (final int n : new int[] {0, 1, 2, 4})
        {
            assertEquals(N1 + "," + epochNanos(T1) + "," + fixed(V1, n) + "\n" + csvQuote(N2) + "," + epochNanos(T2) +
                "," + fixed(V2, n) + "\n", server.rowsCsv(SELECT_NOT_NULL, "precision", String.valueOf(n)), "n=" + n);
        }
        // Written out: 3.14159 and -2.71828.
        assertEquals("3", fixed(V1, 0));
        assertEquals("-2.72", fixed(V2, 2));
        assertEquals("3.1416", fixed(V1, 4));
        // -1 is the default: shortest form.
        assertEquals(server.rowsCsv(SELECT), server.rowsCsv(SELECT, "precision", "-1"));
    }

    @Test
    void precisionInJsonAndNdjson() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "precision", "2"));
        assertEquals("[[\"alpha\"," + epochNanos(T1) + "," + fixed(V1, 2) + "],[\"b,c\"," + epochNanos(T2) + "," +
            fixed(V2, 2) + "],[\"q\\\"x\"," + epochNanos(T3) + ",null]]", f.rows());
        final String first = body(server.query(SELECT, "format", "ndjson", "precision", "3")).split("\n")[0];
        assertEquals(new BigDecimal(fixed(V1, 3)), parse(first).get("VALUE").decimalValue());
    }

    @Test
    void precisionDoesNotTouchIntegersOrTimes() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(
            "select cast(42 as bigint) as i, time from OPTS where name = 'alpha'", "precision", "2"));
        assertEquals("[[42," + epochNanos(T1) + "]]", f.rows());
    }

    // rownum

    @Test
    void rownumInJson() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "rownum", "true"));
        assertEquals("[\"ROWNUM\",\"NAME\",\"TIME\",\"VALUE\"]", f.columns());
        assertEquals("[\"int64\",\"string\",\"datetime\",\"double\"]", f.types());
        assertEquals("[[1,\"alpha\"," + epochNanos(T1) + ",3.14159],[2,\"b,c\"," + epochNanos(T2) + ",-2.71828]," +
            "[3,\"q\\\"x\"," + epochNanos(T3) + ",null]]", f.rows());
    }

    @Test
    void rownumInCsvNdjsonAndBox() throws Exception
    {
        assertEquals("ROWNUM,NAME,TIME,VALUE\n1,alpha," + epochNanos(T1) + ",3.14159\n2,\"b,c\"," + epochNanos(T2) +
            ",-2.71828\n\n", body(server.query(SELECT_NOT_NULL, "format", "csv", "rownum", "true")));
        final String[] lines = body(server.query(SELECT_NOT_NULL, "format", "ndjson", "rownum", "true")).split("\n");
        assertEquals(parse("{\"ROWNUM\":2,\"NAME\":\"b,c\",\"TIME\":" + epochNanos(T2) + ",\"VALUE\":-2.71828}"),
            parse(lines[1]));
        // Box: ROWNUM is a number and right-aligned (Neo's documentation); the other cells are left-aligned text.
        assertEquals(QueryE2e.box(List.of("ROWNUM", "NAME", "TIME", "VALUE"), List.of(
                List.of("1", N1, String.valueOf(epochNanos(T1)), "3.14159"),
                List.of("2", N2, String.valueOf(epochNanos(T2)), "-2.71828")), 0),
            body(server.query(SELECT_NOT_NULL, "format", "box", "rownum", "true")));
    }

    @Test
    void rownumFalseIsTheDefault() throws Exception
    {
        assertEquals(fetch(server.query(SELECT)).columns(), fetch(server.query(SELECT, "rownum", "false")).columns());
    }

    // heading / header

    @Test
    void headingFalseAndHeaderSkipDropTheCsvHeader() throws Exception
    {
        final String rows = csvQuote(N1) + "," + epochNanos(T1) + ",3.14159\n" + csvQuote(N2) + "," + epochNanos(T2) +
            ",-2.71828\n\n";
        assertEquals("NAME,TIME,VALUE\n" + rows, body(server.query(SELECT_NOT_NULL, "format", "csv")));
        assertEquals("NAME,TIME,VALUE\n" + rows, body(server.query(SELECT_NOT_NULL, "format", "csv", "heading", "true")));
        assertEquals(rows, body(server.query(SELECT_NOT_NULL, "format", "csv", "heading", "false")));
        assertEquals(rows, body(server.query(SELECT_NOT_NULL, "format", "csv", "header", "skip")));
    }

    @Test
    void headingFalseAndHeaderSkipDropTheBoxHeader() throws Exception
    {
        final List<List<String>> rows = List.of(
            List.of(N1, String.valueOf(epochNanos(T1)), "3.14159"),
            List.of(N2, String.valueOf(epochNanos(T2)), "-2.71828"));
        assertEquals(QueryE2e.box(List.of("NAME", "TIME", "VALUE"), rows),
            body(server.query(SELECT_NOT_NULL, "format", "box")));
        assertEquals(QueryE2e.box(null, rows), body(server.query(SELECT_NOT_NULL, "format", "box", "heading", "false")));
        assertEquals(QueryE2e.box(null, rows), body(server.query(SELECT_NOT_NULL, "format", "box", "header", "skip")));
    }

    @Test
    void headingFalseLeavesJsonColumns() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "heading", "false"));
        assertEquals("[\"NAME\",\"TIME\",\"VALUE\"]", f.columns());
        assertEquals(fetch(server.query(SELECT)).rows(), f.rows());
    }

    // transpose, rowsFlatten, rowsArray

    @Test
    void transpose() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "transpose", "true"));
        assertEquals("cols", f.rowsKey(), "transpose answers with \"cols\" instead of \"rows\"");
        assertEquals("[\"NAME\",\"TIME\",\"VALUE\"]", f.columns());
        assertEquals("[[\"alpha\",\"b,c\",\"q\\\"x\"],[" + epochNanos(T1) + "," + epochNanos(T2) + "," +
            epochNanos(T3) + "],[3.14159,-2.71828,null]]", f.rows());
    }

    @Test
    void rowsFlatten() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "rowsFlatten", "true"));
        assertEquals("rows", f.rowsKey());
        assertEquals("[\"alpha\"," + epochNanos(T1) + ",3.14159,\"b,c\"," + epochNanos(T2) + ",-2.71828,\"q\\\"x\"," +
            epochNanos(T3) + ",null]", f.rows());
        final QueryE2e.Fetch numbered = fetch(server.query(SELECT_NOT_NULL, "rowsFlatten", "true", "rownum", "true"));
        assertEquals("[1,\"alpha\"," + epochNanos(T1) + ",3.14159,2,\"b,c\"," + epochNanos(T2) + ",-2.71828]",
            numbered.rows());
    }

    @Test
    void rowsArray() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, "rowsArray", "true"));
        assertEquals("rows", f.rowsKey());
        assertEquals("[\"NAME\",\"TIME\",\"VALUE\"]", f.columns());
        assertEquals(parse("[{\"NAME\":\"alpha\",\"TIME\":" + epochNanos(T1) + ",\"VALUE\":3.14159}," +
            "{\"NAME\":\"b,c\",\"TIME\":" + epochNanos(T2) + ",\"VALUE\":-2.71828}," +
            "{\"NAME\":\"q\\\"x\",\"TIME\":" + epochNanos(T3) + ",\"VALUE\":null}]"), parse(f.rows()));
        final QueryE2e.Fetch numbered = fetch(server.query(SELECT_NOT_NULL, "rowsArray", "true", "rownum", "true"));
        assertEquals("[\"ROWNUM\",\"NAME\",\"TIME\",\"VALUE\"]", numbered.columns());
        final JsonNode objects = parse(numbered.rows());
        assertEquals(2, objects.size());
        assertEquals(1, objects.get(0).get("ROWNUM").asInt());
        assertEquals(2, objects.get(1).get("ROWNUM").asInt());
        assertEquals("b,c", objects.get(1).get("NAME").asText());
    }

    @Test
    void layoutOptionsWithTimeformatAndPrecision() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT_NOT_NULL, "transpose", "true", "timeformat", "ms",
            "precision", "1"));
        assertEquals("[[\"alpha\",\"b,c\"],[" + T1.toEpochMilli() + "," + T2.toEpochMilli() + "],[" + fixed(V1, 1) +
            "," + fixed(V2, 1) + "]]", f.rows());
    }

    @Test
    void jsonLayoutOptionsDoNotChangeCsv() throws Exception
    {
        final String csv = body(server.query(SELECT, "format", "csv"));
        for (final String option : new String[] {"transpose", "rowsFlatten", "rowsArray"})
        {
            assertEquals(csv, body(server.query(SELECT, "format", "csv", option, "true")), option);
        }
    }

    @Test
    void emptyResultInEveryLayout() throws Exception
    {
        final String none = "select * from OPTS where name = 'nobody'";
        assertEquals("[]", fetch(server.query(none)).rows());
        assertEquals("[]", fetch(server.query(none, "rowsFlatten", "true")).rows());
        assertEquals("[]", fetch(server.query(none, "rowsArray", "true")).rows());
        final QueryE2e.Fetch t = fetch(server.query(none, "transpose", "true"));
        assertEquals("cols", t.rowsKey());
        final JsonNode cols = parse(t.rows());
        // Neo leaves the column lists out when there are no rows; an empty list per column is as good.
        for (final JsonNode col : cols)
        {
            assertTrue(col.isArray() && col.isEmpty(), t.rows());
        }
        assertEquals("NAME,TIME,VALUE\n\n", body(server.query(none, "format", "csv")));
        final String box = body(server.query(none, "format", "box"));
        assertFalse(box.contains("|  |"), box);
        assertTrue(box.contains("| NAME | TIME | VALUE |"), box);
    }

    @Test
    void csvFieldsWithNewlinesAreQuoted() throws Exception
    {
        assertEquals("\"two\nlines\",x\n\n", body(server.query("select 'two' || chr(10) || 'lines' as a, 'x' as b",
            "format", "csv", "header", "skip")));
    }
}
