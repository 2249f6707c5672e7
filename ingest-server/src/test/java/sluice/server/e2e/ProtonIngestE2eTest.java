package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proton's ingest API through a running server (spec/proton.md, seeds/proton-ingest-api.md): the seed's stream and
 * curl body, modes, request and idempotency ids, gzip, all-or-nothing requests and the error table, and the stream
 * DDL endpoint; rows read back through {@code /db/query} by their qualified name.
 */
class ProtonIngestE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED_BODY = "{\n  \"columns\": [\"id\",\"name\"],\n  \"data\": [\n    [1,\"hello\"],\n" +
        "    [2,\"world\"]\n  ]\n}";

    @BeforeAll
    static void streams() throws Exception
    {
        // The seed's CREATE STREAM foo(id int, name string), through the DDL endpoint.
        createStream("{\"name\":\"foo\",\"columns\":[{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"name\"," +
            "\"type\":\"string\"}]}");
        createStream("{\"name\":\"typed\",\"columns\":[{\"name\":\"u\",\"type\":\"uint8\"},{\"name\":\"n\"," +
            "\"type\":\"int32\",\"nullable\":true},{\"name\":\"s\",\"type\":\"string\",\"default\":\"'dflt'\"}]}");
    }

    @Test
    void theSeedsCurlBodyLandsWithItsRequestId() throws Exception
    {
        final HttpResponse<String> r = server.post("/proton/v1/ingest/streams/foo", "application/json", SEED_BODY,
            "x-timeplus-request-id", "seed-1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"request_id\":\"seed-1\"}", r.body());
        assertEquals("seed-1", r.headers().firstValue("x-timeplus-query-id").orElse(null));
        awaitRows("select id, name from \"default\".foo where id <= 2 order by id", "1,hello\n2,world\n");
        // _tp_time is filled at ingest.
        assertEquals("2\n", server.rowsCsv("select count(*) from \"default\".foo where _tp_time > now() - " +
            "INTERVAL 1 MINUTE and id <= 2"));
    }

    @Test
    void everyModeStoresItsRowsSyncAndOrderedOnceVisibleAndBadModesAreRefused() throws Exception
    {
        final HttpResponse<String> r = server.post("/proton/v1/ingest/streams/foo?mode=sync", "application/json",
            "{\"data\":[[10,\"sync\"]],\"columns\":[\"id\",\"name\"],\"extra\":1}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("sync\n", server.rowsCsv("select name from \"default\".foo where id = 10"));
        // ordered waits for the commit as sync does: visible the moment it is answered.
        assertEquals(200, server.post("/proton/v1/ingest/streams/foo?mode=ordered", "application/json",
            "{\"columns\":[\"id\",\"name\"],\"data\":[[11,\"ordered\"]]}").statusCode());
        assertEquals("ordered\n", server.rowsCsv("select name from \"default\".foo where id = 11"));
        // async and fire_and_forget answer once the rows are in the ring; they land all the same.
        for (final String mode : new String[] {"async", "fire_and_forget"})
        {
            final HttpResponse<String> early = server.post("/proton/v1/ingest/streams/foo?mode=" + mode,
                "application/json", "{\"columns\":[\"id\",\"name\"],\"data\":[[12,\"" + mode + "\"]]}");
            assertEquals(200, early.statusCode(), early.body());
        }
        awaitRows("select name from \"default\".foo where id = 12 order by name", "async\nfire_and_forget\n");
        assertError(server.post("/proton/v1/ingest/streams/foo?mode=eventually", "application/json", SEED_BODY),
            400, 408, "No support ingest mode: eventually");
    }

    @Test
    void aRepeatedIdempotencyIdIngestsNothing() throws Exception
    {
        final String body = "{\"columns\":[\"id\",\"name\"],\"data\":[[20,\"once\"]]}";
        for (int i = 0; i < 3; i++)
        {
            final HttpResponse<String> r = server.post("/proton/v1/ingest/streams/foo?mode=sync", "application/json",
                body, "x-timeplus-idempotent-id", "key-20");
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals("1\n", server.rowsCsv("select count(*) from \"default\".foo where id = 20"));
    }

    /**
     * A repeat of a large request (a client's retry after a crash) is answered once its body is read: answered at
     * the head, the body past the connection's discard limit (1 MiB) closed the connection under the client, which
     * saw a reset instead of the 200 (found by CrashCyclesE2eTest) and would retry forever.
     */
    @Test
    void aRepeatOfALargeRequestIsAnsweredAfterItsBody() throws Exception
    {
        final StringBuilder body = new StringBuilder("{\"columns\":[\"id\",\"name\"],\"data\":[");
        for (int i = 0; i < 30_000; i++)
        {
            body.append(i == 0 ? "[" : ",[").append(1_000_000 + i).append(",\"").append("x".repeat(60)).append("\"]");
        }
        final String large = body.append("]}").toString();
        assertTrue(large.length() > 2 << 20);
        for (int i = 0; i < 3; i++)
        {
            final HttpResponse<String> r = server.post("/proton/v1/ingest/streams/foo", "application/json", large,
                "x-timeplus-idempotent-id", "large-1");
            assertEquals(200, r.statusCode(), r.body());
        }
        awaitRows("select count(*), count(distinct id) from \"default\".foo where id >= 1000000", "30000,30000\n");
    }

    @Test
    void theEventTimeColumnFeedsTpTime() throws Exception
    {
        final HttpResponse<String> created = server.post("/?query=" + TestServer.encode("CREATE STREAM ev (id int, " +
            "ts datetime64(3, 'UTC')) SETTINGS event_time_column='ts'"), "text/plain", "");
        assertEquals(200, created.statusCode(), created.body());
        final HttpResponse<String> r = post("ev?mode=sync", "{\"columns\":[\"id\",\"ts\"],\"data\":[" +
            "[1,\"2021-04-01 12:34:56.789\"],[2,1617280496]]}");
        assertEquals(200, r.statusCode(), r.body());
        // A _tp_time the row gives wins.
        assertEquals(200, post("ev?mode=sync", "{\"columns\":[\"id\",\"ts\",\"_tp_time\"],\"data\":[" +
            "[3,\"2021-04-01 00:00:00\",\"2020-01-01 00:00:00\"]]}").statusCode());
        assertEquals("1,2021-04-01 12:34:56.789\n2,2021-04-01 12:34:56\n3,2020-01-01 00:00:00\n",
            server.rowsCsv("select id, strftime(_tp_time, '%Y-%m-%d %H:%M:%S.%g') from \"default\".ev order by id")
                .replace(".000\n", "\n"));
    }

    @Test
    void gzipBodiesAndDefaults() throws Exception
    {
        final ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped))
        {
            gzip.write("{\"columns\":[\"u\",\"n\"],\"data\":[[\"7\",null],[true,\"\"]]}".getBytes(StandardCharsets.UTF_8));
        }
        final HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri(
                "/proton/v1/ingest/streams/typed?mode=sync")).header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build());
        assertEquals(200, r.statusCode(), r.body());
        // Quoted numbers and booleans coerced; null and "" into nullable(int32) are NULL; s left out takes its DEFAULT.
        assertEquals("1,NULL,dflt\n7,NULL,dflt\n", server.rowsCsv("select u, n, s from \"default\".typed order by u"));
    }

    @Test
    void errorTableAndAllOrNothing() throws Exception
    {
        assertError(post("foo", "{\"columns\":[\"id\"]}"), 400, 117, "Invalid Request, missing 'data' field");
        assertError(post("foo", "{\"data\":[[1]]}"), 400, 117, "Invalid Request, 'columns' field is missing");
        assertError(post("foo", "{\"columns\":[],\"data\":[[1]]}"), 400, 117,
            "Invalid Request, 'columns' field is invalid");
        assertError(post("nope", SEED_BODY), 404, 60, "Stream default.nope doesn't exist");
        final JsonNode unknown = assertError(post("foo", "{\"columns\":[\"id\",\"nam\"],\"data\":[[1,\"x\"]]}"),
            400, 16, null);
        assertTrue(unknown.get("error_msg").asText().contains("nam"), unknown.toString());
        // A bad second row drops the whole request: the good first row does not land.
        final JsonNode bad = assertError(post("foo", "{\"columns\":[\"id\",\"name\"],\"data\":[[30,\"ok\"]," +
            "[1.5,\"float into int\"]]}"), 400, 27, null);
        assertTrue(bad.get("error_msg").asText().contains("row 2"), bad.toString());
        assertError(post("typed", "{\"columns\":[\"u\"],\"data\":[[-1]]}"), 400, 72, null);
        final JsonNode syntax = assertError(post("foo", "{\"columns\":[\"id\"],\"data\":[[1"), 400, 117, null);
        assertTrue(syntax.get("request_id").asText().length() > 0, syntax.toString());
        assertEquals("0\n", server.rowsCsv("select count(*) from \"default\".foo where id = 30"));
    }

    @Test
    void ddlEndpointListsAndDropsStreams() throws Exception
    {
        createStream("{\"name\":\"temp\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        final HttpResponse<String> again = server.post("/proton/v1/ddl/streams", "application/json",
            "{\"name\":\"temp\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        assertError(again, 400, 57, "Stream 'default.temp' already exists.");
        final JsonNode list = JSON.readTree(server.get("/proton/v1/ddl/streams").body());
        final List<String> names = new ArrayList<>();
        list.get("data").forEach(s -> names.add(s.get("name").asText()));
        assertTrue(names.containsAll(List.of("foo", "typed", "temp")), list.toString());
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/proton/v1/ddl/streams/temp")).DELETE()
            .build()).statusCode());
        assertError(server.send(HttpRequest.newBuilder(server.uri("/proton/v1/ddl/streams/temp")).DELETE().build()),
            404, 60, "Stream default.temp doesn't exist");
        assertEquals("{\"status\":\"UP\"}", server.get("/proton/ping").body());
        assertTrue(JSON.readTree(server.get("/proton/info").body()).get("build").has("version"));
    }

    @Test
    void clickHouseStyleSqlCreatesReadsAndDropsStreams() throws Exception
    {
        assertEquals("Ok.\n", server.get("/").body());
        final HttpResponse<String> created = server.post("/?query=" + TestServer.encode(
            "CREATE STREAM IF NOT EXISTS sq (id int, name string, v nullable(float64))"), null, new byte[0]);
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(200, post("sq", "{\"columns\":[\"id\",\"name\",\"v\"],\"data\":[[1,\"a\\tb\",null]," +
            "[2,\"c,d\",2.5]]}").statusCode());
        awaitRows("select count(*) from \"default\".sq", "2\n");
        final String select = "SELECT id, name, v FROM table(sq) ORDER BY id";
        assertEquals("1\ta\\tb\t\\N\n2\tc,d\t2.5\n", server.get("/?query=" + TestServer.encode(select)).body());
        assertEquals("id,name,v\n1,a\tb,\\N\n2,\"c,d\",2.5\n",
            server.get("/?query=" + TestServer.encode(select + " FORMAT CSVWithNames")).body());
        assertEquals("{\"id\":1,\"name\":\"a\\tb\",\"v\":null}\n{\"id\":2,\"name\":\"c,d\",\"v\":2.5}\n",
            server.get("/?query=" + TestServer.encode(select + " FORMAT JSONEachRow")).body());
        final JsonNode json = JSON.readTree(server.get("/?query=" + TestServer.encode(select + " FORMAT JSON")).body());
        assertEquals(2, json.get("rows").asInt(), json.toString());
        assertEquals("id", json.get("meta").get(0).get("name").asText(), json.toString());
        // POST: the body is (the rest of) the query.
        assertEquals("2\n", server.post("/", "text/plain", "SELECT count(*) FROM sq").body());
        final HttpResponse<String> exists = server.post("/?query=" + TestServer.encode(
            "CREATE STREAM sq (id int)"), null, new byte[0]);
        assertEquals(400, exists.statusCode(), exists.body());
        assertTrue(exists.body().startsWith("Code: 57. DB::Exception: "), exists.body());
        assertEquals(200, server.post("/?query=" + TestServer.encode("DROP STREAM sq"), null, new byte[0])
            .statusCode());
        final HttpResponse<String> gone = server.post("/?query=" + TestServer.encode("DROP STREAM sq"), null,
            new byte[0]);
        assertEquals(404, gone.statusCode(), gone.body());
        assertTrue(gone.body().startsWith("Code: 60."), gone.body());
        assertEquals(200, server.post("/?query=" + TestServer.encode("DROP STREAM IF EXISTS sq"), null, new byte[0])
            .statusCode());
        assertEquals(404, server.get("/no/such/endpoint").statusCode());
    }

    private static void createStream(final String body) throws Exception
    {
        final HttpResponse<String> r = server.post("/proton/v1/ddl/streams", "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static HttpResponse<String> post(final String stream, final String body) throws Exception
    {
        return server.post("/proton/v1/ingest/streams/" + stream, "application/json", body);
    }

    private static void awaitRows(final String sql, final String expected) throws Exception
    {
        String last = null;
        for (int i = 0; i < 300; i++)
        {
            last = server.rowsCsv(sql);
            if (last.equals(expected))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals(expected, last);
    }

    /** Proton's error body: exactly {code, error_msg, request_id}, in that order. */
    private static JsonNode assertError(final HttpResponse<String> r, final int status, final int code,
        final String message) throws Exception
    {
        assertEquals(status, r.statusCode(), r.body());
        final JsonNode body = JSON.readTree(r.body());
        final List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("code", "error_msg", "request_id"), keys, r.body());
        assertEquals(code, body.get("code").asInt(), r.body());
        if (message != null)
        {
            assertEquals(message, body.get("error_msg").asText(), r.body());
        }
        return body;
    }
}
