package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
import sluice.codec.value.ParsedValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static sluice.codec.time.GoLayoutTokens.*;
import static sluice.codec.time.GoValueScanner.*;

/**
 * A Go reference-time layout ({@code Mon Jan 2 15:04:05 MST 2006}), compiled once and then used to parse and format
 * values without allocating. The tokens are Go's ({@code time/format.go}, {@code nextStdChunk}): {@code 2006},
 * {@code 06}, {@code 01}, {@code 1}, {@code Jan}, {@code January}, {@code 02}, {@code 2}, {@code _2}, {@code 002},
 * {@code __2}, {@code 15}, {@code 03}, {@code 3}, {@code 04}, {@code 4}, {@code 05}, {@code 5}, {@code PM},
 * {@code pm}, {@code Mon}, {@code Monday}, {@code MST}, {@code Z07:00}, {@code Z0700}, {@code Z07},
 * {@code Z07:00:00}, {@code Z070000}, {@code -07:00}, {@code -0700}, {@code -07}, {@code -07:00:00},
 * {@code -070000}, and fractional seconds {@code .000}/{@code ,000} (exactly n digits) and {@code .999}/{@code ,999}
 * (optional, any number of digits, trailing zeros dropped when formatting); everything else is literal.
 * <p>
 * Parsing follows Go's rules: a fractional second right after the seconds field is accepted even when the layout
 * has none; an offset or known zone abbreviation in the value wins over the default zone; weekday names are checked
 * for syntax only. Values are trimmed of surrounding ASCII whitespace first (the Machbase seed's custom-layout
 * example carries a trailing space). Missing date parts default as in Go: year 0, month 1, day 1 (so {@code Kitchen} and the
 * {@code Stamp} layouts, which carry no year, give year 0).
 * <p>
 * Field widths, as Go: {@code 2006} exactly 4 digits, {@code 06} exactly 2 (69..99 → 19xx, else 20xx);
 * {@code 01}, {@code 02}, {@code 03}, {@code 04}, {@code 05} exactly 2; {@code 1}, {@code 2}, {@code 3}, {@code 4},
 * {@code 5} and also {@code 15} one or two; {@code _2} one or two after an optional space; {@code 002} exactly 3,
 * {@code __2} one to three after up to two spaces. A space in the layout matches a run of spaces in the value.
 * {@code PM} takes {@code AM}/{@code PM} and {@code pm} takes {@code am}/{@code pm} (case-sensitive, as Go); month and
 * day names any case. Hour 0..23 ({@code 15}) or 0..12 ({@code 3}, {@code 03}; with {@code PM} 1..11 add 12, with
 * {@code AM} 12 is 0), minute and second 0..59, day valid for its month and year.
 * <p>
 * Zones in values: {@code Z}, numeric offsets (hours up to 24, minutes and seconds up to 60, as Go tolerates),
 * {@code UTC}, {@code GMT}, {@code GMT+h}, the parse zone's own abbreviations (with their standard or daylight
 * offset), numeric abbreviations {@code +hh}/{@code +hhmm} as Go prints them for zones without a name, and the
 * {@link Zones} table. Deviation: Go reads an abbreviation it does not know as UTC (a fabricated zone named after it,
 * offset 0); we read the value in the parse zone instead, which is the same when that is UTC (Machbase's default)
 * and what the caller asked for otherwise.
 * <p>
 * A wall time without an offset that falls into a DST gap or overlap is resolved as {@link LocalTimeZone} does (gap:
 * forward; overlap: earlier offset), not by Go's hemisphere-dependent choice.
 * <p>
 * Results must lie in years 0..9999 UTC, else {@link ErrorCode#TIMESTAMP_OUT_OF_RANGE}: a year-0 time from a layout
 * without a year, read in a zone east of UTC, can fall before that. Immutable and thread-safe; parse and format
 * allocate nothing (format only if the StringBuilder must grow).
 */
public final class GoLayout
{
    /** Days before month m (1..13) in a non-leap year. */
    private static final int[] DAYS_BEFORE = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

    private static final int SECONDS_PER_DAY = 86_400;

    private final String layout;
    /** Literal text before token i; the last entry is the text after the last token. */
    private final String[] prefixes;
    private final byte[][] prefixBytes;
    private final int[] codes;
    /** Number of 0s or 9s of a fractional-second token. */
    private final int[] fractionDigits;
    /** '.' or ',' of a fractional-second token. */
    private final char[] fractionSeparators;
    /** Whether token i+1 is a fractional second (Go looks ahead from the seconds field). */
    private final boolean[] fractionFollows;
    private final boolean leadingSpace;

