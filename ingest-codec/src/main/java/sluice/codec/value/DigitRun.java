package sluice.codec.value;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads a run of ASCII digits eight at a time ({@link Swar#digitRun}, {@link Swar#leadingDigits}), a byte at a
 * time only within the last eight bytes before the limit. Shared by the decoders' fast paths. Single-threaded.
 */
public final class DigitRun
{
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};

    /** After {@link #read}: {@code initial * 10^n + digits}; wraps past 18 digits, which callers reject by count. */
    public long value;

    /** Reads the digits at {@code [p, limit)} and returns the index after them (p if none). */
    public int read(final DirectBuffer buffer, final int p, final int limit, final long initial)
    {
        int i = p;
        long v = initial;
        while (i <= limit - Long.BYTES)
        {
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
            final int run = Swar.digitRun(word);
            if (run == 0)
            {
                value = v;
                return i;
            }
            v = v * POWERS_OF_TEN[run] + Swar.leadingDigits(word, run);
            i += run;
            if (run < 8)
            {
                value = v;
                return i;
            }
        }
        while (i < limit)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            v = v * 10 + digit;
            i++;
        }
        value = v;
        return i;
    }
}
