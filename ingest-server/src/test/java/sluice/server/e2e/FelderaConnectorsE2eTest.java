package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input connectors of the CSV seed: the FAILED_BANKS table with a {@code url_input} (served here by a loopback HTTP
 * server) and {@code "headers": true}, a {@code file_input}, and a connector whose source fails, reported by
 * {@code GET /v0/pipelines/{p}}. Connectors run when the pipeline starts, once per program version.
 */
class FelderaConnectorsE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first lines of the seed's banklist.csv shape: a header, then bank rows. */
    private static final String BANKLIST = "Bank Name,City,State,Cert,Acquiring Institution,Closing Date,Fund\n" +
        "Republic First Bank dba Republic Bank,Philadelphia,PA,27332,\"Fulton Bank, National Association\"," +
        "26-Apr-24,10546\n" +
        "Citizens Bank,Sac City,IA,8758,Iowa Trust & Savings Bank,3-Nov-23,10545\n";

    private static HttpServer source;

    @TempDir
    static Path files;

    @BeforeAll
    static void startSource() throws Exception
    {
        source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        source.createContext("/banklist.csv", exchange ->
        {
            final byte[] body = BANKLIST.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        source.start();
    }

    @AfterAll
    static void stopSource()
    {
        source.stop(0);
    }

    @Test
    void seedFailedBanksLoadsFromUrlInputWithHeaders() throws Exception
    {
        final String url = "http://127.0.0.1:" + source.getAddress().getPort() + "/banklist.csv";
        // The seed's DDL verbatim, the URL aside.
        final String program = "create table FAILED_BANKS (\n    name varchar,\n    city varchar,\n" +
            "    state varchar,\n    cert bigint,\n    acquirer varchar,\n" +
            "    closing varchar, -- needs to be translated from 'DD-MMM-YY' format\n    fund bigint\n) with (\n" +
            "  'connectors' = '[{\n    \"transport\": {\n      \"name\": \"url_input\",\n" +
            "      \"config\": { \"path\": \"" + url + "\" }\n    },\n    \"format\": {\n      \"name\": \"csv\",\n" +
            "      \"config\": { \"headers\": true }\n    }\n  }]'\n);";
        put("banks", program);
        start("banks");
        awaitRows("banks", "select name, city, cert, acquirer, fund from failed_banks order by fund",
            "{\"name\":\"Citizens Bank\",\"city\":\"Sac City\",\"cert\":8758,\"acquirer\":\"Iowa Trust & Savings " +
                "Bank\",\"fund\":10545}\n{\"name\":\"Republic First Bank dba Republic Bank\",\"city\":" +
                "\"Philadelphia\",\"cert\":27332,\"acquirer\":\"Fulton Bank, National Association\"," +
                "\"fund\":10546}\n");
        assertTrue(describe("banks").get("deployment_error").isNull());

        // Stop and start again: the rows are kept and the connector does not load them twice.
        assertEquals(202, post("banks", "stop").statusCode());
        start("banks");
        Thread.sleep(300);
        assertEquals("{\"n\":2}\n", query("banks", "select count(*) as n from failed_banks"));
    }

    @Test
    void fileInputAndAFailingConnector() throws Exception
    {
        final Path csv = files.resolve("points.csv");
        Files.writeString(csv, "1,one\n2,two\n3,three\n");
        final String program = "CREATE TABLE points (id INT, label VARCHAR) WITH ('connectors' = '[{\"transport\":" +
            "{\"name\":\"file_input\",\"config\":{\"path\":\"" + csv.toAbsolutePath() + "\"}},\"format\":" +
            "{\"name\":\"csv\"}}]');\n" +
            "CREATE TABLE broken (x INT) WITH ('connectors' = '[{\"name\":\"missing_source\",\"transport\":" +
            "{\"name\":\"url_input\",\"config\":{\"path\":\"http://127.0.0.1:" + source.getAddress().getPort() +
            "/nope.csv\"}},\"format\":{\"name\":\"csv\"}}]');";
        put("files", program);
        start("files");
        awaitRows("files", "select id, label from points order by id",
            "{\"id\":1,\"label\":\"one\"}\n{\"id\":2,\"label\":\"two\"}\n{\"id\":3,\"label\":\"three\"}\n");
        JsonNode error = describe("files").get("deployment_error");
        for (int i = 0; i < 200 && error.isNull(); i++)
        {
            Thread.sleep(10);
            error = describe("files").get("deployment_error");
        }
        assertTrue(error.get("details").get("missing_source").asText().contains("404"), error.toString());
    }

    private static void put(final String p, final String program) throws Exception
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("name", p);
        body.put("program_code", program);
        final HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + p))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertEquals(201, r.statusCode(), r.body());
    }

    private static void start(final String p) throws Exception
    {
        assertEquals(202, post(p, "start").statusCode());
    }

    private static HttpResponse<String> post(final String p, final String action) throws Exception
    {
        return server.post("/v0/pipelines/" + p + "/" + action, null, new byte[0]);
    }

    private static JsonNode describe(final String p) throws Exception
    {
        final HttpResponse<String> r = server.get("/v0/pipelines/" + p);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String query(final String p, final String sql) throws Exception
    {
        final HttpResponse<String> r = server.get("/v0/pipelines/" + p + "/query?format=json&sql=" +
            TestServer.encode(sql));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void awaitRows(final String p, final String sql, final String expected) throws Exception
    {
        String last = null;
        for (int i = 0; i < 500; i++)
        {
            last = query(p, sql);
            if (last.equals(expected))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals(expected, last);
    }
}
