package sluice.server.store;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows one {@code sluice_scan} call reads: encoded row batches of one table (one {@link RowLayout}), in order,
 * possibly filtered to one op. Owned by the writer thread, read by DuckDB during the load statement the writer runs
 * (DuckDB may call the scan from one of its own threads, but the writer waits for the statement, so access is
 * sequential). Reusable: {@link #clear()} between loads.
 */
public final class BatchSource
{
    private final List<DirectBuffer> buffers = new ArrayList<>();
    private final IntArrayList offsets = new IntArrayList();
    private RowLayout layout;
    private byte op = RowSink.OP_INSERT;
    private int batchIndex;
    private final RowBatchReader reader = new RowBatchReader();
    private boolean readerOpen;
    private long rowCount;

    public BatchSource layout(final RowLayout layout)
    {
        this.layout = layout;
        return this;
    }

    /** Only rows with this op are read. */
    public BatchSource op(final byte op)
    {
        this.op = op;
        return this;
    }

    public RowLayout layout()
    {
        return layout;
    }

    /** Adds a batch; its bytes must stay unchanged until the load is done. */
    public void add(final DirectBuffer buffer, final int offset, final int rows)
    {
        buffers.add(buffer);
        offsets.addInt(offset);
        rowCount += rows;
    }

    /** Rows in the batches added, all ops. */
    public long rowCount()
    {
        return rowCount;
    }

    public boolean isEmpty()
    {
        return buffers.isEmpty();
    }

    public void clear()
    {
        buffers.clear();
        offsets.clear();
        rowCount = 0;
        rewind();
    }

    /** Restarts reading from the first batch. */
    public void rewind()
    {
        batchIndex = 0;
        readerOpen = false;
    }

    /**
     * Advances to the next row with the wanted op; false when none is left. The row is then readable through
     * {@link #reader()} and its start is {@link RowBatchReader#rowStart()} (with {@link #currentBuffer()}).
     */
    public boolean next()
    {
        while (true)
        {
            if (!readerOpen)
            {
                if (batchIndex >= buffers.size())
                {
                    return false;
                }
                reader.wrap(buffers.get(batchIndex), offsets.getInt(batchIndex), layout);
                readerOpen = true;
            }
            while (reader.next())
            {
                if (reader.op() == op)
                {
                    return true;
                }
            }
            readerOpen = false;
            batchIndex++;
        }
    }

    public RowBatchReader reader()
    {
        return reader;
    }

    public DirectBuffer currentBuffer()
    {
        return buffers.get(batchIndex);
    }
}
