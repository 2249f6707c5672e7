package sluice.server.query;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps as text, {@code yyyy-MM-dd hh:mm:ss[.fraction]}, in the two styles the dialects print: DuckDB's and
 * Feldera's (the fraction only as long as it has digits) and, for Proton, in groups of three digits as ClickHouse
 * prints milliseconds, microseconds or nanoseconds. Per value of result sets and egress streams, so built by hand
 * rather than with String.format. Pure functions.
 */
public final class TimestampText
{
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private TimestampText()
    {
    }

    /** DuckDB's style: {@code 2024-02-25 12:12:33}, {@code …:33.5}, {@code …:33.000123}. */
    public static String trimmed(final long epochSeconds, final int nanos)
    {
        return format(epochSeconds, nanos, 0, 1);
    }

    /** In groups of three digits: {@code 2024-02-25 12:12:33}, {@code …:33.500}, {@code …:33.000123}. */
    public static String grouped(final long epochSeconds, final int nanos)
    {
        return format(epochSeconds, nanos, 0, 3);
    }

    /** {@link #grouped(long, int)} for a {@link LocalDateTime} read from a result set. */
    public static String grouped(final LocalDateTime time)
    {
        return grouped(time.toEpochSecond(ZoneOffset.UTC), time.getNano());
    }

    /**
     * @param minDigits fraction digits printed even when zero.
     * @param step      the fraction has a multiple of this many digits (1: exactly its significant ones).
     */
    private static String format(final long epochSeconds, final int nanos, final int minDigits, final int step)
    {
        final LocalDateTime time = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        final StringBuilder out = new StringBuilder(32).append(time.toLocalDate()).append(' ');
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute()).append(':');
        twoDigits(out, time.getSecond());
        int significant = 0;
        if (nanos != 0)
        {
            significant = 9;
            for (int fraction = nanos; fraction % 10 == 0; fraction /= 10)
            {
                significant--;
            }
        }
        final int digits = Math.max(minDigits, (significant + step - 1) / step * step);
        if (digits > 0)
        {
            out.append('.');
            final String text = Integer.toString(nanos / POWERS_OF_TEN[9 - digits]);
            for (int pad = digits - text.length(); pad > 0; pad--)
            {
                out.append('0');
            }
            out.append(text);
        }
        return out.toString();
    }

    private static StringBuilder twoDigits(final StringBuilder out, final int value)
    {
        return out.append((char)('0' + value / 10)).append((char)('0' + value % 10));
    }
}
