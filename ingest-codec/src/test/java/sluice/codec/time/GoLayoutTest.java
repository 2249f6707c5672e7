package sluice.codec.time;

import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoLayoutTest
{
    private static final String[] ZONES =
    {
        "UTC", "America/New_York", "Europe/Berlin", "Asia/Seoul", "Australia/Lord_Howe", "Asia/Kolkata",
        "America/St_Johns", "+09:00",
    };

    @Test
    void parseDataFile()
    {
        final ParsedValue out = new ParsedValue();
        for (final TimeTestSupport.Case c : TimeTestSupport.load("go-parse.txt", 4))
        {
            final GoLayout layout = GoLayout.compile(c.field(0));
            final LocalTimeZone zone = Zones.resolveLocal(c.field(1));
            final TimeTestSupport.Slice s = TimeTestSupport.slice(c.field(2));
            final String expected = c.field(3);
            out.clear();
            final ErrorCode code = layout.parse(s.buffer(), s.offset(), s.length(), zone, out);
            if (expected.equals("ERROR"))
            {
                assertEquals(ErrorCode.INVALID_TIMESTAMP, code, c.toString());
            }
            else if (expected.equals("OUT_OF_RANGE"))
            {
                assertEquals(ErrorCode.TIMESTAMP_OUT_OF_RANGE, code, c.toString());
            }
            else
            {
                assertEquals(ErrorCode.NONE, code, c.toString());
                assertEquals(Instant.parse(expected), Instant.ofEpochSecond(out.longValue, out.nanos), c.toString());
            }
        }
    }

    @Test
    void formatDataFile()
    {
        for (final TimeTestSupport.Case c : TimeTestSupport.load("go-format.txt", 4))
        {
            final GoLayout layout = GoLayout.compile(c.field(0));
            final LocalTimeZone zone = Zones.resolveLocal(c.field(1));
            final Instant instant = Instant.parse(c.field(2));
            final StringBuilder out = new StringBuilder("prefix:");
            layout.format(instant.getEpochSecond(), instant.getNano(), zone, out);
            assertEquals("prefix:" + c.field(3), out.toString(), c.toString());
        }
    }

    @Test
    void layoutWithoutTokensIsRejected()
    {
        assertThrows(IllegalArgumentException.class, () -> GoLayout.compile(""));
        assertThrows(IllegalArgumentException.class, () -> GoLayout.compile("hello"));
        assertThrows(IllegalArgumentException.class, () -> GoLayout.compile("NS"));
        assertThrows(IllegalArgumentException.class, () -> GoLayout.compile("Month"));
        assertEquals("05", GoLayout.compile("05").layout());
    }

    /** Go layouts against the equivalent java.time patterns, both ways, in zones with DST, gaps and odd offsets. */
    @Test
    void randomInstantsMatchJavaTime()
    {
        final TimeTestSupport.Scratch scratch = new TimeTestSupport.Scratch();
        final String[][] pairs =
        {
            {"2006-01-02T15:04:05.000000000Z07:00", "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX"},
            {"Mon Jan _2 15:04:05 2006", "EEE MMM ppd HH:mm:ss uuuu"},
            {"Monday, 02-Jan-2006 03:04:05PM -0700", "EEEE, dd-MMM-uuuu hh:mm:ssa xx"},
            {"2006-002 15:04:05.000 -07:00", "uuuu-DDD HH:mm:ss.SSS xxx"},
            {"January 2 2006 3:4:5 pm", "MMMM d uuuu h:m:s a"},
        };
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        final ParsedValue out = new ParsedValue();
        final StringBuilder text = new StringBuilder();
        for (final String[] pair : pairs)
        {
            final GoLayout layout = GoLayout.compile(pair[0]);
            final DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pair[1], Locale.US);
            final boolean hasOffset = pair[0].contains("07");
            final boolean hasNanos = pair[0].contains(".000");
            for (final String id : ZONES)
            {
                final ZoneId zoneId = ZoneId.of(id);
                final LocalTimeZone zone = LocalTimeZone.of(zoneId);
                for (int i = 0; i < 1_500; i++)
                {
                    // 1970..2100: before that, local mean times have offsets in seconds that Go truncates.
                    final long second = random.nextLong(0, 4_102_444_800L);
                    final int nanos = random.nextInt(1_000_000_000);
                    final ZonedDateTime dateTime = Instant.ofEpochSecond(second, nanos).atZone(zoneId);
                    String expected = formatter.format(dateTime);
                    if (pair[1].endsWith(" a"))
                    {
                        expected = expected.substring(0, expected.length() - 2) +
                            expected.substring(expected.length() - 2).toLowerCase(Locale.ROOT);
                    }
                    final String message = "seed " + seed + ": " + pair[0] + " " + dateTime;

                    text.setLength(0);
                    layout.format(second, nanos, zone, text);
                    assertEquals(expected, text.toString(), message);

                    final TimeTestSupport.Slice s = scratch.put(text.toString());
                    assertEquals(ErrorCode.NONE, layout.parse(s.buffer(), s.offset(), s.length(), zone, out), message);
                    final int expectedNanos = hasNanos ? (pair[0].contains(".000000000") ? nanos :
                        nanos / 1_000_000 * 1_000_000) : 0;
                    // Without an offset in the text an overlap's wall time reads as its earlier offset.
                    final long expectedSecond = hasOffset ? second :
                        ZonedDateTime.ofLocal(dateTime.toLocalDateTime(), zoneId, null).toEpochSecond();
                    assertEquals(expectedSecond, out.longValue, message + " parsed back from " + text);
                    assertEquals(expectedNanos, out.nanos, message + " parsed back from " + text);
                }
            }
        }
    }

    /** .999 against a hand-trimmed fraction: Go drops trailing zeros, and the separator if nothing is left. */
    @Test
    void randomTrimmedFractionsMatch()
    {
        final TimeTestSupport.Scratch scratch = new TimeTestSupport.Scratch();
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        final ParsedValue out = new ParsedValue();
        final StringBuilder text = new StringBuilder();
        for (int digits = 1; digits <= 9; digits++)
        {
            final GoLayout layout = GoLayout.compile("2006-01-02 15:04:05." + "9".repeat(digits));
            for (int i = 0; i < 2_000; i++)
            {
                final long second = random.nextLong(EpochDays.MIN_EPOCH_SECOND, EpochDays.MAX_EPOCH_SECOND);
                // Many zeros: whole seconds, whole milliseconds, random.
                final int nanos = switch (random.nextInt(3))
                {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1000) * 1_000_000;
                    default -> random.nextInt(1_000_000_000);
                };
                final LocalDateTime dateTime = LocalDateTime.ofEpochSecond(second, nanos, java.time.ZoneOffset.UTC);
                String fraction = String.format("%09d", nanos).substring(0, digits).replaceAll("0+$", "");
                fraction = fraction.isEmpty() ? "" : "." + fraction;
                final String expected =
                    DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").format(dateTime) + fraction;
                final String message = "seed " + seed + ": " + digits + " nines, " + dateTime;
                text.setLength(0);
                layout.format(second, nanos, LocalTimeZone.utc(), text);
                assertEquals(expected, text.toString(), message);

                final TimeTestSupport.Slice s = scratch.put(expected);
                assertEquals(ErrorCode.NONE, layout.parse(s.buffer(), s.offset(), s.length(), LocalTimeZone.utc(), out),
                    message);
                assertEquals(second, out.longValue, message);
                assertTrue(out.nanos <= nanos && nanos - out.nanos < Math.pow(10, 9 - digits), message);
            }
        }
    }
}
