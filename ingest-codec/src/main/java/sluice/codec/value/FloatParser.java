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
    /** Significant digits that always fit an unsigned 64-bit significand. */
    private static final int MAX_SIGNIFICAND_DIGITS = 19;
    private static final long MIN_NINETEEN_DIGITS = 1_000_000_000_000_000_000L;
    /**
     * Exponent digits stop counting here. Still exact enough: no digit string (at most 2^31 bytes) can shift a value
     * this far back into range, and the long arithmetic on the exponent cannot overflow.
     */
    private static final long EXPONENT_SATURATION = 1L << 32;

    /** Clinger: a significand up to 2^53 and 10^|q| with q ≤ 22 are both exact doubles, so one rounding. */
    private static final int DOUBLE_MAX_FAST_EXPONENT = 22;
    private static final long DOUBLE_MAX_FAST_MANTISSA = 1L << 53;
    private static final int FLOAT_MAX_FAST_EXPONENT = 10;
    private static final long FLOAT_MAX_FAST_MANTISSA = 1L << 24;

    private static final double[] DOUBLE_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22 };
    private static final float[] FLOAT_POWERS_OF_TEN = { 1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f,
        1e9f, 1e10f };
    private static final long[] LONG_POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L };

    private FloatParser()
    {
    }

    /** Parses a double into {@code out.doubleValue}. Returns NONE or INVALID_FLOAT. */
    public static ErrorCode parseDouble(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        return parse(buffer, offset, length, out, false);
    }

    /**
     * Parses a float (correctly rounded to float, not via double) into {@code out.doubleValue}; magnitudes above
     * {@link Float#MAX_VALUE} after rounding become NaN. Returns NONE or INVALID_FLOAT.
     */
    public static ErrorCode parseFloat(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        return parse(buffer, offset, length, out, true);
    }

    private static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out, final boolean binary32)
    {
        if (length <= 0)
        {
            return ErrorCode.INVALID_FLOAT;
        }
        final int end = offset + length;
        int i = offset;
        boolean negative = false;
        byte b = buffer.getByte(i);
        if (b == '-' || b == '+')
        {
            negative = b == '-';
            if (++i == end)
            {
                return ErrorCode.INVALID_FLOAT;
            }
            b = buffer.getByte(i);
        }
        if (b != '.' && !Ascii.isDigit(b))
        {
            return parseSpecial(buffer, i, end, negative, out);
        }

        // Accumulate every digit; the significand wraps past 19 digits and is then rebuilt in parseManyDigits.
        final int integerStart = i;
        long mantissa = 0;
        while (i < end && Ascii.isDigit(b = buffer.getByte(i)))
        {
            mantissa = mantissa * 10 + (b - '0');
            i++;
        }
        final int integerEnd = i;
        int fractionStart = i;
        int fractionEnd = i;
        if (i < end && b == '.')
        {
            fractionStart = ++i;
            while (i < end && Ascii.isDigit(b = buffer.getByte(i)))
            {
                mantissa = mantissa * 10 + (b - '0');
                i++;
            }
            fractionEnd = i;
        }
        final int fractionDigits = fractionEnd - fractionStart;
        final int digitCount = integerEnd - integerStart + fractionDigits;
        if (digitCount == 0)
        {
            return ErrorCode.INVALID_FLOAT;
        }

        long exponent = 0;
        if (i < end && (b | 0x20) == 'e')
        {
            if (++i == end)
            {
                return ErrorCode.INVALID_FLOAT;
            }
            b = buffer.getByte(i);
            final boolean negativeExponent = b == '-';
            if (b == '-' || b == '+')
            {
                if (++i == end)
                {
                    return ErrorCode.INVALID_FLOAT;
                }
            }
            final int exponentStart = i;
            while (i < end && Ascii.isDigit(b = buffer.getByte(i)))
            {
                if (exponent < EXPONENT_SATURATION)
                {
                    exponent = exponent * 10 + (b - '0');
                }
                i++;
            }
            if (i == exponentStart)
            {
                return ErrorCode.INVALID_FLOAT;
            }
            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }
        if (i != end)
        {
            return ErrorCode.INVALID_FLOAT;
        }

        if (digitCount > MAX_SIGNIFICAND_DIGITS)
        {
            return parseManyDigits(
                buffer, integerStart, integerEnd, fractionStart, fractionEnd, exponent, negative, out, binary32);
        }
        exponent -= fractionDigits;
        if (mantissa == 0)
        {
            out.doubleValue = negative ? -0.0 : 0.0;
            return ErrorCode.NONE;
        }
        if (binary32)
        {
            if (exponent >= -FLOAT_MAX_FAST_EXPONENT && exponent <= FLOAT_MAX_FAST_EXPONENT &&
                mantissa >= 0 && mantissa <= FLOAT_MAX_FAST_MANTISSA)
            {
                float value = mantissa;
                value = exponent < 0 ?
                    value / FLOAT_POWERS_OF_TEN[(int)-exponent] : value * FLOAT_POWERS_OF_TEN[(int)exponent];
                out.doubleValue = negative ? -value : value;
                return ErrorCode.NONE;
            }
            return storeFloatBits(EiselLemire.toFloatBits(mantissa, exponent), negative, out);
        }
        if (mantissa >= 0 && mantissa <= DOUBLE_MAX_FAST_MANTISSA)
        {
            if (exponent >= -DOUBLE_MAX_FAST_EXPONENT && exponent <= DOUBLE_MAX_FAST_EXPONENT)
            {
                double value = mantissa;
                value = exponent < 0 ?
                    value / DOUBLE_POWERS_OF_TEN[(int)-exponent] : value * DOUBLE_POWERS_OF_TEN[(int)exponent];
                out.doubleValue = negative ? -value : value;
                return ErrorCode.NONE;
            }
            // Extended Clinger: "12e30" is 12e8 (an exact integer below 2^53) times 1e22, still one rounding.
            final long shift = exponent - DOUBLE_MAX_FAST_EXPONENT;
            if (shift > 0 && shift < LONG_POWERS_OF_TEN.length &&
                mantissa <= DOUBLE_MAX_FAST_MANTISSA / LONG_POWERS_OF_TEN[(int)shift])
            {
                final double value = (double)(mantissa * LONG_POWERS_OF_TEN[(int)shift]) *
                    DOUBLE_POWERS_OF_TEN[DOUBLE_MAX_FAST_EXPONENT];
                out.doubleValue = negative ? -value : value;
                return ErrorCode.NONE;
            }
        }
        return storeDoubleBits(EiselLemire.toDoubleBits(mantissa, exponent), negative, out);
    }

    /**
     * More than 19 digits: skip leading zeros, keep the first 19 significant digits, and if any dropped digit is
     * not zero, decide with Eisel–Lemire on both ends of the interval the true value lies in, else go exact.
     */
    private static ErrorCode parseManyDigits(
        final DirectBuffer buffer, final int integerStart, final int integerEnd, final int fractionStart,
        final int fractionEnd, final long exponent, final boolean negative, final ParsedValue out,
        final boolean binary32)
    {
        long mantissa = 0;
        long scale = 0;
        boolean truncated = false;
        for (int i = integerStart; i < fractionEnd; i++)
        {
            if (i == integerEnd && fractionStart != integerEnd)
            {
                // The '.'
                continue;
            }
            final int digit = buffer.getByte(i) - '0';
            // Unsigned: a 19-digit significand above 2^63 is negative as a long.
            if (Long.compareUnsigned(mantissa, MIN_NINETEEN_DIGITS) < 0)
            {
                mantissa = mantissa * 10 + digit;
                if (i >= fractionStart)
                {
                    scale--;
                }
            }
            else
            {
                truncated |= digit != 0;
                if (i < integerEnd)
                {
                    scale++;
                }
            }
        }
        final long q = exponent + scale;
        if (mantissa == 0)
        {
            out.doubleValue = negative ? -0.0 : 0.0;
            return ErrorCode.NONE;
        }

        final long low = binary32 ? EiselLemire.toFloatBits(mantissa, q) : EiselLemire.toDoubleBits(mantissa, q);
        long bits = low;
        if (truncated)
        {
            final long high = binary32 ?
                EiselLemire.toFloatBits(mantissa + 1, q) : EiselLemire.toDoubleBits(mantissa + 1, q);
            if (high != low)
            {
                assert high == low + 1 : "not adjacent: " + low + ", " + high;
                bits = ExactFloat.decide(
                    buffer, integerStart, integerEnd, fractionStart, fractionEnd, exponent, low, binary32);
            }
        }
        return binary32 ? storeFloatBits(bits, negative, out) : storeDoubleBits(bits, negative, out);
    }

    private static ErrorCode storeDoubleBits(final long bits, final boolean negative, final ParsedValue out)
    {
        if (bits == EiselLemire.DOUBLE_INFINITY_BITS)
        {
            // Feldera: a finite literal out of range is NaN, not infinity.
            out.doubleValue = Double.NaN;
        }
        else
        {
            out.doubleValue = Double.longBitsToDouble(negative ? bits | Long.MIN_VALUE : bits);
        }
        return ErrorCode.NONE;
    }

    private static ErrorCode storeFloatBits(final long bits, final boolean negative, final ParsedValue out)
    {
        if (bits == EiselLemire.FLOAT_INFINITY_BITS)
        {
            out.doubleValue = Double.NaN;
        }
        else
        {
            final float value = Float.intBitsToFloat((int)bits);
            out.doubleValue = negative ? -value : value;
        }
        return ErrorCode.NONE;
    }

    /** NaN, Inf, Infinity in any ASCII case; a sign on NaN is accepted and ignored. */
    private static ErrorCode parseSpecial(
        final DirectBuffer buffer, final int start, final int end, final boolean negative, final ParsedValue out)
    {
        final int length = end - start;
        if (Ascii.equalsIgnoreCase(buffer, start, length, "nan"))
        {
            out.doubleValue = Double.NaN;
            return ErrorCode.NONE;
        }
        if (Ascii.equalsIgnoreCase(buffer, start, length, "inf") ||
            Ascii.equalsIgnoreCase(buffer, start, length, "infinity"))
        {
            out.doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return ErrorCode.NONE;
        }
        return ErrorCode.INVALID_FLOAT;
    }
}
