package sluice.codec.time;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ZonesTest
{
    @Test
    void dataFile()
    {
        for (final TimeTestSupport.Case c : TimeTestSupport.load("zones.txt", 2))
        {
            final String name = c.field(0);
            final String expected = c.field(1);
            if (expected.equals("ERROR"))
            {
                final IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> Zones.resolve(name), c.toString());
                assertEquals("unknown time zone " + name, ex.getMessage(), c.toString());
            }
            else if (expected.equals("local"))
            {
                assertEquals(ZoneId.systemDefault(), Zones.resolve(name), c.toString());
            }
            else if (expected.startsWith("offset:"))
            {
                assertEquals(ZoneOffset.of(expected.substring("offset:".length())), Zones.resolve(name), c.toString());
            }
            else
            {
                assertEquals(ZoneId.of(expected), Zones.resolve(name), c.toString());
            }
        }
    }

    @Test
    void errorMessagesAreMachbases()
    {
        assertEquals("unknown time zone Mars/Olympus",
            assertThrows(IllegalArgumentException.class, () -> Zones.resolve("Mars/Olympus")).getMessage());
        assertEquals("unknown time zone ",
            assertThrows(IllegalArgumentException.class, () -> Zones.resolve("")).getMessage());
        assertEquals("unknown time zone null",
            assertThrows(IllegalArgumentException.class, () -> Zones.resolve(null)).getMessage());
    }

    @Test
    void abbreviationOffsetsForValues()
    {
        assertEquals(9 * 3600, Zones.abbreviationOffsetSeconds("KST"));
        assertEquals(9 * 3600, Zones.abbreviationOffsetSeconds("JST"));
        assertEquals(-6 * 3600, Zones.abbreviationOffsetSeconds("CST"));
        assertEquals(-5 * 3600, Zones.abbreviationOffsetSeconds("EST"));
        assertEquals(-4 * 3600, Zones.abbreviationOffsetSeconds("EDT"));
        assertEquals(3600, Zones.abbreviationOffsetSeconds("CET"));
        assertEquals(2 * 3600, Zones.abbreviationOffsetSeconds("CEST"));
        assertEquals(5 * 3600 + 1800, Zones.abbreviationOffsetSeconds("IST"));
        assertEquals(0, Zones.abbreviationOffsetSeconds("GMT"));
        assertEquals(0, Zones.abbreviationOffsetSeconds("UTC"));
        assertEquals(10 * 3600, Zones.abbreviationOffsetSeconds("ChST"));
        // Values spell abbreviations in upper case, as Go requires.
        assertNull(Zones.abbreviationOffsetSeconds("kst"));
        assertNull(Zones.abbreviationOffsetSeconds("XYZ"));
    }

    @Test
    void fixedAbbreviationZonesPrintTheirName()
    {
        final StringBuilder out = new StringBuilder();
        Zones.resolveLocal("EST").appendAbbreviation(1_689_422_400L, out);
        out.append(' ');
        Zones.resolveLocal("cest").appendAbbreviation(1_689_422_400L, out);
        out.append(' ');
        Zones.resolveLocal("GMT+9").appendAbbreviation(1_689_422_400L, out);
        out.append(' ');
        Zones.resolveLocal("utc").appendAbbreviation(1_689_422_400L, out);
        assertEquals("EST CEST +09 UTC", out.toString());
    }
}
