package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.server.e2e.QueryE2e.epochNanos;
import static sluice.server.e2e.QueryE2e.failure;
import static sluice.server.e2e.QueryE2e.fetch;
import static sluice.server.e2e.QueryE2e.quote;

/**
 * {@code GET|POST /db/query} through HTTP (spec/machbase.md "GET|POST /db/query"): where the parameters come from
 * (query string, urlencoded form, JSON object with case-insensitive keys, 415 for anything else), {@code q},
 * {@code p} bind parameters, {@code format} and {@code compress}, and the exact key order of the JSON envelopes.
 */
class MachbaseQueryParamsE2eTest
{
    private static final String TABLE = "PARAMS";
    private static final Instant T1 = Instant.parse("2023-02-15T03:39:21Z");
    private static final Instant T2 = Instant.parse("2023-02-15T03:39:22.250Z");
    private static final Instant T3 = Instant.parse("2023-02-15T03:39:23.500Z");
    private static final String SELECT = "select * from PARAMS order by time";
    /** The rows of SELECT as Neo's JSON prints them with the default timeformat (ns). */
    private static final String ROWS_JSON = "[[\"a\"," + epochNanos(T1) + ",1.5],[\"b\"," + epochNanos(T2) +
        ",-0.25],[\"c\"," + epochNanos(T3) + ",100]]";
    private static final String ROWS_CSV = "NAME,TIME,VALUE\n" + "a," + epochNanos(T1) + ",1.5\n" + "b," +
        epochNanos(T2) + ",-0.25\n" + "c," + epochNanos(T3) + ",100\n" + "\n";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void start() throws Exception
    {
        QueryE2e.createTag(server, TABLE);
        QueryE2e.write(server, TABLE, "application/json",
            "{\"data\":{\"columns\":[\"name\",\"time\",\"value\"],\"rows\":[" +
                "[\"a\"," + epochNanos(T1) + ",1.5],[\"b\"," + epochNanos(T2) + ",-0.25],[\"c\"," + epochNanos(T3) +
                ",100]]}}", 3);
    }

    // q

    @Test
    void emptyQIs400InEveryTransport() throws Exception
    {
        final String reason = "sql text is empty";
        failure(server.get("/db/query?q="), 400, reason);
        failure(server.get("/db/query"), 400, reason);
        failure(server.get("/db/query?format=csv"), 400, reason);
        failure(server.post("/db/query", "application/x-www-form-urlencoded", "q="), 400, reason);
        failure(server.post("/db/query", "application/x-www-form-urlencoded", "format=json"), 400, reason);
        failure(server.post("/db/query", "application/json", "{\"q\":\"\"}"), 400, reason);
        failure(server.post("/db/query", "application/json", "{\"format\":\"csv\"}"), 400, reason);
    }

    // Envelopes

