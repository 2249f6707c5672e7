package sluice.server.ring;

/**
 * The records Sluice writes to an ingest ring. Every payload starts with the same 16 bytes:
 * <pre>
 *   +---------------------------------------------------------------+
 *   |                     Request Id (long)                         |
 *   +---------------------------------------------------------------+
 *   |        Flags (int)            |   Sequence (int, BATCH, END)  |
 *   +---------------------------------------------------------------+
 *   |  Body: a row batch (BATCH), an idempotency key or nothing (END) ...
 * </pre>
 * A request's rows arrive as BATCH records (each a complete {@code RowBatchDescriptor} batch), then one END (keep
 * them) or ABORT (drop them). Requests from several connections of one event loop interleave; their ids tell them
 * apart. A PROMOTE record, written by the producer of a request too large to wait whole in the ring (or blocked by
 * a full ring), asks the writer to load its rows into a transaction of its own as they arrive, freeing their ring
 * space; such a request is acknowledged only once committed, since its rows are no longer in the ring to replay.
 * <p>
 * An END's body, when not empty, is the request's idempotency key (UTF-8), which the writer stores in the same
 * transaction as the rows ({@code RequestKeys}).
 * <p>
 * Request ids are unique across restarts ({@link #requestId}), because a replay skips ids it already committed.
 */
public final class RingRecords
{
    public static final int TYPE_BATCH = 1;
    public static final int TYPE_END = 2;
    public static final int TYPE_ABORT = 3;
    public static final int TYPE_PROMOTE = 4;

    public static final int REQUEST_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = 8;
    /**
     * BATCH: 0 for a request's first batch, then 1, 2, ...: a replay that starts inside a request can tell. END: how
     * many BATCH records the request wrote, so a replay that finds an END without (all of) its batches can tell too
     * (0 from rings written before this field was set: then nothing is checked).
     */
    public static final int SEQUENCE_OFFSET = 12;
    public static final int BODY_OFFSET = 16;

    /** END flag: the client waits until the rows are committed (Machbase method=insert, Proton sync). */
    public static final int FLAG_WAIT_FOR_COMMIT = 1;

    private static final int SEQUENCE_BITS = 40;
    private static final int INCARNATION_BITS = 16;

    private RingRecords()
    {
    }

    /**
     * A request id: ring index (8 bits), the ring's incarnation (16 bits, so ids of a restarted process differ from
     * the ones a replay may still skip) and a per-ring sequence (40 bits).
     */
    public static long requestId(final int ring, final long incarnation, final long sequence)
    {
        return (long)ring << (SEQUENCE_BITS + INCARNATION_BITS) |
            (incarnation & ((1L << INCARNATION_BITS) - 1)) << SEQUENCE_BITS |
            (sequence & ((1L << SEQUENCE_BITS) - 1));
    }

    /** True when a {@link #requestId} was issued by the given incarnation of its ring. */
    public static boolean isOfIncarnation(final long requestId, final long incarnation)
    {
        return ((requestId >>> SEQUENCE_BITS) & ((1L << INCARNATION_BITS) - 1)) ==
            (incarnation & ((1L << INCARNATION_BITS) - 1));
    }

    /** The ring index of a {@link #requestId}. */
    public static int ringOf(final long requestId)
    {
        return (int)(requestId >>> (SEQUENCE_BITS + INCARNATION_BITS));
    }
}
