package sluice.codec.time;

/** Units of an integer epoch timestamp. */
public enum EpochUnit
{
    SECONDS(1_000_000_000L),
    MILLIS(1_000_000L),
    MICROS(1_000L),
    NANOS(1L);

    private final long nanosPerUnit;

    EpochUnit(final long nanosPerUnit)
    {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit()
    {
        return nanosPerUnit;
    }

    /**
     * Proton's guess for an integer written into a datetime64 column, by magnitude: up to 10 digits (|v| &lt; 1e10,
     * until year 2286) seconds, up to 13 milliseconds, up to 16 microseconds, else nanoseconds. Negative values go
     * by their absolute value.
     */
    public static EpochUnit guess(final long value)
    {
        // Compared on both sides rather than through Math.abs, which overflows for Long.MIN_VALUE.
        if (value > -10_000_000_000L && value < 10_000_000_000L)
        {
            return SECONDS;
        }
        if (value > -10_000_000_000_000L && value < 10_000_000_000_000L)
        {
            return MILLIS;
        }
        if (value > -10_000_000_000_000_000L && value < 10_000_000_000_000_000L)
        {
            return MICROS;
        }
        return NANOS;
    }

    /** Units in one second: 1, 1000, 10^6 or 10^9. */
    public long unitsPerSecond()
    {
        return 1_000_000_000L / nanosPerUnit;
    }
}
