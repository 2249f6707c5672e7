package sluice.server.query;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Timestamps read like DuckDB's and ClickHouse's: checked against java.time's ISO form for random instants. */
class TimestampTextTest
{
    @Test
    void timestampsPrintLikeDuckDb()
    {
        assertEquals("2024-02-25 12:12:33", TimestampText.trimmed(1708863153L, 0));
        assertEquals("2024-02-25 12:12:33.5", TimestampText.trimmed(1708863153L, 500_000_000));
        assertEquals("2024-02-25 12:12:33.000123", TimestampText.trimmed(1708863153L, 123_000));
        assertEquals("1969-12-31 23:59:59.000000001", TimestampText.trimmed(-1L, 1));
        final Random random = new Random(11);
        for (int i = 0; i < 10_000; i++)
        {
            final long seconds = random.nextLong() % 4_000_000_000L;
            final int nanos = random.nextBoolean() ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000;
            // ISO_LOCAL_DATE_TIME drops a zero fraction and prints 3, 6 or 9 digits: strip its trailing zeros.
            String iso = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC).toString().replace('T', ' ');
            if (iso.length() == 16)
            {
                iso += ":00";
            }
            if (iso.indexOf('.') > 0)
            {
                iso = iso.replaceAll("0+$", "");
            }
            assertEquals(iso, TimestampText.trimmed(seconds, nanos), seconds + "s " + nanos + "ns");
        }
    }

    @Test
    void groupedTimestampsPrintTheFractionInGroupsOfThreeLikeJavaTime()
    {
        assertEquals("2024-02-25 12:12:33", TimestampText.grouped(1708863153L, 0));
        assertEquals("2024-02-25 12:12:33.500", TimestampText.grouped(1708863153L, 500_000_000));
        assertEquals("2024-02-25 12:12:33.000123", TimestampText.grouped(1708863153L, 123_000));
        assertEquals("1969-12-31 23:59:59.000000001", TimestampText.grouped(-1L, 1));
        final Random random = new Random(12);
        for (int i = 0; i < 10_000; i++)
        {
            final long seconds = random.nextLong() % 4_000_000_000L;
            final int nanos = random.nextBoolean() ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000;
            // ISO_LOCAL_DATE_TIME prints 3, 6 or 9 fraction digits, and none for a zero fraction.
            final LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
            String iso = time.toString().replace('T', ' ');
            if (iso.length() == 16)
            {
                iso += ":00";
            }
            assertEquals(iso, TimestampText.grouped(time), seconds + "s " + nanos + "ns");
        }
    }
}
