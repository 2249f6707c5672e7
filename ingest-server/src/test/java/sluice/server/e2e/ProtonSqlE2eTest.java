package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proton's SQL side through a running server: {@code INSERT … VALUES} on {@code /?query=} (through the ingest path:
 * coercions, all-or-nothing, idempotency ids) read back with {@code SELECT … FROM table(s)} and {@code /db/query}, and
 * {@code POST /proton/v1/search}.
 */
class ProtonSqlE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void streams() throws Exception
    {
        sql("CREATE STREAM iv (id int, name string, v nullable(float64), tags array(string), " +
            "attrs map(string, int32), ts datetime64(3, 'UTC'))");
        sql("CREATE STREAM small (id int, name string)");
    }

    @Test
    void insertValuesWithEveryKindOfLiteral() throws Exception
    {
        final HttpResponse<String> r = sql("INSERT INTO iv (id, name, v, tags, attrs, ts) VALUES " +
            "(1, 'It\\'s', -2.5, ['a', 'b'], {'k': 1, 'j': -2}, '2021-04-01 12:00:00.250'), " +
            "(2, 'tab\\there', NULL, [], {}, to_datetime('2021-04-02 00:00:00')), " +
            "(+3, 'x', 1e2, ['c'], map_from_json('ignored'), 1617235200)");
        // The third row uses a function that is not a literal: nothing of the statement lands.
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("Code: 62. DB::Exception: Syntax error: function map_from_json at position "),
            r.body());
        final HttpResponse<String> ok = sql("INSERT INTO iv (id, name, v, tags, attrs, ts) VALUES " +
            "(1, 'It\\'s', -2.5, ['a', 'b'], {'k': 1, 'j': -2}, '2021-04-01 12:00:00.250'), " +
            "(2, 'tab\\there', NULL, [], {}, to_datetime('2021-04-02 00:00:00')), " +
            "(+3, 'x', 1e2, ['c'], {}, cast(1617235200 AS datetime64(3)));");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("", ok.body());
        assertEquals("{\"id\":1,\"ts\":\"2021-04-01 12:00:00.250\"}\n",
            sql("SELECT id, ts FROM table(iv) WHERE id = 1 FORMAT JSONEachRow").body());
        assertEquals("1\tIt's\t-2.5\t[a, b]\t{k=1, j=-2}\t2021-04-01 12:00:00.250\n" +
            "2\ttab\\there\t\\N\t[]\t{}\t2021-04-02 00:00:00\n" +
            "3\tx\t100.0\t[c]\t{}\t2021-04-01 00:00:00\n",
            sql("SELECT id, name, v, tags, attrs, ts FROM table(iv) ORDER BY id").body());
        // Without a column list the rows give every declared column; _tp_time takes its DEFAULT.
        assertEquals(200, sql("INSERT INTO iv VALUES (4, 'all', 0.5, [], {}, now64(3, 'UTC'))").statusCode());
        assertEquals("4,all,1\n", server.rowsCsv("select id, name, _tp_time > now() - INTERVAL 1 MINUTE and " +
            "ts > now() - INTERVAL 1 MINUTE from \"default\".iv where id = 4").replace("true", "1"));
    }

    @Test
    void insertTakesTheRowsFromTheBodyAndIsAllOrNothing() throws Exception
    {
        // ClickHouse clients put the statement in the URL and the rows in the body.
        final HttpResponse<String> r = server.post("/?query=" +
            TestServer.encode("INSERT INTO small (id, name) VALUES"), "text/plain", "(10, 'body'), (11, 'more')");
        assertEquals(200, r.statusCode(), r.body());
        final HttpResponse<String> bad = sql("INSERT INTO small (id, name) VALUES (20, 'ok'), (1.5, 'float')");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().startsWith("Code: 27. DB::Exception: ") && bad.body().contains("row 2"), bad.body());
        final HttpResponse<String> column = sql("INSERT INTO small (id, nam) VALUES (21, 'x')");
        assertEquals(400, column.statusCode(), column.body());
        assertTrue(column.body().startsWith("Code: 16. DB::Exception: ") && column.body().contains("nam"),
            column.body());
        final HttpResponse<String> stream = sql("INSERT INTO nowhere VALUES (1)");
        assertEquals(404, stream.statusCode(), stream.body());
        assertEquals("Code: 60. DB::Exception: Stream default.nowhere doesn't exist\n", stream.body());
        final HttpResponse<String> select = sql("INSERT INTO small SELECT 1, 'x'");
        assertEquals(400, select.statusCode(), select.body());
        assertTrue(select.body().contains("only INSERT … VALUES"), select.body());
        assertEquals("10\tbody\n11\tmore\n",
            sql("SELECT id, name FROM table(small) WHERE id BETWEEN 10 AND 29 ORDER BY id").body());
    }

    @Test
    void insertHonoursTheIdempotencyId() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            final HttpResponse<String> r = server.post("/?query=" + TestServer.encode(
                "INSERT INTO small (id, name) VALUES (30, 'once')"), "text/plain", new byte[0],
                "x-timeplus-idempotent-id", "insert-30");
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals("1\n", server.rowsCsv("select count(*) from \"default\".small where id = 30"));
    }

    @Test
    void searchAnswersJsonCompactWithPaging() throws Exception
    {
        assertEquals(200, sql("INSERT INTO small (id, name) VALUES (40, 'a'), (41, 'b'), (42, 'c')").statusCode());
        final HttpResponse<String> r = server.post("/proton/v1/search", "application/json",
            "{\"query\":\"SELECT id, name FROM table(small) WHERE id >= 40 ORDER BY id\",\"offset\":1," +
                "\"page_size\":5}");
        assertEquals(200, r.statusCode(), r.body());
        final JsonNode body = JSON.readTree(r.body());
        assertEquals("[[41,\"b\"],[42,\"c\"]]", body.get("data").toString(), r.body());
        assertEquals(2, body.get("rows").asInt(), r.body());
        assertEquals("id", body.get("meta").get(0).get("name").asText(), r.body());
        final HttpResponse<String> csv = server.post("/proton/v1/search?default_format=CSV", "application/json",
            "{\"query\":\"SELECT name FROM small WHERE id >= 40 ORDER BY id\"}");
        assertEquals("a\nb\nc\n", csv.body());
    }

    @Test
    void searchErrorsAreProtonsJson() throws Exception
    {
        assertSearchError("{\"page_size\":1}", 400, 117, "Invalid Request, 'query' field is missing or not a string");
        assertSearchError("{\"query\":\"SELECT 1\",\"offset\":0}", 400, 117, "Missing 'offset' or 'page_size'");
        assertSearchError("{\"query\":\"SELECT 1\",\"offset\":0,\"page_size\":0}", 400, 117,
            "Invalid 'offset' or 'page_size'");
        assertSearchError("{\"query\":\"SELECT 1\",\"mode\":\"live\"}", 400, 117,
            "Invalid 'mode': live, only support 'standard', 'verbose', 'table'");
        assertSearchError("{\"query\":\"DROP STREAM small\"}", 400, 117, "Invalid Request, 'query' must be a SELECT");
        assertSearchError("{\"query\":\"SELECT 1; DROP STREAM small\"}", 400, 117,
            "Syntax error: multi-statements are not allowed (';' at position 9)");
        assertSearchError("not json", 400, 117, null);
        final JsonNode missing = assertSearchError("{\"query\":\"SELECT * FROM table(nope)\"}", 404, 60, null);
        assertTrue(missing.get("error_msg").asText().contains("nope"), missing.toString());
        assertEquals(200, sql("SELECT count(*) FROM small").statusCode(), "the stream is still there");
    }

    @Test
    void aBackslashQuoteCannotSmuggleInASecondStatement() throws Exception
    {
        assertEquals("It's\n", sql("SELECT 'It\\'s'").body());
        // To DuckDB, which reads no backslash escapes, the string would end at \' and two statements follow.
        final HttpResponse<String> select = sql("SELECT 'a\\'; DROP STREAM small; SELECT 1'");
        assertEquals(200, select.statusCode(), select.body());
        assertEquals("a'; DROP STREAM small; SELECT 1\n", select.body(), "one string, as the lexer read it");
        // Valid DuckDB once copied as written: it would drop the table.
        assertEquals(400, sql("SELECT 'a\\'; DROP TABLE \"default\".small; SELECT 1 /*' */").statusCode());
        final HttpResponse<String> search = server.post("/proton/v1/search", "application/json",
            "{\"query\":\"SELECT 'a\\\\'); DROP TABLE \\\"default\\\".small; SELECT (1 /*' */\"}");
        assertEquals(400, search.statusCode(), search.body());
        final HttpResponse<String> nested = sql("SELECT 1 /* /* */ ; DROP TABLE \"default\".small; /* */");
        assertEquals(400, nested.statusCode(), nested.body());
        final HttpResponse<String> with = sql("WITH x AS (SELECT 1) DELETE FROM small");
        assertEquals(400, with.statusCode(), with.body());
        assertTrue(with.body().contains("WITH here leads to a SELECT; got DELETE"), with.body());
        assertEquals(200, sql("SELECT count(*) FROM small").statusCode(), "the stream is still there");
    }

    @Test
    void aGetOnlyReads() throws Exception
    {
        final HttpResponse<String> drop = server.get("/?query=" + TestServer.encode("DROP STREAM small"));
        assertEquals(400, drop.statusCode(), drop.body());
        assertTrue(drop.body().startsWith("Code: 164. DB::Exception: Cannot execute \"DROP\" in readonly mode"),
            drop.body());
        assertEquals(400, server.get("/?query=" + TestServer.encode("INSERT INTO small VALUES (99, 'get')"))
            .statusCode());
        assertEquals("0\n", server.get("/?query=" + TestServer.encode("SELECT count(*) FROM small WHERE id = 99"))
            .body());
    }

    private static JsonNode assertSearchError(
        final String body, final int status, final int code, final String message) throws Exception
    {
        final HttpResponse<String> r = server.post("/proton/v1/search", "application/json", body);
        assertEquals(status, r.statusCode(), r.body());
        final JsonNode error = JSON.readTree(r.body());
        assertEquals(code, error.get("code").asInt(), r.body());
        assertTrue(error.get("request_id").asText().length() > 0, r.body());
        if (message != null)
        {
            assertEquals(message, error.get("error_msg").asText(), r.body());
        }
        return error;
    }

    private static HttpResponse<String> sql(final String statement) throws Exception
    {
        final HttpResponse<String> r = server.post("/?query=" + TestServer.encode(statement), "text/plain",
            new byte[0]);
        if (statement.startsWith("CREATE"))
        {
            assertEquals(200, r.statusCode(), r.body());
        }
        return r;
    }
}
