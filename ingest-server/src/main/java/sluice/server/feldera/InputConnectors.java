package sluice.server.feldera;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a pipeline's input connectors ({@code WITH ('connectors' = '[…]')}, the CSV seed) when it starts: each
 * {@code url_input} (http/https) or {@code file_input} source is read once and POSTed, as it streams, to this
 * server's own {@code /v0/pipelines/{p}/ingress/{table}} over loopback, with the connector's format config as the
 * ingress parameters ({@code "headers": true} → {@code headers=true}). So a connector's rows go through exactly the
 * decoders, limits, backpressure and ring of an HTTP client's. Failures are recorded per connector and shown by
 * {@code GET /v0/pipelines/{p}}. Since tables keep their rows across stop and start, connectors run once per program
 * version. One background thread per start.
 */
final class InputConnectors implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(InputConnectors.class.getName());

    private final Pipelines pipelines;
    private final ExecutorService threads =
        Executors.newCachedThreadPool(new DefaultThreadFactory("sluice-connector", true));
    /** Fetches url_input sources. */
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** Posts to this server's ingress: {@link #client}, or one trusting its own certificate when it serves HTTPS. */
    private volatile HttpClient self;
    private volatile InetSocketAddress address;
    private volatile String token;
    private volatile String scheme = "http";

    InputConnectors(final Pipelines pipelines)
    {
        this.pipelines = pipelines;
    }

    /**
     * Where this server listens, the ingest token it accepts from itself, and (HTTPS) a context trusting its
     * certificate; connectors post there.
     */
    void listening(final InetSocketAddress address, final String token, final SSLContext tls)
    {
        this.token = token;
        this.scheme = tls == null ? "http" : "https";
        this.self = tls == null ? client : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(tls).build();
        this.address = address;
    }

    /** Runs the connectors of {@code pipeline}'s current version, unless they ran already. */
    void onStart(final Pipeline pipeline)
    {
        if (pipeline.connectorsLoaded() == pipeline.version() || address == null)
        {
            return;
        }
        boolean any = false;
        for (final FelderaTable table : pipeline.program().tables())
        {
            any |= table.connectorsJson() != null;
        }
        if (any)
        {
            threads.execute(() -> run(pipeline));
        }
    }

    private void run(final Pipeline pipeline)
    {
        final Map<String, String> errors = new LinkedHashMap<>();
        for (final FelderaTable table : pipeline.program().tables())
        {
            if (table.connectorsJson() == null)
            {
                continue;
            }
            final JsonNode connectors;
            try
            {
                connectors = FelderaErrors.JSON.readTree(table.connectorsJson());
            }
            catch (final IOException e)
            {
                errors.put(table.name(), "connectors are not valid JSON: " + e.getMessage());
                continue;
            }
            int index = 0;
            for (final JsonNode connector : connectors)
            {
                final String name = connector.path("name").asText(table.name() + ".input-" + index++);
                try
                {
                    load(pipeline.name(), table, connector);
                }
                catch (final Exception e)
                {
                    LOG.log(Level.WARNING, "pipeline " + pipeline.name() + ": connector " + name + " failed", e);
                    errors.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        try
        {
            pipelines.connectorsLoaded(pipeline.name(), pipeline.version(), errors);
        }
        catch (final Exception e)
        {
            LOG.log(Level.WARNING, "pipeline " + pipeline.name() + ": could not record its connectors' state", e);
        }
    }

    private void load(final String pipeline, final FelderaTable table, final JsonNode connector) throws Exception
    {
        final String transport = connector.path("transport").path("name").asText("");
        final JsonNode transportConfig = connector.path("transport").path("config");
        final String path = transportConfig.path("path").asText("");
        final HttpRequest.BodyPublisher body;
        switch (transport)
        {
            case "url_input":
                final URI source = URI.create(path);
                if (!"http".equals(source.getScheme()) && !"https".equals(source.getScheme()))
                {
                    throw new IllegalArgumentException("url_input needs an http or https URL, not '" + path + "'");
                }
                final HttpResponse<InputStream> response =
                    client.send(HttpRequest.newBuilder(source).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() / 100 != 2)
                {
                    response.body().close();
                    throw new IOException("GET " + path + " answered " + response.statusCode());
                }
                body = HttpRequest.BodyPublishers.ofInputStream(response::body);
                break;
            case "file_input":
                final Path file = Path.of(path);
                if (!file.isAbsolute() || !Files.isReadable(file))
                {
                    throw new IOException("file_input path '" + path + "' is not an absolute, readable file");
                }
                body = HttpRequest.BodyPublishers.ofFile(file);
                break;
            default:
                throw new IllegalArgumentException("transport '" + transport + "' is not supported (url_input, " +
                    "file_input)");
        }
        final InetSocketAddress at = address;
        final String host = at.getHostString().contains(":") ? "[" + at.getHostString() + "]" : at.getHostString();
        final URI ingress = URI.create(scheme + "://" + host + ":" + at.getPort() + "/v0/pipelines/" +
            pipeline + "/ingress/" + encode(table.quoted() ? '"' + table.name() + '"' : table.name()) +
            "?force=true&" + formatParameters(connector.path("format")));
        final HttpResponse<String> answer = self.send(HttpRequest.newBuilder(ingress)
            .header("Authorization", "Bearer " + token).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200)
        {
            throw new IOException("ingest of " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** The connector's {@code format} as ingress parameters: its name and every scalar of its config. */
    static String formatParameters(final JsonNode format)
    {
        final StringBuilder query = new StringBuilder("format=").append(encode(format.path("name").asText("csv")));
        for (final Map.Entry<String, JsonNode> field : format.path("config").properties())
        {
            if (field.getValue().isValueNode() && !field.getValue().isNull())
            {
                query.append('&').append(encode(field.getKey())).append('=')
                    .append(encode(field.getValue().asText()));
            }
        }
        return query.toString();
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close()
    {
        threads.shutdownNow();
    }
}
