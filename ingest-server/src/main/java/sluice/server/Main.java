package sluice.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sluice.server.cli.EnvironmentDefaults;
import sluice.server.cli.ShutdownLogManager;
import sluice.server.cli.Sizes;
import sluice.server.cli.StopSignals;
import sluice.server.config.Durability;
import sluice.server.config.Listen;
import sluice.server.config.SecurityConfig;
import sluice.server.config.ServerConfig;
import sluice.server.http.HttpConfig;
import sluice.server.ingest.IngestConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Entry point of {@code sluice.jar}: parses the options (command line, then {@code SLUICE_*} environment variables,
 * then {@code --config FILE}, then the defaults shown by {@code --help}), starts a {@link SluiceServer} and keeps it
 * running until the process is told to stop (SIGTERM, SIGINT), when it finishes the requests under way, drains every
 * ring into the database and exits with status 0.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0", sortOptions = false,
    usageHelpWidth = 110, showDefaultValues = true,
    description = {"HTTP ingestion server speaking the Machbase Neo write and query API, storing into embedded DuckDB.",
        "",
        "Every option can also be set as an environment variable SLUICE_<OPTION> (e.g. SLUICE_DATA_DIR) or as a",
        "line <option>=<value> (e.g. data-dir=/var/lib/sluice) in the --config file; the command line wins, then the",
        "environment, then the file. Sizes take KiB/MiB/GiB suffixes, durations ms/s/m.", ""})
