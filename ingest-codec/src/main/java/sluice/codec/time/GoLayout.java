package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
import sluice.codec.value.ParsedValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
 * Results must lie in years 0..9999 UTC, else {@link ErrorCode#TIMESTAMP_OUT_OF_RANGE}: a year-0 time from a layout
 * without a year, read in a zone east of UTC, can fall before that. Immutable and thread-safe; parse and format
 * allocate nothing (format only if the StringBuilder must grow).
 */
public final class GoLayout
{
    // Token codes: Go's std values without its flag bits.
    private static final int LONG_MONTH = 1;
    private static final int MONTH = 2;
    private static final int NUM_MONTH = 3;
    private static final int ZERO_MONTH = 4;
    private static final int LONG_WEEKDAY = 5;
    private static final int WEEKDAY = 6;
    private static final int DAY = 7;
    private static final int UNDER_DAY = 8;
    private static final int ZERO_DAY = 9;
    private static final int UNDER_YEAR_DAY = 10;
    private static final int ZERO_YEAR_DAY = 11;
    private static final int HOUR = 12;
    private static final int HOUR12 = 13;
    private static final int ZERO_HOUR12 = 14;
    private static final int MINUTE = 15;
    private static final int ZERO_MINUTE = 16;
    private static final int SECOND = 17;
    private static final int ZERO_SECOND = 18;
    private static final int LONG_YEAR = 19;
    private static final int YEAR = 20;
    private static final int PM = 21;
    private static final int PM_LOWER = 22;
    private static final int TZ = 23;
    private static final int ISO8601_TZ = 24;
    private static final int ISO8601_SECONDS_TZ = 25;
    private static final int ISO8601_SHORT_TZ = 26;
    private static final int ISO8601_COLON_TZ = 27;
    private static final int ISO8601_COLON_SECONDS_TZ = 28;
    private static final int NUM_TZ = 29;
    private static final int NUM_SECONDS_TZ = 30;
    private static final int NUM_SHORT_TZ = 31;
    private static final int NUM_COLON_TZ = 32;
    private static final int NUM_COLON_SECONDS_TZ = 33;
    private static final int FRAC_SECOND_0 = 34;
    private static final int FRAC_SECOND_9 = 35;

    /** Go's std0x: the tokens "01" .. "06". */
    private static final int[] ZERO_X = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};

    private static final String[] LONG_DAY_NAMES =
        {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] SHORT_DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] SHORT_MONTH_NAMES =
        {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] LONG_MONTH_NAMES =
        {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"};
    /** Days before month m (1..13) in a non-leap year. */
    private static final int[] DAYS_BEFORE = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

    private static final int SECONDS_PER_DAY = 86_400;
    private static final long FAILED = -1L;

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
            fractionFollows[i] = codes[i + 1] == FRAC_SECOND_0 || codes[i + 1] == FRAC_SECOND_9;
        }
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
        int pos = Ascii.skipLeading(buffer, offset, limit);

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
                    if (code <= ISO8601_COLON_SECONDS_TZ && pos < limit && buffer.getByte(pos) == 'Z')
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
        if (offsetSeconds == 0 && code >= ISO8601_TZ && code <= ISO8601_COLON_SECONDS_TZ)
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

    /**
     * Go's parseTimeZone: the length of a zone abbreviation at {@code pos}, or 0. Three upper-case letters; four or
     * five ending in T (and WITA); ChST and MeST; GMT with an optional signed hour; a signed hour alone (plus, our
     * extension, a signed hhmm: the numeric abbreviations tzdata gives zones like Asia/Kolkata's neighbours).
     */
    private static int parseTimeZone(final DirectBuffer buffer, final int pos, final int limit)
    {
        final int available = limit - pos;
        if (available < 3)
        {
            return 0;
        }
        if (available >= 4 && (matchesAt(buffer, pos, "ChST") || matchesAt(buffer, pos, "MeST")))
        {
            return 4;
        }
        if (matchesAt(buffer, pos, "GMT"))
        {
            return 3 + parseSignedOffset(buffer, pos + 3, limit, false);
        }
        final byte first = buffer.getByte(pos);
        if (first == '+' || first == '-')
        {
            return parseSignedOffset(buffer, pos, limit, true);
        }
        int upper = 0;
        while (upper < 6 && upper < available)
        {
            final byte b = buffer.getByte(pos + upper);
            if (b < 'A' || b > 'Z')
            {
                break;
            }
            upper++;
        }
        switch (upper)
        {
            case 3:
                return 3;
            case 4:
                return buffer.getByte(pos + 3) == 'T' || matchesAt(buffer, pos, "WITA") ? 4 : 0;
            case 5:
                return buffer.getByte(pos + 4) == 'T' ? 5 : 0;
            default:
                return 0;
        }
    }

    /** Go's parseSignedOffset: sign and an hour 0..23 (all digits are read); the length taken, or 0. */
    private static int parseSignedOffset(
        final DirectBuffer buffer, final int pos, final int limit, final boolean allowHhmm)
    {
        if (pos >= limit)
        {
            return 0;
        }
        final byte sign = buffer.getByte(pos);
        if (sign != '+' && sign != '-')
        {
            return 0;
        }
        final int digits = countDigits(buffer, pos + 1, limit);
        if (digits == 0 || digits > 9)
        {
            return 0;
        }
        final int value = parseUnsigned(buffer, pos + 1, pos + 1 + digits);
        if (allowHhmm && digits == 4)
        {
            return value / 100 <= 23 && value % 100 < 60 ? 5 : 0;
        }
        return value <= 23 ? 1 + digits : 0;
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

    private static int twoDigits(final DirectBuffer buffer, final int pos)
    {
        final byte high = buffer.getByte(pos);
        final byte low = buffer.getByte(pos + 1);
        if (!Ascii.isDigit(high) || !Ascii.isDigit(low))
        {
            return -1;
        }
        return (high - '0') * 10 + (low - '0');
    }

    /** Go's getnum: one or two digits (exactly two if fixed); packed value and position, or {@link #FAILED}. */
    private static long getNumber(final DirectBuffer buffer, final int pos, final int limit, final boolean fixed)
    {
        if (pos >= limit || !Ascii.isDigit(buffer.getByte(pos)))
        {
            return FAILED;
        }
        final int first = buffer.getByte(pos) - '0';
        if (pos + 1 >= limit || !Ascii.isDigit(buffer.getByte(pos + 1)))
        {
            return fixed ? FAILED : pack(first, pos + 1);
        }
        return pack(first * 10 + buffer.getByte(pos + 1) - '0', pos + 2);
    }

    /** Go's getnum3: one to three digits (exactly three if fixed). */
    private static long getNumber3(final DirectBuffer buffer, final int pos, final int limit, final boolean fixed)
    {
        int value = 0;
        int i = 0;
        while (i < 3 && pos + i < limit && Ascii.isDigit(buffer.getByte(pos + i)))
        {
            value = value * 10 + buffer.getByte(pos + i) - '0';
            i++;
        }
        if (i == 0 || (fixed && i != 3))
        {
            return FAILED;
        }
        return pack(value, pos + i);
    }

    /** Go's lookup: the first name the value starts with, ignoring ASCII case; packed index and position. */
    private static long lookup(final String[] names, final DirectBuffer buffer, final int pos, final int limit)
    {
        for (int i = 0; i < names.length; i++)
        {
            final String name = names[i];
            final int length = name.length();
            if (limit - pos >= length && matchIgnoreCase(buffer, pos, name))
            {
                return pack(i, pos + length);
            }
        }
        return FAILED;
    }

    /** Go's match: equal bytes, or letters equal ignoring case. */
    private static boolean matchIgnoreCase(final DirectBuffer buffer, final int pos, final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            int c1 = buffer.getByte(pos + i);
            int c2 = name.charAt(i);
            if (c1 != c2)
            {
                c1 |= 'a' - 'A';
                c2 |= 'a' - 'A';
                if (c1 != c2 || c1 < 'a' || c1 > 'z')
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Go's skip: consumes the literal; a space in it matches a run of spaces (none if the value has ended). Returns
     * the new position or -1.
     */
    private static int skip(final DirectBuffer buffer, final int position, final int limit, final byte[] prefix)
    {
        int pos = position;
        int p = 0;
        while (p < prefix.length)
        {
            if (prefix[p] == ' ')
            {
                if (pos < limit && buffer.getByte(pos) != ' ')
                {
                    return -1;
                }
                while (p < prefix.length && prefix[p] == ' ')
                {
                    p++;
                }
                while (pos < limit && buffer.getByte(pos) == ' ')
                {
                    pos++;
                }
                continue;
            }
            if (pos >= limit || buffer.getByte(pos) != prefix[p])
            {
                return -1;
            }
            p++;
            pos++;
        }
        return pos;
    }

    private static boolean matchesAt(final DirectBuffer buffer, final int pos, final String literal)
    {
        for (int i = 0; i < literal.length(); i++)
        {
            if (buffer.getByte(pos + i) != literal.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isCommaOrPeriod(final byte b)
    {
        return b == '.' || b == ',';
    }

    private static int countDigits(final DirectBuffer buffer, final int pos, final int limit)
    {
        int i = pos;
        while (i < limit && Ascii.isDigit(buffer.getByte(i)))
        {
            i++;
        }
        return i - pos;
    }

    /** Nanoseconds of a fraction's digits; digits beyond the ninth are truncated, as Go does. */
    static int parseNanos(final DirectBuffer buffer, final int pos, final int digits)
    {
        final int used = Math.min(digits, 9);
        int nanos = 0;
        for (int i = 0; i < used; i++)
        {
            nanos = nanos * 10 + buffer.getByte(pos + i) - '0';
        }
        for (int i = used; i < 9; i++)
        {
            nanos *= 10;
        }
        return nanos;
    }

    /** Digits in [pos, limit), known to be digits and few enough for an int. */
    private static int parseUnsigned(final DirectBuffer buffer, final int pos, final int limit)
    {
        int value = 0;
        for (int i = pos; i < limit; i++)
        {
            value = value * 10 + buffer.getByte(i) - '0';
        }
        return value;
    }

    private static long pack(final int value, final int position)
    {
        return ((long)value << 32) | position;
    }

    private static int value(final long packed)
    {
        return (int)(packed >>> 32);
    }

    private static int position(final long packed)
    {
        return (int)packed;
    }

    /** Compile-time scratch for {@link #nextStdChunk}. */
    private static final class Chunk
    {
        int prefixEnd;
        int code;
        int end;
        int fractionDigits;
        char fractionSeparator;
    }

    /**
     * Go's nextStdChunk, from {@code from}: the first token's start, code and end, or code 0 and the layout's end.
     * Order matters as in Go: "January" before "Jan", "Monday" before "Mon" (and neither when a lower-case letter
     * follows: "Month" is literal), "2006" before "2", "15" before "1", "002" after "01".."06", "_2006" as a literal
     * underscore and a year.
     */
    private static void nextStdChunk(final String layout, final int from, final Chunk chunk)
    {
        final int length = layout.length();
        chunk.fractionDigits = 0;
        chunk.fractionSeparator = '.';
        for (int i = from; i < length; i++)
        {
            final char c = layout.charAt(i);
            switch (c)
            {
                case 'J':
                    if (layout.startsWith("Jan", i))
                    {
                        if (layout.startsWith("January", i))
                        {
                            set(chunk, i, LONG_MONTH, i + 7);
                            return;
                        }
                        if (!startsWithLowerCase(layout, i + 3))
                        {
                            set(chunk, i, MONTH, i + 3);
                            return;
                        }
                    }
                    break;
                case 'M':
                    if (layout.startsWith("Mon", i))
                    {
                        if (layout.startsWith("Monday", i))
                        {
                            set(chunk, i, LONG_WEEKDAY, i + 6);
                            return;
                        }
                        if (!startsWithLowerCase(layout, i + 3))
                        {
                            set(chunk, i, WEEKDAY, i + 3);
                            return;
                        }
                    }
                    if (layout.startsWith("MST", i))
                    {
                        set(chunk, i, TZ, i + 3);
                        return;
                    }
                    break;
                case '0':
                    if (i + 1 < length && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6')
                    {
                        set(chunk, i, ZERO_X[layout.charAt(i + 1) - '1'], i + 2);
                        return;
                    }
                    if (layout.startsWith("002", i))
                    {
                        set(chunk, i, ZERO_YEAR_DAY, i + 3);
                        return;
                    }
                    break;
                case '1':
                    if (i + 1 < length && layout.charAt(i + 1) == '5')
                    {
                        set(chunk, i, HOUR, i + 2);
                        return;
                    }
                    set(chunk, i, NUM_MONTH, i + 1);
                    return;
                case '2':
                    if (layout.startsWith("2006", i))
                    {
                        set(chunk, i, LONG_YEAR, i + 4);
                        return;
                    }
                    set(chunk, i, DAY, i + 1);
                    return;
                case '_':
                    if (i + 1 < length && layout.charAt(i + 1) == '2')
                    {
                        // "_2006" is a literal underscore and then a year.
                        if (layout.startsWith("2006", i + 1))
                        {
                            set(chunk, i + 1, LONG_YEAR, i + 5);
                            return;
                        }
                        set(chunk, i, UNDER_DAY, i + 2);
                        return;
                    }
                    if (layout.startsWith("__2", i))
                    {
                        set(chunk, i, UNDER_YEAR_DAY, i + 3);
                        return;
                    }
                    break;
                case '3':
                    set(chunk, i, HOUR12, i + 1);
                    return;
                case '4':
                    set(chunk, i, MINUTE, i + 1);
                    return;
                case '5':
                    set(chunk, i, SECOND, i + 1);
                    return;
                case 'P':
                    if (i + 1 < length && layout.charAt(i + 1) == 'M')
                    {
                        set(chunk, i, PM, i + 2);
                        return;
                    }
                    break;
                case 'p':
                    if (i + 1 < length && layout.charAt(i + 1) == 'm')
                    {
                        set(chunk, i, PM_LOWER, i + 2);
                        return;
                    }
                    break;
                case '-':
                    if (numericZone(layout, i, chunk, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, NUM_TZ, NUM_COLON_TZ,
                        NUM_SHORT_TZ))
                    {
                        return;
                    }
                    break;
                case 'Z':
                    if (numericZone(layout, i, chunk, ISO8601_SECONDS_TZ, ISO8601_COLON_SECONDS_TZ, ISO8601_TZ,
                        ISO8601_COLON_TZ, ISO8601_SHORT_TZ))
                    {
                        return;
                    }
                    break;
                case '.':
                case ',':
                    if (i + 1 < length && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9'))
                    {
                        final char digit = layout.charAt(i + 1);
                        int j = i + 1;
                        while (j < length && layout.charAt(j) == digit)
                        {
                            j++;
                        }
                        // The run of digits must end here: only a fractional second is all digits.
                        if (!(j < length && Ascii.isDigit(layout.charAt(j))))
                        {
                            set(chunk, i, digit == '0' ? FRAC_SECOND_0 : FRAC_SECOND_9, j);
                            chunk.fractionDigits = j - (i + 1);
                            chunk.fractionSeparator = c;
                            return;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        set(chunk, length, 0, length);
    }

    /** The five offset tokens after a '-' or 'Z' at i, longest first as Go checks them. */
    private static boolean numericZone(
        final String layout, final int i, final Chunk chunk, final int secondsCode, final int colonSecondsCode,
        final int plainCode, final int colonCode, final int shortCode)
    {
        if (layout.startsWith("070000", i + 1))
        {
            set(chunk, i, secondsCode, i + 7);
        }
        else if (layout.startsWith("07:00:00", i + 1))
        {
            set(chunk, i, colonSecondsCode, i + 9);
        }
        else if (layout.startsWith("0700", i + 1))
        {
            set(chunk, i, plainCode, i + 5);
        }
        else if (layout.startsWith("07:00", i + 1))
        {
            set(chunk, i, colonCode, i + 6);
        }
        else if (layout.startsWith("07", i + 1))
        {
            set(chunk, i, shortCode, i + 3);
        }
        else
        {
            return false;
        }
        return true;
    }

    private static void set(final Chunk chunk, final int prefixEnd, final int code, final int end)
    {
        chunk.prefixEnd = prefixEnd;
        chunk.code = code;
        chunk.end = end;
    }

    private static boolean startsWithLowerCase(final String layout, final int i)
    {
        return i < layout.length() && layout.charAt(i) >= 'a' && layout.charAt(i) <= 'z';
    }
}
