package sluice.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.append.Completions;
import sluice.server.auth.Access;
import sluice.server.auth.Authenticator;
import sluice.server.append.RequestKeys;
import sluice.server.append.Writer;
import sluice.server.catalog.Catalog;
import sluice.server.config.SecurityConfig;
import sluice.server.config.Durability;
import sluice.server.config.ServerConfig;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpResponses;
import sluice.server.http.HttpServer;
import sluice.server.http.Tls;
import sluice.server.http.Router;
import sluice.server.ingest.IngestLoops;
import sluice.server.ingest.RingProducer;
import sluice.server.feldera.FelderaApi;
import sluice.server.machbase.MachbaseApi;
import sluice.server.proton.ProtonApi;
import sluice.server.query.QueryExecutor;
import sluice.server.ring.IngestRing;
import sluice.server.store.Database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running Sluice: the DuckDB database and catalog, one ingest ring per event loop, the writer thread, the query
 * executor and the HTTP server with every API's routes. Start-up order: database, catalog and bookkeeping tables,
 * lock-down of the database, rings (every ring file found is opened, even beyond the event-loop count, so nothing
 * left in one is lost), writer (which replays the rings), HTTP. {@link #close()} stops in the reverse order: HTTP
 * stops accepting and lets the requests under way finish while the writer still commits (so a request waiting for
 * its commit gets its answer), then the writer drains the rings into the database.
 */
public final class SluiceServer implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(SluiceServer.class.getName());
    private static final Pattern RING_FILE = Pattern.compile("ring-(\\d+)\\.dat");

    private final ServerConfig config;
    private final Database database;
    private final Catalog catalog;
    private final FelderaApi feldera;
    private final List<IngestRing> rings = new ArrayList<>();
    private final Writer writer;
    private final Thread writerThread;
    private final QueryExecutor queries;
    private final HttpServer http;
    private final List<InetSocketAddress> addresses;
    private final Authenticator authenticator;

    private SluiceServer(final ServerConfig config) throws Exception
    {
        this.config = config;
        config.validate();
        database = Database.open(config.dataDir(), config.duckdbMemoryLimit(), config.duckdbThreads(),
            config.duckdbCheckpointThreshold());
        try
        {
            catalog = new Catalog(database);
            catalog.load();
            feldera = FelderaApi.load(database, catalog);
            Writer.prepare(database);
            final RequestKeys keys = RequestKeys.load(database);
            database.lockDown();
            openRings();
            final Completions completions = new Completions();
            writer = new Writer(database, catalog, rings.toArray(new IngestRing[0]), completions, keys,
                new Writer.Config(config.groupCommitNanos(), config.groupCommitRows(),
                    config.durability() == Durability.FSYNC));
            writerThread = new Thread(writer, "sluice-writer");
            writerThread.start();
            queries = new QueryExecutor(database, config.queryThreads());
            http = new HttpServer(config.http(), config.ioThreads());
            final List<RingProducer> producers = new ArrayList<>();
            for (int i = 0; i < config.ioThreads(); i++)
            {
                producers.add(new RingProducer(rings.get(i), http.loops().get(i)));
            }
            final IngestLoops ingest = new IngestLoops(http.loops(), producers, catalog, completions, writer, keys,
                config.ingest(), config.durability(), config.http().maxConcurrentIngests());
            authenticator = Authenticator.of(config.security());
            final Router router = new Router(authenticator);
            router.add("/health", Access.PUBLIC, (request, channel) ->
            {
                channel.respond(HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"ok\"}"));
                return Exchanges.DISCARD;
            });
            router.add("/ready", Access.PUBLIC, (request, channel) ->
            {
                final boolean ready = writer.caughtUp();
                channel.respond(HttpResponses.json(ready ? HttpResponseStatus.OK :
                    HttpResponseStatus.SERVICE_UNAVAILABLE, ready ? "{\"status\":\"ready\"}" :
                    "{\"status\":\"" + (writer.failure() != null ? "storage failed" : "replaying") + "\"}"));
                return Exchanges.DISCARD;
            });
            MachbaseApi.register(router, ingest, queries, config);
            feldera.register(router, ingest, queries, config, writer);
            ProtonApi.register(router, ingest, queries, config);
            final SecurityConfig security = config.security();
            addresses = http.bind(router, config.listen(), security.tlsEnabled() ?
                Tls.serverContext(security.tlsCert(), security.tlsKey()) : null);
            feldera.listening(addresses.get(0), authenticator.internalToken(), security.tlsEnabled() ?
                Tls.trustingOnly(security.tlsCert()) : null);
        }
        catch (final Exception | Error e)
        {
            closeQuietly();
            throw e;
        }
    }

    /** Starts a server; returns once it listens. */
    public static SluiceServer start(final ServerConfig config) throws Exception
    {
        return new SluiceServer(config);
    }

    /** The addresses listened on (with the actual ports when port 0 was asked for). */
    public List<InetSocketAddress> addresses()
    {
        return addresses;
    }

    public HttpServer http()
    {
        return http;
    }

    public ServerConfig config()
    {
        return config;
    }

    private void openRings() throws IOException
    {
        final Path dir = config.dataDir().resolve("rings");
        int count = config.ioThreads();
        if (Files.isDirectory(dir))
        {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
            {
                for (final Path file : files)
                {
                    final Matcher m = RING_FILE.matcher(file.getFileName().toString());
                    if (m.matches())
                    {
                        count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
                    }
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            rings.add(IngestRing.open(dir.resolve("ring-" + i + ".dat"), i, config.ringBytes()));
        }
    }

    /**
     * Stops accepting, lets the requests under way finish and be answered (for at most the HTTP config's shutdown
     * grace), closes the connections, drains the rings into the database and closes it.
     */
    @Override
    public void close()
    {
        closeQuietly();
    }

    private void closeQuietly()
    {
        if (feldera != null)
        {
            feldera.close();
        }
        if (http != null)
        {
            if (!http.drain(config.http().shutdownGraceNanos()))
            {
                LOG.warning(() -> "connections still busy after the shutdown grace of " +
                    config.http().shutdownGraceNanos() / 1_000_000 + " ms are closed: their requests go unanswered");
            }
            http.close();
        }
        if (writer != null)
        {
            try
            {
                writer.close();
                writerThread.join();
            }
            catch (final Exception e)
            {
                LOG.log(Level.WARNING, "writer did not stop cleanly", e);
            }
        }
        if (queries != null)
        {
            queries.close();
        }
        for (final IngestRing ring : rings)
        {
            ring.close();
        }
        try
        {
            database.close();
        }
        catch (final Exception e)
        {
            LOG.log(Level.WARNING, "database did not close cleanly", e);
        }
    }
}
