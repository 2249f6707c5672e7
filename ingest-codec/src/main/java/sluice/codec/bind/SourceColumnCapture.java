package sluice.codec.bind;

import org.agrona.DirectBuffer;
import sluice.codec.row.RowSink;

/**
 * Passes a row through to the real sink while noting the values of the columns that a {@code COLUMN} default reads
 * (Proton's {@code event_time_column} feeding {@code _tp_time}): the binder fills that default at the end of the row,
 * after the source was given or defaulted. Only used for schemas that have such a default, so every other schema
 * keeps its sink calls direct.
 */
final class SourceColumnCapture implements RowSink
{
    private RowSink target;
    private boolean[] tracked = new boolean[0];
    private long[] units = new long[0];
    private boolean[] isNull = new boolean[0];

    /** Tracks {@code sources} of a schema of {@code columnCount} columns; returns false when there are none. */
    boolean track(final int columnCount, final int[] sources, final int sourceCount)
    {
        if (tracked.length < columnCount)
        {
            tracked = new boolean[columnCount];
            units = new long[columnCount];
            isNull = new boolean[columnCount];
        }
        java.util.Arrays.fill(tracked, false);
        for (int i = 0; i < sourceCount; i++)
        {
            tracked[sources[i]] = true;
        }
        return sourceCount > 0;
    }

    void target(final RowSink target)
    {
        this.target = target;
    }

    /** The last value put into column {@code c} (a tracked one): its unit count, meaningful unless {@link #isNull}. */
    long units(final int c)
    {
        return units[c];
    }

    boolean isNull(final int c)
    {
        return isNull[c];
    }

    @Override
    public void beginRow(final byte op)
    {
        target.beginRow(op);
    }

    @Override
    public void putNull(final int column)
    {
        if (tracked[column])
        {
            isNull[column] = true;
        }
        target.putNull(column);
    }

    @Override
    public void putBoolean(final int column, final boolean value)
    {
        target.putBoolean(column, value);
    }

    @Override
    public void putLong(final int column, final long value)
    {
        if (tracked[column])
        {
            units[column] = value;
            isNull[column] = false;
        }
        target.putLong(column, value);
    }

    @Override
    public void putDouble(final int column, final double value)
    {
        target.putDouble(column, value);
    }

    @Override
    public void putDecimal128(final int column, final long high, final long low)
    {
        target.putDecimal128(column, high, low);
    }

    @Override
    public void putBytes(final int column, final DirectBuffer buffer, final int offset, final int length)
    {
        target.putBytes(column, buffer, offset, length);
    }

    @Override
    public void endRow()
    {
        target.endRow();
    }

    @Override
    public void abortRow()
    {
        target.abortRow();
    }
}
