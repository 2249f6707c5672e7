package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
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
 * <li>TIMESTAMP {@code DATE( |T)TIME[Z|z|(+|-)HH[[:]MM]]}: more than 9 fractional digits are truncated (the
 * column's precision truncates further, which is the caller's job); an offset (HH 00..23, MM 00..59, two digits each,
 * right after the time) converts to UTC; also accepted: a bare DATE (midnight).</li>
 * </ul>
 */
public final class SqlTemporalParser
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int FAILED = -1;

    private SqlTemporalParser()
    {
    }

    /** {@code out.longValue} = days since the epoch. Returns NONE or INVALID_DATE. */
    public static ErrorCode parseDate(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (length == 10 && parseCanonicalDate(buffer, offset, out))
        {
            return ErrorCode.NONE;
        }
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        final int pos = Ascii.skipLeading(buffer, offset, limit);
        if (parseDatePart(buffer, pos, limit, out) != limit)
        {
            return ErrorCode.INVALID_DATE;
        }
        return ErrorCode.NONE;
    }

    /** {@code out.longValue} = nanoseconds since midnight. Returns NONE or INVALID_TIME. */
    public static ErrorCode parseTime(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        final int pos = Ascii.skipLeading(buffer, offset, limit);
        if (parseTimePart(buffer, pos, limit, false, out) != limit)
        {
            return ErrorCode.INVALID_TIME;
        }
        return ErrorCode.NONE;
    }

    /**
     * {@code out.longValue} = epoch seconds (UTC), {@code out.nanos} = nanosecond of second. Returns NONE or
     * INVALID_TIMESTAMP.
     */
    public static ErrorCode parseTimestamp(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (length >= 19 && parseCanonicalTimestamp(buffer, offset, length, out))
        {
            return ErrorCode.NONE;
        }
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        int pos = Ascii.skipLeading(buffer, offset, limit);
        pos = parseDatePart(buffer, pos, limit, out);
        if (pos == FAILED)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final long epochDay = out.longValue;
        long nanoOfDay = 0;
        int offsetSeconds = 0;
        if (pos < limit)
        {
            final byte separator = buffer.getByte(pos);
            if (separator != ' ' && separator != 'T')
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            pos = parseTimePart(buffer, pos + 1, limit, true, out);
            if (pos == FAILED)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            nanoOfDay = out.longValue;
            if (pos < limit)
            {
                final byte zone = buffer.getByte(pos);
                if (zone == 'Z' || zone == 'z')
                {
                    pos++;
                }
                else if (zone == '+' || zone == '-')
                {
                    final int offsetMinutes = parseOffsetMinutes(buffer, pos + 1, limit);
                    if (offsetMinutes < 0)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    offsetSeconds = (zone == '-' ? -offsetMinutes : offsetMinutes) * 60;
                    pos = limit;
                }
                if (pos != limit)
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
            }
        }
        out.longValue = epochDay * SECONDS_PER_DAY + nanoOfDay / NANOS_PER_SECOND - offsetSeconds;
        out.nanos = (int)(nanoOfDay % NANOS_PER_SECOND);
        return ErrorCode.NONE;
    }

    /**
     * The form machines write, {@code YYYY-MM-DD( |T)HH:MM:SS[.f{1,9}]} and nothing else, read at fixed positions
     * with one check for all digits. False leaves {@code out} alone and the general parser decides (other forms,
     * year 0, errors), so this only has to be right about what it accepts.
     */
    private static boolean parseCanonicalTimestamp(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        final byte separator = buffer.getByte(offset + 10);
        if ((separator != ' ' && separator != 'T') || buffer.getByte(offset + 13) != ':' ||
            buffer.getByte(offset + 16) != ':' || !parseCanonicalDate(buffer, offset, out))
        {
            return false;
        }
        final long epochDay = out.longValue;
        final int h0 = digit(buffer, offset + 11);
        final int h1 = digit(buffer, offset + 12);
        final int n0 = digit(buffer, offset + 14);
        final int n1 = digit(buffer, offset + 15);
        final int s0 = digit(buffer, offset + 17);
        final int s1 = digit(buffer, offset + 18);
        // A byte that is not a digit gives a value outside 0..9.
        if (((h0 | h1 | n0 | n1 | s0 | s1) & ~0xF) != 0 || h0 > 9 || h1 > 9 || n0 > 9 || n1 > 9 || s0 > 9 || s1 > 9)
        {
            return false;
        }
        final int hour = h0 * 10 + h1;
        final int minute = n0 * 10 + n1;
        final int second = s0 * 10 + s1;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        int nanos = 0;
        if (length > 19)
        {
            final int fractionDigits = length - 20;
            if (buffer.getByte(offset + 19) != '.' || fractionDigits < 1 || fractionDigits > 9)
            {
                return false;
            }
            for (int i = 0; i < 9; i++)
            {
                final int d = i < fractionDigits ? digit(buffer, offset + 20 + i) : 0;
                if (d < 0 || d > 9)
                {
                    return false;
                }
                nanos = nanos * 10 + d;
            }
        }
        out.longValue = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        out.nanos = nanos;
        return true;
    }

    /** Exactly {@code YYYY-MM-DD} with year 1..9999, read at fixed positions; false lets the general parser decide. */
    private static boolean parseCanonicalDate(final DirectBuffer buffer, final int offset, final ParsedValue out)
    {
        if (buffer.getByte(offset + 4) != '-' || buffer.getByte(offset + 7) != '-')
        {
            return false;
        }
        final int y0 = digit(buffer, offset);
        final int y1 = digit(buffer, offset + 1);
        final int y2 = digit(buffer, offset + 2);
        final int y3 = digit(buffer, offset + 3);
        final int m0 = digit(buffer, offset + 5);
        final int m1 = digit(buffer, offset + 6);
        final int d0 = digit(buffer, offset + 8);
        final int d1 = digit(buffer, offset + 9);
        if (((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) & ~0xF) != 0 ||
            y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
        {
            return false;
        }
        final int year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
        final int month = m0 * 10 + m1;
        final int day = d0 * 10 + d1;
        if (year == 0 || !EpochDays.isValidDate(year, month, day))
        {
            return false;
        }
        out.longValue = EpochDays.fromCivil(year, month, day);
        return true;
    }

    private static int digit(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index) - '0';
    }

    /** {@code Y-M-D} at pos into {@code out.longValue} (epoch day); the position after it, or {@link #FAILED}. */
    private static int parseDatePart(final DirectBuffer buffer, final int start, final int limit, final ParsedValue out)
    {
        int pos = start;
        final int yearEnd = digitsEnd(buffer, pos, limit, 4);
        if (yearEnd == pos || yearEnd >= limit || buffer.getByte(yearEnd) != '-')
        {
            return FAILED;
        }
        int year = number(buffer, pos, yearEnd);
        pos = yearEnd + 1;
        final int monthEnd = digitsEnd(buffer, pos, limit, 2);
        if (monthEnd == pos || monthEnd >= limit || buffer.getByte(monthEnd) != '-')
        {
            return FAILED;
        }
        final int month = number(buffer, pos, monthEnd);
        pos = monthEnd + 1;
        final int dayEnd = digitsEnd(buffer, pos, limit, 2);
        if (dayEnd == pos)
        {
            return FAILED;
        }
        final int day = number(buffer, pos, dayEnd);
        // The seed lists 0000-1-1 as equal to 0001-01-01: year 0 is read as year 1, not as 1 BC.
        if (year == 0)
        {
            year = 1;
        }
        if (!EpochDays.isValidDate(year, month, day))
        {
            return FAILED;
        }
        out.longValue = EpochDays.fromCivil(year, month, day);
        return dayEnd;
    }

    /**
     * {@code H:M:S[.f]} at pos into {@code out.longValue} (nanosecond of day); more than nine fraction digits are an
     * error unless {@code truncate}. The position after it, or {@link #FAILED}.
     */
    private static int parseTimePart(
        final DirectBuffer buffer, final int start, final int limit, final boolean truncate, final ParsedValue out)
    {
        int pos = start;
        final int hourEnd = digitsEnd(buffer, pos, limit, 2);
        if (hourEnd == pos || hourEnd >= limit || buffer.getByte(hourEnd) != ':')
        {
            return FAILED;
        }
        final int hour = number(buffer, pos, hourEnd);
        pos = hourEnd + 1;
        final int minuteEnd = digitsEnd(buffer, pos, limit, 2);
        if (minuteEnd == pos || minuteEnd >= limit || buffer.getByte(minuteEnd) != ':')
        {
            return FAILED;
        }
        final int minute = number(buffer, pos, minuteEnd);
        pos = minuteEnd + 1;
        final int secondEnd = digitsEnd(buffer, pos, limit, 2);
        if (secondEnd == pos)
        {
            return FAILED;
        }
        final int second = number(buffer, pos, secondEnd);
        pos = secondEnd;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return FAILED;
        }

        int nanos = 0;
        if (pos < limit && buffer.getByte(pos) == '.')
        {
            pos++;
            final int fractionEnd = digitsEnd(buffer, pos, limit, Integer.MAX_VALUE);
            final int digits = fractionEnd - pos;
            if (digits > 9 && !truncate)
            {
                return FAILED;
            }
            nanos = GoValueScanner.parseNanos(buffer, pos, digits);
            pos = fractionEnd;
        }
        out.longValue = (hour * 3600L + minute * 60L + second) * NANOS_PER_SECOND + nanos;
        return pos;
    }

    /** {@code HH[:MM]} or {@code HHMM} up to the end, as minutes; -1 if malformed. */
    private static int parseOffsetMinutes(final DirectBuffer buffer, final int pos, final int limit)
    {
        final int available = limit - pos;
        if (available < 2 || digitsEnd(buffer, pos, pos + 2, 2) != pos + 2)
        {
            return -1;
        }
        final int hours = number(buffer, pos, pos + 2);
        int minutes = 0;
        if (available == 5 && buffer.getByte(pos + 2) == ':' && digitsEnd(buffer, pos + 3, limit, 2) == limit)
        {
            minutes = number(buffer, pos + 3, limit);
        }
        else if (available == 4 && digitsEnd(buffer, pos + 2, limit, 2) == limit)
        {
            minutes = number(buffer, pos + 2, limit);
        }
        else if (available != 2)
        {
            return -1;
        }
        if (hours > 23 || minutes > 59)
        {
            return -1;
        }
        return hours * 60 + minutes;
    }

    /** End of the run of at most {@code maxDigits} digits at pos. */
    private static int digitsEnd(final DirectBuffer buffer, final int pos, final int limit, final int maxDigits)
    {
        int i = pos;
        while (i < limit && i - pos < maxDigits && Ascii.isDigit(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    private static int number(final DirectBuffer buffer, final int pos, final int end)
    {
        int value = 0;
        for (int i = pos; i < end; i++)
        {
            value = value * 10 + buffer.getByte(i) - '0';
        }
        return value;
    }
}
