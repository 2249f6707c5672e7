package sluice.codec.row;

import sluice.codec.schema.TypeKind;

/**
 * Copies encoded rows to a sink: used to replay rows that were staged until a unit of input was known to be good
 * (a Feldera array of events, a Debezium change with before and after images).
 */
public final class RowCopier
{
    private RowCopier()
    {
    }

    /** Copies the reader's current row, keeping its op and its absent columns. */
    public static void copyRow(final RowBatchReader reader, final RowSink sink)
    {
        final RowLayout layout = reader.layout();
        final int columns = layout.columnCount();
        sink.beginRow(reader.op());
        for (int c = 0; c < columns; c++)
        {
            if (reader.isAbsent(c))
            {
                continue;
            }
            if (reader.isNull(c))
            {
                sink.putNull(c);
                continue;
            }
            final TypeKind kind = layout.schema().column(c).kind();
            if (layout.isVariable(c))
            {
                sink.putBytes(c, reader.buffer(), reader.bytesOffset(c), reader.bytesLength(c));
            }
            else if (kind == TypeKind.BOOLEAN)
            {
                sink.putBoolean(c, reader.getBoolean(c));
            }
            else if (kind.isFloatingPoint())
            {
                sink.putDouble(c, reader.getDouble(c));
            }
            else if (layout.slotWidth(c) == 16)
            {
                sink.putDecimal128(c, reader.getHigh(c), reader.getLow(c));
            }
            else
            {
                sink.putLong(c, reader.getLong(c));
            }
        }
        sink.endRow();
    }
}
