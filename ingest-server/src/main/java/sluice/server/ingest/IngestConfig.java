package sluice.server.ingest;

/**
 * Sizes of the path from a request body to the ring.
 * <table>
 * <caption>settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>flushBytes</td><td>256 KiB</td><td>rows are written to the ring in batches of about this size</td></tr>
 * <tr><td>sliceBytes</td><td>64 KiB</td><td>most input bytes decoded between two flush checks (bounds a batch)</td></tr>
 * <tr><td>largeRequestBytes</td><td>8 MiB</td><td>a request that has written this much to the ring is promoted to
 * its own transaction and answered once committed</td></tr>
 * <tr><td>maxDecompressedBytes</td><td>4 GiB</td><td>a gzip body may not inflate to more</td></tr>
 * <tr><td>maxInflateRatio</td><td>200</td><td>nor grow more than this many times its compressed size</td></tr>
 * </table>
 */
public record IngestConfig(int flushBytes, int sliceBytes, long largeRequestBytes, long maxDecompressedBytes,
    int maxInflateRatio)
{
    public static final int DEFAULT_FLUSH_BYTES = 256 * 1024;
    public static final int DEFAULT_SLICE_BYTES = 64 * 1024;
    public static final long DEFAULT_LARGE_REQUEST_BYTES = 8L << 20;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L << 30;
    public static final int DEFAULT_MAX_INFLATE_RATIO = 200;

    public static IngestConfig defaults()
    {
        return new IngestConfig(DEFAULT_FLUSH_BYTES, DEFAULT_SLICE_BYTES, DEFAULT_LARGE_REQUEST_BYTES,
            DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_INFLATE_RATIO);
    }

    public IngestConfig withDecompression(final long maxDecompressedBytes, final int maxInflateRatio)
    {
        return new IngestConfig(flushBytes, sliceBytes, largeRequestBytes, maxDecompressedBytes, maxInflateRatio);
    }
}