    private GoLayout(final String layout)
    {
        final List<String> prefixList = new ArrayList<>();
        final List<int[]> tokenList = new ArrayList<>();
        final Chunk chunk = new Chunk();
        int from = 0;
        while (true)
        {
            nextStdChunk(layout, from, chunk);
            prefixList.add(layout.substring(from, chunk.prefixEnd));
            if (chunk.code == 0)
            {
                break;
            }
            tokenList.add(new int[]{chunk.code, chunk.fractionDigits, chunk.fractionSeparator});
            from = chunk.end;
        }
        if (tokenList.isEmpty())
        {
            throw new IllegalArgumentException("layout \"" + layout + "\" has no date or time element");
        }

        final int count = tokenList.size();
        this.layout = layout;
        prefixes = prefixList.toArray(new String[0]);
        prefixBytes = new byte[count + 1][];
        for (int i = 0; i <= count; i++)
        {
            prefixBytes[i] = prefixes[i].getBytes(StandardCharsets.UTF_8);
        }
        codes = new int[count];
        fractionDigits = new int[count];
        fractionSeparators = new char[count];
        fractionFollows = new boolean[count];
        for (int i = 0; i < count; i++)
        {
            final int[] token = tokenList.get(i);
            codes[i] = token[0];
            fractionDigits[i] = token[1];
            fractionSeparators[i] = (char)token[2];
        }
        for (int i = 0; i + 1 < count; i++)
        {
            fractionFollows[i] = isFraction(codes[i + 1]);
        }
        leadingSpace = layout.startsWith(" ");
    }

    /** @throws IllegalArgumentException if the layout has no date or time token at all. */
    public static GoLayout compile(final String layout)
    {
        return new GoLayout(layout);
    }

    public String layout()
    {
        return layout;
    }

