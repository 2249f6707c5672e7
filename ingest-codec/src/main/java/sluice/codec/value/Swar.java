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

    /**
     * How many of the word's bytes, from the first, are ASCII digits: 0..8. A byte is a digit when it is 0..9 after
     * {@code ^ 0x30}; the first non-digit is the lowest byte whose high nibble is set or which reaches 0x10 when
     * 6 is added (carries only run upward, past that byte).
     */
    public static int digitRun(final long word)
    {
        final long t = word ^ 0x3030_3030_3030_3030L;
        final long nonDigit = (t | (t + 0x0606_0606_0606_0606L)) & 0xF0F0_F0F0_F0F0_F0F0L;
        return nonDigit == 0 ? 8 : Long.numberOfTrailingZeros(nonDigit) >>> 3;
    }

    /** The value of the word's first {@code n} bytes (1..8), known digits: the rest is replaced by leading zeros. */
    public static long leadingDigits(final long word, final int n)
    {
        if (n == 8)
        {
            return eightDigits(word);
        }
        final int shift = (8 - n) << 3;
        return eightDigits((word << shift) | (0x3030_3030_3030_3030L >>> (64 - shift)));
    }
}
