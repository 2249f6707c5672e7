package sluice.codec.value;

import java.math.BigInteger;

/**
 * The Eisel–Lemire step of {@link FloatParser}: {@code w × 10^q} to the nearest binary64 or binary32, for a
 * decimal significand {@code w} of at most 19 digits, with one or two 64×64→128-bit multiplications.
 * <p>
 * A port of {@code compute_float} from fast_float (Lemire, "Number Parsing at a Gigabyte per Second", 2021). Since
 * fast_float 3.9 the two-word product is proven always sufficient for exact significands (Mushtak and Lemire, "Fast
 * Number Parsing Without Fallback", 2023), so there is no undecided result here; a significand that was truncated
 * is handled by the caller, which runs this for {@code w} and {@code w + 1} and falls back when they differ.
 * <p>
 * The table of 128-bit truncated powers of five is built once at class initialisation (the only allocation); the
 * computation itself allocates nothing. Thread-safe.
 */
final class EiselLemire
{
    /** Smallest and largest q with an entry: beyond them the result is 0 or infinity for any 19-digit w. */
    static final int SMALLEST_POWER_OF_TEN = -342;
    static final int LARGEST_POWER_OF_TEN = 308;
    static final int FLOAT_SMALLEST_POWER_OF_TEN = -64;
    static final int FLOAT_LARGEST_POWER_OF_TEN = 38;

    static final long DOUBLE_INFINITY_BITS = 0x7FF0_0000_0000_0000L;
    static final long FLOAT_INFINITY_BITS = 0x7F80_0000L;

    private static final int DOUBLE_MANTISSA_BITS = 52;
    private static final int DOUBLE_MINIMUM_EXPONENT = -1023;
    private static final int DOUBLE_INFINITE_POWER = 0x7FF;
    private static final int DOUBLE_MIN_EXPONENT_ROUND_TO_EVEN = -4;
    private static final int DOUBLE_MAX_EXPONENT_ROUND_TO_EVEN = 23;

    private static final int FLOAT_MANTISSA_BITS = 23;
    private static final int FLOAT_MINIMUM_EXPONENT = -127;
    private static final int FLOAT_INFINITE_POWER = 0xFF;
    private static final int FLOAT_MIN_EXPONENT_ROUND_TO_EVEN = -17;
    private static final int FLOAT_MAX_EXPONENT_ROUND_TO_EVEN = 10;

    /** Pairs (high, low) of 5^q scaled to [2^127, 2^128), truncated (q ≥ 0) or rounded up (q < 0). */
    private static final long[] POWER_OF_FIVE_128 = powersOfFive();

    private EiselLemire()
    {
    }

    /** IEEE bits (no sign) of {@code w × 10^q} rounded to binary64; w is unsigned and not zero. */
    static long toDoubleBits(final long w, final long q)
    {
        if (q < SMALLEST_POWER_OF_TEN)
        {
            return 0;
        }
        if (q > LARGEST_POWER_OF_TEN)
        {
            return DOUBLE_INFINITY_BITS;
        }
        return compute(
            w, (int)q, DOUBLE_MANTISSA_BITS, DOUBLE_MINIMUM_EXPONENT, DOUBLE_INFINITE_POWER,
            DOUBLE_MIN_EXPONENT_ROUND_TO_EVEN, DOUBLE_MAX_EXPONENT_ROUND_TO_EVEN);
    }

    /** IEEE bits (no sign) of {@code w × 10^q} rounded to binary32; w is unsigned and not zero. */
    static long toFloatBits(final long w, final long q)
    {
        if (q < FLOAT_SMALLEST_POWER_OF_TEN)
        {
            return 0;
        }
        if (q > FLOAT_LARGEST_POWER_OF_TEN)
        {
            return FLOAT_INFINITY_BITS;
        }
        return compute(
            w, (int)q, FLOAT_MANTISSA_BITS, FLOAT_MINIMUM_EXPONENT, FLOAT_INFINITE_POWER,
            FLOAT_MIN_EXPONENT_ROUND_TO_EVEN, FLOAT_MAX_EXPONENT_ROUND_TO_EVEN);
    }