public final class Main implements Callable<Integer>
{
    static
    {
        // Before the first logger: a LogManager that keeps the shutdown hook's lines, and one line per record.
        System.setProperty("java.util.logging.manager",
            System.getProperty("java.util.logging.manager", ShutdownLogManager.class.getName()));
        System.setProperty("java.util.logging.SimpleFormatter.format",
            System.getProperty("java.util.logging.SimpleFormatter.format",
                "%1$tFT%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n"));
    }

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    @Option(names = "--listen", split = ",", paramLabel = "HOST:PORT", defaultValue = ServerConfig.DEFAULT_LISTEN,
        description = "Address to listen on; repeatable. ':5654' means 127.0.0.1:5654. Loopback only: without " +
            "API keys Sluice refuses other interfaces.")
    private List<String> listen;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
        description = "Directory of the DuckDB database file and the ingest rings.")
    private Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults.")
    private Path configFile;

    @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "default",
        description = "default: each API's ack rule, acknowledged rows survive a process crash; fsync: every " +
            "write waits for its commit and an fsync, acknowledged rows survive a power loss.")
    private String durability;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "${sys:sluice.defaultIoThreads}",
        description = "Netty event loops, each with its own ingest ring.")
    private int ioThreads;

    @Option(names = "--ring-size", paramLabel = "SIZE", defaultValue = "256MiB",
        description = "Memory-mapped ingest ring per event loop (a power of two).")
    private String ringSize;

    @Option(names = "--max-record", paramLabel = "SIZE", defaultValue = "16MiB",
        description = "Largest CSV line, JSON row or NDJSON object; larger ones are a 400 naming the line. The ring " +
            "must be at least 16 times this (plus a few MiB).")
    private String maxRecord;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1GiB",
        description = "Largest request body as sent (compressed size for gzip); larger bodies get 413.")
    private String maxBody;

    @Option(names = "--max-decompressed", paramLabel = "SIZE", defaultValue = "4GiB",
        description = "Largest inflated size of a gzip body.")
    private String maxDecompressed;

    @Option(names = "--max-inflate-ratio", paramLabel = "N", defaultValue = "200",
        description = "Largest inflated/compressed ratio of a gzip body past its first MiB (gzip bombs get 413).")
    private int maxInflateRatio;

    @Option(names = "--max-concurrent-ingests", paramLabel = "N", defaultValue = "1024",
        description = "Write requests in progress at once; more get 429 with Retry-After.")
    private int maxConcurrentIngests;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
        description = "An idle keep-alive connection is closed after this long.")
    private String idleTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "30s",
        description = "A started request that sends nothing for this long gets 408.")
    private String readTimeout;

    @Option(names = "--min-body-rate", paramLabel = "SIZE", defaultValue = "1KiB",
        description = "Slowest a request body may stream, per second, over a read timeout (0: no minimum); " +
            "slower gets 408.")
    private String minBodyRate;

    @Option(names = "--backpressure-timeout", paramLabel = "DURATION", defaultValue = "30s",
        description = "A write that finds its ring full for this long gets 503 with Retry-After.")
    private String backpressureTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "10s",
        description = "On SIGTERM/SIGINT, requests under way get this long to finish and be answered before their " +
            "connections are closed; then the rings are drained into the database.")
    private String shutdownGrace;

    @Option(names = "--duckdb-memory", paramLabel = "SIZE", defaultValue = "4GB",
        description = "DuckDB memory_limit (DuckDB's own syntax, e.g. 4GB, 75%%).")
    private String duckdbMemory;

    @Option(names = "--duckdb-threads", paramLabel = "N", defaultValue = "1",
        description = "DuckDB threads. With 1, every statement runs on the thread that issues it; with more, large " +
            "queries run in parallel but the ingest writer spin-waits on DuckDB's workers (measured: 60%% more CPU " +
            "per bulk load).")
    private int duckdbThreads;

    @Option(names = "--duckdb-checkpoint", paramLabel = "SIZE", defaultValue = "256MB",
        description = "DuckDB checkpoint_threshold: WAL size at which rows are compressed into the database file " +
            "(larger: less work under many small writes, longer WAL replay after a crash).")
    private String duckdbCheckpoint;

    @Option(names = "--query-threads", paramLabel = "N", defaultValue = "${sys:sluice.defaultQueryThreads}",
        description = "Queries run at once; more wait in line.")
    private int queryThreads;

    @Option(names = "--group-commit", paramLabel = "DURATION", defaultValue = "5ms",
        description = "Longest time the writer gathers rows into one transaction.")
    private String groupCommit;

    @Option(names = "--group-commit-rows", paramLabel = "N", defaultValue = "2000000",
        description = "Rows after which the writer commits without waiting.")
    private long groupCommitRows;

    @Option(names = "--api-key", split = ",", paramLabel = "NAME:SCOPES:SECRET",
        description = "An API key clients send as Authorization: Bearer SECRET; scopes ingest+query+admin. Give " +
            "NAME:SCOPES:sha256:HEX to keep the secret itself out of the configuration. Prefer SLUICE_API_KEY or " +
            "the config file to the command line.")
    private List<String> apiKeys = new ArrayList<>();

    @Option(names = "--jwt-secret", paramLabel = "SECRET", description = "Accept HS256 JWTs signed with SECRET " +
        "(at least 32 bytes; prefer SLUICE_JWT_SECRET).")
    private String jwtSecret;

    @Option(names = "--jwt-public-key", paramLabel = "FILE", description = "Accept RS256 JWTs verified with this " +
        "PEM public key.")
    private Path jwtPublicKey;

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "Required iss claim of JWTs.")
    private String jwtIssuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "Required aud claim of JWTs.")
    private String jwtAudience;

    @Option(names = "--allow-unauthenticated", description = "Serve non-loopback addresses without credentials " +
        "(a trusted network only).")
    private boolean allowUnauthenticated;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert.")
    private Path tlsKey;

    @Spec
    private CommandSpec spec;

    private final Object stopLock = new Object();
    private boolean serverStopped;

    static
    {
        // Machine-dependent defaults, shown as numbers by --help.
        final int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("sluice.defaultIoThreads", Integer.toString(Math.max(1, cores / 2)));
        System.setProperty("sluice.defaultQueryThreads", Integer.toString(Math.max(2, cores)));
    }

    private Main()
    {
    }

    public static void main(final String[] args)
    {
        // Before any Agrona class loads: the ring code checks its own bounds, per record, not per byte.
        System.setProperty("agrona.disable.bounds.checks", System.getProperty("agrona.disable.bounds.checks", "true"));
        System.exit(commandLine(args).execute(args));
    }

    static CommandLine commandLine(final String[] args)
    {
        final CommandLine commandLine = new CommandLine(new Main());
        final Properties file = new Properties();
        final Path path = configPath(args);
        if (path != null)
        {
            try
            {
                file.putAll(EnvironmentDefaults.load(path));
            }
            catch (final Exception e)
            {
                throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage(), e);
            }
            final Set<String> known = new HashSet<>();
            commandLine.getCommandSpec().options().forEach(o -> known.add(o.longestName().substring(2)));
            for (final String key : file.stringPropertyNames())
            {
                if (!known.contains(key))
                {
                    throw new IllegalArgumentException("unknown option '" + key + "' in config file " + path);
                }
            }
        }
        return commandLine.setDefaultValueProvider(new EnvironmentDefaults(System.getenv(), file));
    }

    /** {@code --config} must be known before the other options are parsed, since it supplies their defaults. */
    private static Path configPath(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--config") && i + 1 < args.length)
            {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config="))
            {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        final String fromEnvironment = System.getenv(EnvironmentDefaults.environmentName("config"));
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    @Override
    public Integer call() throws Exception
    {
        final ServerConfig config = toConfig();
        final SluiceServer server = SluiceServer.start(config);
        // SIGTERM and SIGINT: the main thread stops the server and returns 0. The hook covers every other exit.
        final CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stop(server);
            ShutdownLogManager.shutdownLogged();
        }, "sluice-shutdown"));
        final StringBuilder where = new StringBuilder();
        for (final InetSocketAddress address : server.addresses())
        {
            where.append(where.length() == 0 ? "" : ", ")
                .append(config.security().tlsEnabled() ? "https://" : "http://")
                .append(address.getAddress().getHostAddress().contains(":") ? "[" +
                    address.getAddress().getHostAddress() + "]" : address.getAddress().getHostAddress())
                .append(':').append(address.getPort());
        }
        LOG.info("Sluice listening on " + where + " (" + server.http().transport() + ", " + config.ioThreads() +
            " event loop(s))");
        LOG.info("data directory " + config.dataDir().toAbsolutePath().normalize() + " (DuckDB file sluice.duckdb, " +
            "rings " + config.ringBytes() / (1 << 20) + " MiB each)");
        LOG.info("durability " + config.durability().name().toLowerCase(Locale.ROOT) + ": " +
            config.durability().description());
        // Names and counts only: secrets never reach the log.
        final SecurityConfig security = config.security();
        LOG.info(security.requiresCredentials() ? "credentials required: " + security.apiKeys().size() +
            " API key(s)" + (security.jwtSecret() != null ? ", HS256 JWTs" : "") +
            (security.jwtPublicKey() != null ? ", RS256 JWTs" : "") : "no credentials required (no API keys " +
            "configured" + (security.allowUnauthenticated() ? ", --allow-unauthenticated" : ", loopback only") + ")");
        stopRequested.await();
        stop(server);
        return 0;
    }

    /** Stops the server once, from the main thread or the shutdown hook, whichever comes first; the other waits. */
    private void stop(final SluiceServer server)
    {
        synchronized (stopLock)
        {
            if (!serverStopped)
            {
                serverStopped = true;
                LOG.info("stopping: finishing the requests under way, then draining the ingest rings into the " +
                    "database");
                server.close();
                LOG.info("stopped");
            }
        }
    }

    ServerConfig toConfig()
    {
        final ServerConfig config = new ServerConfig();
        try
        {
            for (final String address : listen)
            {
                config.listen(Listen.parse(address));
            }
            config.dataDir(dataDir)
                .durability(durability(durability))
                .ioThreads(ioThreads)
                .ringBytes(Sizes.intBytes(ringSize))
                .maxRecordBytes(Sizes.intBytes(maxRecord))
                .duckdbMemoryLimit(duckdbMemory)
                .duckdbThreads(duckdbThreads)
                .duckdbCheckpointThreshold(duckdbCheckpoint)
                .queryThreads(queryThreads)
                .groupCommitNanos(Sizes.nanos(groupCommit))
                .groupCommitRows(groupCommitRows)
                .ingest(IngestConfig.defaults().withDecompression(Sizes.bytes(maxDecompressed), maxInflateRatio));
            final HttpConfig http = config.http();
            http.maxBodyBytes(Sizes.bytes(maxBody))
                .maxConcurrentIngests(maxConcurrentIngests)
                .idleTimeoutNanos(Sizes.nanos(idleTimeout))
                .readTimeoutNanos(Sizes.nanos(readTimeout))
                .minBodyBytesPerSecond(Sizes.bytes(minBodyRate))
                .backpressureTimeoutNanos(Sizes.nanos(backpressureTimeout))
                .shutdownGraceNanos(Sizes.nanos(shutdownGrace));
            final SecurityConfig security = config.security();
            apiKeys.stream().filter(key -> !key.isBlank()).forEach(security::apiKey);
            security.jwtSecret(blankToNull(jwtSecret)).jwtPublicKey(jwtPublicKey).jwtIssuer(blankToNull(jwtIssuer))
                .jwtAudience(blankToNull(jwtAudience)).allowUnauthenticated(allowUnauthenticated);
            if (tlsCert != null || tlsKey != null)
            {
                security.tls(tlsCert, tlsKey);
            }
            config.validate();
        }
        catch (final IllegalArgumentException e)
        {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return config;
    }

    private static String blankToNull(final String text)
    {
        return text == null || text.isBlank() ? null : text;
    }

    private static Durability durability(final String text)
    {
        try
        {
            return Durability.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("--durability must be default or fsync, not '" + text + "'", e);
        }
    }
}
