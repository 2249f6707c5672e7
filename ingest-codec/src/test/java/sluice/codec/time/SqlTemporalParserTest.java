package sluice.codec.time;

import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlTemporalParserTest
{
    @Test
    void dataFile()
    {
        final ParsedValue out = new ParsedValue();
        for (final TimeTestSupport.Case c : TimeTestSupport.load("sql-temporal.txt", 3))
        {
            final TimeTestSupport.Slice s = TimeTestSupport.slice(c.field(1));
            final String expected = c.field(2);
            final boolean error = expected.equals("ERROR");
            out.clear();
            switch (c.field(0))
            {
                case "date":
                {
                    final ErrorCode code = SqlTemporalParser.parseDate(s.buffer(), s.offset(), s.length(), out);
                    assertEquals(error ? ErrorCode.INVALID_DATE : ErrorCode.NONE, code, c.toString());
                    if (!error)
                    {
                        assertEquals(LocalDate.parse(expected).toEpochDay(), out.longValue, c.toString());
                    }
                    break;
                }
                case "time":
                {
                    final ErrorCode code = SqlTemporalParser.parseTime(s.buffer(), s.offset(), s.length(), out);
                    assertEquals(error ? ErrorCode.INVALID_TIME : ErrorCode.NONE, code, c.toString());
                    if (!error)
                    {
                        assertEquals(LocalTime.parse(expected).toNanoOfDay(), out.longValue, c.toString());
                    }
                    break;
                }
                case "timestamp":
                {
                    final ErrorCode code = SqlTemporalParser.parseTimestamp(s.buffer(), s.offset(), s.length(), out);
                    assertEquals(error ? ErrorCode.INVALID_TIMESTAMP : ErrorCode.NONE, code, c.toString());
                    if (!error)
                    {
                        final Instant instant = Instant.parse(expected);
                        assertEquals(instant.getEpochSecond(), out.longValue, c.toString());
                        assertEquals(instant.getNano(), out.nanos, c.toString());
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(c.toString());
            }
        }
    }

    @Test
    void randomTimestampsMatchJavaTime()
    {
        final TimeTestSupport.Scratch scratch = new TimeTestSupport.Scratch();
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        final ParsedValue out = new ParsedValue();
        final DateTimeFormatter padded = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");
        for (int i = 0; i < 20_000; i++)
        {
            final long second = random.nextLong(
                LocalDate.of(1, 1, 1).toEpochDay() * 86_400, LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400);
            final int nanos = random.nextInt(1_000_000_000);
            final LocalDateTime dateTime = LocalDateTime.ofEpochSecond(second, nanos, ZoneOffset.UTC);
            final String text = random.nextBoolean() ? padded.format(dateTime) : unpadded(dateTime);
            final String message = "seed " + seed + ": " + text;

            final TimeTestSupport.Slice s = scratch.put(text);
            assertEquals(ErrorCode.NONE, SqlTemporalParser.parseTimestamp(s.buffer(), s.offset(), s.length(), out),
                message);
            assertEquals(second, out.longValue, message);
            assertEquals(nanos, out.nanos, message);

            final TimeTestSupport.Slice date = scratch.put(text.substring(0, text.indexOf(' ')));
            assertEquals(ErrorCode.NONE, SqlTemporalParser.parseDate(date.buffer(), date.offset(), date.length(), out),
                message);
            assertEquals(dateTime.toLocalDate().toEpochDay(), out.longValue, message);

            final TimeTestSupport.Slice time = scratch.put(text.substring(text.indexOf(' ') + 1));
            assertEquals(ErrorCode.NONE, SqlTemporalParser.parseTime(time.buffer(), time.offset(), time.length(), out),
                message);
            assertEquals(dateTime.toLocalTime().toNanoOfDay(), out.longValue, message);
        }
    }

    /** Leading zeros dropped everywhere, trailing zeros of the fraction dropped. */
    private static String unpadded(final LocalDateTime t)
    {
        String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        fraction = fraction.isEmpty() ? "" : "." + fraction;
        return t.getYear() + "-" + t.getMonthValue() + "-" + t.getDayOfMonth() + " " + t.getHour() + ":" +
            t.getMinute() + ":" + t.getSecond() + fraction;
    }
}
