package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feldera's pipeline API end to end (spec/feldera.md): PUT a program, start, pause and stop, ingress in CSV and
 * JSON with completion tokens, bad records reported as ParseErrors while the good ones land, the error codes of the
 * spec's table, quoted and unquoted table names, and the ad-hoc query endpoint — all read back through the real
 * server's query endpoints.
 */
class FelderaPipelineE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    /** The CSV seed's table (with its trailing comma), a keyed table, a quoted name and a view. */
    private static final String PROGRAM = "create table git_commit (\n commit_id varchar not null,\n" +
        " commit_date timestamp not null,\n);\n" +
        "CREATE TABLE Orders (id BIGINT NOT NULL PRIMARY KEY, item VARCHAR, qty INT, price DECIMAL(10,2), " +
        "shipped BOOLEAN, day DATE);\n" +
        "CREATE TABLE \"Quoted\" (x INT);\n" +
        "CREATE VIEW big_orders AS SELECT id, item FROM orders WHERE qty > 10;";

    @Test
    void pipelineLifecycleAndCsvIngressWithToken() throws Exception
    {
        final String p = newPipeline();
        final JsonNode described = json(server.get("/v0/pipelines/" + p), 200);
        assertEquals(p, described.get("name").asText());
        assertEquals("Stopped", described.get("deployment_status").asText());
        assertTrue(json(server.get("/v0/pipelines"), 200).toString().contains("\"name\":\"" + p + "\""));

        // A stopped pipeline takes no input.
        assertError(server.post(ingress(p, "git_commit", ""), "text/plain", "c1,2024-02-25 12:12:33\n"), 503,
            "PipelineInteractionNotDeployed");

        start(p);
        assertEquals("Running", json(server.get("/v0/pipelines/" + p), 200).get("deployment_status").asText());
        final String token = token(server.post(ingress(p, "git_commit", "format=csv"), "text/plain",
            "c6d16e61,2024-02-25 12:12:33\nc6d16e62,2024-02-25 12:12:34,extra-field-ignored\n"));
        awaitComplete(p, token);
        assertEquals("{\"commit_id\":\"c6d16e61\",\"commit_date\":\"2024-02-25 12:12:33\"}\n" +
                "{\"commit_id\":\"c6d16e62\",\"commit_date\":\"2024-02-25 12:12:34\"}\n",
            query(p, "select commit_id, commit_date::VARCHAR as commit_date from git_commit order by commit_id",
                "json"));

        // Unquoted names match in any case; the view reads the table.
        awaitComplete(p, token(server.post(ingress(p, "ORDERS", "format=csv"), "text/plain",
            "1,apple,5,1.50,true,2024-01-01\n2,pear,20,0.25,false,2024-01-02\n")));
        assertEquals("{\"id\":2,\"item\":\"pear\"}\n", query(p, "select * from big_orders", "json"));
        assertEquals("+----+-------+\n| id | item  |\n+----+-------+\n| 1  | apple |\n| 2  | pear  |\n" +
            "+----+-------+\n", query(p, "select id, item from orders order by id", "text"));

        // Stop keeps the data (Sluice stores it); start again serves it.
        assertEquals(202, post(p, "stop").statusCode());
        assertEquals("Stopped", json(server.get("/v0/pipelines/" + p), 200).get("deployment_status").asText());
        start(p);
        assertEquals("{\"n\":2}\n", query(p, "select count(*) as n from orders", "json"));
    }

    @Test
    void badRecordsAreSkippedAndReportedWhileGoodOnesLand() throws Exception
    {
        final String p = newPipeline();
        start(p);
        final HttpResponse<String> r = server.post(ingress(p, "orders", "format=csv"), "text/plain",
            "1,apple,5,1.50,true,2024-01-01\n2,pear,many,0.25,false,2024-01-02\n3,fig,7,2.00,maybe,2024-01-03\n" +
                "4,kiwi,1,0.10,false,2024-01-04\n");
        final JsonNode error = assertError(r, 400, "ParseErrors");
        assertTrue(error.get("message").asText().contains("2 records ingested, 2 rejected"), r.body());
        final JsonNode details = error.get("details");
        assertEquals(2, details.get("num_errors").asInt(), r.body());
        assertEquals(2, details.get("errors").get(0).get("event_number").asInt(), r.body());
        assertEquals("qty", details.get("errors").get(0).get("field").asText(), r.body());
        assertTrue(details.get("errors").get(0).get("invalid_text").asText().contains("many"), r.body());
        assertEquals(3, details.get("errors").get(1).get("event_number").asInt(), r.body());
        assertEquals("shipped", details.get("errors").get(1).get("field").asText(), r.body());
        awaitRows(p, "select id from orders order by id", "{\"id\":1}\n{\"id\":4}\n");
    }

    @Test
    void parseErrorsListAtMost1000AndCountAll() throws Exception
    {
        final String p = newPipeline();
        start(p);
        final StringBuilder csv = new StringBuilder("1,ok,1,1.00,true,2024-01-01\n");
        for (int i = 0; i < 1005; i++)
        {
            csv.append(i + 2).append(",bad,notanumber\n");
        }
        final JsonNode error = assertError(server.post(ingress(p, "orders", ""), "text/plain", csv.toString()), 400,
            "ParseErrors");
        assertEquals(1005, error.get("details").get("num_errors").asInt());
        assertEquals(1000, error.get("details").get("errors").size());
        assertTrue(error.get("message").asText().contains("1 records ingested, 1005 rejected"), error.toString());
        awaitRows(p, "select count(*) as n from orders", "{\"n\":1}\n");
    }

    @Test
    void jsonInsertEventsAndRawRecords() throws Exception
    {
        final String p = newPipeline();
        start(p);
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=json&update_format=insert_delete"),
            "application/json", "{\"insert\":{\"id\":1,\"item\":\"apple\",\"qty\":5}}\n" +
                "{\"insert\":[2,\"pear\",20,\"0.25\",false,\"2024-01-02\"]}")));
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=json&update_format=raw&array=true"),
            "application/json", "[{\"id\":3,\"ITEM\":\"fig\",\"price\":2.5}]")));
        assertEquals("{\"id\":1,\"item\":\"apple\",\"qty\":5,\"price\":null}\n" +
                "{\"id\":2,\"item\":\"pear\",\"qty\":20,\"price\":0.25}\n" +
                "{\"id\":3,\"item\":\"fig\",\"qty\":null,\"price\":2.50}\n",
            query(p, "select id, item, qty, price from orders order by id", "json"));
    }

    @Test
    void deleteAndUpdateEventsApplyInOrder() throws Exception
    {
        final String p = newPipeline();
        start(p);
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=json"), "application/json",
            "{\"insert\":{\"id\":1,\"item\":\"apple\",\"qty\":5,\"price\":1.5}}\n" +
                "{\"insert\":{\"id\":2,\"item\":\"pear\",\"qty\":20}}\n" +
                "{\"insert\":{\"id\":3,\"item\":\"fig\",\"qty\":1}}\n" +
                "{\"delete\":{\"id\":3}}\n" +
                "{\"update\":{\"id\":1,\"qty\":6}}")));
        // A partial update keeps the columns it leaves out; the delete removed the row inserted before it.
        assertEquals("{\"id\":1,\"item\":\"apple\",\"qty\":6,\"price\":1.50}\n" +
                "{\"id\":2,\"item\":\"pear\",\"qty\":20,\"price\":null}\n",
            query(p, "select id, item, qty, price from orders order by id", "json"));
        // Debezium: an update is a delete of `before` and an insert of `after`.
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=json&update_format=debezium"),
            "application/json", "{\"payload\":{\"op\":\"u\",\"before\":{\"id\":2,\"item\":\"pear\"," +
                "\"qty\":20},\"after\":{\"id\":2,\"item\":\"nashi\",\"qty\":21}}}\n" +
                "{\"payload\":{\"op\":\"d\",\"before\":{\"id\":1},\"after\":null}}")));
        assertEquals("{\"id\":2,\"item\":\"nashi\",\"qty\":21}\n",
            query(p, "select id, item, qty from orders order by id", "json"));
    }

    @Test
    void insertReplacesTheRowWithTheSameKey() throws Exception
    {
        final String p = newPipeline();
        start(p);
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=csv"), "text/plain",
            "1,apple,5,1.50,true,2024-01-01\n2,fig,1,0.50,false,2024-01-01\n")));
        // Feldera: an insert into a table with a PRIMARY KEY overwrites the record with that key; within one
        // request the last of several records with one key wins.
        awaitComplete(p, token(server.post(ingress(p, "orders", "format=csv"), "text/plain",
            "1,plum,6,1.60,true,2024-01-02\n1,pear,7,1.70,false,2024-01-03\n")));
        assertEquals("{\"id\":1,\"item\":\"pear\",\"qty\":7,\"price\":1.70}\n" +
                "{\"id\":2,\"item\":\"fig\",\"qty\":1,\"price\":0.50}\n",
            query(p, "select id, item, qty, price from orders order by id", "json"));
    }

    /**
     * The ingress seed's request shape (feldera-ingress-api.txt: every query parameter given, text/plain, a Bearer
     * token) with its placeholders filled in; its literal body {@code "string"} is no record, so it is a parse error.
     */
    @Test
    void theSeedsRequestShape() throws Exception
    {
        final String p = newPipeline();
        start(p);
        final String url = ingress(p, "orders", "force=false&format=json&array=false&update_format=raw");
        awaitComplete(p, token(server.post(url, "text/plain", "{\"id\":7,\"item\":\"seed\"}",
            "Authorization", "Bearer YOUR_TOKEN")));
        assertEquals("{\"id\":7,\"item\":\"seed\"}\n", query(p, "select id, item from orders", "json"));
        final JsonNode error = assertError(server.post(url, "text/plain", "\"string\"",
            "Authorization", "Bearer YOUR_TOKEN"), 400, "ParseErrors");
        assertEquals(1, error.get("details").get("num_errors").asInt(), error.toString());
        assertEquals(1, error.get("details").get("errors").get(0).get("event_number").asInt(), error.toString());
    }

    @Test
    void errorCodesOfTheSpec() throws Exception
    {
        final String p = newPipeline();
        start(p);
        assertError(server.post(ingress("no_such_pipeline", "orders", ""), "text/plain", "1\n"), 404,
            "UnknownPipelineName");
        final JsonNode unknownTable = assertError(server.post(ingress(p, "nope", ""), "text/plain", "1\n"), 404,
            "UnknownInputStream");
        assertEquals("nope", unknownTable.get("details").get("stream_name").asText());
        assertError(server.post(ingress(p, "orders", "format=xml"), "text/plain", "1\n"), 400, "UnknownInputFormat");
        assertError(server.post(ingress(p, "orders", "format=json&update_format=weighted"), "text/plain", "{}"),
            400, "InputFormatNotSupported");
        assertError(server.post(ingress(p, "orders", "force=maybe"), "text/plain", "1\n"), 400,
            "ParserConfigParseError");
        assertError(server.post(ingress(p, "orders", "delimiter=ab"), "text/plain", "1\n"), 400,
            "ParserConfigParseError");
        assertError(server.get("/v0/pipelines/" + p + "/completion_status?token=garbage"), 400, "InvalidParam");
        // A well-formed token from a ring this server does not have (its data dir was replaced): 410.
        final java.nio.ByteBuffer foreign = java.nio.ByteBuffer.allocate(21).put((byte)1).putInt(99).putLong(1)
            .putLong(0);
        assertError(server.get("/v0/pipelines/" + p + "/completion_status?token=" +
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(foreign.array())), 410,
            "PipelineRestarted");
        assertError(server.get("/v0/pipelines/" + p + "/query?sql=" + TestServer.encode("drop table orders")), 400,
            "AdHocQueryError");
        assertError(server.get("/v0/pipelines/" + p + "/query?sql=" + TestServer.encode("select * from nope")), 400,
            "AdHocQueryError");
        assertError(put(p, "CREATE TABLE t (x NOTATYPE);"), 400, "CannotUpdateNonShutdownPipeline");
        assertEquals(202, post(p, "stop").statusCode());
        assertError(put(p, "CREATE TABLE t (x NOTATYPE);"), 400, "ProgramError");
        assertError(put("main", PROGRAM), 400, "BadRequest");
    }

    @Test
    void quotedTableNamesMatchExactly() throws Exception
    {
        final String p = newPipeline();
        start(p);
        awaitComplete(p, token(server.post(ingress(p, "%22Quoted%22", ""), "text/plain", "7\n")));
        assertError(server.post(ingress(p, "quoted", ""), "text/plain", "8\n"), 404, "UnknownInputStream");
        assertEquals("{\"x\":7}\n", query(p, "select x from \"Quoted\"", "json"));
    }

    @Test
    void pausedPipelineHoldsIngressUntilResumedUnlessForced() throws Exception
    {
        final String p = newPipeline();
        start(p);
        assertEquals(202, post(p, "pause").statusCode());
        awaitComplete(p, token(server.post(ingress(p, "orders", "force=true"), "text/plain",
            "1,forced,1,1.00,true,2024-01-01\n")));
        final CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return server.post(ingress(p, "orders", ""), "text/plain", "2,waited,1,1.00,true,2024-01-01\n");
            }
            catch (final Exception e)
            {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "ingress into a paused pipeline must wait");
        start(p);
        awaitComplete(p, token(waiting.get()));
        assertEquals("{\"item\":\"forced\"}\n{\"item\":\"waited\"}\n",
            query(p, "select item from orders order by id", "json"));
    }

    @Test
    void pipelinesAndTokensSurviveARestart() throws Exception
    {
        final String p = newPipeline();
        start(p);
        final String token = token(server.post(ingress(p, "orders", ""), "text/plain",
            "1,kept,1,1.00,true,2024-01-01\n"));
        server.restart();
        assertEquals("Running", json(server.get("/v0/pipelines/" + p), 200).get("deployment_status").asText());
        awaitComplete(p, token);
        assertEquals("{\"item\":\"kept\"}\n", query(p, "select item from orders", "json"));
        assertError(server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + p)).DELETE().build()), 400,
            "CannotUpdateNonShutdownPipeline");
        assertEquals(202, post(p, "stop").statusCode());
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + p)).DELETE().build())
            .statusCode());
        assertError(server.get("/v0/pipelines/" + p), 404, "UnknownPipelineName");
    }

    @Test
    void literalDefaultsFillMissingColumnsAcrossARestart() throws Exception
    {
        final String p = "defaults" + PIPELINES.incrementAndGet();
        assertEquals(201, put(p, "CREATE TABLE d (id INT NOT NULL, label VARCHAR DEFAULT 'none', " +
            "n BIGINT DEFAULT 42, price DECIMAL(6,2) DEFAULT 9.99, day DATE DEFAULT DATE '2024-02-29');").statusCode());
        start(p);
        awaitComplete(p, token(server.post(ingress(p, "d", "format=json"), "application/json",
            "{\"insert\":{\"id\":1}}")));
        server.restart();
        awaitComplete(p, token(server.post(ingress(p, "d", "format=json"), "application/json",
            "{\"insert\":{\"id\":2,\"n\":7}}")));
        assertEquals("{\"id\":1,\"label\":\"none\",\"n\":42,\"price\":9.99,\"day\":\"2024-02-29\"}\n" +
                "{\"id\":2,\"label\":\"none\",\"n\":7,\"price\":9.99,\"day\":\"2024-02-29\"}\n",
            query(p, "select * from d order by id", "json"));
    }

    // Helpers

    private static String newPipeline() throws Exception
    {
        final String p = "pipe" + PIPELINES.incrementAndGet();
        final HttpResponse<String> r = put(p, PROGRAM);
        assertEquals(201, r.statusCode(), r.body());
        return p;
    }

    private static HttpResponse<String> put(final String p, final String program) throws Exception
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("name", p);
        body.put("program_code", program);
        body.put("description", "test pipeline");
        return server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + p))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json")
            .build());
    }

    private static void start(final String p) throws Exception
    {
        assertEquals(202, post(p, "start").statusCode());
    }

    private static HttpResponse<String> post(final String p, final String action) throws Exception
    {
        return server.post("/v0/pipelines/" + p + "/" + action, null, new byte[0]);
    }

    private static String ingress(final String p, final String table, final String query)
    {
        return "/v0/pipelines/" + p + "/ingress/" + table + (query.isEmpty() ? "" : "?" + query);
    }

    private static String token(final HttpResponse<String> r) throws Exception
    {
        final JsonNode body = json(r, 200);
        assertTrue(body.get("token").isTextual(), r.body());
        return body.get("token").asText();
    }

    private static void awaitComplete(final String p, final String token) throws Exception
    {
        final List<String> seen = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            final String status = json(server.get("/v0/pipelines/" + p + "/completion_status?token=" + token), 200)
                .get("status").asText();
            seen.add(status);
            if (status.equals("complete"))
            {
                return;
            }
            assertEquals("inprogress", status);
            Thread.sleep(10);
        }
        throw new AssertionError("token never completed: " + seen.size() + " polls");
    }

    private static void awaitRows(final String p, final String sql, final String expected) throws Exception
    {
        String last = null;
        for (int i = 0; i < 300; i++)
        {
            last = query(p, sql, "json");
            if (last.equals(expected))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals(expected, last);
    }

    private static String query(final String p, final String sql, final String format) throws Exception
    {
        final HttpResponse<String> r = server.get("/v0/pipelines/" + p + "/query?sql=" + TestServer.encode(sql) +
            "&format=" + format);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static JsonNode json(final HttpResponse<String> r, final int status) throws Exception
    {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Feldera's error shape, exactly {message, error_code, details}, with the status and code given. */
    private static JsonNode assertError(final HttpResponse<String> r, final int status, final String code)
        throws Exception
    {
        final JsonNode body = json(r, status);
        final List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("message", "error_code", "details"), keys, r.body());
        assertEquals(code, body.get("error_code").asText(), r.body());
        assertTrue(body.get("details").isObject(), r.body());
        return body;
    }
}
