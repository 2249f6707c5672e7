package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

/**
 * SQL DATE, TIME and TIMESTAMP text by the rules of the Feldera CSV seed (feldera-csv-format.txt), also used for
 * Feldera JSON. Leading and trailing ASCII whitespace is ignored. Leading zeros may be skipped in every field
 * ({@code 1-1-1}, {@code 1:2:3}).
 * <ul>
 * <li>DATE {@code Y-M-D}: year 0..9999 (1..4 digits; the seed lists {@code 0000-1-1} as equal to
 * {@code 0001-01-01}, so year 0 reads as year 1), month 1..12, day valid for that month and year (1997-02-29 is an
 * error).</li>
 * <li>TIME {@code H:M:S[.f]}: hour 0..23, minute 0..59, second 0..59, 0..9 fractional digits (the dot without digits
 * is accepted).</li>
 * <li>TIMESTAMP {@code DATE( |T)TIME[Z|z|(+|-)HH[:MM]]}: more than 9 fractional digits are truncated (the column's
 * precision truncates further, which is the caller's job); an offset converts to UTC; also accepted: a bare DATE
 * (midnight).</li>
 * </ul>
 */
public final class SqlTemporalParser
{
    private SqlTemporalParser()
    {
    }

    /** {@code out.longValue} = days since the epoch. Returns NONE or INVALID_DATE. */
    public static ErrorCode parseDate(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** {@code out.longValue} = nanoseconds since midnight. Returns NONE or INVALID_TIME. */
    public static ErrorCode parseTime(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * {@code out.longValue} = epoch seconds (UTC), {@code out.nanos} = nanosecond of second. Returns NONE or
     * INVALID_TIMESTAMP.
     */
    public static ErrorCode parseTimestamp(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
