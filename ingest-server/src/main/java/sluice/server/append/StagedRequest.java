package sluice.server.append;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one ingest request between its first BATCH record and its commit. Staged batches are references into
 * the ring's mapped memory (valid until the ring is released past {@link #holdFrom}); a promoted request loads them
 * into its own DuckDB transaction ({@link #dedicated}) as they arrive, so it holds little ring space. Writer thread
 * only.
 */
final class StagedRequest
{
    final long requestId;
    final int ring;
    final long firstPosition;
    /** Ring position of the first batch still referenced (meaningful while {@link #holdsRing()}). */
    long holdFrom;
    int tableId = -1;
    final List<DirectBuffer> buffers = new ArrayList<>();
    final IntArrayList offsets = new IntArrayList();
    final IntArrayList rowCounts = new IntArrayList();
    long stagedBytes;
    long rows;
    /** BATCH records read, loaded ones included: checked against the count its END carries. */
    int batches;
    boolean ended;
    int endFlags;
    long endPosition;
    long endNanos;
    /** The idempotency key its END carried (RequestKeys), stored with its rows; null if none. */
    String key;
    /** A PROMOTE record arrived: the request commits in its own transaction. */
    boolean promoted;
    /** The promoted request's open transaction, holding the rows loaded so far (opened on first load). */
    Connection dedicated;
    boolean failed;
    /** Copies of the batches a {@link ChangeListener} follows, taken before they are loaded; null if nobody does. */
    List<byte[]> captured;
    /** Part of the group being committed (so it no longer holds ring space for the release computed meanwhile). */
    boolean committing;

    StagedRequest(final long requestId, final int ring, final long firstPosition)
    {
        this.requestId = requestId;
        this.ring = ring;
        this.firstPosition = firstPosition;
    }

    void add(final DirectBuffer buffer, final int offset, final int length, final int rowCount)
    {
        buffers.add(buffer);
        offsets.addInt(offset);
        rowCounts.addInt(rowCount);
        stagedBytes += length;
        rows += rowCount;
    }

    void clearStaged()
    {
        buffers.clear();
        offsets.clear();
        rowCounts.clear();
        stagedBytes = 0;
    }

    /** True while it has batches staged: references into the ring, which must not be released past them. */
    boolean holdsRing()
    {
        return !buffers.isEmpty();
    }
}
