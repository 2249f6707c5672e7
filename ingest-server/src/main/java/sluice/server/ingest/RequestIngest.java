package sluice.server.ingest;

import io.netty.buffer.ByteBuf;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.RowDecoder;
import sluice.codec.error.DecodeErrors;
import sluice.codec.row.RowBatchEncoder;
import sluice.server.append.Completions;
import sluice.server.append.RequestKeys;
import sluice.server.catalog.TableEntry;
import sluice.server.ring.IngestRing;
import sluice.server.ring.RingRecords;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One ingest request's body on its way to the ring: (gzip →) decoder → {@link RowBatchEncoder} → BATCH records,
 * then END, or ABORT on failure. Chunks are decoded as they arrive, a slice at a time; rows are flushed to the ring
 * in batches of {@link IngestConfig#flushBytes()}. When the ring is full the request reports {@link #BLOCKED} with its
 * unconsumed input kept, and the caller stops reading the channel and calls {@link #retry()} later.
 * <p>
 * Acknowledgement: a request that must wait for its commit (the caller asked, or it was promoted because it is large
 * or was blocked by a full ring, RingRecords) registers its {@link Completions.Waiter} just before its END record.
 * <p>
 * A batch stays under the ring's record limit because at most {@code flushBytes} plus one slice's rows (and one
 * carried-over record) are encoded between flushes; the server checks the ring against the record limit at start.
 * One per connection, reused request after request; event-loop thread only.
 */
public final class RequestIngest
{
    /** The body so far is consumed: feed more. */
    public static final int CONTINUE = 0;
    /** The ring is full: stop reading and call {@link #retry()} later. */
    public static final int BLOCKED = 1;
    /** Decoding or decompression failed: see {@link #errors()} / {@link #failureMessage()}; call {@link #abort()}. */
    public static final int FAILED = 2;
    /** END is written: answer now, or when the waiter hears of the commit if {@link #waitsForCommit()}. */
    public static final int ENDED = 3;

    private final RingProducer producer;
    private final Completions completions;
    private final IngestConfig config;
    private final ExpandableDirectByteBuffer batchBuffer = new ExpandableDirectByteBuffer(64 * 1024);
    private final RowBatchEncoder encoder = new RowBatchEncoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final GzipInflater inflater = new GzipInflater();
    private final ByteBuffer window;
    private final UnsafeBuffer windowView;

    private RowDecoder decoder;
    private boolean gzip;
    private boolean waitForCommit;
    private Completions.Waiter waiter;
    private long requestId;
    private long endPosition;
    private int sequence;
    private long bytesWritten;
    private boolean promoted;
    private boolean finishing;
    private boolean waiting;
    private ByteBuf pending;
    private String failureMessage;
    private boolean failureIsLimit;
    private byte[] copyScratch = new byte[0];
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[RequestKeys.MAX_KEY_BYTES]);
    private int keyLength;

    public RequestIngest(final RingProducer producer, final Completions completions, final IngestConfig config)
    {
        this.producer = producer;
        this.completions = completions;
        this.config = config;
        this.window = ByteBuffer.allocateDirect(config.sliceBytes());
        this.windowView = new UnsafeBuffer(window);
    }

    /**
     * Starts a request into {@code table}; the decoder must already be reset for it.
     *
     * @param waitForCommit answer only once the rows are committed (Machbase method=insert, Proton sync).
     * @param waiter told of the commit when the request waits for it; called on the writer thread.
     */
    public RequestIngest begin(
        final TableEntry table, final RowDecoder decoder, final boolean gzip, final boolean waitForCommit,
        final Completions.Waiter waiter)
    {
        this.decoder = decoder;
        this.gzip = gzip;
        this.waitForCommit = waitForCommit;
        this.waiter = waiter;
        requestId = producer.nextRequestId();
        sequence = 0;
        bytesWritten = 0;
        promoted = false;
        finishing = false;
        waiting = false;
        failureMessage = null;
        failureIsLimit = false;
        keyLength = 0;
        releasePending();
        encoder.wrap(batchBuffer, 0, table.layout(), table.id(), 1);
        if (gzip)
        {
            inflater.reset(config.maxDecompressedBytes(), config.maxInflateRatio());
        }
        return this;
    }

    /**
     * Gives the request an idempotency key, stored with its rows in the same transaction (RequestKeys); call after
     * {@link #begin}. The caller has checked its length against {@link RequestKeys#MAX_KEY_BYTES}.
     */
    public RequestIngest key(final String idempotencyKey)
    {
        final byte[] bytes = idempotencyKey.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > RequestKeys.MAX_KEY_BYTES)
        {
            throw new IllegalArgumentException("idempotency key of " + bytes.length + " bytes");
        }
        key.putBytes(0, bytes);
        keyLength = bytes.length;
        return this;
    }

    public long requestId()
    {
        return requestId;
    }

    /** After {@link #ENDED}: the ring position just past the request's END record (completion tokens). */
    public long endPosition()
    {
        return endPosition;
    }

    /** The ring this request is written to. */
    public IngestRing ring()
    {
        return producer.ring();
    }

    /** Rows decoded so far (all of them once {@link #ENDED}). */
    public long rows()
    {
        return decoder.rowsDecoded();
    }

    /** After {@link #ENDED}: true when the answer waits for the commit. */
    public boolean waitsForCommit()
    {
        return waiting;
    }

    /** The decoder's errors after a {@link #FAILED} that {@link #failureMessage()} does not explain. */
    public DecodeErrors errors()
    {
        return decoder.errors();
    }

    /** Why a request {@link #FAILED} outside the decoder (gzip, limits), or null. */
    public String failureMessage()
    {
        return failureMessage;
    }

    /** True when {@link #failureMessage()} is a size limit (413) rather than malformed input (400). */
    public boolean failureIsLimit()
    {
        return failureIsLimit;
    }

    /** The next body chunk (the caller keeps its reference; this retains what it must keep). */
    public int onBody(final ByteBuf chunk)
    {
        if (!chunk.isReadable())
        {
            return CONTINUE;
        }
        pending = chunk.retain();
        if (gzip)
        {
            inflater.feed(pending.nioBuffer());
        }
        return pump();
    }

    /** After {@link #BLOCKED}: tries again; returns what the interrupted call would have. */
    public int retry()
    {
        return finishing ? finishAndEnd() : pump();
    }

    /** The body is complete: decodes what is left, flushes and writes END. */
    public int end()
    {
        finishing = true;
        if (gzip)
        {
            final int status = inflater.finish();
            if (status == GzipInflater.ERROR)
            {
                return gzipFailure();
            }
        }
        if (decoder.finish(encoder) == RowDecoder.ERROR)
        {
            return FAILED;
        }
        return finishAndEnd();
    }

    /** Drops the request: its rows never land. Safe to call more than once and after any result. */
    public void abort()
    {
        releasePending();
        if (sequence > 0 || promoted)
        {
            producer.abort(requestId);
            sequence = 0;
            promoted = false;
        }
        encoder.reset();
    }

    private int pump()
    {
        final int status = gzip ? pumpGzip() : pumpPlain();
        if (status != CONTINUE)
        {
            return status;
        }
        releasePending();
        return flushIfFull() ? CONTINUE : BLOCKED;
    }

    private int pumpPlain()
    {
        final ByteBuf in = pending;
        // Null after a retry of a flush that was blocked once the chunk had been decoded whole.
        while (in != null && in.isReadable())
        {
            if (!flushIfFull())
            {
                return BLOCKED;
            }
            final int length = Math.min(in.readableBytes(), config.sliceBytes());
            wrap(in, in.readerIndex(), length);
            in.skipBytes(length);
            if (decoder.decode(view, 0, length, encoder) == RowDecoder.ERROR)
            {
                return FAILED;
            }
        }
        return CONTINUE;
    }

    private int pumpGzip()
    {
        while (true)
        {
            if (!flushIfFull())
            {
                return BLOCKED;
            }
            window.clear();
            final int n = inflater.inflate(window);
            if (n == GzipInflater.NEEDS_INPUT)
            {
                return CONTINUE;
            }
            if (n == GzipInflater.ERROR)
            {
                return gzipFailure();
            }
            if (decoder.decode(windowView, 0, n, encoder) == RowDecoder.ERROR)
            {
                return FAILED;
            }
        }
    }

    private int gzipFailure()
    {
        failureMessage = inflater.error();
        failureIsLimit = inflater.limitExceeded();
        return FAILED;
    }

    private int finishAndEnd()
    {
        if (!encoder.isEmpty() && !writeBatch())
        {
            return BLOCKED;
        }
        waiting = waitForCommit || promoted;
        if (waiting)
        {
            completions.register(requestId, waiter);
        }
        if (!producer.tryEnd(requestId, waiting ? RingRecords.FLAG_WAIT_FOR_COMMIT : 0, sequence, key, keyLength))
        {
            if (waiting)
            {
                completions.cancel(requestId);
            }
            return BLOCKED;
        }
        // The ring position after this END: once the writer's settled position passes it, the request is committed.
        endPosition = producer.ring().tail();
        sequence = 0;
        promoted = false;
        return ENDED;
    }

    private boolean flushIfFull()
    {
        return encoder.length() < config.flushBytes() || writeBatch();
    }

    /**
     * Writes the encoded rows as one BATCH. On a full ring, promotes the request first (if it has rows in the ring),
     * so the writer can load them and free their space; either way the rows stay encoded for the next try.
     */
    private boolean writeBatch()
    {
        if (producer.tryBatch(requestId, sequence, batchBuffer, 0, encoder.length()))
        {
            sequence++;
            bytesWritten += encoder.length();
            encoder.flushed();
            if (!promoted && bytesWritten >= config.largeRequestBytes())
            {
                promote();
            }
            return true;
        }
        if (!promoted && sequence > 0)
        {
            promote();
        }
        return false;
    }

    private void promote()
    {
        promoted = producer.tryControl(RingRecords.TYPE_PROMOTE, requestId, 0);
    }

    /** Points {@link #view} at {@code length} readable bytes of {@code buf} without copying when it can. */
    private void wrap(final ByteBuf buf, final int index, final int length)
    {
        if (buf.hasMemoryAddress())
        {
            view.wrap(buf.memoryAddress() + index, length);
        }
        else if (buf.hasArray())
        {
            view.wrap(buf.array(), buf.arrayOffset() + index, length);
        }
        else if (buf.nioBufferCount() == 1)
        {
            view.wrap(buf.nioBuffer(index, length));
        }
        else
        {
            if (copyScratch.length < length)
            {
                copyScratch = new byte[Math.max(length, config.sliceBytes())];
            }
            buf.getBytes(index, copyScratch, 0, length);
            view.wrap(copyScratch, 0, length);
        }
    }

    private void releasePending()
    {
        if (pending != null)
        {
            pending.release();
            pending = null;
        }
    }
}
