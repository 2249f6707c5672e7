package sluice.codec.value;

import java.math.BigInteger;

import org.agrona.DirectBuffer;

/**
 * The exact fallback of {@link FloatParser}: allocates (BigInteger), so it is reached only when a significand of
 * more than 19 digits leaves Eisel–Lemire undecided, i.e. the input lies within one part in 10^18 of the midpoint
 * between two adjacent floats.
 * <p>
 * The 19-digit truncation {@code m} bounds the input {@code v} by {@code m × 10^q ≤ v < (m + 1) × 10^q}; rounding is
 * monotonic, so {@code v} rounds to {@code low} = round(m × 10^q) or to the float after it, {@code high} = round((m +
 * 1) × 10^q): the interval is far narrower than one float spacing, so there is nothing between them. One comparison
 * of all the input's digits with the exact midpoint {@code (2 × significand(low) + 1) × 2^(exponent(low) - 1)}
 * decides, ties to even (fast_float's {@code digit_comp} does the same with its own big integers).
 */
final class ExactFloat
{
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private static final int DOUBLE_MANTISSA_BITS = 52;
    private static final int DOUBLE_EXPONENT_BIAS = 1023;
    private static final int FLOAT_MANTISSA_BITS = 23;
    private static final int FLOAT_EXPONENT_BIAS = 127;

    private ExactFloat()
    {
    }

    /**
     * Returns {@code lowBits} or {@code lowBits + 1} (IEEE bits without sign, binary64 or, if {@code binary32},
     * binary32; {@code lowBits + 1} may be infinity): the nearest to the value of digits {@code [integerStart,
     * integerEnd)} and {@code [fractionStart, fractionEnd)} times {@code 10^exponent}. The digits were validated by
     * the caller, and the value lies between the floats with bits {@code lowBits} and {@code lowBits + 1}.
     */
    static long decide(
        final DirectBuffer buffer, final int integerStart, final int integerEnd, final int fractionStart,
        final int fractionEnd, final long exponent, final long lowBits, final boolean binary32)
    {
        final StringBuilder text = new StringBuilder(fractionEnd - integerStart);
        for (int i = integerStart; i < integerEnd; i++)
        {
            text.append((char)buffer.getByte(i));
        }
        for (int i = fractionStart; i < fractionEnd; i++)
        {
            text.append((char)buffer.getByte(i));
        }
        // The input is digits × 10^decimalExponent; the caller's range checks keep this an int.
        final int decimalExponent = Math.toIntExact(exponent - (fractionEnd - fractionStart));

        final int mantissaBits = binary32 ? FLOAT_MANTISSA_BITS : DOUBLE_MANTISSA_BITS;
        final int bias = binary32 ? FLOAT_EXPONENT_BIAS : DOUBLE_EXPONENT_BIAS;
        final long fraction = lowBits & ((1L << mantissaBits) - 1);
        final int biasedExponent = (int)(lowBits >>> mantissaBits);
        final long significand = biasedExponent == 0 ? fraction : fraction | (1L << mantissaBits);
        final int binaryExponent = (biasedExponent == 0 ? 1 : biasedExponent) - bias - mantissaBits;

        // Compare digits × 5^d × 2^d with (2 × significand + 1) × 2^(binaryExponent - 1), powers of five moved to
        // whichever side keeps them non-negative, then powers of two likewise.
        BigInteger left = new BigInteger(text.toString());
        BigInteger right = BigInteger.valueOf(2 * significand + 1);
        if (decimalExponent >= 0)
        {
            left = left.multiply(FIVE.pow(decimalExponent));
        }
        else
        {
            right = right.multiply(FIVE.pow(-decimalExponent));
        }
        final int shift = decimalExponent - (binaryExponent - 1);
        if (shift >= 0)
        {
            left = left.shiftLeft(shift);
        }
        else
        {
            right = right.shiftLeft(-shift);
        }

        final int comparison = left.compareTo(right);
        if (comparison > 0 || (comparison == 0 && (lowBits & 1) != 0))
        {
            return lowBits + 1;
        }
        return lowBits;
    }
}
