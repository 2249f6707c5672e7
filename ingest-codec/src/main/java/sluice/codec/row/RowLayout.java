package sluice.codec.row;

import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;

/**
 * Where each column of a {@link TableSchema} lives inside an encoded row (see {@link RowBatchDescriptor}):
 * immutable, computed once per schema and shared by the encoder and the reader.
 */
public final class RowLayout
{
    private final TableSchema schema;
    private final int columnCount;
    private final int bitmapBytes;
    private final int fixedOffset;
    private final int fixedEnd;
    private final int[] slotOffset;
    private final byte[] slotWidth;
    private final boolean[] variable;
    private final boolean[] unsigned;
    private final boolean[] float32;

    public RowLayout(final TableSchema schema)
    {
        this.schema = schema;
        columnCount = schema.columnCount();
        bitmapBytes = (columnCount + 7) >>> 3;
        // Header, NULL bitmap, ABSENT bitmap (only meaningful in UPDATE rows, always present so offsets are fixed).
        fixedOffset = RowBatchDescriptor.ROW_HEADER_LENGTH + 2 * bitmapBytes;
        slotOffset = new int[columnCount];
        slotWidth = new byte[columnCount];
        variable = new boolean[columnCount];
        unsigned = new boolean[columnCount];
        float32 = new boolean[columnCount];
        int offset = fixedOffset;
        for (int i = 0; i < columnCount; i++)
        {
            final DataType type = schema.column(i).type();
            slotOffset[i] = offset;
            slotWidth[i] = (byte)type.slotWidth();
            variable[i] = type.kind().isVariableLength();
            unsigned[i] = type.kind().isUnsignedInteger();
            float32[i] = type.kind() == TypeKind.FLOAT32;
            offset += type.slotWidth();
        }
        fixedEnd = offset;
    }

    public TableSchema schema()
    {
        return schema;
    }

    public int columnCount()
    {
        return columnCount;
    }

    public int bitmapBytes()
    {
        return bitmapBytes;
    }

    /** A bitmap byte with every column's bit set: 0xFF except in the last byte, which has only its columns' bits. */
    public byte fullBitmapByte(final int index)
    {
        final int columnsInByte = Math.min(8, columnCount - (index << 3));
        return (byte)((1 << columnsInByte) - 1);
    }

    /** Offset of the NULL bitmap from the start of the row. */
    public int nullBitmapOffset()
    {
        return RowBatchDescriptor.ROW_HEADER_LENGTH;
    }

    /** Offset of the ABSENT bitmap from the start of the row. */
    public int absentBitmapOffset()
    {
        return RowBatchDescriptor.ROW_HEADER_LENGTH + bitmapBytes;
    }

    /** Offset of the first slot from the start of the row. */
    public int fixedOffset()
    {
        return fixedOffset;
    }

    /** Length of header, bitmaps and slots: a row's size before its variable-length bytes. */
    public int fixedEnd()
    {
        return fixedEnd;
    }

    public int slotOffset(final int column)
    {
        return slotOffset[column];
    }

    public int slotWidth(final int column)
    {
        return slotWidth[column];
    }

    public boolean isVariable(final int column)
    {
        return variable[column];
    }

    public boolean isUnsigned(final int column)
    {
        return unsigned[column];
    }

    public boolean isFloat32(final int column)
    {
        return float32[column];
    }
}
