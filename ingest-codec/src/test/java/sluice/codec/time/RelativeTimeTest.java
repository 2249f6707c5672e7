package sluice.codec.time;

import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelativeTimeTest
{
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    @Test
    void dataFile()
    {
        final ParsedValue out = new ParsedValue();
        // A "now" with nanoseconds, so that carries between seconds and nanoseconds show.
        final long now = 1_676_432_361_750_000_000L;
        for (final TimeTestSupport.Case c : TimeTestSupport.load("relative.txt", 2))
        {
            final TimeTestSupport.Slice s = TimeTestSupport.slice(c.field(0));
            out.clear();
            final ErrorCode code = RelativeTime.parse(s.buffer(), s.offset(), s.length(), now, out);
            if (c.field(1).equals("ERROR"))
            {
                assertEquals(ErrorCode.INVALID_TIMESTAMP, code, c.toString());
                continue;
            }
            assertEquals(ErrorCode.NONE, code, c.toString());
            final BigInteger expected = BigInteger.valueOf(now).add(new BigInteger(c.field(1)));
            final BigInteger[] split = expected.divideAndRemainder(BILLION);
            final long seconds = split[1].signum() < 0 ? split[0].longValueExact() - 1 : split[0].longValueExact();
            final long nanos = split[1].signum() < 0 ? split[1].longValueExact() + 1_000_000_000L :
                split[1].longValueExact();
            assertEquals(seconds, out.longValue, c.toString());
            assertEquals(nanos, out.nanos, c.toString());
            assertTrue(RelativeTime.isRelative(s.buffer(), s.offset(), s.length()), c.toString());
        }
    }

    @Test
    void isRelative()
    {
        assertTrue(isRelative("now"));
        assertTrue(isRelative("NOW-1h"));
        assertTrue(isRelative("  now"));
        assertTrue(isRelative("nowhere"), "starts with now: parse then rejects it");
        assertFalse(isRelative("no"));
        assertFalse(isRelative(""));
        assertFalse(isRelative("2023-02-15"));
        assertFalse(isRelative("1676432361"));
    }

    private static boolean isRelative(final String value)
    {
        final TimeTestSupport.Slice s = TimeTestSupport.slice(value);
        return RelativeTime.isRelative(s.buffer(), s.offset(), s.length());
    }
}
