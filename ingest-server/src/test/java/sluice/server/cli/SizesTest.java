package sluice.server.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizesTest
{
    @ParameterizedTest
    @CsvSource({"65536,65536", "64k,65536", "64KiB,65536", "256MiB,268435456", "1g,1073741824", "1 GB,1073741824",
        "2TiB,2199023255552"})
    void sizes(final String text, final long bytes)
    {
        assertEquals(bytes, Sizes.bytes(text));
    }

    @ParameterizedTest
    @CsvSource({"500,500000000", "500ms,500000000", "30s,30000000000", "2m,120000000000", "1h,3600000000000",
        "7us,7000", "9ns,9"})
    void durations(final String text, final long nanos)
    {
        assertEquals(nanos, Sizes.nanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5g", "12 parsecs", "99999999999999999999t"})
    void badSizes(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Sizes.bytes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5s", "1d", "fast"})
    void badDurations(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Sizes.nanos(text));
    }
}
