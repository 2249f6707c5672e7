package sluice.server.e2e;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sluice.server.config.Listen;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every example of seeds/proton-ingest-api.md against the real server, after the seed's
 * {@code CREATE STREAM foo(id int, name string)}: each must answer 200 with a request id and store (1, hello) and
 * (2, world).
 * <ul>
 * <li>The Java (OkHttp) example runs as written, on port 3218 ({@code --listen :3218}).</li>
 * <li>curl, Node's {@code http} and Python's {@code requests}: the exact bytes each sent for the seed's example
 * (src/test/resources/seeds/proton, captured with capture.py there: Node's body is chunked, curl's is labelled a
 * form, Python's has a Content-Length) are replayed on a socket, so the suite needs neither Node nor Python.</li>
 * <li>Where {@code node} or {@code python3} with {@code requests} is installed, the seed's program also runs as
 * written against the server.</li>
 * </ul>
 */
class ProtonSeedClientsE2eTest
{
    private static final String SEED_BODY = "\n{\n  \"columns\": [\"id\",\"name\"],\n  \"data\": [\n    [1,\"hello\"],\n" +
        "    [2,\"world\"]\n  ]\n}\n";
    private static final Pattern REQUEST_ID = Pattern.compile("\\{\"request_id\":\"[0-9a-f-]{36}\"}");

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws Exception
    {
        // The Node example never reads its response, so the process exits only when the server closes the idle
        // connection (Proton's keep-alive timeout is 10 s; ours defaults to 60 s).
        server = TestServer.start(dir, config -> config.http().idleTimeoutNanos(TimeUnit.SECONDS.toNanos(2)));
        // The seed's stream, created through ClickHouse-style SQL.
        assertEquals(200, server.post("/?query=" + TestServer.encode("CREATE STREAM foo(id int, name string)"),
            "text/plain", new byte[0]).statusCode());
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    /**
     * The Java example as written, on Proton's port: a server started with {@code --listen :3218} (as well) answers the
     * seed's own URL. Needs port 3218 free on loopback.
     */
    @Test
    void javaOkHttpAsWrittenOnProtonsPort() throws Exception
    {
        assumeTrue(isFree(3218), "port 3218 is taken on this machine");
        server.close();
        server = TestServer.start(dir, config -> config.listen(Listen.parse(":3218")));
        assertEquals(List.of(3218), server.server().addresses().stream().skip(1).map(a -> a.getPort()).toList());
        final String[] answer = seedMain();
        assertEquals("200", answer[0]);
        assertTrue(REQUEST_ID.matcher(answer[1]).matches(), answer[1]);
        assertStored();
    }

    /**
     * The seed's {@code main()}, printing into the returned code and body instead of System.out. Its text block's
     * closing quotes are moved to the margin: javac's -Werror refuses the seed's indented last line, which the string
     * never contained.
     */
    private static String[] seedMain() throws IOException
    {
        OkHttpClient client = new OkHttpClient();

        String url = "http://localhost:3218/proton/v1/ingest/streams/foo";
        MediaType mediaType = MediaType.parse("application/json");
        String data = """
{
  "columns": ["id","name"],
  "data": [
    [1,"hello"],
    [2,"world"]
  ]
}
""";
        @SuppressWarnings("deprecation")
        RequestBody body = RequestBody.create(mediaType, data);

        Request request = new Request.Builder()
                .url(url)
                .post(body)
                .build();

        try (Response response = client.newCall(request).execute())
        {
            return new String[] {String.valueOf(response.code()), response.body().string()};
        }
        finally
        {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static boolean isFree(final int port)
    {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.isBound();
        }
        catch (final IOException e)
        {
            return false;
        }
    }

    @Test
    void curlBytesReplayed() throws Exception
    {
        replay("curl.http");
    }

    @Test
    void nodeHttpBytesReplayed() throws Exception
    {
        replay("node-http.http");
    }

    @Test
    void pythonRequestsBytesReplayed() throws Exception
    {
        replay("python-requests.http");
    }

    @Test
    void nodeProgramAsWritten() throws Exception
    {
        assumeTrue(runs("node", "--version"), "node is not installed");
        final Path program = dir.resolve("example.js");
        Files.writeString(program, "const http = require(\"http\");\nconst options = {\n  hostname: \"localhost\",\n" +
            "  port: " + server.port() + ",\n  path: \"/proton/v1/ingest/streams/foo\",\n  method: \"POST\"\n};\n\n" +
            "const data = `" + SEED_BODY + "`;\nconst request = http.request(options, (resp) => {});\n" +
            "request.on(\"error\", (error) => {\n  console.error(error);\n});\nrequest.write(data);\nrequest.end();\n");
        assertEquals("", run("node", program.toString()));
        assertStored();
    }

    @Test
    void pythonProgramAsWritten() throws Exception
    {
        assumeTrue(runs("python3", "-c", "import requests"), "python3 with requests is not installed");
        final Path program = dir.resolve("example.py");
        Files.writeString(program, "import requests\n\nurl = \"http://localhost:" + server.port() +
            "/proton/v1/ingest/streams/foo\"\nheaders = {\n    \"Content-Type\": \"application/json\"\n}\n" +
            "data = '''" + SEED_BODY + "'''\n\nresponse = requests.post(url, headers=headers, data=data)\n" +
            "print(response.status_code)\nprint(response.text)\n");
        final String output = run("python3", program.toString());
        assertTrue(output.startsWith("200\n"), output);
        assertTrue(REQUEST_ID.matcher(output.substring(4).trim()).matches(), output);
        assertStored();
    }

    /** Sends a captured request verbatim and checks the answer and the rows. */
    private void replay(final String capture) throws Exception
    {
        final byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/seeds/proton/" + capture))
        {
            bytes = in.readAllBytes();
        }
        try (RawHttp http = new RawHttp(server.port()))
        {
            final RawHttp.Response response = http.send(bytes).read();
            assertEquals(200, response.status(), response.body());
            final Matcher id = REQUEST_ID.matcher(response.body());
            assertTrue(id.matches(), response.body());
            assertEquals("application/json; charset=UTF-8", response.headers().get("content-type"));
        }
        assertStored();
    }

    /** The seed's two rows, read back (async mode answers before the commit). */
    private void assertStored() throws Exception
    {
        String rows = "";
        for (int i = 0; i < 300 && !rows.equals("1,hello\n2,world\n"); i++)
        {
            Thread.sleep(i == 0 ? 0 : 10);
            rows = server.rowsCsv("select id, name from \"default\".foo order by id");
        }
        assertEquals("1,hello\n2,world\n", rows);
    }

    private static boolean runs(final String... command)
    {
        try
        {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (final IOException | InterruptedException e)
        {
            return false;
        }
    }

    private static String run(final String... command) throws Exception
    {
        final List<String> cmd = new ArrayList<>(List.of(command));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
