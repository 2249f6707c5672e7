package sluice.codec.row;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

import static sluice.codec.row.RowBatchDescriptor.BATCH_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.BATCH_HEADER_LENGTH;
import static sluice.codec.row.RowBatchDescriptor.OP_MASK_ANY;
import static sluice.codec.row.RowBatchDescriptor.OP_MASK_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_COUNT_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.ROW_OP_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.SCHEMA_VERSION_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.TABLE_ID_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.VAR_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.VAR_OFFSET_OFFSET;

/**
 * Flyweight over an encoded batch ({@link RowBatchDescriptor}): {@link #next()} moves to the following row, the
 * getters read the current one. Values follow {@link RowSink}'s conventions; unsigned columns are zero-extended.
 * Reads nothing until asked and allocates nothing except in {@link #getString(int)}. Single-threaded; reusable.
 */
public final class RowBatchReader
{
    private DirectBuffer buffer;
    private RowLayout layout;
    private int batchOffset;
    private int rowCount;
    private int rowIndex;
    private int rowStart;
    private int nextRowStart;

    public RowBatchReader wrap(final DirectBuffer buffer, final int offset, final RowLayout layout)
    {
        this.buffer = buffer;
        this.layout = layout;
        this.batchOffset = offset;
        this.rowCount = buffer.getInt(offset + ROW_COUNT_OFFSET);
        this.rowIndex = -1;
        this.nextRowStart = offset + BATCH_HEADER_LENGTH;
        return this;
    }

    public int batchLength()
    {
        return buffer.getInt(batchOffset + BATCH_LENGTH_OFFSET);
    }

    public int rowCount()
    {
        return rowCount;
    }

    public int tableId()
    {
        return buffer.getInt(batchOffset + TABLE_ID_OFFSET);
    }

    public int schemaVersion()
    {
        return buffer.getShort(batchOffset + SCHEMA_VERSION_OFFSET) & 0xFFFF;
    }

    /** The ops among the batch's rows, bit {@code 1 << op} each ({@link RowBatchDescriptor}). */
    public int opMask()
    {
        return opMask(buffer, batchOffset);
    }

    /**
     * The Op Mask of the batch at {@code offset}, without wrapping it; {@link RowBatchDescriptor#OP_MASK_ANY} for a
     * non-empty batch written before the mask existed, so such a batch is never taken for inserts only.
     */
    public static int opMask(final DirectBuffer buffer, final int offset)
    {
        final int mask = buffer.getShort(offset + OP_MASK_OFFSET) & 0xFFFF;
        return mask != 0 || buffer.getInt(offset + ROW_COUNT_OFFSET) == 0 ? mask : OP_MASK_ANY;
    }

    /**
     * Wraps the batch at {@code offset} positioned before row {@code rowIndex}, which starts at {@code rowStart} (a
     * value {@link #rowStart()} returned for that row): {@link #next()} then moves to it without walking the rows
     * before it.
     */
    public RowBatchReader wrapAt(
        final DirectBuffer buffer, final int offset, final RowLayout layout, final int rowIndex, final int rowStart)
    {
        wrap(buffer, offset, layout);
        this.rowIndex = rowIndex - 1;
        this.nextRowStart = rowStart;
        return this;
    }

    /** Moves to the next row; false past the last one. */
    public boolean next()
    {
        if (rowIndex + 1 >= rowCount)
        {
            return false;
        }
        rowIndex++;
        rowStart = nextRowStart;
        nextRowStart = rowStart + buffer.getInt(rowStart + ROW_LENGTH_OFFSET);
        return true;
    }

    public int rowIndex()
    {
        return rowIndex;
    }

    /** Offset in {@link #buffer()} of the current row, for {@link #moveTo}. */
    public int rowStart()
    {
        return rowStart;
    }

    /** Makes the row at {@code rowStart} (a value {@link #rowStart()} returned) current, for random access. */
    public void moveTo(final int rowStart)
    {
        this.rowStart = rowStart;
    }

    /** Random access to one row of some batch in {@code buffer}, without walking the batch. */
    public RowBatchReader at(final DirectBuffer buffer, final RowLayout layout, final int rowStart)
    {
        this.buffer = buffer;
        this.layout = layout;
        this.rowStart = rowStart;
        return this;
    }

    public byte op()
    {
        return buffer.getByte(rowStart + ROW_OP_OFFSET);
    }

    public boolean isNull(final int column)
    {
        return (buffer.getByte(rowStart + layout.nullBitmapOffset() + (column >>> 3)) & (1 << (column & 7))) != 0;
    }

    /** True for a column an UPDATE row leaves unchanged. */
    public boolean isAbsent(final int column)
    {
        return (buffer.getByte(rowStart + layout.absentBitmapOffset() + (column >>> 3)) & (1 << (column & 7))) != 0;
    }

    public boolean getBoolean(final int column)
    {
        return buffer.getByte(rowStart + layout.slotOffset(column)) != 0;
    }

    public long getLong(final int column)
    {
        final int index = rowStart + layout.slotOffset(column);
        final boolean unsigned = layout.isUnsigned(column);
        switch (layout.slotWidth(column))
        {
            case 1:
            {
                final byte v = buffer.getByte(index);
                return unsigned ? v & 0xFFL : v;
            }
            case 2:
            {
                final short v = buffer.getShort(index);
                return unsigned ? v & 0xFFFFL : v;
            }
            case 4:
            {
                final int v = buffer.getInt(index);
                return unsigned ? v & 0xFFFF_FFFFL : v;
            }
            default:
                return buffer.getLong(index);
        }
    }

    public double getDouble(final int column)
    {
        final int index = rowStart + layout.slotOffset(column);
        return layout.isFloat32(column) ? buffer.getFloat(index) : buffer.getDouble(index);
    }

    /** High word of a wide decimal, most significant bits of a UUID. */
    public long getHigh(final int column)
    {
        return buffer.getLong(rowStart + layout.slotOffset(column));
    }

    /** Low word of a wide decimal, least significant bits of a UUID. */
    public long getLow(final int column)
    {
        return buffer.getLong(rowStart + layout.slotOffset(column) + 8);
    }

    /** Absolute offset in {@link #buffer()} of a variable-length value's bytes. */
    public int bytesOffset(final int column)
    {
        return rowStart + buffer.getInt(rowStart + layout.slotOffset(column) + VAR_OFFSET_OFFSET);
    }

    public int bytesLength(final int column)
    {
        return buffer.getInt(rowStart + layout.slotOffset(column) + VAR_LENGTH_OFFSET);
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public RowLayout layout()
    {
        return layout;
    }

    /** A variable-length value as a String (UTF-8); allocates, for tools and tests. */
    public String getString(final int column)
    {
        final byte[] bytes = new byte[bytesLength(column)];
        buffer.getBytes(bytesOffset(column), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] getByteArray(final int column)
    {
        final byte[] bytes = new byte[bytesLength(column)];
        buffer.getBytes(bytesOffset(column), bytes);
        return bytes;
    }
}
