package sluice.server.config;

import sluice.server.http.HttpConfig;
import sluice.server.ingest.IngestConfig;
import sluice.server.store.Database;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything a server instance is configured with. {@code sluice.server.Main} fills it from the command line,
 * {@code SLUICE_*} environment variables and a config file; tests build it directly. Mutable until the server starts.
 */
public final class ServerConfig
{
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    public static final int DEFAULT_RING_BYTES = 256 << 20;
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 << 20;

    private final List<InetSocketAddress> listen = new ArrayList<>();
    private Path dataDir = Path.of("data");
    private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private int ringBytes = DEFAULT_RING_BYTES;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private Durability durability = Durability.DEFAULT;
    private String duckdbMemoryLimit = "4GB";
    /**
     * One: the writer's loads are single-threaded table scans, and with DuckDB workers the issuing thread spins on
     * their task queue while they run them (perf: 60% of the writer's CPU in mutex lock/unlock and
     * GetTaskFromProducer), which on a small machine takes a core from the event loops.
     */
    private int duckdbThreads = 1;
    private String duckdbCheckpointThreshold = Database.DEFAULT_CHECKPOINT_THRESHOLD;
    private long groupCommitNanos = TimeUnit.MILLISECONDS.toNanos(5);
    private long groupCommitRows = 2_000_000;
    private int queryThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final HttpConfig http = new HttpConfig();
    private final SecurityConfig security = new SecurityConfig();
    private IngestConfig ingest = IngestConfig.defaults();

    public SecurityConfig security()
    {
        return security;
    }

    public List<InetSocketAddress> listen()
    {
        return listen.isEmpty() ? List.of(Listen.parse(DEFAULT_LISTEN)) : listen;
    }

    public ServerConfig listen(final InetSocketAddress address)
    {
        listen.add(address);
        return this;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public ServerConfig dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    public ServerConfig ioThreads(final int ioThreads)
    {
        if (ioThreads < 1 || ioThreads > 255)
        {
            throw new IllegalArgumentException("io threads must be 1..255: " + ioThreads);
        }
        this.ioThreads = ioThreads;
        return this;
    }

    public int ringBytes()
    {
        return ringBytes;
    }

    /** Per event loop; a power of two. */
    public ServerConfig ringBytes(final int ringBytes)
    {
        if (Integer.bitCount(ringBytes) != 1 || ringBytes < (1 << 20))
        {
            throw new IllegalArgumentException("ring size must be a power of two of at least 1 MiB: " + ringBytes);
        }
        this.ringBytes = ringBytes;
        return this;
    }

    public int maxRecordBytes()
    {
        return maxRecordBytes;
    }

    public ServerConfig maxRecordBytes(final int maxRecordBytes)
    {
        this.maxRecordBytes = maxRecordBytes;
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    public ServerConfig durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    public String duckdbMemoryLimit()
    {
        return duckdbMemoryLimit;
    }

    public ServerConfig duckdbMemoryLimit(final String duckdbMemoryLimit)
    {
        this.duckdbMemoryLimit = duckdbMemoryLimit;
        return this;
    }

    public int duckdbThreads()
    {
        return duckdbThreads;
    }

    public ServerConfig duckdbThreads(final int duckdbThreads)
    {
        this.duckdbThreads = duckdbThreads;
        return this;
    }

    public String duckdbCheckpointThreshold()
    {
        return duckdbCheckpointThreshold;
    }

    public ServerConfig duckdbCheckpointThreshold(final String duckdbCheckpointThreshold)
    {
        this.duckdbCheckpointThreshold = duckdbCheckpointThreshold;
        return this;
    }

    public long groupCommitNanos()
    {
        return groupCommitNanos;
    }

    public ServerConfig groupCommitNanos(final long groupCommitNanos)
    {
        this.groupCommitNanos = groupCommitNanos;
        return this;
    }

    public long groupCommitRows()
    {
        return groupCommitRows;
    }

    public ServerConfig groupCommitRows(final long groupCommitRows)
    {
        this.groupCommitRows = groupCommitRows;
        return this;
    }

    public int queryThreads()
    {
        return queryThreads;
    }

    public ServerConfig queryThreads(final int queryThreads)
    {
        this.queryThreads = queryThreads;
        return this;
    }

    public HttpConfig http()
    {
        return http;
    }

    public IngestConfig ingest()
    {
        return ingest;
    }

    public ServerConfig ingest(final IngestConfig ingest)
    {
        this.ingest = ingest;
        return this;
    }

    /**
     * Checks that the settings fit together. A non-loopback address is bound only with credentials configured (API
     * keys or JWT keys) or the operator's explicit {@code --allow-unauthenticated} (ARCHITECTURE.md). Also: one ring
     * record must hold the largest batch an event loop can encode between two flushes (flush size, one slice of input
     * at the worst row overhead, one maximal record).
     */
    public void validate()
    {
        security.validate();
        for (final InetSocketAddress address : listen())
        {
            if ((address.getAddress() == null || !address.getAddress().isLoopbackAddress()) &&
                !security.requiresCredentials() && !security.allowUnauthenticated())
            {
                throw new IllegalArgumentException("refusing to listen on " + address.getHostString() + ":" +
                    address.getPort() + " without credentials: configure --api-key (or --jwt-secret / " +
                    "--jwt-public-key), bind a loopback address (e.g. 127.0.0.1:" + address.getPort() + " or :" +
                    address.getPort() + "), or say --allow-unauthenticated");
            }
        }
        final long largestBatch = ingest.flushBytes() + 17L * ingest.sliceBytes() + maxRecordBytes + (1 << 20);
        if (ringBytes / 8 < largestBatch)
        {
            throw new IllegalArgumentException("ring size " + ringBytes + " is too small for records of " +
                maxRecordBytes + " bytes: use --ring-size of at least " + Long.highestOneBit(largestBatch * 16 - 1) +
                " bytes (or a smaller --max-record)");
        }
    }
}
