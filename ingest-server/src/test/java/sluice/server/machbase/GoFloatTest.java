package sluice.server.machbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected strings are Go's: {@code strconv.FormatFloat(v, 'f', -1, 64)} ("plain"), {@code json.Marshal(v)}
 * ("json") and {@code strconv.FormatFloat(v, 'f', n, 64)} ("fixed").
 */
class GoFloatTest
{
    private static String plain(final double value)
    {
        final StringBuilder out = new StringBuilder();
        GoFloat.appendShortest(value, false, false, out);
        return out.toString();
    }

    private static String json(final double value)
    {
        final StringBuilder out = new StringBuilder();
        GoFloat.appendShortest(value, false, true, out);
        return out.toString();
    }

    private static String plain32(final float value)
    {
        final StringBuilder out = new StringBuilder();
        GoFloat.appendShortest(value, true, false, out);
        return out.toString();
    }

    private static String json32(final float value)
    {
        final StringBuilder out = new StringBuilder();
        GoFloat.appendShortest(value, true, true, out);
        return out.toString();
    }

    private static String fixed(final double value, final int decimals)
    {
        final StringBuilder out = new StringBuilder();
        GoFloat.appendFixed(value, decimals, out);
        return out.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, 1, 1",
        "-1.0, -1, -1",
        "0.1, 0.1, 0.1",
        "0.8563571936170834, 0.8563571936170834, 0.8563571936170834",
        "0.406736, 0.406736, 0.406736",
        "100, 100, 100",
        "1.0000000000000002, 1.0000000000000002, 1.0000000000000002",
        "12345678.9, 12345678.9, 12345678.9",
        "1e20, 100000000000000000000, 100000000000000000000",
        "1e21, 1000000000000000000000, 1e+21",
        "1.5e21, 1500000000000000000000, 1.5e+21",
        "1e23, 100000000000000000000000, 1e+23",
        "1e-6, 0.000001, 0.000001",
        "1e-7, 0.0000001, 1e-7",
        "-2.5e-8, -0.000000025, -2.5e-8",
        "1.234e-10, 0.0000000001234, 1.234e-10",
        "2.82879384806159E17, 282879384806159000, 282879384806159000",
        "9007199254740992, 9007199254740992, 9007199254740992",
        "9007199254740991, 9007199254740991, 9007199254740991",
    })
    void shortest(final double value, final String expectedPlain, final String expectedJson)
    {
        assertEquals(expectedPlain, plain(value));
        assertEquals(expectedJson, json(value));
    }

    @Test
    void hugeValuesPrintEveryDigitWithoutAnExponent()
    {
        assertEquals("15" + "0".repeat(299), plain(1.5e300));
        assertEquals("1.5e+300", json(1.5e300));
        assertEquals("17976931348623157" + "0".repeat(292), plain(Double.MAX_VALUE));
        assertEquals("1.7976931348623157e+308", json(Double.MAX_VALUE));
        assertEquals("-1.7976931348623157e+308", json(-Double.MAX_VALUE));
    }

    /** JDK 17 prints 4.9E-324 (two digits); Go finds the one-digit 5e-324. */
    @Test
    void smallestSubnormalIsOneDigit()
    {
        assertEquals("5e-324", json(Double.MIN_VALUE));
        assertEquals("0." + "0".repeat(323) + "5", plain(Double.MIN_VALUE));
        assertEquals("2.2250738585072014e-308", json(Double.MIN_NORMAL));
    }

    @Test
    void negativeZero()
    {
        assertEquals("-0", plain(-0.0));
        assertEquals("-0", json(-0.0));
        assertEquals("0", plain(0.0));
        assertEquals("-0.00", fixed(-0.0, 2));
        assertEquals("0.00", fixed(0.0, 2));
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1, 0.1",
        "123.456, 123.456, 123.456",
        "3.4028235E38, 340282350000000000000000000000000000000, 3.4028235e+38",
        "1E-7, 0.0000001, 1e-7",
        "16777216, 16777216, 16777216",
        "1.0E-45, 0.000000000000000000000000000000000000000000001, 1e-45",
        "0.3, 0.3, 0.3",
    })
    void float32(final float value, final String expectedPlain, final String expectedJson)
    {
        assertEquals(expectedPlain, plain32(value));
        assertEquals(expectedJson, json32(value));
    }

    @ParameterizedTest
    @CsvSource({
        "4.35, 1, 4.3",
        "2.5, 0, 2",
        "3.5, 0, 4",
        "0.5, 0, 0",
        "1.5, 0, 2",
        "-1.5, 0, -2",
        "1.005, 2, 1.00",
        "0.125, 2, 0.12",
        "0.375, 2, 0.38",
        "123.456, 0, 123",
        "0.406736, 3, 0.407",
        "0.994522, 0, 1",
        "-0.001, 2, -0.00",
        "1e21, 2, 1000000000000000000000.00",
        "0.1, 20, 0.10000000000000000555",
        "7, 3, 7.000",
    })
    void fixedDecimals(final double value, final int decimals, final String expected)
    {
        assertEquals(expected, fixed(value, decimals));
    }

    /** Random bit patterns: the digits read back, and no decimal with one digit fewer does. */
    @Test
    void randomDoublesAreShortestAndExact()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++)
        {
            final double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value) || value == 0)
            {
                continue;
            }
            final BigDecimal digits = GoFloat.shortest(value, false);
            assertEquals(value, digits.doubleValue(), "seed " + seed + " value " + value);
            assertTrue(digits.precision() <= new BigDecimal(Double.toString(value)).stripTrailingZeros().precision(),
                "seed " + seed + " value " + value);
            assertNoShorter(value, digits, false, seed);
            assertEquals(value, Double.parseDouble(json(value)), "seed " + seed);
            assertEquals(value, Double.parseDouble(plain(value)), "seed " + seed);
        }
    }

    @Test
    void randomFloatsAreShortestAndExact()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++)
        {
            final float value = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(value) || value == 0)
            {
                continue;
            }
            final BigDecimal digits = GoFloat.shortest(value, true);
            assertEquals(value, digits.floatValue(), "seed " + seed + " value " + value);
            assertNoShorter(value, digits, true, seed);
            assertEquals(value, Float.parseFloat(json32(value)), "seed " + seed);
        }
    }

    private static void assertNoShorter(
        final double value, final BigDecimal digits, final boolean float32, final long seed)
    {
        final int shorter = digits.precision() - 1;
        if (shorter == 0)
        {
            return;
        }
        final BigDecimal exact = new BigDecimal(value);
        for (final RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING})
        {
            final BigDecimal candidate = exact.round(new MathContext(shorter, mode));
            final boolean readsBack = float32 ?
                candidate.floatValue() == (float)value : candidate.doubleValue() == value;
            assertTrue(!readsBack, "seed " + seed + ": " + candidate + " is shorter than " + digits);
        }
    }
}