    @Test
    void jsonResultKeysInSpecOrder() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT));
        assertEquals("[\"NAME\",\"TIME\",\"VALUE\"]", f.columns());
        assertEquals("[\"string\",\"datetime\",\"double\"]", f.types());
        assertEquals("rows", f.rowsKey());
        assertEquals(ROWS_JSON, f.rows());
    }

    @Test
    void emptyResultHasEmptyRows() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query("select name, value from PARAMS where name = 'none'"));
        assertEquals("[\"NAME\",\"VALUE\"]", f.columns());
        assertEquals("[\"string\",\"double\"]", f.types());
        assertEquals("[]", f.rows());
    }

    @Test
    void aliasesComeBackUppercase() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query("select name as tag, value * 2 as \"Double\" from PARAMS " +
            "where name = 'a'"));
        assertEquals("[\"TAG\",\"DOUBLE\"]", f.columns());
        assertEquals("[[\"a\",3]]", f.rows());
    }

    /** Type names for the kinds Neo lacks: {@code bool decimal date time} (spec/machbase.md). */
    @Test
    void typeNamesForKindsNeoLacks() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query("select true as b, cast(1.25 as decimal(10,2)) as d, " +
            "date '2023-02-15' as dt, time '03:39:21' as tm"));
        assertEquals("[\"bool\",\"decimal\",\"date\",\"time\"]", f.types());
        final JsonNode row = QueryE2e.parse(f.rows()).get(0);
        assertTrue(row.get(0).booleanValue());
        assertEquals(0, new java.math.BigDecimal("1.25").compareTo(row.get(1).decimalValue()), f.rows());
    }

    // p

    @Test
    void bindParametersFromQueryString() throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(
            "select name, value from PARAMS where name = ? or value > ? order by name", "p", "[\"a\", 50]"));
        assertEquals("[[\"a\",1.5],[\"c\",100]]", f.rows());
    }

    @Test
    void bindParametersOfEveryScalarKind() throws Exception
    {
        final String sql = "select cast(? as varchar) as s, cast(? as bigint) as i, cast(? as double) as d, " +
            "cast(? as boolean) as b, cast(? as varchar) as n";
        final String p = "[\"x y\", 9007199254740993, 2.5, true, null]";
        final String expectedRows = "[[\"x y\",9007199254740993,2.5,true,null]]";
        final QueryE2e.Fetch get = fetch(server.query(sql, "p", p));
        assertEquals("[\"S\",\"I\",\"D\",\"B\",\"N\"]", get.columns());
        assertEquals("[\"string\",\"int64\",\"double\",\"bool\",\"string\"]", get.types());
        assertEquals(expectedRows, get.rows());
        // The same through a form and through a JSON body, where p is a real JSON array.
        final QueryE2e.Fetch form = fetch(server.post("/db/query", "application/x-www-form-urlencoded",
            "q=" + TestServer.encode(sql) + "&p=" + TestServer.encode(p)));
        assertEquals(expectedRows, form.rows());
        final QueryE2e.Fetch json = fetch(server.post("/db/query", "application/json",
            "{\"q\":" + quote(sql) + ",\"p\":" + p + "}"));
        assertEquals(expectedRows, json.rows());
    }

    @Test
    void nonScalarBindParameterIs400() throws Exception
    {
        final String reason = "bind parameter must be scalar";
        final String sql = "select name from PARAMS where name = ?";
        failure(server.query(sql, "p", "[[\"a\"]]"), 400, reason);
        failure(server.query(sql, "p", "[{\"a\":1}]"), 400, reason);
        failure(server.post("/db/query", "application/json", "{\"q\":" + quote(sql) + ",\"p\":[[1,2]]}"), 400,
            reason);
        failure(server.post("/db/query", "application/json", "{\"q\":" + quote(sql) + ",\"p\":[{\"k\":\"v\"}]}"),
            400, reason);
        failure(server.post("/db/query", "application/x-www-form-urlencoded",
            "q=" + TestServer.encode(sql) + "&p=" + TestServer.encode("[[\"a\"]]")), 400, reason);
    }

    private static final String TWO_PLACEHOLDERS = "select name from PARAMS where name = ? and value > ?";

    /** No values for the placeholders is the client's mistake: 400, as every SQL error. */
    @Test
    void missingBindParametersAre400() throws Exception
    {
        failure(server.query(TWO_PLACEHOLDERS), 400);
    }

    @Test
    void tooFewBindParametersAre400() throws Exception
    {
        failure(server.query(TWO_PLACEHOLDERS, "p", "[\"a\"]"), 400);
    }

    @Test
    void tooManyBindParametersAre400() throws Exception
    {
        failure(server.query(TWO_PLACEHOLDERS, "p", "[\"a\", 1, 2]"), 400);
    }

    @Test
    void malformedJsonBodyIs400() throws Exception
    {
        failure(server.post("/db/query", "application/json", "{\"q\":"), 400);
        failure(server.post("/db/query", "application/json", "[\"select 1\"]"), 400);
        failure(server.post("/db/query", "application/json", "{\"q\":\"select 1\",\"p\":\"not an array\"}"), 400);
    }

    // format

    @Test
    void formatCsv() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "format", "csv");
        assertEquals(200, r.statusCode(), r.body());
        QueryE2e.assertContentType(r, "text/csv");
        assertEquals(ROWS_CSV, r.body());
    }

    @Test
    void formatNdjson() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "format", "ndjson");
        assertEquals(200, r.statusCode(), r.body());
        QueryE2e.assertContentType(r, "application/x-ndjson");
        final String body = r.body();
        assertTrue(body.endsWith("}\n\n"), () -> "NDJSON ends with Neo's extra newline: " + body);
        final List<String> lines = List.of(body.substring(0, body.length() - 2).split("\n", -1));
        assertEquals(3, lines.size(), body);
        assertEquals(QueryE2e.parse("{\"NAME\":\"a\",\"TIME\":" + epochNanos(T1) + ",\"VALUE\":1.5}"),
            QueryE2e.parse(lines.get(0)));
        assertEquals(QueryE2e.parse("{\"NAME\":\"b\",\"TIME\":" + epochNanos(T2) + ",\"VALUE\":-0.25}"),
            QueryE2e.parse(lines.get(1)));
        assertEquals(QueryE2e.parse("{\"NAME\":\"c\",\"TIME\":" + epochNanos(T3) + ",\"VALUE\":100}"),
            QueryE2e.parse(lines.get(2)));
    }

    @Test
    void formatBox() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "format", "box");
        assertEquals(200, r.statusCode(), r.body());
        QueryE2e.assertContentType(r, "text/plain");
        assertEquals(QueryE2e.box(List.of("NAME", "TIME", "VALUE"), List.of(
            List.of("a", String.valueOf(epochNanos(T1)), "1.5"),
            List.of("b", String.valueOf(epochNanos(T2)), "-0.25"),
            List.of("c", String.valueOf(epochNanos(T3)), "100"))), r.body());
    }

    @Test
    void formatJsonExplicitAndUnknownFallBackToJson() throws Exception
    {
        for (final String format : new String[] {"json", "JSON", "xml", "html", "parquet"})
        {
            final QueryE2e.Fetch f = fetch(server.query(SELECT, "format", format));
            assertEquals(ROWS_JSON, f.rows(), format);
        }
    }

    // Transports

    @Test
    void postFormEqualsGet() throws Exception
    {
        final HttpResponse<String> csv = server.post("/db/query", "application/x-www-form-urlencoded",
            "q=" + TestServer.encode(SELECT) + "&format=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        QueryE2e.assertContentType(csv, "text/csv");
        assertEquals(ROWS_CSV, csv.body());
        final QueryE2e.Fetch json = fetch(server.post("/db/query",
            "application/x-www-form-urlencoded; charset=UTF-8", "q=" + TestServer.encode(SELECT)));
        assertEquals(ROWS_JSON, json.rows());
    }

    /** Form encoding writes spaces as '+', in query strings (browsers, Go's url.Values) and bodies alike. */
    @Test
    void plusIsASpace() throws Exception
    {
        final String expected = "[[\"a\",1.5],[\"b\",-0.25],[\"c\",100]]";
        assertEquals(expected, fetch(server.get("/db/query?q=select+name,+value+from+PARAMS+order+by+name")).rows());
        assertEquals(expected, fetch(server.post("/db/query", "application/x-www-form-urlencoded",
            "q=select+name%2C+value+from+PARAMS+order+by+name")).rows());
    }

    @Test
    void postJsonWithCaseInsensitiveKeys() throws Exception
    {
        final HttpResponse<String> csv = server.post("/db/query", "application/json",
            "{\"Q\":" + quote(SELECT) + ",\"FORMAT\":\"csv\",\"TimeFormat\":\"s\",\"Heading\":false}");
        assertEquals(200, csv.statusCode(), csv.body());
        QueryE2e.assertContentType(csv, "text/csv");
        assertEquals("a," + T1.getEpochSecond() + ",1.5\nb," + T2.getEpochSecond() + ",-0.25\nc," +
            T3.getEpochSecond() + ",100\n\n", csv.body());
        final QueryE2e.Fetch json = fetch(server.post("/db/query", "application/json; charset=utf-8",
            "{\"q\":" + quote(SELECT) + ",\"rownum\":true,\"timeformat\":\"ms\"}"));
        assertEquals("[\"ROWNUM\",\"NAME\",\"TIME\",\"VALUE\"]", json.columns());
        assertEquals("[[1,\"a\"," + T1.toEpochMilli() + ",1.5],[2,\"b\"," + T2.toEpochMilli() + ",-0.25],[3,\"c\"," +
            T3.toEpochMilli() + ",100]]", json.rows());
    }

    @Test
    void otherPostContentTypeIs415() throws Exception
    {
        final String form = "q=" + TestServer.encode(SELECT);
        failure(server.post("/db/query", "text/plain", form), 415, "unsupported content-type: text/plain");
        failure(server.post("/db/query", "text/csv; charset=utf-8", form), 415,
            "unsupported content-type: text/csv");
        failure(server.post("/db/query", "application/xml", form), 415, "unsupported content-type: application/xml");
        failure(server.post("/db/query", "multipart/form-data; boundary=x", form), 415,
            "unsupported content-type: multipart/form-data");
    }

    // compress

    @Test
    void compressGzip() throws Exception
    {
        for (final String format : new String[] {"json", "csv", "ndjson", "box"})
        {
            final String plain = server.query(SELECT, "format", format).body();
            final HttpResponse<byte[]> gz = QueryE2e.sendBytes(HttpRequest.newBuilder(server.uri(
                "/db/query?q=" + TestServer.encode(SELECT) + "&format=" + format + "&compress=gzip")).GET().build());
            assertEquals(200, gz.statusCode(), () -> new String(gz.body(), StandardCharsets.UTF_8));
            assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null), format);
            final String body = QueryE2e.gunzip(gz.body());
            if (format.equals("json"))
            {
                final JsonNode a = QueryE2e.parse(body);
                final JsonNode b = QueryE2e.parse(plain);
                assertEquals(b.get("data"), a.get("data"));
                assertEquals(ROWS_JSON, body.replaceAll(".*\"rows\":(\\[.*\\])\\},.*", "$1"));
            }
            else
            {
                assertEquals(plain, body, format);
            }
        }
    }

    @Test
    void compressGzipThroughPostJson() throws Exception
    {
        final HttpResponse<byte[]> gz = QueryE2e.sendBytes(HttpRequest.newBuilder(server.uri("/db/query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"q\":" + quote(SELECT) + ",\"format\":\"csv\"," +
                "\"compress\":\"gzip\"}"))
            .build());
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(ROWS_CSV, QueryE2e.gunzip(gz.body()));
    }

    @Test
    void noCompressionUnlessAsked() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "format", "csv");
        assertTrue(r.headers().firstValue("Content-Encoding").isEmpty(), r.headers().toString());
    }
}
