package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

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
    private TimeFormat()
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * @param timeformat null or empty means {@code ns}.
     * @param tz null or empty means UTC.
     * @throws IllegalArgumentException naming the bad layout, or {@code unknown time zone X}.
     */
    public static TimeFormat of(final String timeformat, final String tz)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** The epoch unit, or null for a layout. */
    public EpochUnit epochUnit()
    {
        throw new UnsupportedOperationException("stub");
    }

    /** The layout, or null for an epoch unit. */
    public GoLayout layout()
    {
        throw new UnsupportedOperationException("stub");
    }

    public LocalTimeZone zone()
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Parses a text value (CSV field, JSON string) into {@code out.longValue} = UTC epoch seconds and
     * {@code out.nanos}. Returns NONE, INVALID_TIMESTAMP or TIMESTAMP_OUT_OF_RANGE.
     */
    public ErrorCode parse(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * An integer epoch value in this format's unit (a layout format reads numbers as nanoseconds, as Neo does) into
     * {@code out.longValue} = epoch seconds and {@code out.nanos}.
     */
    public void fromEpoch(final long value, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** Appends an instant as this format prints it ({@code /db/query}): an integer in the unit, or the layout. */
    public void format(final long epochSecond, final int nanos, final StringBuilder out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
