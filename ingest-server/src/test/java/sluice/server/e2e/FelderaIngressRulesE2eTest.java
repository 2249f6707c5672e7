package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of spec/feldera.md's ingress tables that the other Feldera tests do not reach, through a running server:
 * the CSV options as query parameters (where we deviate on purpose: Feldera ignores them over HTTP) and the JSON
 * event and value rules (array units dropped whole on a bad event, offsets converted to UTC, decimals from strings,
 * a missing NOT NULL column, unknown keys ignored, a syntax error that drops the request).
 */
class FelderaIngressRulesE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = "rules";
    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void pipeline() throws Exception
    {
        final StringBuilder program = new StringBuilder();
        for (int i = 1; i <= 12; i++)
        {
            program.append("CREATE TABLE c").append(i).append(" (id INT NOT NULL, s VARCHAR, n DECIMAL(8,3), " +
                "ts TIMESTAMP);\n");
        }
        final ObjectNode body = JSON.createObjectNode();
        body.put("name", P);
        body.put("program_code", program.toString());
        final HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + P))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(202, server.post("/v0/pipelines/" + P + "/start", null, new byte[0]).statusCode());
    }

    @Test
    void csvDelimiterHeadersQuoteAndTrim() throws Exception
    {
        final String t = table();
        ingest(t, "format=csv&delimiter=%3B&headers=true&quote=%27&trim=fields",
            "id;s;n;ts\n1;'a;b';1.5;2024-01-01 00:00:00\n 2 ; plain ; 2 ;\n");
        assertEquals("{\"id\":1,\"s\":\"a;b\",\"n\":1.500}\n{\"id\":2,\"s\":\"plain\",\"n\":2.000}\n",
            rows("select id, s, n from " + t + " order by id"));
    }

    @Test
    void csvEscapeCommentQuotingAndFlexible() throws Exception
    {
        final String t = table();
        ingest(t, "format=csv&escape=%5C&double_quote=false&comment=%23",
            "# a comment line\n1,\"say \\\"hi\\\"\"\n2\n");
        assertEquals("{\"id\":1,\"s\":\"say \\\"hi\\\"\"}\n{\"id\":2,\"s\":\"\"}\n",
            rows("select id, s from " + t + " order by id"));
        final String u = table();
        ingest(u, "format=csv&quoting=false", "1,\"x\n");
        assertEquals("{\"id\":1,\"s\":\"\\\"x\"}\n", rows("select id, s from " + u));
        // flexible=false: every record must have as many fields as the first.
        final String v = table();
        final HttpResponse<String> r = server.post(ingress(v, "format=csv&flexible=false"), "text/plain",
            "1,a,1.0,2024-01-01 00:00:00\n2,b\n");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(2, JSON.readTree(r.body()).get("details").get("errors").get(0).get("event_number").asInt());
    }

    @Test
    void jsonValueRules() throws Exception
    {
        final String t = table();
        ingest(t, "format=json&update_format=raw",
            "{\"ID\":1,\"s\":\"x\",\"n\":\"12.3456\",\"ts\":\"2024-01-01T10:00:00+02:00\",\"unknown\":true}\n" +
                "{\"id\":2,\"n\":-1.5,\"ts\":\"2024-01-01 10:00:00.123\"}");
        // Extra scale digits truncated toward zero; the offset converted to UTC; an unknown key ignored.
        assertEquals("{\"id\":1,\"s\":\"x\",\"n\":12.345,\"ts\":\"2024-01-01 08:00:00\"}\n" +
                "{\"id\":2,\"s\":null,\"n\":-1.500,\"ts\":\"2024-01-01 10:00:00.123\"}\n",
            rows("select id, s, n, ts::VARCHAR as ts from " + t + " order by id"));
    }

    @Test
    void aBadEventDropsItsWholeArrayAndAMissingNotNullColumnIsAnError() throws Exception
    {
        final String t = table();
        final HttpResponse<String> r = server.post(ingress(t, "format=json&array=true"), "text/plain",
            "[{\"insert\":{\"id\":1}},{\"insert\":{\"id\":2}}]\n" +
                "[{\"insert\":{\"id\":3}},{\"insert\":{\"s\":\"no id\"}}]\n" +
                "[{\"insert\":{\"id\":5}}]");
        assertEquals(400, r.statusCode(), r.body());
        final JsonNode details = JSON.readTree(r.body()).get("details");
        assertEquals(1, details.get("num_errors").asInt(), r.body());
        assertEquals("id", details.get("errors").get(0).get("field").asText(), r.body());
        awaitRows("select id from " + t + " order by id", "{\"id\":1}\n{\"id\":2}\n{\"id\":5}\n");
    }

    @Test
    void aJsonSyntaxErrorDropsTheWholeRequest() throws Exception
    {
        final String t = table();
        final HttpResponse<String> r = server.post(ingress(t, "format=json"), "text/plain",
            "{\"insert\":{\"id\":1}}\n{\"insert\":{\"id\":2}\n");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("ParseErrors", JSON.readTree(r.body()).get("error_code").asText());
        assertTrue(JSON.readTree(r.body()).get("message").asText().contains("0 records ingested"), r.body());
        // Nothing of it lands: a later request's token completing means the earlier one was settled too.
        ingest(t, "format=json", "{\"insert\":{\"id\":9}}");
        assertEquals("{\"id\":9}\n", rows("select id from " + t));
    }

    // Helpers

    private static String table()
    {
        return "c" + TABLES.incrementAndGet();
    }

    private static String ingress(final String table, final String query)
    {
        return "/v0/pipelines/" + P + "/ingress/" + table + "?" + query;
    }

    /** Ingests and waits for the token to complete. */
    private static void ingest(final String table, final String query, final String body) throws Exception
    {
        final HttpResponse<String> r = server.post(ingress(table, query), "text/plain", body);
        assertEquals(200, r.statusCode(), r.body());
        final String token = JSON.readTree(r.body()).get("token").asText();
        for (int i = 0; i < 500; i++)
        {
            final HttpResponse<String> s = server.get("/v0/pipelines/" + P + "/completion_status?token=" + token);
            if (JSON.readTree(s.body()).get("status").asText().equals("complete"))
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("token never completed");
    }

    private static String rows(final String sql) throws Exception
    {
        final HttpResponse<String> r = server.get("/v0/pipelines/" + P + "/query?format=json&sql=" +
            TestServer.encode(sql));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void awaitRows(final String sql, final String expected) throws Exception
    {
        String last = null;
        for (int i = 0; i < 300; i++)
        {
            last = rows(sql);
            if (last.equals(expected))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals(expected, last);
    }
}
