package sluice.codec.time;

/**
 * Proleptic Gregorian calendar arithmetic on plain longs (Howard Hinnant's days_from_civil and civil_from_days,
 * http://howardhinnant.github.io/date_algorithms.html), so date parsing needs no java.time objects. Days are counted
 * from 1970-01-01 = 0; every method is exact for any year a long day count can hold. No allocation.
 */
public final class EpochDays
{
    /** Days from 0000-03-01 (the start of a 400-year era in the algorithms) to 1970-01-01. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;
    private static final long DAYS_PER_ERA = 146_097L;

    /** 0000-01-01T00:00:00Z: the first instant of the supported range, years 0..9999 UTC. */
    public static final long MIN_EPOCH_SECOND = -62_167_219_200L;
    /** 9999-12-31T23:59:59Z: the last whole second of the supported range. */
    public static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    static final int CIVIL_YEAR_SHIFT = 9;

    private EpochDays()
    {
    }

    /** Days since 1970-01-01 of a valid date (year may be 0 or negative: proleptic). */
    public static long fromCivil(final long year, final int month, final int day)
    {
        // The algorithm counts from March so that the leap day ends the year.
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400L);
        final long yearOfEra = y - era * 400L;
        final int shiftedMonth = month > 2 ? month - 3 : month + 9;
        final long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * DAYS_PER_ERA + dayOfEra - DAYS_0000_03_01_TO_EPOCH;
    }

    public static boolean isLeapYear(final long year)
    {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Length of a month, 28..31; {@code month} must be 1..12. */
    public static int lengthOfMonth(final long year, final int month)
    {
        switch (month)
        {
            case 2:
                return isLeapYear(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** True for month 1..12 and day 1..length of that month in that year (1997-02-29 is false). */
    public static boolean isValidDate(final long year, final int month, final int day)
    {
        return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
    }

    /** Year of a day number. */
    public static long year(final long epochDay)
    {
        return civil(epochDay) >> CIVIL_YEAR_SHIFT;
    }

    /** Month 1..12 of a day number. */
    public static int month(final long epochDay)
    {
        return civilMonth(civil(epochDay));
    }

    /** Day of month 1..31 of a day number. */
    public static int dayOfMonth(final long epochDay)
    {
        return civilDay(civil(epochDay));
    }

    /** 0 = Sunday .. 6 = Saturday (Go's time.Weekday numbering). */
    public static int dayOfWeek(final long epochDay)
    {
        // 1970-01-01 was a Thursday.
        return (int)Math.floorMod(epochDay + 4, 7L);
    }

    /** 1..366. */
    public static int dayOfYear(final long epochDay)
    {
        return (int)(epochDay - fromCivil(year(epochDay), 1, 1)) + 1;
    }

    /**
     * Year, month and day of a day number in one long, so a formatter decodes a date once:
     * {@code year << 9 | month << 5 | day}. Take the parts with {@code >> CIVIL_YEAR_SHIFT} (arithmetic, so negative
     * years survive), {@link #civilMonth} and {@link #civilDay}.
     */
    static long civil(final long epochDay)
    {
        final long z = epochDay + DAYS_0000_03_01_TO_EPOCH;
        final long era = Math.floorDiv(z, DAYS_PER_ERA);
        final long dayOfEra = z - era * DAYS_PER_ERA;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long shiftedMonth = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        final int month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year << CIVIL_YEAR_SHIFT) | ((long)month << 5) | day;
    }

    static int civilMonth(final long civil)
    {
        return (int)(civil >> 5) & 15;
    }

    static int civilDay(final long civil)
    {
        return (int)civil & 31;
    }
}
