package sluice.codec.schema;

import java.util.Arrays;

/**
 * What a column receives when a row does not give it a value (a CSV record with too few fields, an NDJSON object
 * without the key, a Proton column left out of {@code columns}).
 * <p>
 * Constants are parsed once, when the schema is built, into the same representation a decoder would produce
 * ({@code sluice.codec.row.RowSink} conventions), so filling a default costs one sink call.
 */
public final class DefaultValue
{
    /** How a default is produced. */
    public enum Kind
    {
        /** SQL NULL. */
        NULL,
        /** The type's zero: 0, false, '', the epoch, an empty array (Proton's type default). */
        TYPE_ZERO,
        /** The ingest time, in the column's unit (Proton {@code now64()}, Machbase {@code _ARRIVAL_TIME}). */
        NOW,
        /** A literal, held in {@link #longValue()} / {@link #highBits()} / {@link #doubleValue()} / {@link #bytes()}. */
        CONSTANT,
        /**
         * The instant of another date or timestamp column of the same row ({@link #sourceColumn()}), in this column's
         * unit; the ingest time when that one is NULL. Proton's {@code event_time_column} filling {@code _tp_time}.
         */
        COLUMN
    }

    public static final DefaultValue NULL = new DefaultValue(Kind.NULL, 0, 0, 0, null, null);
    public static final DefaultValue TYPE_ZERO = new DefaultValue(Kind.TYPE_ZERO, 0, 0, 0, null, null);
    public static final DefaultValue NOW = new DefaultValue(Kind.NOW, 0, 0, 0, null, null);

    private final Kind kind;
    private final long longValue;
    private final long highBits;
    private final double doubleValue;
    private final byte[] bytes;
    private final String text;

    private DefaultValue(
        final Kind kind, final long longValue, final long highBits, final double doubleValue, final byte[] bytes,
        final String text)
    {
        this.kind = kind;
        this.longValue = longValue;
        this.highBits = highBits;
        this.doubleValue = doubleValue;
        this.bytes = bytes;
        this.text = text;
    }

    /**
     * A constant already converted to the column's representation: {@code longValue} for integers, booleans (0/1),
     * dates, times, timestamps, narrow decimals and the low word of wide decimals and UUIDs; {@code highBits} for the
     * high word; {@code doubleValue} for floats; {@code bytes} for variable-length kinds. {@code text} is the literal
     * as written, kept for DDL round trips.
     */
    public static DefaultValue constant(
        final long longValue, final long highBits, final double doubleValue, final byte[] bytes, final String text)
    {
        return new DefaultValue(Kind.CONSTANT, longValue, highBits, doubleValue, bytes, text);
    }

    /**
     * The value of date or timestamp column {@code sourceColumn} (its index in the schema, named {@code sourceName})
     * converted to this column's unit; see {@link Kind#COLUMN}.
     */
    public static DefaultValue columnValue(final int sourceColumn, final String sourceName)
    {
        return new DefaultValue(Kind.COLUMN, sourceColumn, 0, 0, null, sourceName);
    }

    /** The source column of a {@link Kind#COLUMN} default. */
    public int sourceColumn()
    {
        return (int)longValue;
    }

    public Kind kind()
    {
        return kind;
    }

    public long longValue()
    {
        return longValue;
    }

    public long highBits()
    {
        return highBits;
    }

    public double doubleValue()
    {
        return doubleValue;
    }

    /** The bytes of a variable-length constant; callers must not modify them. */
    public byte[] bytes()
    {
        return bytes;
    }

    public String text()
    {
        return text;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof DefaultValue))
        {
            return false;
        }
        final DefaultValue that = (DefaultValue)o;
        return kind == that.kind && longValue == that.longValue && highBits == that.highBits &&
            Double.compare(doubleValue, that.doubleValue) == 0 && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode()
    {
        return (31 * kind.hashCode() + Long.hashCode(longValue)) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString()
    {
        return kind == Kind.CONSTANT || kind == Kind.COLUMN ? "DEFAULT " + text : kind.name();
    }
}
