package sluice.codec.value;

/**
 * Output of the value parsers: one instance per decoder, overwritten by every parse, so a parse allocates nothing.
 * Which fields a parser sets is stated on the parser. Not thread-safe.
 */
public final class ParsedValue
{
    /** Integers (UINT64 as raw bits), booleans (0/1), unscaled decimals (low word), epoch days/seconds, UUID low. */
    public long longValue;
    /** Wide decimals' high word (sign extension for narrow ones), UUID high. */
    public long highBits;
    /** Floating-point values. */
    public double doubleValue;
    /** Nanosecond of second for timestamps (with {@link #longValue} as epoch seconds). */
    public int nanos;

    public void clear()
    {
        longValue = 0;
        highBits = 0;
        doubleValue = 0;
        nanos = 0;
    }
}
