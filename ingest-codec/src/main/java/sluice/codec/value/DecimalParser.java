package sluice.codec.value;

import java.math.BigDecimal;
import java.math.BigInteger;

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
    /** DuckDB's (and SQL Server's) widest DECIMAL: 10^38 - 1 still fits a signed 128-bit integer. */
    public static final int MAX_PRECISION = 38;
    /** Significant digits an unscaled value may have before it needs the high word: 10^18 - 1 < 2^63. */
    private static final int LONG_DIGITS = 18;
    /**
     * Exponent digits stop counting here. Still exact enough: no digit string (at most 2^31 bytes) can bring a
     * value this far back into range, and the long arithmetic on the exponent cannot overflow.
     */
    private static final long EXPONENT_SATURATION = 1L << 32;

    private DecimalParser()
    {
    }

    /**
     * Returns NONE, INVALID_DECIMAL or DECIMAL_OUT_OF_RANGE; {@code out} is written only on NONE.
     *
     * @param precision 1..{@link #MAX_PRECISION}.
     * @param scale     0..precision.
     * @throws IllegalArgumentException for a precision or scale outside those ranges (a schema bug, not bad input).
     */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final int precision, final int scale,
        final ParsedValue out)
    {
        if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)
        {
            throw new IllegalArgumentException("DECIMAL(" + precision + ", " + scale + ")");
        }
        if (length <= 0)
        {
            return ErrorCode.INVALID_DECIMAL;
        }

        // Pass 1: syntax, and where the integer digits, the fraction digits and the exponent are.
        final int end = offset + length;
        int i = offset;
        boolean negative = false;
        byte b = buffer.getByte(i);
        if (b == '-' || b == '+')
        {
            negative = b == '-';
            i++;
        }
        final int integerStart = i;
        while (i < end && Ascii.isDigit(b = buffer.getByte(i)))
        {
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
                i++;
            }
            fractionEnd = i;
        }
        final int integerDigits = integerEnd - integerStart;
        final int totalDigits = integerDigits + fractionEnd - fractionStart;
        if (totalDigits == 0)
        {
            return ErrorCode.INVALID_DECIMAL;
        }
        long exponent = 0;
        if (i < end && (b | 0x20) == 'e')
        {
            if (++i == end)
            {
                return ErrorCode.INVALID_DECIMAL;
            }
            b = buffer.getByte(i);
            final boolean negativeExponent = b == '-';
            if ((b == '-' || b == '+') && ++i == end)
            {
                return ErrorCode.INVALID_DECIMAL;
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
                return ErrorCode.INVALID_DECIMAL;
            }
            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }
        if (i != end)
        {
            return ErrorCode.INVALID_DECIMAL;
        }

        // Pass 2: the unscaled value is the leading `take` digits (point removed), padded with zeros when the
        // exponent moves the point past the last digit; the digits after them are truncated toward zero.
        final long take = integerDigits + exponent + scale;
        final long digitsTaken = Math.max(0, Math.min(take, totalDigits));
        long low = 0;
        long high = 0;
        int significant = 0;
        int j = integerStart;
        for (long n = 0; n < digitsTaken; n++, j++)
        {
            if (j == integerEnd)
            {
                j = fractionStart;
            }
            final int digit = buffer.getByte(j) - '0';
            if (significant == 0 && digit == 0)
            {
                continue;
            }
            if (++significant > precision)
            {
                return ErrorCode.DECIMAL_OUT_OF_RANGE;
            }
            if (significant <= LONG_DIGITS)
            {
                low = low * 10 + digit;
            }
            else
            {
                final long productLow = low * 10;
                high = high * 10 + carryOfTimesTen(low);
                low = productLow + digit;
                if (Long.compareUnsigned(low, productLow) < 0)
                {
                    high++;
                }
            }
        }
        if (significant > 0)
        {
            for (long n = take - totalDigits; n > 0; n--)
            {
                if (++significant > precision)
                {
                    return ErrorCode.DECIMAL_OUT_OF_RANGE;
                }
                if (significant <= LONG_DIGITS)
                {
                    low *= 10;
                }
                else
                {
                    high = high * 10 + carryOfTimesTen(low);
                    low *= 10;
                }
            }
        }

        if (negative)
        {
            low = -low;
            high = low == 0 ? -high : ~high;
        }
        out.longValue = low;
        out.highBits = high;
        return ErrorCode.NONE;
    }

    /** High word of the unsigned 128-bit product {@code low × 10} (Java 17 has only the signed multiplyHigh). */
    private static long carryOfTimesTen(final long low)
    {
        return Math.multiplyHigh(low, 10) + ((low >> 63) & 10);
    }

    /** The decimal text of an unscaled 128-bit value at {@code scale}, e.g. (0, 12345, 2) → "123.45". For tests/tools. */
    public static String toString(final long high, final long low, final int scale)
    {
        final BigInteger unscaled = BigInteger.valueOf(high).shiftLeft(Long.SIZE)
            .add(BigInteger.valueOf(low >>> 1).shiftLeft(1))
            .add(BigInteger.valueOf(low & 1));
        return new BigDecimal(unscaled, scale).toPlainString();
    }
}
