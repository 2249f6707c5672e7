package sluice.codec.row;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static sluice.codec.row.RowBatchDescriptor.BATCH_HEADER_LENGTH;
import static sluice.codec.row.RowBatchDescriptor.BATCH_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.OP_MASK_OFFSET;
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
 * <p>
 * A deliberately plain hot class: capacity is checked once per row and once per variable-length value, then every
 * write goes through an {@link UnsafeBuffer} view of the same memory (an expandable buffer would check capacity on
 * every put); the NULL and ABSENT bits of a row live in registers until {@link #endRow()} for tables of up to 64
 * columns; short values are copied a word at a time rather than through {@code copyMemory}.
 */
public final class RowBatchEncoder implements RowSink
{
    private static final int WORD_COPY_LIMIT = 64;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private MutableDirectBuffer buffer;
    private RowLayout layout;
    private int[] slotOffset;
    private byte[] slotWidth;
    private boolean[] float32;
    private boolean wideRow;
    private int batchOffset;
    private int position;
    private int rowStart;
    private int varPosition;
    private int rowCount;
    private boolean rowOpen;
    private boolean partialRow;
    private byte rowOp;
    /** Ops of the complete rows: the header's Op Mask. */
    private int opMask;
    /** NULL bits of the open row (tables of at most 64 columns); wider rows keep them in the buffer. */
    private long nullBits;
    private long absentBits;
    private long allColumns;

    /** Starts an empty batch at {@code offset} of {@code buffer}; {@code schemaVersion} is 16 bits unsigned. */
    public RowBatchEncoder wrap(
        final MutableDirectBuffer buffer, final int offset, final RowLayout layout, final int tableId,
        final int schemaVersion)
    {
        this.buffer = buffer;
        this.batchOffset = offset;
        if (layout != this.layout)
        {
            // Copied out of the layout once per table, not per request: the server wraps an encoder per request.
            this.layout = layout;
            final int columns = layout.columnCount();
            slotOffset = new int[columns];
            slotWidth = new byte[columns];
            float32 = new boolean[columns];
            for (int c = 0; c < columns; c++)
            {
                slotOffset[c] = layout.slotOffset(c);
                slotWidth[c] = (byte)layout.slotWidth(c);
                float32[c] = layout.isFloat32(c);
            }
            wideRow = columns > Long.SIZE;
            allColumns = columns >= Long.SIZE ? -1L : (1L << columns) - 1;
        }
        ensureCapacity(offset + BATCH_HEADER_LENGTH);
        view.putInt(offset + TABLE_ID_OFFSET, tableId);
        view.putShort(offset + SCHEMA_VERSION_OFFSET, (short)schemaVersion);
        return reset();
    }

    /** Empties the batch, keeping buffer, layout, table id and schema version. */
    public RowBatchEncoder reset()
    {
        position = batchOffset + BATCH_HEADER_LENGTH;
        rowCount = 0;
        opMask = 0;
        rowOpen = false;
        writeHeader();
        return this;
    }

    /**
     * Drops the complete rows (the caller has written out the first {@link #length()} bytes) and keeps a row that
     * is still being filled, moved to the start of the batch. Decoders keep a row open across input chunks, so a
     * batch flushed between two chunks must carry that row into the next batch, not lose or corrupt it.
     */
    public RowBatchEncoder flushed()
    {
        final int start = batchOffset + BATCH_HEADER_LENGTH;
        if (rowOpen && rowStart != start)
        {
            // Var-length values are addressed relative to the row start, so the row moves as one block.
            final int rowLength = varPosition - rowStart;
            view.putBytes(start, view, rowStart, rowLength);
            rowStart = start;
            varPosition = start + rowLength;
        }
        position = start;
        rowCount = 0;
        // The open row's op counts when it ends, in the batch it ends in.
        opMask = 0;
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
        final int start = position;
        ensureCapacity(start + layout.fixedEnd());
        view.putByte(start + ROW_OP_OFFSET, op);
        rowOp = op;
        partialRow = op != OP_INSERT;
        nullBits = allColumns;
        // DELETE and UPDATE rows carry only the columns given: the rest start absent.
        absentBits = partialRow ? allColumns : 0;
        if (wideRow)
        {
            final int nullBitmap = start + layout.nullBitmapOffset();
            final int absentBitmap = start + layout.absentBitmapOffset();
            for (int i = 0, n = layout.bitmapBytes(); i < n; i++)
            {
                final byte full = layout.fullBitmapByte(i);
                view.putByte(nullBitmap + i, full);
                view.putByte(absentBitmap + i, partialRow ? full : 0);
            }
        }
        rowStart = start;
        varPosition = start + layout.fixedEnd();
        rowOpen = true;
    }

    @Override
    public void putNull(final int column)
    {
        setBit(column, true);
        clearSlot(column);
    }

    @Override
    public void putBoolean(final int column, final boolean value)
    {
        setBit(column, false);
        view.putByte(rowStart + slotOffset[column], (byte)(value ? 1 : 0));
    }

    @Override
    public void putLong(final int column, final long value)
    {
        setBit(column, false);
        final int index = rowStart + slotOffset[column];
        switch (slotWidth[column])
        {
            case 1:
                view.putByte(index, (byte)value);
                break;
            case 2:
                view.putShort(index, (short)value);
                break;
            case 4:
                view.putInt(index, (int)value);
                break;
            default:
                view.putLong(index, value);
                break;
        }
    }

    @Override
    public void putDouble(final int column, final double value)
    {
        setBit(column, false);
        final int index = rowStart + slotOffset[column];
        if (float32[column])
        {
            view.putFloat(index, (float)value);
        }
        else
        {
            view.putDouble(index, value);
        }
    }

    @Override
    public void putDecimal128(final int column, final long high, final long low)
    {
        setBit(column, false);
        final int index = rowStart + slotOffset[column];
        view.putLong(index, high);
        view.putLong(index + 8, low);
    }

    @Override
    public void putBytes(final int column, final DirectBuffer src, final int offset, final int length)
    {
        setBit(column, false);
        final int at = varPosition;
        ensureCapacity(at + length + Long.BYTES);
        if (length <= WORD_COPY_LIMIT)
        {
            copyWords(src, offset, at, length);
        }
        else
        {
            view.putBytes(at, src, offset, length);
        }
        final int slot = rowStart + slotOffset[column];
        view.putInt(slot + VAR_OFFSET_OFFSET, at - rowStart);
        view.putInt(slot + VAR_LENGTH_OFFSET, length);
        varPosition = at + length;
    }

    /** Short copies: words, then bytes (the room for one word past the value was ensured by the caller). */
    private void copyWords(final DirectBuffer src, final int offset, final int at, final int length)
    {
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES)
        {
            view.putLong(at + i, src.getLong(offset + i, ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN);
        }
        for (; i < length; i++)
        {
            view.putByte(at + i, src.getByte(offset + i));
        }
    }

    @Override
    public void endRow()
    {
        assert rowOpen : "endRow without beginRow";
        if (wideRow)
        {
            clearNullSlotsWide();
        }
        else
        {
            long bits = nullBits;
            while (bits != 0)
            {
                clearSlot(Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
            writeBitmap(rowStart + layout.nullBitmapOffset(), nullBits);
            writeBitmap(rowStart + layout.absentBitmapOffset(), absentBits);
        }
        view.putInt(rowStart + ROW_LENGTH_OFFSET, varPosition - rowStart);
        position = varPosition;
        rowCount++;
        opMask |= 1 << rowOp;
        rowOpen = false;
        writeHeader();
    }

    @Override
    public void abortRow()
    {
        rowOpen = false;
    }

    private void writeBitmap(final int at, final long bits)
    {
        for (int i = 0, n = layout.bitmapBytes(); i < n; i++)
        {
            view.putByte(at + i, (byte)(bits >>> (i << 3)));
        }
    }

    private void clearNullSlotsWide()
    {
        final int nullBitmap = rowStart + layout.nullBitmapOffset();
        for (int i = 0, n = layout.bitmapBytes(); i < n; i++)
        {
            int bits = view.getByte(nullBitmap + i) & 0xFF;
            while (bits != 0)
            {
                clearSlot((i << 3) + Integer.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
    }

    /** Marks a column NULL ({@code isNull}) or given; either way it is no longer absent. */
    private void setBit(final int column, final boolean isNull)
    {
        if (!wideRow)
        {
            final long bit = 1L << column;
            nullBits = isNull ? nullBits | bit : nullBits & ~bit;
            absentBits &= ~bit;
        }
        else
        {
            setBitWide(column, isNull);
        }
    }

    private void setBitWide(final int column, final boolean isNull)
    {
        final int nullIndex = rowStart + layout.nullBitmapOffset() + (column >>> 3);
        final int mask = 1 << (column & 7);
        final byte b = view.getByte(nullIndex);
        view.putByte(nullIndex, (byte)(isNull ? b | mask : b & ~mask));
        if (partialRow)
        {
            final int absentIndex = rowStart + layout.absentBitmapOffset() + (column >>> 3);
            view.putByte(absentIndex, (byte)(view.getByte(absentIndex) & ~mask));
        }
    }

    private void clearSlot(final int column)
    {
        final int index = rowStart + slotOffset[column];
        switch (slotWidth[column])
        {
            case 1:
                view.putByte(index, (byte)0);
                break;
            case 2:
                view.putShort(index, (short)0);
                break;
            case 4:
                view.putInt(index, 0);
                break;
            case 16:
                view.putLong(index + 8, 0);
                view.putLong(index, 0);
                break;
            default:
                view.putLong(index, 0);
                break;
        }
    }

    /** Grows an expandable buffer (or fails for a fixed one) and points the view at the memory. */
    private void ensureCapacity(final int limit)
    {
        if (limit > view.capacity() || view.addressOffset() != buffer.addressOffset() ||
            view.byteArray() != buffer.byteArray())
        {
            buffer.checkLimit(limit);
            view.wrap(buffer);
        }
    }

    private void writeHeader()
    {
        view.putInt(batchOffset + BATCH_LENGTH_OFFSET, position - batchOffset);
        view.putInt(batchOffset + ROW_COUNT_OFFSET, rowCount);
        view.putShort(batchOffset + OP_MASK_OFFSET, (short)opMask);
    }
}
