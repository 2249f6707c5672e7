package sluice.codec.value;

import java.util.Arrays;

/** Hex digit values for the parsers in this package. No allocation after class initialisation. */
final class Hex
{
    /** Returned by {@link #value} for a byte that is not a hex digit. */
    static final int INVALID = -1;

    private static final byte[] VALUES = new byte[256];

    static
    {
        Arrays.fill(VALUES, (byte)INVALID);
        for (int i = 0; i < 10; i++)
        {
            VALUES['0' + i] = (byte)i;
        }
        for (int i = 0; i < 6; i++)
        {
            VALUES['a' + i] = (byte)(10 + i);
            VALUES['A' + i] = (byte)(10 + i);
        }
    }

    private Hex()
    {
    }

    /**
     * The value of eight hex digits read little-endian (first digit in the lowest byte, most significant), or -1 if
     * any byte is not {@code [0-9a-fA-F]}. SWAR: a byte x is in [lo, hi] when x + (0x80 - lo) has its high bit set
     * and x + (0x7F - hi) has not (for ASCII x, so no carries cross bytes); letters are case-folded with | 0x20;
     * a digit's value is (x &amp; 0xF) + 9 for letters (bit 6 set), then nibbles are packed pairwise.
     */
    static long eightDigits(final long word)
    {
        if ((word & 0x8080_8080_8080_8080L) != 0)
        {
            return -1;
        }
        final long lower = word | 0x2020_2020_2020_2020L;
        final long digit = (word + 0x5050_5050_5050_5050L) & ~(word + 0x4646_4646_4646_4646L);
        final long letter = (lower + 0x1F1F_1F1F_1F1F_1F1FL) & ~(lower + 0x1919_1919_1919_1919L);
        if (((digit | letter) & 0x8080_8080_8080_8080L) != 0x8080_8080_8080_8080L)
        {
            return -1;
        }
        long nibbles = (word & 0x0F0F_0F0F_0F0F_0F0FL) + ((word & 0x4040_4040_4040_4040L) >>> 6) * 9;
        nibbles = ((nibbles << 4) | (nibbles >>> 8)) & 0x00FF_00FF_00FF_00FFL;
        nibbles = ((nibbles << 8) | (nibbles >>> 16)) & 0x0000_FFFF_0000_FFFFL;
        return ((nibbles << 16) | (nibbles >>> 32)) & 0xFFFF_FFFFL;
    }

    /** As {@link #eightDigits} for four digits in the low 32 bits of {@code word}. */
    static long fourDigits(final int word)
    {
        final long value = eightDigits((word & 0xFFFF_FFFFL) | 0x3030_3030_0000_0000L);
        return value < 0 ? -1 : value >>> 16;
    }

    /** 0..15 for {@code [0-9a-fA-F]}, else {@link #INVALID}; {@code b} is any byte value, signed or not. */
    static int value(final int b)
    {
        return VALUES[b & 0xFF];
    }
}
