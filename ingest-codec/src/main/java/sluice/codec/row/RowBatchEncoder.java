package sluice.codec.row;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static sluice.codec.row.RowBatchDescriptor.BATCH_HEADER_LENGTH;
import static sluice.codec.row.RowBatchDescriptor.BATCH_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_COUNT_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_OP_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.SCHEMA_VERSION_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.TABLE_ID_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.VAR_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.VAR_OFFSET_OFFSET;

/**
 * Writes rows into a batch laid out as {@link RowBatchDescriptor} describes. The batch header is kept current after
 * every {@link #endRow()}, so the bytes {@code [offset, offset + length())} are a valid batch at any row boundary.
 * <p>
 * The buffer must either be expandable (Agrona's {@code ExpandableDirectByteBuffer}, growing as rows arrive; the
 * caller bounds it by flushing when {@link #length()} passes its batch size) or large enough; running past a fixed
 * buffer is a caller bug and throws {@link IndexOutOfBoundsException}. Single-threaded; reusable via {@link #wrap}.
 */
public final class RowBatchEncoder implements RowSink
{
    private MutableDirectBuffer buffer;
    private RowLayout layout;
    private int batchOffset;
    private int position;
    private int rowStart;
    private int varPosition;
    private int rowCount;
    private boolean rowOpen;
    private boolean partialRow;

    /** Starts an empty batch at {@code offset} of {@code buffer}. */
    public RowBatchEncoder wrap(
        final MutableDirectBuffer buffer, final int offset, final RowLayout layout, final int tableId,
        final int schemaVersion)
    {
        this.buffer = buffer;
        this.layout = layout;
        this.batchOffset = offset;
        buffer.checkLimit(offset + BATCH_HEADER_LENGTH);
        buffer.putInt(offset + TABLE_ID_OFFSET, tableId);
        buffer.putInt(offset + SCHEMA_VERSION_OFFSET, schemaVersion);
        return reset();
    }

    /** Empties the batch, keeping buffer, layout, table id and schema version. */
    public RowBatchEncoder reset()
    {
        position = batchOffset + BATCH_HEADER_LENGTH;
        rowCount = 0;
        rowOpen = false;
        writeHeader();
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public RowLayout layout()
    {
        return layout;
    }

    public int offset()
    {
        return batchOffset;
    }

    /** Bytes of the batch so far, header included, complete rows only. */
    public int length()
    {
        return position - batchOffset;
    }

    public int rowCount()
    {
        return rowCount;
    }

    public boolean isEmpty()
    {
        return rowCount == 0;
    }

    @Override
    public void beginRow(final byte op)
    {
        assert !rowOpen : "beginRow without endRow/abortRow";
        final RowLayout layout = this.layout;
        final MutableDirectBuffer buffer = this.buffer;
        final int start = position;
        final int fixedEnd = layout.fixedEnd();
        buffer.checkLimit(start + fixedEnd);
        buffer.putByte(start + ROW_OP_OFFSET, op);
        final int bitmapBytes = layout.bitmapBytes();
        buffer.setMemory(start + layout.nullBitmapOffset(), bitmapBytes, (byte)0xFF);
        // DELETE and UPDATE rows carry only the columns given; the rest are absent until put.
        partialRow = op != OP_INSERT;
        buffer.setMemory(start + layout.absentBitmapOffset(), bitmapBytes, (byte)(partialRow ? 0xFF : 0));
        buffer.setMemory(start + layout.fixedOffset(), fixedEnd - layout.fixedOffset(), (byte)0);
        rowStart = start;
        varPosition = start + fixedEnd;
        rowOpen = true;
    }

    @Override
    public void putNull(final int column)
    {
        // The NULL bit starts set; a column put earlier in this row and then set to NULL gets it back.
        final int index = rowStart + layout.nullBitmapOffset() + (column >>> 3);
        buffer.putByte(index, (byte)(buffer.getByte(index) | (1 << (column & 7))));
        clearSlot(column);
        if (partialRow)
        {
            clearAbsent(column);
        }
    }

    @Override
    public void putBoolean(final int column, final boolean value)
    {
        markPresent(column);
        buffer.putByte(rowStart + layout.slotOffset(column), (byte)(value ? 1 : 0));
    }

    @Override
    public void putLong(final int column, final long value)
    {
        markPresent(column);
        final int index = rowStart + layout.slotOffset(column);
        switch (layout.slotWidth(column))
        {
            case 1:
                buffer.putByte(index, (byte)value);
                break;
            case 2:
                buffer.putShort(index, (short)value);
                break;
            case 4:
                buffer.putInt(index, (int)value);
                break;
            default:
                buffer.putLong(index, value);
                break;
        }
    }

    @Override
    public void putDouble(final int column, final double value)
    {
        markPresent(column);
        final int index = rowStart + layout.slotOffset(column);
        if (layout.isFloat32(column))
        {
            buffer.putFloat(index, (float)value);
        }
        else
        {
            buffer.putDouble(index, value);
        }
    }

    @Override
    public void putDecimal128(final int column, final long high, final long low)
    {
        markPresent(column);
        final int index = rowStart + layout.slotOffset(column);
        buffer.putLong(index, high);
        buffer.putLong(index + 8, low);
    }

    @Override
    public void putBytes(final int column, final DirectBuffer src, final int offset, final int length)
    {
        markPresent(column);
        final int at = varPosition;
        buffer.checkLimit(at + length);
        buffer.putBytes(at, src, offset, length);
        final int slot = rowStart + layout.slotOffset(column);
        buffer.putInt(slot + VAR_OFFSET_OFFSET, at - rowStart);
        buffer.putInt(slot + VAR_LENGTH_OFFSET, length);
        varPosition = at + length;
    }

    @Override
    public void endRow()
    {
        assert rowOpen : "endRow without beginRow";
        buffer.putInt(rowStart + ROW_LENGTH_OFFSET, varPosition - rowStart);
        position = varPosition;
        rowCount++;
        rowOpen = false;
        writeHeader();
    }

    @Override
    public void abortRow()
    {
        rowOpen = false;
    }

    private void markPresent(final int column)
    {
        final int index = rowStart + layout.nullBitmapOffset() + (column >>> 3);
        buffer.putByte(index, (byte)(buffer.getByte(index) & ~(1 << (column & 7))));
        if (partialRow)
        {
            clearAbsent(column);
        }
    }

    private void clearAbsent(final int column)
    {
        final int index = rowStart + layout.absentBitmapOffset() + (column >>> 3);
        buffer.putByte(index, (byte)(buffer.getByte(index) & ~(1 << (column & 7))));
    }

    private void clearSlot(final int column)
    {
        buffer.setMemory(rowStart + layout.slotOffset(column), layout.slotWidth(column), (byte)0);
    }

    private void writeHeader()
    {
        buffer.putInt(batchOffset + BATCH_LENGTH_OFFSET, position - batchOffset);
        buffer.putInt(batchOffset + ROW_COUNT_OFFSET, rowCount);
    }
}
