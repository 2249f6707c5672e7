package sluice.server.machbase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected values are Go's {@code time.Duration(n).String()}. */
class GoDurationTest
{
    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ns",
        "512, 512ns",
        "999, 999ns",
        "1000, 1µs",
        "1500, 1.5µs",
        "512000, 512µs",
        "999999, 999.999µs",
        "1000000, 1ms",
        "1234000, 1.234ms",
        "1230000, 1.23ms",
        "1887042, 1.887042ms",
        "999999999, 999.999999ms",
        "1000000000, 1s",
        "2500000000, 2.5s",
        "1000000001, 1.000000001s",
        "59999999999, 59.999999999s",
        "60000000000, 1m0s",
        "62500000000, 1m2.5s",
        "3600000000000, 1h0m0s",
        "3723000000000, 1h2m3s",
        "-1, -1ns",
        "-1500, -1.5µs",
        "-62500000000, -1m2.5s",
        "9223372036854775807, 2562047h47m16.854775807s",
        "-9223372036854775808, -2562047h47m16.854775808s",
    })
    void goDuration(final long nanos, final String expected)
    {
        assertEquals(expected, MachbaseQueryWriter.goDuration(nanos));
    }
}
