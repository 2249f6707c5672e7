package sluice.codec.value;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SWAR digit helpers against a byte-by-byte reference, over every digit run length and random neighbours. */
class SwarTest
{
    @Test
    void digitRunsAndTheirValuesMatchTheByteByByteReading()
    {
        final long seed = Long.getLong("sluice.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        final byte[] bytes = new byte[8];
        for (int round = 0; round < 200_000; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = random.nextInt(3) > 0 ? (byte)('0' + random.nextInt(10)) : (byte)random.nextInt(256);
            }
            final long word = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int run = 0;
            long value = 0;
            while (run < 8 && bytes[run] >= '0' && bytes[run] <= '9')
            {
                value = value * 10 + bytes[run] - '0';
                run++;
            }
            assertEquals(run, Swar.digitRun(word), () -> "seed " + seed + " " + java.util.Arrays.toString(bytes));
            if (run > 0)
            {
                assertEquals(value, Swar.leadingDigits(word, run), "seed " + seed);
            }
            assertEquals(run == 8, Swar.isEightDigits(word), "seed " + seed);
        }
    }
}
