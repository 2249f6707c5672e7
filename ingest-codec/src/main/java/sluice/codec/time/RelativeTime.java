package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

/**
 * Machbase's relative datetime values: {@code now}, {@code now-1h}, {@code now+30m}, with Go duration syntax after
 * the sign (a sequence of decimal numbers, each with a unit {@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}: {@code 1h30m}, {@code 1.5h}, {@code 500ms}). ASCII case-insensitive {@code now}.
 */
public final class RelativeTime
{
    private RelativeTime()
    {
    }

    /** True if the bytes start with {@code now} (any case): the caller then uses {@link #parse}. */
    public static boolean isRelative(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * {@code nowEpochNanos} plus the offset, into {@code out.longValue} = epoch seconds and {@code out.nanos}.
     * Returns NONE or INVALID_TIMESTAMP.
     */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final long nowEpochNanos, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
