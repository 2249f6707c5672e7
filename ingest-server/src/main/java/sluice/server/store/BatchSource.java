package sluice.server.store;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import sluice.codec.row.RowBatchDescriptor;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows one {@code sluice_scan} call reads: encoded row batches of one table (one {@link RowLayout}), in order,
 * filtered to one op (or a set of ops, {@link #ops}), either all of them or a {@link #range} of them (a step {@link OpRuns} planned). Owned by the
 * writer thread, read by DuckDB during the load statement the writer runs (DuckDB may call the scan from one of its own
 * threads, but the writer waits for the statement, so access is sequential). Reusable: {@link #clear()} between
 * loads.
 * <p>
 * As batches are added it ORs their Op Masks (one header read each), so a load of inserts only is known as such
 * without a look at the rows: {@link #isInsertOnly()}.
 */
public final class BatchSource
{
    private final List<DirectBuffer> buffers = new ArrayList<>();
    private final IntArrayList offsets = new IntArrayList();
    private final IntArrayList rowCounts = new IntArrayList();
    private final RowBatchReader reader = new RowBatchReader();
    private RowLayout layout;
    private byte op = RowSink.OP_INSERT;
    /** The ops read, bit {@code 1 << op} each. */
    private int readMask = 1 << RowSink.OP_INSERT;
    private boolean absentColumns;
    private boolean ordinals;
    /** Rows the scan has returned since {@link #rewind()}: the next row's ordinal. */
    private long scanned;
    private int opMask;
    private long rowCount;

    private int rangeBatch;
    private int rangeRowIndex;
    private int rangeRowStart = -1;
    private long rangeRows = Long.MAX_VALUE;

    private int batchIndex;
    private boolean readerOpen;
    private long remaining;

    public BatchSource layout(final RowLayout layout)
    {
        this.layout = layout;
        return this;
    }

    /** Only rows with this op are read ({@link RowSink#OP_INSERT} after {@link #clear()}). */
    public BatchSource op(final byte op)
    {
        this.op = op;
        this.readMask = 1 << op;
        return this;
    }

    /**
     * Reads the rows of every op in {@code mask} (bit {@code 1 << op} each); {@link #op()} stays {@code op}, which
     * decides the scan's columns. A replace-by-key DELETE reads a block's deletes and inserts this way.
     */
    public BatchSource ops(final byte op, final int mask)
    {
        this.op = op;
        this.readMask = mask;
        return this;
    }

    public byte op()
    {
        return op;
    }

    /**
     * With {@code true} the scan also returns, after the values, one BOOLEAN per column that is true where an UPDATE
     * row leaves the column unchanged ({@link RowBatchReader#isAbsent}).
     */
    public BatchSource absentColumns(final boolean absentColumns)
    {
        this.absentColumns = absentColumns;
        return this;
    }

    public boolean absentColumns()
    {
        return absentColumns;
    }

    /**
     * With {@code true} the scan also returns, last, BIGINT column {@code o}: the row's position among the rows this
     * scan returns (0, 1, ...), for a last-wins dedupe of keys inserted more than once
     * ({@link LoadStatement#upsertInsert}). DuckDB promises no order of rows without one.
     */
    public BatchSource ordinals(final boolean ordinals)
    {
        this.ordinals = ordinals;
        return this;
    }

    public boolean ordinals()
    {
        return ordinals;
    }

    /** The ordinal of the first of the next {@code rows} rows the scan returns, counting them as returned. */
    long takeOrdinals(final int rows)
    {
        final long first = scanned;
        scanned += rows;
        return first;
    }

    /**
     * Reads only the {@code rows} rows (of any op, before the filter) from row {@code rowIndex} of batch
     * {@code batch}, which starts at {@code rowStart} in its buffer, on through the following batches.
     */
    public BatchSource range(final int batch, final int rowIndex, final int rowStart, final long rows)
    {
        rangeBatch = batch;
        rangeRowIndex = rowIndex;
        rangeRowStart = rowStart;
        rangeRows = rows;
        return this;
    }

    /** Reads every batch again (undoes {@link #range}). */
    public BatchSource allRows()
    {
        rangeBatch = 0;
        rangeRowIndex = 0;
        rangeRowStart = -1;
        rangeRows = Long.MAX_VALUE;
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
        rowCounts.addInt(rows);
        rowCount += rows;
        opMask |= RowBatchReader.opMask(buffer, offset);
    }

    /** Rows in the batches added, all ops. */
    public long rowCount()
    {
        return rowCount;
    }

    /** The ops of the batches added, bit {@code 1 << op} each. */
    public int opMask()
    {
        return opMask;
    }

    /** True when every row added is an insert: the whole source loads with one INSERT. */
    public boolean isInsertOnly()
    {
        return opMask == RowBatchDescriptor.OP_MASK_INSERT_ONLY;
    }

    public boolean isEmpty()
    {
        return buffers.isEmpty();
    }

    public void clear()
    {
        buffers.clear();
        offsets.clear();
        rowCounts.clear();
        rowCount = 0;
        opMask = 0;
        op(RowSink.OP_INSERT);
        absentColumns = false;
        ordinals = false;
        allRows();
        rewind();
    }

    /** Restarts reading from the first row (of the range). */
    public void rewind()
    {
        batchIndex = rangeBatch;
        readerOpen = false;
        remaining = rangeRows;
        scanned = 0;
    }

    /**
     * Advances to the next row with the wanted op; false when none is left. The row is then readable through
     * {@link #reader()} and its start is {@link RowBatchReader#rowStart()} (with {@link #currentBuffer()}).
     */
    public boolean next()
    {
        while (remaining > 0)
        {
            if (!readerOpen)
            {
                if (batchIndex >= buffers.size())
                {
                    return false;
                }
                openBatch();
            }
            while (reader.next())
            {
                remaining--;
                if ((readMask & 1 << reader.op()) != 0)
                {
                    return true;
                }
                if (remaining == 0)
                {
                    return false;
                }
            }
            readerOpen = false;
            batchIndex++;
        }
        return false;
    }

    private void openBatch()
    {
        if (batchIndex == rangeBatch && rangeRowStart >= 0)
        {
            reader.wrapAt(buffers.get(batchIndex), offsets.getInt(batchIndex), layout, rangeRowIndex, rangeRowStart);
        }
        else
        {
            reader.wrap(buffers.get(batchIndex), offsets.getInt(batchIndex), layout);
        }
        readerOpen = true;
    }

    public RowBatchReader reader()
    {
        return reader;
    }

    public DirectBuffer currentBuffer()
    {
        return buffers.get(batchIndex);
    }

    int batchCount()
    {
        return buffers.size();
    }

    DirectBuffer buffer(final int batch)
    {
        return buffers.get(batch);
    }

    int offset(final int batch)
    {
        return offsets.getInt(batch);
    }

    int rowCount(final int batch)
    {
        return rowCounts.getInt(batch);
    }
}
