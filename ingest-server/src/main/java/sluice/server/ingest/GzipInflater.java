package sluice.server.ingest;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streaming gzip (RFC 1952) decompression that stops at any output boundary: the caller hands it compressed bytes
 * as they arrive and pulls at most one output window at a time, so a full ring can pause a request in the middle of
 * a compressed chunk, and a bomb is stopped at the exact byte where a limit is crossed. The JDK's {@link Inflater}
 * does the DEFLATE work; this class adds the gzip member framing (header, CRC-32 and length trailer, concatenated
 * members), which neither {@code GZIPInputStream} (blocking) nor Netty's channel decoders (all output of an input
 * chunk at once) allow driving this way.
 * <p>
 * Limits: {@code maxOutputBytes} in total, and a compression ratio above {@code maxRatio} once more than
 * {@link #RATIO_GRACE_BYTES} are out (real CSV and JSON compress 5–20×; a bomb 1000×). Single-threaded; reusable
 * after {@link #reset}.
 */
public final class GzipInflater
{
    /** Output below this size is never refused for its ratio (tiny bodies compress oddly). */
    public static final long RATIO_GRACE_BYTES = 1 << 20;

    /** {@link #inflate} results besides a positive byte count. */
    public static final int NEEDS_INPUT = 0;
    public static final int FINISHED = -1;
    public static final int ERROR = -2;

    private static final int FTEXT_FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int TRAILER_LENGTH = 8;

    private enum State
    {
        HEADER, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, DATA, TRAILER, BETWEEN_MEMBERS
    }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] header = new byte[10];
    private final byte[] trailer = new byte[TRAILER_LENGTH];
    private State state;
    private int headerFill;
    private int flags;
    private int skipRemaining;
    private int trailerFill;
    private long memberOutput;
    private long totalInput;
    private long totalOutput;
    private long maxOutputBytes;
    private int maxRatio;
    private String error;
    private boolean limitExceeded;
    private ByteBuffer input;

    public GzipInflater reset(final long maxOutputBytes, final int maxRatio)
    {
        inflater.reset();
        crc.reset();
        state = State.HEADER;
        headerFill = 0;
        trailerFill = 0;
        memberOutput = 0;
        totalInput = 0;
        totalOutput = 0;
        this.maxOutputBytes = maxOutputBytes;
        this.maxRatio = maxRatio;
        error = null;
        limitExceeded = false;
        input = null;
        return this;
    }

    /** The next compressed bytes; the buffer is read from its position and must stay valid until consumed. */
    public void feed(final ByteBuffer compressed)
    {
        input = compressed;
        totalInput += compressed.remaining();
    }

    /** True when every fed byte has been used (feed more, or {@link #finish}). */
    public boolean needsInput()
    {
        return (input == null || !input.hasRemaining()) && (state != State.DATA || inflater.needsInput());
    }

    /**
     * Writes decompressed bytes into {@code out} (from its position up to its limit). Returns how many (positive),
     * {@link #NEEDS_INPUT}, or {@link #ERROR} ({@link #error()} says why; {@link #limitExceeded()} for the limits).
     */
    public int inflate(final ByteBuffer out)
    {
        while (true)
        {
            if (state == State.DATA)
            {
                final int n = inflateData(out);
                if (n != 0 || state == State.DATA)
                {
                    return n;
                }
                continue;
            }
            if (input == null || !input.hasRemaining())
            {
                return NEEDS_INPUT;
            }
            if (!frame())
            {
                return ERROR;
            }
        }
    }

    /** Call at the end of the body: checks that the last member was complete. */
    public int finish()
    {
        if (state == State.BETWEEN_MEMBERS)
        {
            return FINISHED;
        }
        if (error == null)
        {
            error = totalInput == 0 ? "empty gzip body" : "truncated gzip body";
        }
        return ERROR;
    }

    public String error()
    {
        return error;
    }

    /** True when the error is a size or ratio limit (the client's body is too big, not malformed). */
    public boolean limitExceeded()
    {
        return limitExceeded;
    }

    public long totalOutput()
    {
        return totalOutput;
    }

    private int inflateData(final ByteBuffer out)
    {
        if (inflater.needsInput())
        {
            if (input == null || !input.hasRemaining())
            {
                return NEEDS_INPUT;
            }
            inflater.setInput(input);
        }
        final int start = out.position();
        final int n;
        try
        {
            n = inflater.inflate(out);
        }
        catch (final DataFormatException e)
        {
            error = "invalid gzip data: " + e.getMessage();
            return ERROR;
        }
        if (n > 0)
        {
            final ByteBuffer produced = out.duplicate().position(start).limit(start + n);
            crc.update(produced);
            memberOutput += n;
            totalOutput += n;
            if (totalOutput > maxOutputBytes)
            {
                return limit("decompressed body exceeds " + maxOutputBytes + " bytes");
            }
            if (totalOutput > RATIO_GRACE_BYTES && totalOutput > (long)maxRatio * Math.max(1, consumedInput()))
            {
                return limit("decompressed body grows more than " + maxRatio + "x its compressed size " +
                    "(refused as a decompression bomb)");
            }
        }
        if (inflater.finished())
        {
            // A ByteBuffer input is advanced only past what the member used: the trailer follows at its position.
            state = State.TRAILER;
            trailerFill = 0;
            return n;
        }
        if (n == 0 && inflater.needsDictionary())
        {
            error = "invalid gzip data: preset dictionary";
            return ERROR;
        }
        return n;
    }

    private long consumedInput()
    {
        return totalInput - (input != null ? input.remaining() : 0);
    }

    private int limit(final String message)
    {
        error = message;
        limitExceeded = true;
        return ERROR;
    }

    /** Consumes header or trailer bytes; false on a framing error. */
    private boolean frame()
    {
        switch (state)
        {
            case BETWEEN_MEMBERS:
                state = State.HEADER;
                headerFill = 0;
                return true;
            case HEADER:
                while (headerFill < header.length && input.hasRemaining())
                {
                    header[headerFill++] = input.get();
                    // The magic bytes are judged as soon as they arrive, so a short plain body is not "truncated".
                    if (headerFill <= 2 && (header[headerFill - 1] & 0xFF) != (headerFill == 1 ? 0x1F : 0x8B))
                    {
                        error = "not in gzip format";
                        return false;
                    }
                }
                if (headerFill < header.length)
                {
                    return true;
                }
                if (header[2] != 8)
                {
                    error = "unsupported gzip compression method " + header[2];
                    return false;
                }
                flags = header[3] & 0xFF;
                skipRemaining = 2;
                state = (flags & FEXTRA) != 0 ? State.EXTRA_LENGTH : State.NAME;
                return true;
            case EXTRA_LENGTH:
                // Two little-endian bytes, collected into skipRemaining's place via trailer scratch space.
                trailer[2 - skipRemaining] = input.get();
                if (--skipRemaining == 0)
                {
                    skipRemaining = (trailer[0] & 0xFF) | (trailer[1] & 0xFF) << 8;
                    state = skipRemaining > 0 ? State.EXTRA : State.NAME;
                }
                return true;
            case EXTRA:
                final int skip = Math.min(skipRemaining, input.remaining());
                input.position(input.position() + skip);
                skipRemaining -= skip;
                if (skipRemaining == 0)
                {
                    state = State.NAME;
                }
                return true;
            case NAME:
                if ((flags & FNAME) == 0 || skipZeroTerminated())
                {
                    state = State.COMMENT;
                }
                return true;
            case COMMENT:
                if ((flags & FCOMMENT) == 0 || skipZeroTerminated())
                {
                    state = State.HEADER_CRC;
                    skipRemaining = (flags & FTEXT_FHCRC) != 0 ? 2 : 0;
                }
                return true;
            case HEADER_CRC:
                final int crcSkip = Math.min(skipRemaining, input.remaining());
                input.position(input.position() + crcSkip);
                skipRemaining -= crcSkip;
                if (skipRemaining == 0)
                {
                    state = State.DATA;
                    inflater.reset();
                    crc.reset();
                    memberOutput = 0;
                }
                return true;
            case TRAILER:
                while (trailerFill < TRAILER_LENGTH && input.hasRemaining())
                {
                    trailer[trailerFill++] = input.get();
                }
                if (trailerFill < TRAILER_LENGTH)
                {
                    return true;
                }
                if (littleEndianInt(0) != (int)crc.getValue())
                {
                    error = "gzip CRC mismatch";
                    return false;
                }
                if (littleEndianInt(4) != (int)memberOutput)
                {
                    error = "gzip length mismatch";
                    return false;
                }
                state = State.BETWEEN_MEMBERS;
                return true;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    private boolean skipZeroTerminated()
    {
        while (input.hasRemaining())
        {
            if (input.get() == 0)
            {
                return true;
            }
        }
        return false;
    }

    private int littleEndianInt(final int at)
    {
        return (trailer[at] & 0xFF) | (trailer[at + 1] & 0xFF) << 8 | (trailer[at + 2] & 0xFF) << 16 |
            (trailer[at + 3] & 0xFF) << 24;
    }
}
