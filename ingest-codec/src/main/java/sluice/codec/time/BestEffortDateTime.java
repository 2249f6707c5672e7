package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
import sluice.codec.value.ParsedValue;

/**
 * Proton's best-effort datetime strings (ClickHouse parseDateTimeBestEffort, the common subset):
 * <ul>
 * <li>ISO 8601 and SQL: {@code YYYY-MM-DD[( |T)hh:mm[:ss[.f]]][Z|(+|-)hh[:mm]|(+|-)hhmm]}, also with {@code /} as the
 * date separator;</li>
 * <li>partial dates: {@code YYYY-MM} (first of the month), {@code YYYY} is not a date but an epoch (below);</li>
 * <li>compact: {@code YYYYMMDD}, {@code YYYYMMDDhhmmss};</li>
 * <li>all digits otherwise (1..19 digits, optional sign): an epoch, unit by {@link EpochUnit#guess};</li>
 * <li>with a fraction: {@code 1617283920.123} as epoch seconds.</li>
 * </ul>
 * Values without an offset are read in {@code zone}. Surrounding whitespace is ignored. Month, day, hour, minute and
 * second take one or two digits in the separated form; the fraction any number (truncated to nanoseconds); spaces may
 * precede the offset. The day must exist in its month.
 */
public final class BestEffortDateTime
{
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int FAILED = -1;

    private BestEffortDateTime()
    {
    }

