package sluice.server.ring;

/**
 * The records Sluice writes to an ingest ring. Every payload starts with the same 16 bytes:
 * <pre>
 *   +---------------------------------------------------------------+
 *   |                     Request Id (long)                         |
 *   +---------------------------------------------------------------+
 *   |        Flags (int)            |   Sequence (int, BATCH)       |
 *   +---------------------------------------------------------------+
 *   |  Body: a row batch (BATCH), nothing (END, ABORT)             ...
 * </pre>
 * A request's rows arrive as BATCH records (each a complete {@code RowBatchDescriptor} batch), then one END (keep
 * them) or ABORT (drop them). Requests from several connections of one event loop interleave; their ids tell them
 * apart.
 */
public final class RingRecords
{
    public static final int TYPE_BATCH = 1;
    public static final int TYPE_END = 2;
    public static final int TYPE_ABORT = 3;

    public static final int REQUEST_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = 8;
    /** BATCH: 0 for a request's first batch, then 1, 2, ...: a replay that starts inside a request can tell. */
    public static final int SEQUENCE_OFFSET = 12;
    public static final int BODY_OFFSET = 16;

    /** END flag: the client waits until the rows are committed (Machbase method=insert, Proton sync). */
    public static final int FLAG_WAIT_FOR_COMMIT = 1;

    private RingRecords()
    {
    }
}
