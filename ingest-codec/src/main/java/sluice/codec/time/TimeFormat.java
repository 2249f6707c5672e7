package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Ascii;
import sluice.codec.value.ParsedValue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Machbase Neo's {@code timeformat} + {@code tz} pair (spec/machbase.md "timeformat"), compiled once per request.
 * <ul>
 * <li>Epoch units, case-sensitive: {@code ns} (default), {@code us}, {@code ms}, {@code s}. Text values are
 * integers in that unit; a decimal fraction is accepted ({@code 1676432361.5} with {@code s}) and kept to the
 * nanosecond.</li>
 * <li>Named layouts, case-insensitive: Default, -, Default_ms, Default_us, Default_ns, Default.ms, Default.us,
 * Default.ns, DateTime, Numeric, ANSIC, Unix, Ruby, RFC822, RFC822Z, RFC850, RFC1123, RFC1123Z, RFC3339,
 * RFC3339Nano, Kitchen, Stamp, StampMilli, StampMicro, StampNano (the table in the spec).</li>
 * <li>Anything else: a Go layout ({@link GoLayout}).</li>
 * </ul>
 * {@code tz} is resolved by {@link Zones#resolve}. Immutable apart from the zone cache: one per request/decoder.
 */
public final class TimeFormat
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Neo's named layouts (lower-cased name → layout), from the table in spec/machbase.md. */
    private static final Map<String, GoLayout> NAMED_LAYOUTS = namedLayouts();

    private final EpochUnit epochUnit;
    private final GoLayout layout;
    private final LocalTimeZone zone;

    private TimeFormat(final EpochUnit epochUnit, final GoLayout layout, final LocalTimeZone zone)
    {
        this.epochUnit = epochUnit;
        this.layout = layout;
        this.zone = zone;
    }

    /**
     * @param timeformat null or empty means {@code ns}.
     * @param tz null or empty means UTC.
     * @throws IllegalArgumentException naming the bad layout, or {@code unknown time zone X}.
     */
    public static TimeFormat of(final String timeformat, final String tz)
    {
        final LocalTimeZone zone = tz == null || tz.isEmpty() ? LocalTimeZone.utc() : Zones.resolveLocal(tz);
        if (timeformat == null || timeformat.isEmpty())
        {
            return new TimeFormat(EpochUnit.NANOS, null, zone);
        }
        switch (timeformat)
        {
            case "ns":
                return new TimeFormat(EpochUnit.NANOS, null, zone);
            case "us":
                return new TimeFormat(EpochUnit.MICROS, null, zone);
            case "ms":
                return new TimeFormat(EpochUnit.MILLIS, null, zone);
            case "s":
                return new TimeFormat(EpochUnit.SECONDS, null, zone);
            default:
                break;
        }
        final GoLayout named = NAMED_LAYOUTS.get(timeformat.toLowerCase(Locale.ROOT));
        if (named != null)
        {
            return new TimeFormat(null, named, zone);
        }
        try
        {
            return new TimeFormat(null, GoLayout.compile(timeformat), zone);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "invalid timeformat \"" + timeformat + "\": not an epoch unit (ns, us, ms, s), a named layout or a " +
                "Go layout with a date or time element", ex);
        }
    }

    /** The epoch unit, or null for a layout. */
    public EpochUnit epochUnit()
    {
        return epochUnit;
    }

    /** The layout, or null for an epoch unit. */
    public GoLayout layout()
    {
        return layout;
    }

    public LocalTimeZone zone()
    {
        return zone;
    }

    /**
     * Parses a text value (CSV field, JSON string) into {@code out.longValue} = UTC epoch seconds and
     * {@code out.nanos}. Returns NONE, INVALID_TIMESTAMP or TIMESTAMP_OUT_OF_RANGE.
     * <p>
     * Epoch units take an optional sign, digits and an optional fraction after a '.', kept exactly to the
     * nanosecond (more digits are truncated), surrounding whitespace ignored. Relative values ({@code now-1h}) are
     * the caller's: see {@link RelativeTime}.
     */
    public ErrorCode parse(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (layout != null)
        {
            return layout.parse(buffer, offset, length, zone, out);
        }
        return parseEpoch(buffer, offset, length, epochUnit, out);
    }

    /**
     * An integer epoch value in this format's unit (a layout format reads numbers as nanoseconds, as Neo does) into
     * {@code out.longValue} = epoch seconds and {@code out.nanos}. Never fails: with the s, ms and us units a value
     * can lie outside years 0..9999, which the caller checks against {@link EpochDays#MIN_EPOCH_SECOND} and
     * {@link EpochDays#MAX_EPOCH_SECOND} (ns values always lie inside).
     */
    public void fromEpoch(final long value, final ParsedValue out)
    {
        final EpochUnit unit = epochUnit != null ? epochUnit : EpochUnit.NANOS;
        final long unitsPerSecond = unit.unitsPerSecond();
        out.longValue = Math.floorDiv(value, unitsPerSecond);
        out.nanos = (int)(Math.floorMod(value, unitsPerSecond) * unit.nanosPerUnit());
    }

    /**
     * Appends an instant as this format prints it ({@code /db/query}): an integer in the unit, or the layout.
     * <p>
     * The integer is Go's {@code Unix()}, {@code UnixMilli()}, ... (floor: -1.5 s prints as -2 in seconds). Past
     * 2262, where Go's {@code UnixNano} overflows, the exact value is printed.
     */
    public void format(final long epochSecond, final int nanos, final StringBuilder out)
    {
        if (layout != null)
        {
            layout.format(epochSecond, nanos, zone, out);
        }
        else
        {
            appendEpoch(epochSecond, nanos, epochUnit, out);
        }
    }

    @Override
    public String toString()
    {
        return (layout != null ? layout.layout() : epochUnit.name()) + " in " + zone.zone();
    }

    static ErrorCode parseEpoch(
        final DirectBuffer buffer, final int offset, final int length, final EpochUnit unit, final ParsedValue out)
    {
        final int limit = Ascii.skipTrailing(buffer, offset, offset + length);
        int pos = Ascii.skipLeading(buffer, offset, limit);
        if (pos == limit)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final byte sign = buffer.getByte(pos);
        final boolean negative = sign == '-';
        if (negative || sign == '+')
        {
            pos++;
        }
        final int digitsStart = pos;
        // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE ns fits.
        long negativeUnits = 0;
        boolean overflow = false;
        while (pos < limit && Ascii.isDigit(buffer.getByte(pos)))
        {
            final int digit = buffer.getByte(pos) - '0';
            if (negativeUnits < (Long.MIN_VALUE + digit) / 10)
            {
                overflow = true;
            }
            else
            {
                negativeUnits = negativeUnits * 10 - digit;
            }
            pos++;
        }
        if (pos == digitsStart)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        int fractionNanos = 0;
        if (pos < limit && buffer.getByte(pos) == '.')
        {
            final int fractionStart = ++pos;
            while (pos < limit && Ascii.isDigit(buffer.getByte(pos)))
            {
                pos++;
            }
            if (pos == fractionStart)
            {
                return ErrorCode.INVALID_TIMESTAMP;
            }
            // The fraction of one unit, in nanoseconds: digits past the nanosecond are truncated.
            fractionNanos = (int)(GoValueScanner.parseNanos(buffer, fractionStart, pos - fractionStart) /
                unit.unitsPerSecond());
        }
        if (pos != limit)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        if (overflow || (!negative && negativeUnits == Long.MIN_VALUE))
        {
            return ErrorCode.TIMESTAMP_OUT_OF_RANGE;
        }

        // Magnitude first (quotient and remainder of a non-positive number are non-positive), then the sign.
        final long unitsPerSecond = unit.unitsPerSecond();
        long seconds = -(negativeUnits / unitsPerSecond);
        long nanos = -(negativeUnits % unitsPerSecond) * unit.nanosPerUnit() + fractionNanos;
        if (negative)
        {
            seconds = -seconds;
            if (nanos != 0)
            {
                seconds--;
                nanos = NANOS_PER_SECOND - nanos;
            }
        }
        if (seconds < EpochDays.MIN_EPOCH_SECOND || seconds > EpochDays.MAX_EPOCH_SECOND)
        {
            return ErrorCode.TIMESTAMP_OUT_OF_RANGE;
        }
        out.longValue = seconds;
        out.nanos = (int)nanos;
        return ErrorCode.NONE;
    }

    /** {@code epochSecond * unitsPerSecond + nanos / nanosPerUnit}, exact even where it does not fit a long. */
    static void appendEpoch(final long epochSecond, final int nanos, final EpochUnit unit, final StringBuilder out)
    {
        final long unitsPerSecond = unit.unitsPerSecond();
        final long subUnits = nanos / unit.nanosPerUnit();
        if (epochSecond < Long.MAX_VALUE / unitsPerSecond && epochSecond > Long.MIN_VALUE / unitsPerSecond + 1)
        {
            out.append(epochSecond * unitsPerSecond + subUnits);
            return;
        }
        int width = 0;
        for (long k = unitsPerSecond; k > 1; k /= 10)
        {
            width++;
        }
        if (epochSecond >= 0)
        {
            out.append(epochSecond);
            GoLayout.appendInt(subUnits, width, out);
        }
        else if (subUnits == 0)
        {
            out.append(epochSecond);
            GoLayout.appendInt(0, width, out);
        }
        else
        {
            // s * k + sub = (s + 1) * k - (k - sub), with s + 1 <= 0 and 0 < k - sub < k.
            out.append('-');
            final long wholeMagnitude = -(epochSecond + 1);
            if (wholeMagnitude == 0)
            {
                out.append(unitsPerSecond - subUnits);
            }
            else
            {
                out.append(wholeMagnitude);
                GoLayout.appendInt(unitsPerSecond - subUnits, width, out);
            }
        }
    }

    private static Map<String, GoLayout> namedLayouts()
    {
        final Map<String, GoLayout> layouts = new HashMap<>();
        final GoLayout defaultMs = GoLayout.compile("2006-01-02 15:04:05.999");
        layouts.put("default", defaultMs);
        layouts.put("-", defaultMs);
        layouts.put("default_ms", defaultMs);
        layouts.put("default_us", GoLayout.compile("2006-01-02 15:04:05.999999"));
        layouts.put("default_ns", GoLayout.compile("2006-01-02 15:04:05.999999999"));
        layouts.put("default.ms", GoLayout.compile("2006-01-02 15:04:05.000"));
        layouts.put("default.us", GoLayout.compile("2006-01-02 15:04:05.000000"));
        layouts.put("default.ns", GoLayout.compile("2006-01-02 15:04:05.000000000"));
        layouts.put("datetime", GoLayout.compile("2006-01-02 15:04:05"));
        layouts.put("numeric", GoLayout.compile("01/02 03:04:05PM '06 -0700"));
        layouts.put("ansic", GoLayout.compile("Mon Jan _2 15:04:05 2006"));
        layouts.put("unix", GoLayout.compile("Mon Jan _2 15:04:05 MST 2006"));
        layouts.put("ruby", GoLayout.compile("Mon Jan 02 15:04:05 -0700 2006"));
        layouts.put("rfc822", GoLayout.compile("02 Jan 06 15:04 MST"));
        layouts.put("rfc822z", GoLayout.compile("02 Jan 06 15:04 -0700"));
        layouts.put("rfc850", GoLayout.compile("Monday, 02-Jan-06 15:04:05 MST"));
        layouts.put("rfc1123", GoLayout.compile("Mon, 02 Jan 2006 15:04:05 MST"));
        layouts.put("rfc1123z", GoLayout.compile("Mon, 02 Jan 2006 15:04:05 -0700"));
        layouts.put("rfc3339", GoLayout.compile("2006-01-02T15:04:05Z07:00"));
        layouts.put("rfc3339nano", GoLayout.compile("2006-01-02T15:04:05.999999999Z07:00"));
        layouts.put("kitchen", GoLayout.compile("3:04:05PM"));
        layouts.put("stamp", GoLayout.compile("Jan _2 15:04:05"));
        layouts.put("stampmilli", GoLayout.compile("Jan _2 15:04:05.000"));
        layouts.put("stampmicro", GoLayout.compile("Jan _2 15:04:05.000000"));
        layouts.put("stampnano", GoLayout.compile("Jan _2 15:04:05.000000000"));
        return Map.copyOf(layouts);
    }
}
