package sluice.server.e2e;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import sluice.server.SluiceServer;
import sluice.server.config.ServerConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real Sluice on an ephemeral loopback port with its data in a test's temp dir, and an HTTP client for it.
 * Rings are small (32 MiB) so tests stay light; {@link #restart()} stops the server (draining its rings) and starts
 * a new one on the same data dir.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback
{
    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final Consumer<ServerConfig> tweak;
    private Path dataDir;
    private SluiceServer server;

    private TestServer(final Path dataDir, final Consumer<ServerConfig> tweak) throws Exception
    {
        this.dataDir = dataDir;
        this.tweak = tweak;
        if (dataDir != null)
        {
            server = SluiceServer.start(config());
        }
    }

    /**
     * One server for a whole test class: declare it {@code @RegisterExtension static final TestServer server =
     * TestServer.perClass();}. It starts before the class's {@code @BeforeAll} methods, on a temp data dir it makes,
     * and is closed and its data dir removed after the class.
     */
    public static TestServer perClass()
    {
        return perClass(c -> { });
    }

    /** {@link #perClass()} with settings changed before start. */
    public static TestServer perClass(final Consumer<ServerConfig> tweak)
    {
        try
        {
            return new TestServer(null, tweak);
        }
        catch (final Exception e)
        {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception
    {
        dataDir = Files.createTempDirectory("sluice-e2e-");
        server = SluiceServer.start(config());
    }

    @Override
    public void afterAll(final ExtensionContext context) throws IOException
    {
        close();
        try (Stream<Path> files = Files.walk(dataDir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }

    public static TestServer start(final Path dataDir) throws Exception
    {
        return new TestServer(dataDir, c -> { });
    }

    /** With settings changed before start (limits, durability...). */
    public static TestServer start(final Path dataDir, final Consumer<ServerConfig> tweak) throws Exception
    {
        return new TestServer(dataDir, tweak);
    }

    private ServerConfig config()
    {
        final ServerConfig config = new ServerConfig()
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .dataDir(dataDir)
            .ioThreads(1)
            .ringBytes(32 << 20)
            .maxRecordBytes(1 << 20)
            .duckdbMemoryLimit("512MB")
            .queryThreads(2);
        tweak.accept(config);
        return config;
    }

    /** Where the server keeps its database and rings. */
    public Path dataDir()
    {
        return dataDir;
    }

    public SluiceServer server()
    {
        return server;
    }

    public int port()
    {
        return server.addresses().get(0).getPort();
    }

    /** {@code http://127.0.0.1:PORT} + path (which starts with '/'). */
    public URI uri(final String pathAndQuery)
    {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public void restart() throws Exception
    {
        server.close();
        server = SluiceServer.start(config());
    }

    @Override
    public void close()
    {
        if (server != null)
        {
            server.close();
            server = null;
        }
    }

    // HTTP helpers

    public HttpResponse<String> get(final String pathAndQuery) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** POST with a body and {@code name, value} header pairs. */
    public HttpResponse<String> post(final String pathAndQuery, final String contentType, final byte[] body,
        final String... headers) throws IOException, InterruptedException
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
        {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2)
        {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(final String pathAndQuery, final String contentType, final String body,
        final String... headers) throws IOException, InterruptedException
    {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException
    {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * {@code GET /db/query?q=SQL} plus {@code name, value} parameter pairs (URL-encoded here); the body as text.
     */
    public HttpResponse<String> query(final String sql, final String... params) throws IOException,
        InterruptedException
    {
        final StringBuilder path = new StringBuilder("/db/query?q=").append(encode(sql));
        for (int i = 0; i < params.length; i += 2)
        {
            path.append('&').append(encode(params[i])).append('=').append(encode(params[i + 1]));
        }
        return get(path.toString());
    }

    /**
     * Runs SQL through {@code /db/query} with {@code format=csv} and {@code heading=false}: the rows as CSV text, each
     * line ending in {@code \n} (Neo's end-of-response empty line is checked and removed).
     */
    public String rowsCsv(final String sql, final String... params) throws IOException, InterruptedException
    {
        final String[] all = new String[params.length + 4];
        all[0] = "format";
        all[1] = "csv";
        all[2] = "heading";
        all[3] = "false";
        System.arraycopy(params, 0, all, 4, params.length);
        final HttpResponse<String> response = query(sql, all);
        if (response.statusCode() != 200)
        {
            throw new AssertionError("query failed " + response.statusCode() + ": " + response.body());
        }
        final String body = response.body();
        if (!body.endsWith("\n"))
        {
            throw new AssertionError("CSV result does not end with Neo's empty line: " + body);
        }
        return body.substring(0, body.length() - 1);
    }

    public static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
