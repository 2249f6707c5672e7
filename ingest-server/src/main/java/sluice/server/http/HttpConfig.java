package sluice.server.http;

import java.util.concurrent.TimeUnit;

/**
 * Limits and timeouts of the HTTP layer, all enforced while a request streams in.
 * <table>
 * <caption>settings</caption>
 * <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 * <tr><td>maxBodyBytes</td><td>1 GiB</td><td>413 as soon as Content-Length or the streamed count passes it</td></tr>
 * <tr><td>maxHeaderBytes</td><td>16 KiB</td><td>431</td></tr>
 * <tr><td>maxInitialLineBytes</td><td>64 KiB</td><td>414 (long {@code /db/query?q=...} URLs need room)</td></tr>
 * <tr><td>maxChunkBytes</td><td>64 KiB</td><td>larger body pieces are split, never refused</td></tr>
 * <tr><td>maxBufferedBodyBytes</td><td>1 MiB</td><td>413 for bodies read whole (query forms, DDL)</td></tr>
 * <tr><td>maxDiscardBytes</td><td>1 MiB</td><td>after an early error answer, at most this much of the rest of the
 * body is read and dropped to keep the connection; beyond, the connection is closed</td></tr>
 * <tr><td>idleTimeoutNanos</td><td>60 s</td><td>an idle keep-alive connection is closed</td></tr>
 * <tr><td>readTimeoutNanos</td><td>30 s</td><td>408 when a started request sends nothing for this long</td></tr>
 * <tr><td>minBodyBytesPerSecond</td><td>1 KiB</td><td>408 when a body streams slower than this over a read timeout
 * (a client sending one byte a second is cut off); 0 turns the check off</td></tr>
 * <tr><td>backpressureTimeoutNanos</td><td>30 s</td><td>503 with Retry-After when the ring stays full this long</td></tr>
 * <tr><td>maxConcurrentIngests</td><td>1024</td><td>429 with Retry-After</td></tr>
 * <tr><td>shutdownGraceNanos</td><td>10 s</td><td>on a stop, requests under way get this long to finish and be
 * answered; then their connections are closed (their rows dropped)</td></tr>
 * </table>
 * Mutable until the server starts; then read-only.
 */
public final class HttpConfig
{
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 30;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_BUFFERED_BODY_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_DISCARD_BYTES = 1 << 20;
    public static final long DEFAULT_IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    public static final long DEFAULT_READ_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    public static final long DEFAULT_BACKPRESSURE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    public static final int DEFAULT_MAX_CONCURRENT_INGESTS = 1024;
    public static final long DEFAULT_MIN_BODY_BYTES_PER_SECOND = 1024;
    public static final long DEFAULT_SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxInitialLineBytes = DEFAULT_MAX_INITIAL_LINE_BYTES;
    private int maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;
    private int maxBufferedBodyBytes = DEFAULT_MAX_BUFFERED_BODY_BYTES;
    private long maxDiscardBytes = DEFAULT_MAX_DISCARD_BYTES;
    private long idleTimeoutNanos = DEFAULT_IDLE_TIMEOUT_NANOS;
    private long readTimeoutNanos = DEFAULT_READ_TIMEOUT_NANOS;
    private long backpressureTimeoutNanos = DEFAULT_BACKPRESSURE_TIMEOUT_NANOS;
    private int maxConcurrentIngests = DEFAULT_MAX_CONCURRENT_INGESTS;
    private long minBodyBytesPerSecond = DEFAULT_MIN_BODY_BYTES_PER_SECOND;
    private long shutdownGraceNanos = DEFAULT_SHUTDOWN_GRACE_NANOS;

    public HttpConfig maxBodyBytes(final long maxBodyBytes)
    {
        this.maxBodyBytes = positive(maxBodyBytes, "maxBodyBytes");
        return this;
    }

    public HttpConfig maxHeaderBytes(final int maxHeaderBytes)
    {
        this.maxHeaderBytes = (int)positive(maxHeaderBytes, "maxHeaderBytes");
        return this;
    }

    public HttpConfig maxInitialLineBytes(final int maxInitialLineBytes)
    {
        this.maxInitialLineBytes = (int)positive(maxInitialLineBytes, "maxInitialLineBytes");
        return this;
    }

    public HttpConfig maxChunkBytes(final int maxChunkBytes)
    {
        this.maxChunkBytes = (int)positive(maxChunkBytes, "maxChunkBytes");
        return this;
    }

    public HttpConfig maxBufferedBodyBytes(final int maxBufferedBodyBytes)
    {
        this.maxBufferedBodyBytes = (int)positive(maxBufferedBodyBytes, "maxBufferedBodyBytes");
        return this;
    }

    public HttpConfig maxDiscardBytes(final long maxDiscardBytes)
    {
        this.maxDiscardBytes = Math.max(0, maxDiscardBytes);
        return this;
    }

    public HttpConfig idleTimeoutNanos(final long idleTimeoutNanos)
    {
        this.idleTimeoutNanos = positive(idleTimeoutNanos, "idleTimeout");
        return this;
    }

    public HttpConfig readTimeoutNanos(final long readTimeoutNanos)
    {
        this.readTimeoutNanos = positive(readTimeoutNanos, "readTimeout");
        return this;
    }

    public HttpConfig minBodyBytesPerSecond(final long minBodyBytesPerSecond)
    {
        if (minBodyBytesPerSecond < 0)
        {
            throw new IllegalArgumentException("minBodyRate must not be negative");
        }
        this.minBodyBytesPerSecond = minBodyBytesPerSecond;
        return this;
    }

    public long minBodyBytesPerSecond()
    {
        return minBodyBytesPerSecond;
    }

    public HttpConfig backpressureTimeoutNanos(final long backpressureTimeoutNanos)
    {
        this.backpressureTimeoutNanos = positive(backpressureTimeoutNanos, "backpressureTimeout");
        return this;
    }

    public HttpConfig maxConcurrentIngests(final int maxConcurrentIngests)
    {
        this.maxConcurrentIngests = (int)positive(maxConcurrentIngests, "maxConcurrentIngests");
        return this;
    }

    public HttpConfig shutdownGraceNanos(final long shutdownGraceNanos)
    {
        this.shutdownGraceNanos = positive(shutdownGraceNanos, "shutdownGrace");
        return this;
    }

    public long maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    public int maxInitialLineBytes()
    {
        return maxInitialLineBytes;
    }

    public int maxChunkBytes()
    {
        return maxChunkBytes;
    }

    public int maxBufferedBodyBytes()
    {
        return maxBufferedBodyBytes;
    }

    public long maxDiscardBytes()
    {
        return maxDiscardBytes;
    }

    public long idleTimeoutNanos()
    {
        return idleTimeoutNanos;
    }

    public long readTimeoutNanos()
    {
        return readTimeoutNanos;
    }

    public long backpressureTimeoutNanos()
    {
        return backpressureTimeoutNanos;
    }

    public int maxConcurrentIngests()
    {
        return maxConcurrentIngests;
    }

    public long shutdownGraceNanos()
    {
        return shutdownGraceNanos;
    }

    private static long positive(final long value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
