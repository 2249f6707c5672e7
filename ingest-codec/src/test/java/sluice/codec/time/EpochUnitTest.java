package sluice.codec.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochUnitTest
{
    @Test
    void dataFile()
    {
        for (final TimeTestSupport.Case c : TimeTestSupport.load("epoch-guess.txt", 2))
        {
            assertEquals(EpochUnit.valueOf(c.field(1)), EpochUnit.guess(Long.parseLong(c.field(0))), c.toString());
        }
    }

    @Test
    void unitsPerSecond()
    {
        assertEquals(1, EpochUnit.SECONDS.unitsPerSecond());
        assertEquals(1_000, EpochUnit.MILLIS.unitsPerSecond());
        assertEquals(1_000_000, EpochUnit.MICROS.unitsPerSecond());
        assertEquals(1_000_000_000, EpochUnit.NANOS.unitsPerSecond());
        assertEquals(1_000_000_000, EpochUnit.SECONDS.nanosPerUnit());
    }
}
