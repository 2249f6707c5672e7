package sluice.codec.time;

/**
 * Proleptic Gregorian calendar arithmetic on plain longs (Howard Hinnant's days_from_civil), so date parsing needs
 * no java.time objects.
 */
public final class EpochDays
{
    private EpochDays()
    {
    }

    /** Days since 1970-01-01 of a valid date (year may be 0 or negative: proleptic). */
    public static long fromCivil(final long year, final int month, final int day)
    {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isLeapYear(final long year)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** True for month 1..12 and day 1..length of that month in that year (1997-02-29 is false). */
    public static boolean isValidDate(final long year, final int month, final int day)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** Year of a day number. */
    public static long year(final long epochDay)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** Month 1..12 of a day number. */
    public static int month(final long epochDay)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** Day of month 1..31 of a day number. */
    public static int dayOfMonth(final long epochDay)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** 0 = Sunday .. 6 = Saturday (Go's time.Weekday numbering). */
    public static int dayOfWeek(final long epochDay)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** 1..366. */
    public static int dayOfYear(final long epochDay)
    {
        throw new UnsupportedOperationException("stub");
    }
}
