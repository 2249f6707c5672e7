package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

/**
 * Floating-point numbers from ASCII bytes, correctly rounded, without allocation on the common path.
 * <p>
 * Syntax: optional sign, digits with an optional {@code .} (at least one digit on either side: {@code .5} and
 * {@code 5.} are accepted), optional exponent {@code e|E[+|-]digits}. Special values, in any ASCII case, with an
 * optional sign: {@code NaN}, {@code Inf}, {@code Infinity}. No whitespace (callers trim).
 * <p>
 * Range (Feldera CSV seed): a finite value whose magnitude exceeds the type's maximum becomes NaN; a value inside
 * the range rounds to the nearest representable value (round half to even), underflow goes to a subnormal or ±0.
 * Algorithm: Clinger's fast path, then Eisel–Lemire, then an exact fallback (may allocate, reached only by inputs
 * of more than 19 significant digits that Eisel–Lemire cannot decide).
 */
public final class FloatParser
{
    private FloatParser()
    {
    }

    /** Parses a double into {@code out.doubleValue}. Returns NONE or INVALID_FLOAT. */
    public static ErrorCode parseDouble(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Parses a float (correctly rounded to float, not via double) into {@code out.doubleValue}; magnitudes above
     * {@link Float#MAX_VALUE} after rounding become NaN. Returns NONE or INVALID_FLOAT.
     */
    public static ErrorCode parseFloat(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