    private static long compute(
        final long w0, final int q, final int mantissaBits, final int minimumExponent, final int infinitePower,
        final int minExponentRoundToEven, final int maxExponentRoundToEven)
    {
        final int lz = Long.numberOfLeadingZeros(w0);
        final long w = w0 << lz;

        // Product approximation with mantissaBits + 3 bits of precision: the implicit bit, a rounding bit, and the
        // bit the "upperbit" normalisation below may lose.
        final int index = 2 * (q - SMALLEST_POWER_OF_TEN);
        final long powerHigh = POWER_OF_FIVE_128[index];
        long productLow = w * powerHigh;
        long productHigh = unsignedMultiplyHigh(w, powerHigh);
        final long precisionMask = -1L >>> (mantissaBits + 3);
        if ((productHigh & precisionMask) == precisionMask)
        {
            final long secondHigh = unsignedMultiplyHigh(w, POWER_OF_FIVE_128[index + 1]);
            productLow += secondHigh;
            if (Long.compareUnsigned(secondHigh, productLow) > 0)
            {
                productHigh++;
            }
        }

        final int upperBit = (int)(productHigh >>> 63);
        final int shift = upperBit + 64 - mantissaBits - 3;
        long mantissa = productHigh >>> shift;
        int power2 = power(q) + upperBit - lz - minimumExponent;

        if (power2 <= 0)
        {
            // Subnormal, or zero once more than 64 bits fall below the smallest exponent.
            if (-power2 + 1 >= 64)
            {
                return 0;
            }
            mantissa >>>= -power2 + 1;
            // Round half up is right here: a tie needs q in the round-to-even window, far from subnormals.
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            // Rounding up can carry into the smallest normal; OR-ing the exponent in below keeps that right.
            power2 = mantissa < (1L << mantissaBits) ? 0 : 1;
            return mantissa | ((long)power2 << mantissaBits);
        }

        // A product exactly halfway between two floats is possible only where 5^q fits in 64 bits; there the
        // dropped bits being all zero proves the tie, and the tie goes to even.
        if ((productLow == 0 || productLow == 1) && q >= minExponentRoundToEven && q <= maxExponentRoundToEven &&
            (mantissa & 3) == 1 && (mantissa << shift) == productHigh)
        {
            mantissa &= ~1L;
        }

        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << mantissaBits))
        {
            mantissa = 1L << mantissaBits;
            power2++;
        }
        mantissa &= ~(1L << mantissaBits);
        if (power2 >= infinitePower)
        {
            return (long)infinitePower << mantissaBits;
        }
        return mantissa | ((long)power2 << mantissaBits);
    }

    /** floor(log2(10^q)) + 63, exact for |q| < 1650 (fast_float {@code detail::power}). */
    private static int power(final int q)
    {
        return (((152170 + 65536) * q) >> 16) + 63;
    }

    /** High word of the unsigned 128-bit product (Java 17 has only the signed {@link Math#multiplyHigh}). */
    private static long unsignedMultiplyHigh(final long x, final long y)
    {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** fast_float's script/table_generation.py. */
    private static long[] powersOfFive()
    {
        final long[] table = new long[2 * (LARGEST_POWER_OF_TEN - SMALLEST_POWER_OF_TEN + 1)];
        final BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        final BigInteger five = BigInteger.valueOf(5);
        int index = 0;
        for (int q = SMALLEST_POWER_OF_TEN; q < 0; q++)
        {
            final BigInteger power5 = five.pow(-q);
            final int z = power5.subtract(BigInteger.ONE).bitLength();
            final BigInteger c;
            if (q >= -27)
            {
                c = BigInteger.ONE.shiftLeft(z + 127).divide(power5).add(BigInteger.ONE);
            }
            else
            {
                BigInteger truncated = BigInteger.ONE.shiftLeft(2 * z + 128).divide(power5).add(BigInteger.ONE);
                while (truncated.compareTo(two128) >= 0)
                {
                    truncated = truncated.shiftRight(1);
                }
                c = truncated;
            }
            table[index++] = c.shiftRight(64).longValue();
            table[index++] = c.longValue();
        }
        for (int q = 0; q <= LARGEST_POWER_OF_TEN; q++)
        {
            BigInteger power5 = five.pow(q);
            final int bits = power5.bitLength();
            power5 = bits < 128 ? power5.shiftLeft(128 - bits) : power5.shiftRight(bits - 128);
            table[index++] = power5.shiftRight(64).longValue();
            table[index++] = power5.longValue();
        }
        return table;
    }
}
