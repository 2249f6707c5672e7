package sluice.server.ingest;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.server.ring.IngestRing;
import sluice.server.ring.RingRecords;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The producer side of one event loop's {@link IngestRing}: request ids, and the ABORT records that could not be
 * written at once (the ring was full to its control reserve), written again shortly until they fit. One per event
 * loop; only that loop's thread may use it.
 */
public final class RingProducer
{
    private static final long ABORT_RETRY_MICROS = 500;
    private static final UnsafeBuffer NO_BODY = new UnsafeBuffer(new byte[0]);

    private final IngestRing ring;
    private final ScheduledExecutorService loop;
    private final LongArrayList pendingAborts = new LongArrayList();
    private long sequence;
    private boolean abortRetryScheduled;

    public RingProducer(final IngestRing ring, final ScheduledExecutorService loop)
    {
        this.ring = ring;
        this.loop = loop;
    }

    public IngestRing ring()
    {
        return ring;
    }

    /** A request id unique across restarts ({@link RingRecords#requestId}). */
    public long nextRequestId()
    {
        return RingRecords.requestId(ring.index(), ring.incarnation(), ++sequence);
    }

    public boolean tryBatch(
        final long requestId, final int sequence, final DirectBuffer batch, final int offset, final int length)
    {
        return ring.tryWrite(RingRecords.TYPE_BATCH, requestId, 0, sequence, batch, offset, length);
    }

    /** Writes a record without a body (END, PROMOTE); false when even the control reserve is full. */
    public boolean tryControl(final int type, final long requestId, final int flags)
    {
        return ring.tryWrite(type, requestId, flags, 0, NO_BODY, 0, 0);
    }

    /**
     * Writes a request's END record, with the number of BATCH records the request wrote in its sequence field;
     * {@code key} (an idempotency key's UTF-8, at most {@link sluice.server.append.RequestKeys#MAX_KEY_BYTES}) goes in
     * its body for the writer to store with the rows. False when even the control reserve is full.
     */
    public boolean tryEnd(
        final long requestId, final int flags, final int batches, final DirectBuffer key, final int keyLength)
    {
        return ring.tryWrite(RingRecords.TYPE_END, requestId, flags, batches, keyLength == 0 ? NO_BODY : key, 0,
            keyLength);
    }

    /** Drops a request's rows: now, or as soon as the ring has room (the writer holds them until then). */
    public void abort(final long requestId)
    {
        if (!pendingAborts.isEmpty() || !tryControl(RingRecords.TYPE_ABORT, requestId, 0))
        {
            pendingAborts.addLong(requestId);
            scheduleAbortRetry();
        }
    }

    private void scheduleAbortRetry()
    {
        if (!abortRetryScheduled)
        {
            abortRetryScheduled = true;
            loop.schedule(this::retryAborts, ABORT_RETRY_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void retryAborts()
    {
        abortRetryScheduled = false;
        while (!pendingAborts.isEmpty() && tryControl(RingRecords.TYPE_ABORT, pendingAborts.getLong(0), 0))
        {
            pendingAborts.removeAt(0);
        }
        if (!pendingAborts.isEmpty())
        {
            scheduleAbortRetry();
        }
    }
}
