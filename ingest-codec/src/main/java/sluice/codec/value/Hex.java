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

    /** 0..15 for {@code [0-9a-fA-F]}, else {@link #INVALID}; {@code b} is any byte value, signed or not. */
    static int value(final int b)
    {
        return VALUES[b & 0xFF];
    }
}