    /**
     * Parses into {@code out.longValue} = UTC epoch seconds, {@code out.nanos}. Values without an offset are read in
     * {@code zone}. Returns NONE, INVALID_TIMESTAMP or TIMESTAMP_OUT_OF_RANGE.
     */
    public ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final LocalTimeZone zone, final ParsedValue out)
    {
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        // A layout that starts with a space takes the value's leading spaces itself, as Go's skip does.
        int pos = leadingSpace ? offset : Ascii.skipLeading(buffer, offset, limit);

        int year = 0;
        int month = -1;
        int day = -1;
        int yearDay = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean amSet = false;
        boolean pmSet = false;
        boolean utcSet = false;
        boolean offsetSet = false;
        int zoneOffsetSeconds = 0;
        int zoneNameStart = -1;
        int zoneNameLength = 0;

        final int[] codes = this.codes;
        final int count = codes.length;
        for (int t = 0; ; t++)
        {
            pos = skip(buffer, pos, limit, prefixBytes[t]);
            if (pos < 0)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            if (t == count)
            {
                if (pos != limit)
                {
                    return ErrorCode.INVALID_TIMESTAMP;
                }
                break;
            }

            final int code = codes[t];
            long result;
            switch (code)
            {
                case YEAR:
                    // Go's atoi would also take a sign here ("-1" as 1999); we want two digits.
                    result = getNumber(buffer, pos, limit, true);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    year = value(result);
                    year += year >= 69 ? 1900 : 2000;
                    pos = position(result);
                    break;

                case LONG_YEAR:
                    if (limit - pos < 4)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    year = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        final byte b = buffer.getByte(pos + i);
                        if (!Ascii.isDigit(b))
                        {
                            return ErrorCode.INVALID_TIMESTAMP;
                        }
                        year = year * 10 + (b - '0');
                    }
                    pos += 4;
                    break;

                case MONTH:
                case LONG_MONTH:
                    result = lookup(code == MONTH ? SHORT_MONTH_NAMES : LONG_MONTH_NAMES, buffer, pos, limit);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    month = value(result) + 1;
                    pos = position(result);
                    break;

                case NUM_MONTH:
                case ZERO_MONTH:
                    result = getNumber(buffer, pos, limit, code == ZERO_MONTH);
                    if (result == FAILED || value(result) < 1 || value(result) > 12)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    month = value(result);
                    pos = position(result);
                    break;

                case WEEKDAY:
                case LONG_WEEKDAY:
                    result = lookup(code == WEEKDAY ? SHORT_DAY_NAMES : LONG_DAY_NAMES, buffer, pos, limit);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    pos = position(result);
                    break;

                case DAY:
                case UNDER_DAY:
                case ZERO_DAY:
                    if (code == UNDER_DAY && pos < limit && buffer.getByte(pos) == ' ')
                    {
                        pos++;
                    }
                    // Any one- or two-digit day; checked against the month once everything is parsed.
                    result = getNumber(buffer, pos, limit, code == ZERO_DAY);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    day = value(result);
                    pos = position(result);
                    break;

                case UNDER_YEAR_DAY:
                case ZERO_YEAR_DAY:
                    for (int i = 0; i < 2; i++)
                    {
                        if (code == UNDER_YEAR_DAY && pos < limit && buffer.getByte(pos) == ' ')
                        {
                            pos++;
                        }
                    }
                    result = getNumber3(buffer, pos, limit, code == ZERO_YEAR_DAY);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    yearDay = value(result);
                    pos = position(result);
                    break;

                case HOUR:
                    result = getNumber(buffer, pos, limit, false);
                    if (result == FAILED || value(result) >= 24)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    hour = value(result);
                    pos = position(result);
                    break;

                case HOUR12:
                case ZERO_HOUR12:
                    result = getNumber(buffer, pos, limit, code == ZERO_HOUR12);
                    if (result == FAILED || value(result) > 12)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    hour = value(result);
                    pos = position(result);
                    break;

                case MINUTE:
                case ZERO_MINUTE:
                    result = getNumber(buffer, pos, limit, code == ZERO_MINUTE);
                    if (result == FAILED || value(result) >= 60)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    minute = value(result);
                    pos = position(result);
                    break;

                case SECOND:
                case ZERO_SECOND:
                    result = getNumber(buffer, pos, limit, code == ZERO_SECOND);
                    if (result == FAILED || value(result) >= 60)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    second = value(result);
                    pos = position(result);
                    // Go: a fractional second after the seconds field is taken even if the layout has none.
                    if (!fractionFollows[t] && limit - pos >= 2 && isCommaOrPeriod(buffer.getByte(pos)) &&
                        Ascii.isDigit(buffer.getByte(pos + 1)))
                    {
                        final int digits = countDigits(buffer, pos + 1, limit);
                        nanos = parseNanos(buffer, pos + 1, digits);
                        pos += 1 + digits;
                    }
                    break;

                case PM:
                case PM_LOWER:
                    if (limit - pos < 2)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    final byte first = buffer.getByte(pos);
                    final byte m = buffer.getByte(pos + 1);
                    final boolean upper = code == PM;
                    if (m != (upper ? 'M' : 'm'))
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    if (first == (upper ? 'P' : 'p'))
                    {
                        pmSet = true;
                    }
                    else if (first == (upper ? 'A' : 'a'))
                    {
                        amSet = true;
                    }
                    else
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    pos += 2;
                    break;

                case ISO8601_TZ:
                case ISO8601_SHORT_TZ:
                case ISO8601_COLON_TZ:
                case ISO8601_SECONDS_TZ:
                case ISO8601_COLON_SECONDS_TZ:
                case NUM_TZ:
                case NUM_SHORT_TZ:
                case NUM_COLON_TZ:
                case NUM_SECONDS_TZ:
                case NUM_COLON_SECONDS_TZ:
                    if (isIso8601Zone(code) && pos < limit && buffer.getByte(pos) == 'Z')
                    {
                        pos++;
                        utcSet = true;
                        break;
                    }
                    result = parseNumericZone(code, buffer, pos, limit);
                    if (result == FAILED)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    offsetSet = true;
                    zoneOffsetSeconds = (int)(result >> 32);
                    pos = position(result);
                    break;

                case TZ:
                    if (limit - pos >= 3 && buffer.getByte(pos) == 'U' && buffer.getByte(pos + 1) == 'T' &&
                        buffer.getByte(pos + 2) == 'C')
                    {
                        utcSet = true;
                        pos += 3;
                        break;
                    }
                    final int nameLength = parseTimeZone(buffer, pos, limit);
                    if (nameLength <= 0)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    zoneNameStart = pos;
                    zoneNameLength = nameLength;
                    pos += nameLength;
                    break;

                case FRAC_SECOND_0:
                    // Exactly as many digits as the layout has zeros.
                    final int width = 1 + fractionDigits[t];
                    if (limit - pos < width || !isCommaOrPeriod(buffer.getByte(pos)) ||
                        countDigits(buffer, pos + 1, pos + width) != width - 1)
                    {
                        return ErrorCode.INVALID_TIMESTAMP;
                    }
                    nanos = parseNanos(buffer, pos + 1, width - 1);
                    pos += width;
                    break;

                case FRAC_SECOND_9:
                    if (limit - pos < 2 || !isCommaOrPeriod(buffer.getByte(pos)) ||
                        !Ascii.isDigit(buffer.getByte(pos + 1)))
                    {
                        break;
                    }
                    // Any number of digits, even more than the layout has nines, as the seconds field would take.
                    final int digits = countDigits(buffer, pos + 1, limit);
                    nanos = parseNanos(buffer, pos + 1, digits);
                    pos += 1 + digits;
                    break;

                default:
                    throw new AssertionError(code);
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yearDay >= 0)
        {
            int d = 0;
            int m = 0;
            int yd = yearDay;
            if (EpochDays.isLeapYear(year))
            {
                if (yd == 31 + 29)
                {
                    m = 2;
                    d = 29;
                }
                else if (yd > 31 + 29)
                {
                    yd--;
                }
            }
            if (yd < 1 || yd > 365)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            if (m == 0)
            {
                m = (yd - 1) / 31 + 1;
                if (DAYS_BEFORE[m + 1] < yd)
                {
                    m++;
                }
                d = yd - DAYS_BEFORE[m];
            }
            if ((month >= 0 && month != m) || (day >= 0 && day != d))
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            month = m;
            day = d;
        }
        else
        {
            month = month < 0 ? 1 : month;
            day = day < 0 ? 1 : day;
        }
        if (day < 1 || day > EpochDays.lengthOfMonth(year, month))
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }

        final long local = EpochDays.fromCivil(year, month, day) * SECONDS_PER_DAY +
            hour * 3600L + minute * 60L + second;
        final long utc;
        if (utcSet)
        {
            utc = local;
        }
        else if (offsetSet)
        {
            utc = local - zoneOffsetSeconds;
        }
        else if (zoneNameStart >= 0)
        {
            utc = resolveZoneName(buffer, zoneNameStart, zoneNameLength, local, zone);
        }
        else
        {
            utc = zone.toUtcEpochSecond(local);
        }

        if (utc < EpochDays.MIN_EPOCH_SECOND || utc > EpochDays.MAX_EPOCH_SECOND)
        {
            return ErrorCode.TIMESTAMP_OUT_OF_RANGE;
        }
        out.longValue = utc;
        out.nanos = nanos;
        return ErrorCode.NONE;
    }

    /** Appends the instant formatted in {@code zone}. */
    public void format(
        final long epochSecond, final int nanos, final LocalTimeZone zone, final StringBuilder out)
    {
        final int offsetSeconds = zone.offsetSecondsAt(epochSecond);
        final long local = epochSecond + offsetSeconds;
        final long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
        final int secondOfDay = Math.floorMod(local, SECONDS_PER_DAY);
        final long civil = EpochDays.civil(epochDay);
        final long year = civil >> EpochDays.CIVIL_YEAR_SHIFT;
        final int month = EpochDays.civilMonth(civil);
        final int day = EpochDays.civilDay(civil);
        final int hour = secondOfDay / 3600;
        final int minute = secondOfDay / 60 % 60;
        final int second = secondOfDay % 60;

        final int[] codes = this.codes;
        final int count = codes.length;
        for (int t = 0; t < count; t++)
        {
            out.append(prefixes[t]);
            final int code = codes[t];
            switch (code)
            {
                case YEAR:
                    appendInt(Math.abs(year) % 100, 2, out);
                    break;
                case LONG_YEAR:
                    appendInt(year, 4, out);
                    break;
                case MONTH:
                    out.append(SHORT_MONTH_NAMES[month - 1]);
                    break;
                case LONG_MONTH:
                    out.append(LONG_MONTH_NAMES[month - 1]);
                    break;
                case NUM_MONTH:
                    appendInt(month, 0, out);
                    break;
                case ZERO_MONTH:
                    appendInt(month, 2, out);
                    break;
                case WEEKDAY:
                    out.append(SHORT_DAY_NAMES[EpochDays.dayOfWeek(epochDay)]);
                    break;
                case LONG_WEEKDAY:
                    out.append(LONG_DAY_NAMES[EpochDays.dayOfWeek(epochDay)]);
                    break;
                case DAY:
                    appendInt(day, 0, out);
                    break;
                case UNDER_DAY:
                    if (day < 10)
                    {
                        out.append(' ');
                    }
                    appendInt(day, 0, out);
                    break;
                case ZERO_DAY:
                    appendInt(day, 2, out);
                    break;
                case UNDER_YEAR_DAY:
                case ZERO_YEAR_DAY:
                    final int yearDay = (int)(epochDay - EpochDays.fromCivil(year, 1, 1)) + 1;
                    if (code == UNDER_YEAR_DAY)
                    {
                        if (yearDay < 100)
                        {
                            out.append(yearDay < 10 ? "  " : " ");
                        }
                        appendInt(yearDay, 0, out);
                    }
                    else
                    {
                        appendInt(yearDay, 3, out);
                    }
                    break;
                case HOUR:
                    appendInt(hour, 2, out);
                    break;
                case HOUR12:
                case ZERO_HOUR12:
                    // Noon is 12PM, midnight is 12AM.
                    final int hour12 = hour % 12 == 0 ? 12 : hour % 12;
                    appendInt(hour12, code == ZERO_HOUR12 ? 2 : 0, out);
                    break;
                case MINUTE:
                    appendInt(minute, 0, out);
                    break;
                case ZERO_MINUTE:
                    appendInt(minute, 2, out);
                    break;
                case SECOND:
                    appendInt(second, 0, out);
                    break;
                case ZERO_SECOND:
                    appendInt(second, 2, out);
                    break;
                case PM:
                    out.append(hour >= 12 ? "PM" : "AM");
                    break;
                case PM_LOWER:
                    out.append(hour >= 12 ? "pm" : "am");
                    break;
                case TZ:
                    zone.appendAbbreviation(epochSecond, out);
                    break;
                case FRAC_SECOND_0:
                case FRAC_SECOND_9:
                    appendNanos(nanos, code == FRAC_SECOND_9, fractionDigits[t], fractionSeparators[t], out);
                    break;
                default:
                    appendNumericZone(code, offsetSeconds, out);
                    break;
            }
        }
        out.append(prefixes[count]);
    }

    @Override
    public String toString()
    {
        return layout;
    }

    private static void appendNumericZone(final int code, final int offsetSeconds, final StringBuilder out)
    {
        // The "Z" variants mean "the zone as ISO 8601 prints it": Z for UTC.
        if (offsetSeconds == 0 && isIso8601Zone(code))
        {
            out.append('Z');
            return;
        }
        // Go's arithmetic, including its sign handling for offsets under a minute.
        int zoneMinutes = offsetSeconds / 60;
        int absOffsetSeconds = offsetSeconds;
        if (zoneMinutes < 0)
        {
            out.append('-');
            zoneMinutes = -zoneMinutes;
            absOffsetSeconds = -absOffsetSeconds;
        }
        else
        {
            out.append('+');
        }
        appendInt(zoneMinutes / 60, 2, out);
        final boolean colon = code == ISO8601_COLON_TZ || code == NUM_COLON_TZ ||
            code == ISO8601_COLON_SECONDS_TZ || code == NUM_COLON_SECONDS_TZ;
        if (colon)
        {
            out.append(':');
        }
        if (code != NUM_SHORT_TZ && code != ISO8601_SHORT_TZ)
        {
            appendInt(zoneMinutes % 60, 2, out);
        }
        if (code == ISO8601_SECONDS_TZ || code == NUM_SECONDS_TZ || code == NUM_COLON_SECONDS_TZ ||
            code == ISO8601_COLON_SECONDS_TZ)
        {
            if (code == NUM_COLON_SECONDS_TZ || code == ISO8601_COLON_SECONDS_TZ)
            {
                out.append(':');
            }
            appendInt(absOffsetSeconds % 60, 2, out);
        }
    }

    /** Go's appendNano: n digits of the nanoseconds; for the 9 form, trailing zeros and then a bare separator go. */
    private static void appendNanos(
        final int nanos, final boolean trim, final int digits, final char separator, final StringBuilder out)
    {
        if (trim && (digits == 0 || nanos == 0))
        {
            return;
        }
        final int start = out.length();
        out.append(separator);
        appendInt(nanos, 9, out);
        if (digits < 9)
        {
            out.setLength(out.length() - 9 + digits);
        }
        if (trim)
        {
            int end = out.length();
            while (end > start && out.charAt(end - 1) == '0')
            {
                end--;
            }
            if (end > start && out.charAt(end - 1) == separator)
            {
                end--;
            }
            out.setLength(end);
        }
    }

    /** Go's appendInt: a '-' for negatives, then the digits zero-padded to {@code width}. */
    static void appendInt(final long value, final int width, final StringBuilder out)
    {
        long magnitude = value;
        if (value < 0)
        {
            out.append('-');
            magnitude = -value;
        }
        int digits = 1;
        for (long rest = magnitude / 10; rest > 0; rest /= 10)
        {
            digits++;
        }
        for (int pad = width - digits; pad > 0; pad--)
        {
            out.append('0');
        }
        out.append(magnitude);
    }

    /**
     * A numeric offset in the width the token asks for; the offset in seconds in the high 32 bits and the new
     * position in the low, or {@link #FAILED}.
     */
    private static long parseNumericZone(final int code, final DirectBuffer buffer, final int pos, final int limit)
    {
        final int available = limit - pos;
        final int hoursAt = pos + 1;
        int minutesAt = -1;
        int secondsAt = -1;
        final int end;
        switch (code)
        {
            case ISO8601_COLON_TZ:
            case NUM_COLON_TZ:
                if (available < 6 || buffer.getByte(pos + 3) != ':')
                {
                    return FAILED;
                }
                minutesAt = pos + 4;
                end = pos + 6;
                break;
            case ISO8601_SHORT_TZ:
            case NUM_SHORT_TZ:
                if (available < 3)
                {
                    return FAILED;
                }
                end = pos + 3;
                break;
            case ISO8601_COLON_SECONDS_TZ:
            case NUM_COLON_SECONDS_TZ:
                if (available < 9 || buffer.getByte(pos + 3) != ':' || buffer.getByte(pos + 6) != ':')
                {
                    return FAILED;
                }
                minutesAt = pos + 4;
                secondsAt = pos + 7;
                end = pos + 9;
                break;
            case ISO8601_SECONDS_TZ:
            case NUM_SECONDS_TZ:
                if (available < 7)
                {
                    return FAILED;
                }
                minutesAt = pos + 3;
                secondsAt = pos + 5;
                end = pos + 7;
                break;
            default:
                if (available < 5)
                {
                    return FAILED;
                }
                minutesAt = pos + 3;
                end = pos + 5;
                break;
        }
        final int hours = twoDigits(buffer, hoursAt);
        final int minutes = minutesAt < 0 ? 0 : twoDigits(buffer, minutesAt);
        final int seconds = secondsAt < 0 ? 0 : twoDigits(buffer, secondsAt);
        // Go tests with > rather than >=: some write offsets of 24 hours or 60 minutes.
        if (hours < 0 || minutes < 0 || seconds < 0 || hours > 24 || minutes > 60 || seconds > 60)
        {
            return FAILED;
        }
        int offsetSeconds = (hours * 60 + minutes) * 60 + seconds;
        final byte sign = buffer.getByte(pos);
        if (sign == '-')
        {
            offsetSeconds = -offsetSeconds;
        }
        else if (sign != '+')
        {
            return FAILED;
        }
        return ((long)offsetSeconds << 32) | end;
    }

    private static long resolveZoneName(
        final DirectBuffer buffer, final int start, final int length, final long local, final LocalTimeZone zone)
    {
        final int match = zone.matchAbbreviation(buffer, start, length);
        if (match != LocalTimeZone.NO_MATCH)
        {
            return zone.toUtcEpochSecond(local, match == LocalTimeZone.DAYLIGHT_MATCH);
        }
        final byte first = buffer.getByte(start);
        if (length > 3 && first == 'G' && buffer.getByte(start + 1) == 'M' && buffer.getByte(start + 2) == 'T')
        {
            // GMT+h, already checked by parseGmt: whole hours, as Go's atoi of what follows "GMT".
            final int hours = parseUnsigned(buffer, start + 4, start + length);
            return local - (buffer.getByte(start + 3) == '-' ? -hours : hours) * 3600L;
        }
        if (first == '+' || first == '-')
        {
            // Numeric abbreviations as tzdata (and so Go's format) writes them: +hh or +hhmm. Go only knows them
            // if the parse zone uses the same one, else it reads offset 0; the number is what they mean.
            final int number = parseUnsigned(buffer, start + 1, start + length);
            final int seconds = length == 5 ? (number / 100 * 60 + number % 100) * 60 : number * 3600;
            return local - (first == '-' ? -seconds : seconds);
        }
        final int index = Zones.findAbbreviation(buffer, start, length);
        if (index != Zones.NOT_FOUND)
        {
            return local - Zones.abbreviationOffsetSeconds(index);
        }
        return zone.toUtcEpochSecond(local);
    }
}
