package sluice.codec.time;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-value paths allocate nothing once warm: parse and format many values and read the thread's allocation
 * counter. Time-ordered values stay in one cached zone interval, as sensor data does.
 */
class TimeAllocationTest
{
    private static final int ROUNDS = 5_000;
    /** Slack for the counter's own bookkeeping; one allocation per value would be hundreds of kilobytes. */
    private static final long MAX_BYTES = 16 * 1024;

    @Test
    void parsingAndFormattingAllocateNothing()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final TimeFormat defaultSeoul = TimeFormat.of("Default", "Asia/Seoul");
        final TimeFormat unixNewYork = TimeFormat.of("Unix", "America/New_York");
        final TimeFormat rfc3339Nano = TimeFormat.of("RFC3339Nano", "Europe/Berlin");
        final TimeFormat split = TimeFormat.of("03:04:05.999999999-SPLIT-2006-01-02", "America/New_York");
        final TimeFormat seconds = TimeFormat.of("s", "UTC");
        final LocalTimeZone berlin = rfc3339Nano.zone();

        final TimeTestSupport.Slice[] values =
        {
            TimeTestSupport.slice("2023-02-15 12:39:22.111"),
            TimeTestSupport.slice("Tue Feb 14 22:39:21 EST 2023"),
            TimeTestSupport.slice("2023-02-14T22:39:22.111111111+01:00"),
            TimeTestSupport.slice("10:39:22.111111111-SPLIT-2023-02-14 "),
            TimeTestSupport.slice("1676432361.123456789"),
            TimeTestSupport.slice("2023-02-14 22:39:21.483221092"),
            TimeTestSupport.slice("2023-02-14T22:39:21.5+03:00"),
            TimeTestSupport.slice("now-1h30m"),
            TimeTestSupport.slice("23:59:09.483221092"),
        };
        final ParsedValue out = new ParsedValue();
        final StringBuilder text = new StringBuilder(256);

        long checksum = 0;
        for (int warm = 0; warm < 3; warm++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUNDS; i++)
            {
                checksum += parse(defaultSeoul, values[0], out);
                checksum += parse(unixNewYork, values[1], out);
                checksum += parse(rfc3339Nano, values[2], out);
                checksum += parse(split, values[3], out);
                checksum += parse(seconds, values[4], out);
                assertEquals(ErrorCode.NONE, SqlTemporalParser.parseTimestamp(
                    values[5].buffer(), values[5].offset(), values[5].length(), out));
                assertEquals(ErrorCode.NONE, BestEffortDateTime.parse(
                    values[6].buffer(), values[6].offset(), values[6].length(), berlin, out));
                assertEquals(ErrorCode.NONE, RelativeTime.parse(
                    values[7].buffer(), values[7].offset(), values[7].length(), 1_676_432_361_000_000_000L + i, out));
                assertEquals(ErrorCode.NONE, SqlTemporalParser.parseTime(
                    values[8].buffer(), values[8].offset(), values[8].length(), out));

                final long second = 1_676_432_361L + i;
                text.setLength(0);
                defaultSeoul.format(second, i, text);
                unixNewYork.format(second, i, text);
                rfc3339Nano.format(second, i, text);
                split.format(second, i, text);
                seconds.format(second, i, text);
                checksum += text.length();
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (warm == 2)
            {
                assertTrue(allocated < MAX_BYTES, "allocated " + allocated + " bytes for " + ROUNDS + " rounds");
            }
        }
        assertTrue(checksum != 0);
    }

    private static long parse(final TimeFormat format, final TimeTestSupport.Slice value, final ParsedValue out)
    {
        final ErrorCode code = format.parse(value.buffer(), value.offset(), value.length(), out);
        if (code != ErrorCode.NONE)
        {
            throw new AssertionError(format + ": " + code);
        }
        return out.longValue + out.nanos;
    }
}
