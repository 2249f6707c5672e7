package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

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
 */
public final class GoLayout
{
    private GoLayout(final String layout)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** @throws IllegalArgumentException if the layout has no date or time token at all. */
    public static GoLayout compile(final String layout)
    {
        return new GoLayout(layout);
    }

    public String layout()
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Parses into {@code out.longValue} = UTC epoch seconds, {@code out.nanos}. Values without an offset are read in
     * {@code zone}. Returns NONE, INVALID_TIMESTAMP or TIMESTAMP_OUT_OF_RANGE.
     */
    public ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final LocalTimeZone zone, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** Appends the instant formatted in {@code zone}. */
    public void format(
        final long epochSecond, final int nanos, final LocalTimeZone zone, final StringBuilder out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
