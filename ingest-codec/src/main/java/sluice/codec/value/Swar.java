package sluice.codec.value;

/**
 * SIMD-within-a-register helpers on little-endian words of eight bytes (the first byte of the text in the lowest
 * byte), shared by the decoders' fast paths. Each trick is the well-known one, named where it comes from.
 */
public final class Swar
{
    public static final long ONES = 0x0101_0101_0101_0101L;
    public static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Swar()
    {
    }

    /**
     * The high bit of each zero byte of {@code x} (the classic has-zero-byte test). Only bits above a true zero byte
     * can be false positives, so the lowest set bit is exact: {@code numberOfTrailingZeros >>> 3} is the first zero
     * byte. A byte equal to {@code t} is a zero byte of {@code x ^ (ONES * t)}.
     */
    public static long zeroBytes(final long x)
    {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /** All eight bytes are ASCII digits (fast_float's is_made_of_eight_digits_fast). */
    public static boolean isEightDigits(final long word)
    {
        return ((word & 0xF0F0_F0F0_F0F0_F0F0L) | (((word + 0x0606_0606_0606_0606L) & 0xF0F0_F0F0_F0F0_F0F0L) >>> 4)) ==
            0x3333_3333_3333_3333L;
    }

    /** The value of eight ASCII digits (fast_float's parse_eight_digits_unrolled). */
    public static long eightDigits(final long word)
    {
        long value = word - 0x3030_3030_3030_3030L;
        value = (value * 10) + (value >>> 8);
        value = (((value & 0x0000_00FF_0000_00FFL) * 0x000F_4240_0000_0064L) +
            (((value >>> 16) & 0x0000_00FF_0000_00FFL) * 0x0000_2710_0000_0001L)) >>> 32;
        return value & 0xFFFF_FFFFL;
    }
}
