package sluice.codec.time;

import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeFormatTest
{
    /** Name, precision in nanoseconds, whether the text carries the zone, year digits (4, 2 or 0). */
    private record Named(String name, long precisionNanos, boolean zoned, int yearDigits)
    {
    }

    private static final Named[] NAMED =
    {
        new Named("Default", 1_000_000, false, 4),
        new Named("-", 1_000_000, false, 4),
        new Named("Default_ms", 1_000_000, false, 4),
        new Named("Default_us", 1_000, false, 4),
        new Named("Default_ns", 1, false, 4),
        new Named("Default.ms", 1_000_000, false, 4),
        new Named("Default.us", 1_000, false, 4),
        new Named("Default.ns", 1, false, 4),
        new Named("DateTime", 1_000_000_000, false, 4),
        new Named("Numeric", 1_000_000_000, true, 2),
        new Named("ANSIC", 1_000_000_000, false, 4),
        new Named("Unix", 1_000_000_000, true, 4),
        new Named("Ruby", 1_000_000_000, true, 4),
        new Named("RFC822", 60_000_000_000L, true, 2),
        new Named("RFC822Z", 60_000_000_000L, true, 2),
        new Named("RFC850", 1_000_000_000, true, 2),
        new Named("RFC1123", 1_000_000_000, true, 4),
        new Named("RFC1123Z", 1_000_000_000, true, 4),
        new Named("RFC3339", 1_000_000_000, true, 4),
        new Named("RFC3339Nano", 1, true, 4),
        new Named("Kitchen", 1_000_000_000, false, 0),
        new Named("Stamp", 1_000_000_000, false, 0),
        new Named("StampMilli", 1_000_000, false, 0),
        new Named("StampMicro", 1_000, false, 0),
        new Named("StampNano", 1, false, 0),
    };

    private static final String[] ZONES =
    {
        "UTC", "Asia/Seoul", "America/New_York", "Europe/Berlin", "Asia/Singapore", "EST", "Australia/Lord_Howe",
        "GMT+9", "Asia/Kolkata",
    };

    @Test
    void machbaseDataFile()
    {
        final ParsedValue out = new ParsedValue();
        for (final TimeTestSupport.Case c : TimeTestSupport.load("machbase-timeformat.txt", 4))
        {
            final TimeFormat format = TimeFormat.of(c.field(0), c.field(1));
            final TimeTestSupport.Slice s = TimeTestSupport.slice(c.field(2));
            final String expected = c.field(3);
            out.clear();
            final ErrorCode code = format.parse(s.buffer(), s.offset(), s.length(), out);
            if (expected.equals("ERROR"))
            {
                assertEquals(ErrorCode.INVALID_TIMESTAMP, code, c.toString());
                continue;
            }
            if (expected.equals("OUT_OF_RANGE"))
            {
                assertEquals(ErrorCode.TIMESTAMP_OUT_OF_RANGE, code, c.toString());
                continue;
            }
            assertEquals(ErrorCode.NONE, code, c.toString());
            final Instant instant = expected.startsWith("local:") ?
                LocalDateTime.parse(expected.substring("local:".length())).atZone(ZoneId.systemDefault()).toInstant() :
                Instant.parse(expected);
            assertEquals(instant, Instant.ofEpochSecond(out.longValue, out.nanos), c.toString());
        }
    }

    @Test
    void ofResolvesUnitsLayoutsAndZones()
    {
        assertEquals(EpochUnit.NANOS, TimeFormat.of(null, null).epochUnit());
        assertEquals(EpochUnit.NANOS, TimeFormat.of("", "").epochUnit());
        assertEquals(EpochUnit.MICROS, TimeFormat.of("us", null).epochUnit());
        assertEquals(EpochUnit.MILLIS, TimeFormat.of("ms", null).epochUnit());
        assertEquals(EpochUnit.SECONDS, TimeFormat.of("s", null).epochUnit());
        assertNull(TimeFormat.of("s", null).layout());
        assertSame(LocalTimeZone.utc(), TimeFormat.of("s", null).zone());
        assertEquals("2006-01-02 15:04:05.999", TimeFormat.of("DEFAULT", "UTC").layout().layout());
        assertEquals("2006-01-02 15:04:05.000000000", TimeFormat.of("default.NS", "UTC").layout().layout());
        assertEquals("3:04:05PM", TimeFormat.of("kitchen", "UTC").layout().layout());
        assertNull(TimeFormat.of("Default", "UTC").epochUnit());
        assertEquals(ZoneId.of("Asia/Seoul"), TimeFormat.of("s", "Asia/Seoul").zone().zone());
        assertNotNull(TimeFormat.of("2006", null).layout());

        // Units are case-sensitive: "NS" is a Go layout, and one without any element.
        final IllegalArgumentException badLayout =
            assertThrows(IllegalArgumentException.class, () -> TimeFormat.of("NS", null));
        assertTrue(badLayout.getMessage().contains("\"NS\""), badLayout.getMessage());
        final IllegalArgumentException nonsense =
            assertThrows(IllegalArgumentException.class, () -> TimeFormat.of("yyyy-MM-dd", null));
        assertTrue(nonsense.getMessage().contains("yyyy-MM-dd"), nonsense.getMessage());
        assertEquals("unknown time zone Mars/Olympus",
            assertThrows(IllegalArgumentException.class, () -> TimeFormat.of("s", "Mars/Olympus")).getMessage());
    }

    @Test
    void fromEpochInEachUnit()
    {
        final ParsedValue out = new ParsedValue();
        TimeFormat.of("s", null).fromEpoch(1_676_432_361L, out);
        assertEquals(Instant.parse("2023-02-15T03:39:21Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        TimeFormat.of("ms", null).fromEpoch(-1_500L, out);
        assertEquals(Instant.parse("1969-12-31T23:59:58.5Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        TimeFormat.of("us", null).fromEpoch(1_676_432_361_123_456L, out);
        assertEquals(Instant.parse("2023-02-15T03:39:21.123456Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        TimeFormat.of("ns", null).fromEpoch(1_670_380_342_000_000_000L, out);
        assertEquals(Instant.parse("2022-12-07T02:32:22Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        // A layout format reads numbers as nanoseconds, as Neo does.
        TimeFormat.of("Default", "Asia/Seoul").fromEpoch(1_670_380_342_000_000_001L, out);
        assertEquals(Instant.parse("2022-12-07T02:32:22.000000001Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        TimeFormat.of("ns", null).fromEpoch(Long.MIN_VALUE, out);
        assertEquals(Instant.parse("1677-09-21T00:12:43.145224192Z"), Instant.ofEpochSecond(out.longValue, out.nanos));
        TimeFormat.of("s", null).fromEpoch(Long.MAX_VALUE, out);
        assertEquals(Long.MAX_VALUE, out.longValue);
        assertTrue(out.longValue > EpochDays.MAX_EPOCH_SECOND, "the caller's range check");
    }

    @Test
    void formatEpochUnitsAsGo()
    {
        assertEquals("-2", format("s", null, -2, 500_000_000));
        assertEquals("-1500", format("ms", null, -2, 500_000_000));
        assertEquals("-1500000", format("us", null, -2, 500_000_000));
        assertEquals("-1500000000", format("ns", null, -2, 500_000_000));
        assertEquals("1676432361", format("s", "Asia/Seoul", 1_676_432_361L, 999_999_999));
        assertEquals("1676432361999", format("ms", null, 1_676_432_361L, 999_999_999));
        assertEquals("1676432361123456789", format(null, null, 1_676_432_361L, 123_456_789));
        // Past 2262 Go's UnixNano overflows; the exact value is printed.
        assertEquals("253402300799999999999", format("ns", null, EpochDays.MAX_EPOCH_SECOND, 999_999_999));
        assertEquals("-62167219200000000000", format("ns", null, EpochDays.MIN_EPOCH_SECOND, 0));
        assertEquals("-62167219199999999999", format("ns", null, EpochDays.MIN_EPOCH_SECOND, 1));
        assertEquals("-9999999999999999999", format("ns", null, -10_000_000_000L, 1));
        assertEquals("2023-02-15 12:39:21.5", format("Default", "Asia/Seoul", 1_676_432_361L, 500_000_000));
    }

    @Test
    void randomEpochFormatAndParseAreExact()
    {
        final TimeTestSupport.Scratch scratch = new TimeTestSupport.Scratch();
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        final ParsedValue out = new ParsedValue();
        final StringBuilder text = new StringBuilder();
        for (final EpochUnit unit : EpochUnit.values())
        {
            final TimeFormat format = TimeFormat.of(unit == EpochUnit.NANOS ? "ns" : unit == EpochUnit.MICROS ? "us" :
                unit == EpochUnit.MILLIS ? "ms" : "s", null);
            for (int i = 0; i < 5_000; i++)
            {
                final long second = random.nextLong(EpochDays.MIN_EPOCH_SECOND, EpochDays.MAX_EPOCH_SECOND + 1);
                final int nanos = random.nextInt(1_000_000_000);
                final BigInteger exact = BigInteger.valueOf(second).multiply(BigInteger.valueOf(unit.unitsPerSecond()))
                    .add(BigInteger.valueOf(nanos / unit.nanosPerUnit()));
                final String message = "seed " + seed + ": " + unit + " " + second + "." + nanos;
                text.setLength(0);
                format.format(second, nanos, text);
                assertEquals(exact.toString(), text.toString(), message);

                final TimeTestSupport.Slice s = scratch.put(text.toString());
                final ErrorCode code = format.parse(s.buffer(), s.offset(), s.length(), out);
                if (exact.bitLength() >= 64)
                {
                    assertEquals(ErrorCode.TIMESTAMP_OUT_OF_RANGE, code, message);
                    continue;
                }
                assertEquals(ErrorCode.NONE, code, message);
                assertEquals(second, out.longValue, message);
                assertEquals(nanos / unit.nanosPerUnit() * unit.nanosPerUnit(), out.nanos, message);
                format.fromEpoch(exact.longValueExact(), out);
                assertEquals(second, out.longValue, message);
            }
        }
    }

    /** Every named layout, in zones with DST, odd offsets and no real abbreviation: format, then parse back. */
    @Test
    void namedLayoutsRoundTrip()
    {
        final TimeTestSupport.Scratch scratch = new TimeTestSupport.Scratch();
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        final ParsedValue out = new ParsedValue();
        final StringBuilder text = new StringBuilder();
        final StringBuilder again = new StringBuilder();
        for (final Named named : NAMED)
        {
            for (final String tz : ZONES)
            {
                final TimeFormat format = TimeFormat.of(named.name(), tz);
                final ZoneId zoneId = format.zone().zone();
                for (int i = 0; i < 300; i++)
                {
                    // Two-digit years read back as 1969..2068. Before 1970 some zones were on local mean time,
                    // whose offsets have seconds that Go's numeric offsets (+0827) drop.
                    final long second = named.yearDigits() == 2 ? random.nextLong(0, 3_093_000_000L) :
                        random.nextLong(named.zoned() ? 0 : EpochDays.MIN_EPOCH_SECOND + 86_400,
                            EpochDays.MAX_EPOCH_SECOND - 86_400);
                    final int nanos = random.nextInt(1_000_000_000);
                    final String message = "seed " + seed + ": " + named.name() + " in " + tz + " at " +
                        Instant.ofEpochSecond(second, nanos);
                    text.setLength(0);
                    format.format(second, nanos, text);
                    final TimeTestSupport.Slice s = scratch.put(text.toString());
                    final ErrorCode code = format.parse(s.buffer(), s.offset(), s.length(), out);
                    if (named.yearDigits() == 0)
                    {
                        // Year 0: what comes back must print the same, unless it fell before year 0 in UTC.
                        if (code == ErrorCode.TIMESTAMP_OUT_OF_RANGE)
                        {
                            assertTrue(text.indexOf("Jan  1") >= 0 || named.name().equals("Kitchen"), message);
                            continue;
                        }
                        assertEquals(ErrorCode.NONE, code, message + " " + text);
                        again.setLength(0);
                        format.format(out.longValue, out.nanos, again);
                        assertEquals(text.toString(), again.toString(), message);
                        continue;
                    }
                    assertEquals(ErrorCode.NONE, code, message + " " + text);
                    final long totalNanos = Math.floorMod(nanos, named.precisionNanos());
                    long expectedSecond = second - (named.precisionNanos() > 1_000_000_000L ?
                        Math.floorMod(second, named.precisionNanos() / 1_000_000_000L) : 0);
                    final int expectedNanos = named.precisionNanos() >= 1_000_000_000L ? 0 : (int)(nanos - totalNanos);
                    if (!named.zoned())
                    {
                        final LocalDateTime local = LocalDateTime.ofEpochSecond(expectedSecond, 0,
                            zoneId.getRules().getOffset(Instant.ofEpochSecond(expectedSecond)));
                        expectedSecond = ZonedDateTime.ofLocal(local, zoneId, null).toEpochSecond();
                    }
                    assertEquals(expectedSecond, out.longValue, message + " " + text);
                    assertEquals(expectedNanos, out.nanos, message + " " + text);
                }
            }
        }
    }

    private static String format(final String timeformat, final String tz, final long second, final int nanos)
    {
        final StringBuilder out = new StringBuilder();
        TimeFormat.of(timeformat, tz).format(second, nanos, out);
        return out.toString();
    }
}