    /** Into {@code out.longValue} = UTC epoch seconds, {@code out.nanos}. Returns NONE or INVALID_TIMESTAMP. */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final LocalTimeZone zone, final ParsedValue out)
    {
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        final int start = Ascii.skipLeading(buffer, offset, limit);
        if (start == limit)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final byte first = buffer.getByte(start);
        final boolean signed = first == '-' || first == '+';
        final int digitsStart = signed ? start + 1 : start;
        final int digitsEnd = digitsEnd(buffer, digitsStart, limit);
        final int digits = digitsEnd - digitsStart;
        if (digits == 0)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }

        if (digitsEnd == limit)
        {
            if (!signed && digits == 8)
            {
                return compact(buffer, digitsStart, false, zone, out);
            }
            if (!signed && digits == 14)
            {
                return compact(buffer, digitsStart, true, zone, out);
            }
            return epoch(buffer, start, digitsStart, digitsEnd, out);
        }
        final byte next = buffer.getByte(digitsEnd);
        if (next == '.')
        {
            return epochSecondsWithFraction(buffer, first == '-', digitsStart, digitsEnd, limit, out);
        }
        if (!signed && digits == 4 && (next == '-' || next == '/'))
        {
            return separated(buffer, digitsStart, limit, next, zone, out);
        }
        return ErrorCode.INVALID_TIMESTAMP;
    }

    /** All digits, optional sign: an epoch whose unit goes by magnitude. */
    private static ErrorCode epoch(
        final DirectBuffer buffer, final int start, final int digitsStart, final int digitsEnd, final ParsedValue out)
    {
        if (digitsEnd - digitsStart > 19)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
        long negative = 0;
        for (int i = digitsStart; i < digitsEnd; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (negative < (Long.MIN_VALUE + digit) / 10)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            negative = negative * 10 - digit;
        }
        long value = negative;
        if (buffer.getByte(start) != '-')
        {
            if (negative == Long.MIN_VALUE)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            value = -negative;
        }
        final EpochUnit unit = EpochUnit.guess(value);
        final long unitsPerSecond = unit.unitsPerSecond();
        out.longValue = Math.floorDiv(value, unitsPerSecond);
        out.nanos = (int)(Math.floorMod(value, unitsPerSecond) * unit.nanosPerUnit());
        return ErrorCode.NONE;
    }

    /** {@code 1617283920.123}: epoch seconds with a fraction, truncated to the nanosecond. */
    private static ErrorCode epochSecondsWithFraction(
        final DirectBuffer buffer, final boolean negative, final int digitsStart, final int digitsEnd,
        final int limit, final ParsedValue out)
    {
        final int fractionStart = digitsEnd + 1;
        final int fractionEnd = digitsEnd(buffer, fractionStart, limit);
        if (fractionEnd != limit || fractionEnd == fractionStart || digitsEnd - digitsStart > 12)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        long seconds = 0;
        for (int i = digitsStart; i < digitsEnd; i++)
        {
            seconds = seconds * 10 + buffer.getByte(i) - '0';
        }
        int nanos = GoValueScanner.parseNanos(buffer, fractionStart, fractionEnd - fractionStart);
        if (negative)
        {
            seconds = -seconds;
            if (nanos != 0)
            {
                seconds--;
                nanos = 1_000_000_000 - nanos;
            }
        }
        if (seconds < EpochDays.MIN_EPOCH_SECOND || seconds > EpochDays.MAX_EPOCH_SECOND)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        out.longValue = seconds;
        out.nanos = nanos;
        return ErrorCode.NONE;
    }

    /** {@code YYYYMMDD} or {@code YYYYMMDDhhmmss}, in the zone. */
    private static ErrorCode compact(
        final DirectBuffer buffer, final int pos, final boolean withTime, final LocalTimeZone zone,
        final ParsedValue out)
    {
        final int year = number(buffer, pos, pos + 4);
        final int month = number(buffer, pos + 4, pos + 6);
        final int day = number(buffer, pos + 6, pos + 8);
        if (!EpochDays.isValidDate(year, month, day))
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        long local = EpochDays.fromCivil(year, month, day) * SECONDS_PER_DAY;
        if (withTime)
        {
            final int hour = number(buffer, pos + 8, pos + 10);
            final int minute = number(buffer, pos + 10, pos + 12);
            final int second = number(buffer, pos + 12, pos + 14);
            if (hour > 23 || minute > 59 || second > 59)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            local += hour * 3600L + minute * 60L + second;
        }
        out.longValue = zone.toUtcEpochSecond(local);
        out.nanos = 0;
        return ErrorCode.NONE;
    }

    /** {@code YYYY-MM[-DD[( |T)hh:mm[:ss[.f]]][zone]]} with '-' or '/' between the date parts. */
    private static ErrorCode separated(
        final DirectBuffer buffer, final int start, final int limit, final byte separator, final LocalTimeZone zone,
        final ParsedValue out)
    {
        final int year = number(buffer, start, start + 4);
        int pos = start + 5;
        final int monthEnd = digitsEnd(buffer, pos, Math.min(limit, pos + 2));
        if (monthEnd == pos)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final int month = number(buffer, pos, monthEnd);
        pos = monthEnd;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean hasOffset = false;
        int offsetSeconds = 0;
        if (pos < limit)
        {
            if (buffer.getByte(pos) != separator)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            pos++;
            final int dayEnd = digitsEnd(buffer, pos, Math.min(limit, pos + 2));
            if (dayEnd == pos)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            day = number(buffer, pos, dayEnd);
            pos = dayEnd;
            if (pos < limit)
            {
                final byte timeSeparator = buffer.getByte(pos);
                if (timeSeparator != ' ' && timeSeparator != 'T')
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                pos++;
                final int hourEnd = digitsEnd(buffer, pos, Math.min(limit, pos + 2));
                if (hourEnd == pos || hourEnd >= limit || buffer.getByte(hourEnd) != ':')
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                hour = number(buffer, pos, hourEnd);
                pos = hourEnd + 1;
                final int minuteEnd = digitsEnd(buffer, pos, Math.min(limit, pos + 2));
                if (minuteEnd == pos)
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                minute = number(buffer, pos, minuteEnd);
                pos = minuteEnd;
                if (pos < limit && buffer.getByte(pos) == ':')
                {
                    pos++;
                    final int secondEnd = digitsEnd(buffer, pos, Math.min(limit, pos + 2));
                    if (secondEnd == pos)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    second = number(buffer, pos, secondEnd);
                    pos = secondEnd;
                    if (pos < limit && buffer.getByte(pos) == '.')
                    {
                        final int fractionEnd = digitsEnd(buffer, pos + 1, limit);
                        if (fractionEnd == pos + 1)
                        {
                            return ErrorCode.INVALID_TIMESTAMP;
                        }
                        nanos = GoValueScanner.parseNanos(buffer, pos + 1, fractionEnd - pos - 1);
                        pos = fractionEnd;
                    }
                }
                if (hour > 23 || minute > 59 || second > 59)
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                while (pos < limit && buffer.getByte(pos) == ' ')
                {
                    pos++;
                }
                if (pos < limit)
                {
                    final byte designator = buffer.getByte(pos);
                    if ((designator == 'Z' || designator == 'z') && pos + 1 == limit)
                    {
                        hasOffset = true;
                    }
                    else if (designator == '+' || designator == '-')
                    {
                        final int minutes = parseOffsetMinutes(buffer, pos + 1, limit);
                        if (minutes < 0)
                        {
                            return ErrorCode.INVALID_TIMESTAMP;
                        }
                        hasOffset = true;
                        offsetSeconds = (designator == '-' ? -minutes : minutes) * 60;
                    }
                    else
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                }
            }
        }
        if (!EpochDays.isValidDate(year, month, day))
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final long local = EpochDays.fromCivil(year, month, day) * SECONDS_PER_DAY +
            hour * 3600L + minute * 60L + second;
        out.longValue = hasOffset ? local - offsetSeconds : zone.toUtcEpochSecond(local);
        out.nanos = nanos;
        return ErrorCode.NONE;
    }

    /** {@code hh[:mm]} or {@code hhmm} up to the end, as minutes; {@link #FAILED} if malformed. */
    private static int parseOffsetMinutes(final DirectBuffer buffer, final int pos, final int limit)
    {
        final int available = limit - pos;
        if (available < 2 || digitsEnd(buffer, pos, pos + 2) != pos + 2)
        {
            return FAILED;
        }
        final int hours = number(buffer, pos, pos + 2);
        int minutes = 0;
        if (available == 5 && buffer.getByte(pos + 2) == ':' && digitsEnd(buffer, pos + 3, limit) == limit)
        {
            minutes = number(buffer, pos + 3, limit);
        }
        else if (available == 4 && digitsEnd(buffer, pos + 2, limit) == limit)
        {
            minutes = number(buffer, pos + 2, limit);
        }
        else if (available != 2)
        {
            return FAILED;
        }
        return hours > 23 || minutes > 59 ? FAILED : hours * 60 + minutes;
    }

    private static int digitsEnd(final DirectBuffer buffer, final int pos, final int limit)
    {
        int i = pos;
        while (i < limit && Ascii.isDigit(buffer.getByte(i)))
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
