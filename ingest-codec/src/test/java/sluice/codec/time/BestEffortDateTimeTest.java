package sluice.codec.time;

import org.junit.jupiter.api.Test;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BestEffortDateTimeTest
{
    @Test
    void dataFile()
    {
        final ParsedValue out = new ParsedValue();
        for (final TimeTestSupport.Case c : TimeTestSupport.load("best-effort.txt", 3))
        {
            final LocalTimeZone zone = Zones.resolveLocal(c.field(0));
            final TimeTestSupport.Slice s = TimeTestSupport.slice(c.field(1));
            out.clear();
            final ErrorCode code = BestEffortDateTime.parse(s.buffer(), s.offset(), s.length(), zone, out);
            if (c.field(2).equals("ERROR"))
            {
                assertEquals(ErrorCode.INVALID_TIMESTAMP, code, c.toString());
            }
            else
            {
                assertEquals(ErrorCode.NONE, code, c.toString());
                assertEquals(Instant.parse(c.field(2)), Instant.ofEpochSecond(out.longValue, out.nanos), c.toString());
            }
        }
    }
}
