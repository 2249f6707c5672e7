package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

/**
 * Exact DECIMAL(p, s) values from ASCII bytes, without going through floating point.
 * <p>
 * Syntax as {@link FloatParser} minus the special values: {@code [+|-]digits[.digits][e|E[+|-]digits]}, also
 * {@code .5} and {@code 5.}. The value is scaled to {@code scale} fractional digits; further fractional digits are
 * truncated toward zero (Feldera and ClickHouse both truncate). If the integer part needs more than
 * {@code precision - scale} digits the result is {@link ErrorCode#DECIMAL_OUT_OF_RANGE}. Leading zeros do not count.
 * <p>
 * Result: the unscaled value as a 128-bit two's-complement integer, {@code out.highBits} (for precision ≤ 18 the sign
 * extension of {@code out.longValue}) and {@code out.longValue}.
 */
public final class DecimalParser
{
    private DecimalParser()
    {
    }

    /** Returns NONE, INVALID_DECIMAL or DECIMAL_OUT_OF_RANGE. */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final int precision, final int scale,
        final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** The decimal text of an unscaled 128-bit value at {@code scale}, e.g. (0, 12345, 2) → "123.45". For tests/tools. */
    public static String toString(final long high, final long low, final int scale)
    {
        throw new UnsupportedOperationException("stub");
    }
}
