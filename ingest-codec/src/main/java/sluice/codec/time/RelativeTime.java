package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
import sluice.codec.value.ParsedValue;

/**
 * Machbase's relative datetime values: {@code now}, {@code now-1h}, {@code now+30m}, with Go duration syntax after
 * the sign (a sequence of decimal numbers, each with a unit {@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}: {@code 1h30m}, {@code 1.5h}, {@code 500ms}). ASCII case-insensitive {@code now}. Surrounding
 * ASCII whitespace is ignored; none is allowed inside.
 * <p>
 * Go's time.ParseDuration scales a fraction with float64; we do it exactly (truncating below the nanosecond), which
 * can differ from Go by a nanosecond for long fractions of hours or minutes. Like Go, the total offset must fit in
 * ±2^63 ns (about 292 years).
 */
public final class RelativeTime
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    /** 2^63 as Go's uint64 duration bound: the magnitude of the most negative duration. */
    private static final long MAX_MAGNITUDE_UNSIGNED = Long.MIN_VALUE;
    private static final long NO_UNIT = -1;

    private RelativeTime()
    {
    }

    /**
     * True if the bytes start with {@code now} (any case) after leading whitespace: the caller then uses
     * {@link #parse}.
     */
    public static boolean isRelative(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        final int pos = Ascii.skipLeading(buffer, offset, limit);
        return limit - pos >= 3 && Ascii.equalsIgnoreCase(buffer, pos, 3, "now");
    }

    /**
     * {@code nowEpochNanos} plus the offset, into {@code out.longValue} = epoch seconds and {@code out.nanos}.
     * Returns NONE or INVALID_TIMESTAMP.
     */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final long nowEpochNanos, final ParsedValue out)
    {
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        int pos = Ascii.skipLeading(buffer, offset, limit);
        if (limit - pos < 3 || !Ascii.equalsIgnoreCase(buffer, pos, 3, "now"))
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        pos += 3;

        long deltaNanos = 0;
        if (pos < limit)
        {
            final byte sign = buffer.getByte(pos);
            if (sign != '+' && sign != '-')
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            final long magnitude = parseDurationMagnitude(buffer, pos + 1, limit);
            if (magnitude == NO_UNIT)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            if (sign == '-')
            {
                // 2^63 (Long.MIN_VALUE as unsigned) negates to itself: exactly Go's most negative duration.
                deltaNanos = -magnitude;
            }
            else
            {
                if (magnitude < 0)
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                deltaNanos = magnitude;
            }
        }

        long seconds = Math.floorDiv(nowEpochNanos, NANOS_PER_SECOND) + Math.floorDiv(deltaNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(nowEpochNanos, NANOS_PER_SECOND) + Math.floorMod(deltaNanos, NANOS_PER_SECOND);
        if (nanos >= NANOS_PER_SECOND)
        {
            seconds++;
            nanos -= NANOS_PER_SECOND;
        }
        out.longValue = seconds;
        out.nanos = (int)nanos;
        return ErrorCode.NONE;
    }

    /**
     * Go's ParseDuration after the sign: the magnitude in nanoseconds as an unsigned value up to 2^63 (so 2^63
     * itself comes back as Long.MIN_VALUE), or {@link #NO_UNIT} if malformed or too large.
     */
    private static long parseDurationMagnitude(final DirectBuffer buffer, final int start, final int limit)
    {
        int pos = start;
        // Go's special case: a lone "0" needs no unit.
        if (limit - pos == 1 && buffer.getByte(pos) == '0')
        {
            return 0;
        }
        if (pos == limit)
        {
            return NO_UNIT;
        }
        long total = 0;
        while (pos < limit)
        {
            final byte first = buffer.getByte(pos);
            if (first != '.' && !Ascii.isDigit(first))
            {
                return NO_UNIT;
            }

            // Integer part, as Go's leadingInt: at most 2^63.
            long whole = 0;
            final int wholeStart = pos;
            while (pos < limit && Ascii.isDigit(buffer.getByte(pos)))
            {
                if (Long.compareUnsigned(whole, MAX_MAGNITUDE_UNSIGNED / 10) > 0)
                {
                    return NO_UNIT;
                }
                whole = whole * 10 + buffer.getByte(pos) - '0';
                if (Long.compareUnsigned(whole, MAX_MAGNITUDE_UNSIGNED) > 0)
                {
                    return NO_UNIT;
                }
                pos++;
            }
            final boolean wholeDigits = pos > wholeStart;

            int fractionStart = pos;
            int fractionEnd = pos;
            if (pos < limit && buffer.getByte(pos) == '.')
            {
                fractionStart = pos + 1;
                fractionEnd = fractionStart;
                while (fractionEnd < limit && Ascii.isDigit(buffer.getByte(fractionEnd)))
                {
                    fractionEnd++;
                }
                pos = fractionEnd;
            }
            if (!wholeDigits && fractionEnd == fractionStart)
            {
                return NO_UNIT;
            }

            // Unit: everything up to the next digit or '.'.
            final int unitStart = pos;
            while (pos < limit && buffer.getByte(pos) != '.' && !Ascii.isDigit(buffer.getByte(pos)))
            {
                pos++;
            }
            final long unitNanos = unitNanos(buffer, unitStart, pos - unitStart);
            if (unitNanos == NO_UNIT)
            {
                return NO_UNIT;
            }

            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE_UNSIGNED, unitNanos)) > 0)
            {
                return NO_UNIT;
            }
            long component = whole * unitNanos;
            component += fractionNanos(buffer, fractionStart, fractionEnd, unitNanos);
            if (Long.compareUnsigned(component, MAX_MAGNITUDE_UNSIGNED) > 0)
            {
                return NO_UNIT;
            }
            total += component;
            if (Long.compareUnsigned(total, MAX_MAGNITUDE_UNSIGNED) > 0 || Long.compareUnsigned(total, component) < 0)
            {
                return NO_UNIT;
            }
        }
        return total;
    }

    /**
     * floor(0.d1d2...dn × unit) exactly: Horner's rule from the last digit, since
     * floor((a + floor(b)) / 10) = floor((a + b) / 10) for integer a. Stays below {@code unitNanos}.
     */
    private static long fractionNanos(
        final DirectBuffer buffer, final int start, final int end, final long unitNanos)
    {
        long value = 0;
        for (int i = end - 1; i >= start; i--)
        {
            value = ((buffer.getByte(i) - '0') * unitNanos + value) / 10;
        }
        return value;
    }

    private static long unitNanos(final DirectBuffer buffer, final int pos, final int length)
    {
        if (length == 1)
        {
            switch (buffer.getByte(pos))
            {
                case 's':
                    return NANOS_PER_SECOND;
                case 'm':
                    return NANOS_PER_MINUTE;
                case 'h':
                    return NANOS_PER_HOUR;
                default:
                    return NO_UNIT;
            }
        }
        if (length == 2 && buffer.getByte(pos + 1) == 's')
        {
            switch (buffer.getByte(pos))
            {
                case 'n':
                    return 1;
                case 'u':
                    return NANOS_PER_MICRO;
                case 'm':
                    return NANOS_PER_MILLI;
                default:
                    return NO_UNIT;
            }
        }
        if (length == 3 && buffer.getByte(pos + 2) == 's')
        {
            // U+00B5 micro sign and U+03BC Greek mu, in UTF-8.
            final byte b0 = buffer.getByte(pos);
            final byte b1 = buffer.getByte(pos + 1);
            if ((b0 == (byte)0xC2 && b1 == (byte)0xB5) || (b0 == (byte)0xCE && b1 == (byte)0xBC))
            {
                return NANOS_PER_MICRO;
            }
        }
        return NO_UNIT;
    }
}
