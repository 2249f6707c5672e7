package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feldera's egress through a running server: a table's snapshot followed by the changes committed after it (inserts,
 * deletes, updates) in numbered chunks, the CSV form with weights, a view's snapshot ending the stream, and the
 * errors for an unknown stream and a bad format.
 */
class FelderaEgressE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String P = "egress";

    @BeforeAll
    static void pipeline() throws Exception
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("name", P);
        body.put("program_code", "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, s VARCHAR, n DECIMAL(6,2));\n" +
            "CREATE TABLE c (id INT, s VARCHAR);\n" +
            "CREATE VIEW v AS SELECT id, s FROM t WHERE id < 10;");
        assertEquals(201, server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + P))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build()).statusCode());
        assertEquals(202, server.post("/v0/pipelines/" + P + "/start", null, new byte[0]).statusCode());
        ingest("t", "{\"insert\":{\"id\":1,\"s\":\"a\",\"n\":1.5}}\n{\"insert\":{\"id\":2,\"s\":\"b\"}}");
    }

    @Test
    void snapshotThenCommittedChangesInNumberedChunks() throws Exception
    {
        final HttpResponse<InputStream> response = open("t", "format=json&send_snapshot=true");
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)))
        {
            // Compared as text: a JSON parser would read 1.50 as 1.5.
            final String first = lines.readLine();
            assertTrue(first.startsWith("{\"sequence_number\":0,\"json_data\":["), first);
            assertTrue(first.contains("{\"insert\":{\"id\":1,\"s\":\"a\",\"n\":1.50}}"), first);
            assertTrue(first.contains("{\"insert\":{\"id\":2,\"s\":\"b\",\"n\":null}}"), first);
            assertEquals(2, JSON.readTree(first).get("json_data").size(), first);

            ingest("t", "{\"insert\":{\"id\":3,\"s\":\"c\",\"n\":\"2.25\"}}\n{\"delete\":{\"id\":1}}\n" +
                "{\"update\":{\"id\":2,\"s\":\"B\"}}");
            assertEquals("{\"sequence_number\":1,\"json_data\":[{\"insert\":{\"id\":3,\"s\":\"c\",\"n\":2.25}}," +
                "{\"delete\":{\"id\":1}},{\"update\":{\"id\":2,\"s\":\"B\"}}]}", lines.readLine());
        }
        // The client left: the server drops its subscription and keeps ingesting.
        ingest("t", "{\"insert\":{\"id\":4,\"s\":\"d\"}}");
    }

    @Test
    void csvChunksCarryWeights() throws Exception
    {
        final HttpResponse<InputStream> response = open("c", "format=csv");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)))
        {
            // Nothing before the first change without a snapshot; then the change as CSV rows and weights.
            Thread.sleep(200);
            ingest("c", "{\"insert\":{\"id\":1,\"s\":\"x, y\"}}\n{\"delete\":{\"id\":1,\"s\":\"x, y\"}}");
            final JsonNode chunk = JSON.readTree(lines.readLine());
            assertEquals(0, chunk.get("sequence_number").asInt());
            assertEquals("1,\"x, y\",1\n1,\"x, y\",-1\n", chunk.get("text_data").asText());
        }
    }

    @Test
    void aViewSendsItsSnapshotAndEnds() throws Exception
    {
        final HttpResponse<InputStream> response = open("v", "send_snapshot=true");
        final String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        final JsonNode chunk = JSON.readTree(body.split("\r\n")[0]);
        assertTrue(chunk.get("json_data").size() >= 1, body);
        chunk.get("json_data").forEach(e -> assertTrue(e.get("insert").get("id").asInt() < 10, body));
    }

    @Test
    void bufferSizeRecordsSplitsTheSnapshot() throws Exception
    {
        ingest("c", "{\"insert\":{\"id\":10,\"s\":\"p\"}}\n{\"insert\":{\"id\":11,\"s\":\"q\"}}\n" +
            "{\"insert\":{\"id\":12,\"s\":\"r\"}}");
        final HttpResponse<InputStream> response = open("c", "send_snapshot=true&buffer_size_records=1");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)))
        {
            for (int n = 0; n < 3; n++)
            {
                final JsonNode chunk = JSON.readTree(lines.readLine());
                assertEquals(n, chunk.get("sequence_number").asInt(), chunk.toString());
                assertEquals(1, chunk.get("json_data").size(), chunk.toString());
            }
        }
    }

    @Test
    void unknownStreamAndBadFormat() throws Exception
    {
        final HttpResponse<String> unknown = server.post("/v0/pipelines/" + P + "/egress/nope", null, new byte[0]);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("UnknownOutputStream", JSON.readTree(unknown.body()).get("error_code").asText());
        final HttpResponse<String> format = server.post("/v0/pipelines/" + P + "/egress/t?format=xml", null,
            new byte[0]);
        assertEquals(400, format.statusCode(), format.body());
        assertEquals("UnknownOutputFormat", JSON.readTree(format.body()).get("error_code").asText());
    }

    private static HttpResponse<InputStream> open(final String stream, final String query) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + P + "/egress/" + stream + "?" + query))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void ingest(final String table, final String events) throws Exception
    {
        final HttpResponse<String> r = server.post("/v0/pipelines/" + P + "/ingress/" + table + "?format=json",
            "application/json", events);
        assertEquals(200, r.statusCode(), r.body());
        final String token = JSON.readTree(r.body()).get("token").asText();
        for (int i = 0; i < 500; i++)
        {
            if (JSON.readTree(server.get("/v0/pipelines/" + P + "/completion_status?token=" + token).body())
                .get("status").asText().equals("complete"))
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("token never completed");
    }
}
