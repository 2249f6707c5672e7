package sluice.server.append;

import java.util.List;

/**
 * Hears about rows as the writer commits them (Feldera's egress streams them to clients). Called on the writer
 * thread: {@link #wants} must be cheap, and {@link #committed} must hand the work off rather than do it.
 */
public interface ChangeListener
{
    /** True when someone follows the table: the writer then copies its committed batches. */
    boolean wants(int tableId);

    /**
     * A request's rows are committed. {@code batches} are copies of its encoded row batches
     * ({@code sluice.codec.row.RowBatchDescriptor}, readable with {@code RowBatchReader}), in order, with every op.
     *
     * @param ring        the ring the request came through.
     * @param endPosition the ring position after its END record (compare with a snapshot's {@code ring_state}).
     * @param requestId   the request (promoted requests are listed in {@code ring_committed} by it).
     */
    void committed(int tableId, int ring, long endPosition, long requestId, List<byte[]> batches);
}
