package sluice.codec.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.codec.value.OffHeapInput.ascii;

/**
 * Edge cases from {@code floats.txt}, then seeded random cross-checks, bit for bit, against
 * {@link Double#parseDouble} and {@link Float#parseFloat}, with our one deliberate difference: a finite literal the
 * JDK turns into ±infinity is NaN here.
 */
class FloatParserTest
{
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final OffHeapInput input = new OffHeapInput(2048);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/floats.txt", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String expectedDouble, final String expectedFloat)
    {
        final OffHeapInput.Result asDouble = input.parseEverywhere(text, FloatParser::parseDouble);
        final OffHeapInput.Result asFloat = input.parseEverywhere(text, FloatParser::parseFloat);
        if (expectedDouble.startsWith("INVALID"))
        {
            assertEquals(ErrorCode.valueOf(expectedDouble), asDouble.code(), where);
        }
        else
        {
            assertEquals(ErrorCode.NONE, asDouble.code(), where);
            assertSameDouble(Double.parseDouble(expectedDouble), asDouble.doubleValue(), where + " as double");
        }
        if (expectedFloat.startsWith("INVALID"))
        {
            assertEquals(ErrorCode.valueOf(expectedFloat), asFloat.code(), where);
        }
        else
        {
            assertEquals(ErrorCode.NONE, asFloat.code(), where);
            assertSameDouble(Float.parseFloat(expectedFloat), asFloat.doubleValue(), where + " as float");
        }
    }

    /** Random doubles (a quarter subnormal) printed shortest, with 17 and with random digit counts, and exactly. */
    @Test
    void randomDoublesPrintedManyWays()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 10_000; n++)
            {
                final double value = randomFiniteDouble(random);
                final String shortest = Double.toString(value);
                checkDouble(shortest, random);
                assertSameDouble(value, parseDouble(shortest, random), shortest);
                checkDouble(String.format(Locale.ROOT, "%.17g", value), random);
                checkDouble(String.format(Locale.ROOT, "%." + random.nextInt(25) + "e", value), random);
                final BigDecimal exact = new BigDecimal(value);
                checkDouble(exact.round(new MathContext(1 + random.nextInt(30))).toString(), random);
                if (n % 10 == 0)
                {
                    checkDouble(exact.toString(), random);
                }
            }
        });
    }

    /** Random digit strings, up to 50 digits, with exponents across and beyond the whole range. */
    @Test
    void randomDecimalStrings()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 40_000; n++)
            {
                final String text = randomDecimal(random, 360);
                checkDouble(text, random);
                checkFloat(text, random);
            }
        });
    }

    /**
     * Exact midpoints between adjacent doubles (ties to even), and the midpoints plus or minus a hair: the inputs
     * where truncating to 19 digits leaves Eisel–Lemire undecided and the exact fallback decides.
     */
    @Test
    void doubleHalfwayPoints()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 1_500; n++)
            {
                final double low = Math.abs(randomFiniteDouble(random));
                final double high = Math.nextUp(low);
                if (Double.isInfinite(high))
                {
                    continue;
                }
                final BigDecimal midpoint = new BigDecimal(low).add(new BigDecimal(high)).multiply(HALF);
                checkHalfway(midpoint, random, false);
            }
            // The overflow threshold 2^1024 - 2^970 and the underflow threshold 2^-1075.
            checkHalfway(new BigDecimal(Double.MAX_VALUE).add(new BigDecimal(Math.ulp(Double.MAX_VALUE) / 2)),
                random, false);
            checkHalfway(new BigDecimal(Double.MIN_VALUE).multiply(HALF), random, false);
        });
    }

    @Test
    void floatHalfwayPoints()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 3_000; n++)
            {
                final float low = Math.abs(randomFiniteFloat(random));
                final float high = Math.nextUp(low);
                if (Float.isInfinite(high))
                {
                    continue;
                }
                final BigDecimal midpoint = new BigDecimal(low).add(new BigDecimal(high)).multiply(HALF);
                checkHalfway(midpoint, random, true);
            }
            checkHalfway(new BigDecimal(Float.MAX_VALUE).add(new BigDecimal(Math.ulp(Float.MAX_VALUE) / 2)),
                random, true);
            checkHalfway(new BigDecimal(Float.MIN_VALUE).multiply(HALF), random, true);
        });
    }

    /** Random floats (a quarter subnormal) printed shortest, with 9 digits and with random digit counts. */
    @Test
    void randomFloatsPrintedManyWays()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 10_000; n++)
            {
                final float value = randomFiniteFloat(random);
                final String shortest = Float.toString(value);
                checkFloat(shortest, random);
                assertSameDouble(value, parseFloat(shortest, random), shortest);
                checkFloat(String.format(Locale.ROOT, "%.9g", value), random);
                final BigDecimal exact = new BigDecimal(value);
                checkFloat(exact.round(new MathContext(1 + random.nextInt(25))).toString(), random);
                // Float strings through the double parser too: their values sit on float grid points.
                checkDouble(shortest, random);
            }
        });
    }

    /** Short decimals like "195.1859", the common case of CSV and JSON data: the Clinger fast path. */
    @Test
    void shortDecimals()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 20_000; n++)
            {
                final String text = (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + "." +
                    random.nextInt(100_000);
                checkDouble(text, random);
                checkFloat(text, random);
            }
        });
    }

    @Test
    void signOfZeroAndOfUnderflow()
    {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parseDouble("-0e5", new Random())));
        assertEquals(Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(parseDouble("-1e-400", new Random())));
        assertEquals(Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(parseFloat("-1e-46", new Random())));
        assertTrue(Double.isNaN(parseDouble("-1e400", new Random())));
    }

    private void checkHalfway(final BigDecimal midpoint, final Random random, final boolean binary32)
    {
        final BigDecimal hair = BigDecimal.ONE.movePointLeft(midpoint.scale() + 1 + random.nextInt(5));
        for (final BigDecimal value : new BigDecimal[] { midpoint, midpoint.add(hair), midpoint.subtract(hair) })
        {
            final String text = random.nextBoolean() ? value.toString() : value.toPlainString();
            if (binary32)
            {
                checkFloat(text, random);
            }
            else
            {
                checkDouble(text, random);
            }
        }
    }

    private void checkDouble(final String text, final Random random)
    {
        double expected = Double.parseDouble(text);
        if (Double.isInfinite(expected))
        {
            expected = Double.NaN;
        }
        assertSameDouble(expected, parseDouble(text, random), text);
    }

    private void checkFloat(final String text, final Random random)
    {
        float expected = Float.parseFloat(text);
        if (Float.isInfinite(expected))
        {
            expected = Float.NaN;
        }
        assertSameDouble(expected, parseFloat(text, random), text + " as float");
    }

    private double parseDouble(final String text, final Random random)
    {
        final OffHeapInput.Result result = input.parseTwice(ascii(text), random, FloatParser::parseDouble);
        assertEquals(ErrorCode.NONE, result.code(), text);
        return result.doubleValue();
    }

    private double parseFloat(final String text, final Random random)
    {
        final OffHeapInput.Result result = input.parseTwice(ascii(text), random, FloatParser::parseFloat);
        assertEquals(ErrorCode.NONE, result.code(), text);
        final double value = result.doubleValue();
        assertTrue(Double.isNaN(value) || (double)(float)value == value, () -> text + " is not a float: " + value);
        return value;
    }

    private static void assertSameDouble(final double expected, final double actual, final String where)
    {
        if (Double.isNaN(expected))
        {
            assertTrue(Double.isNaN(actual), () -> where + ": expected NaN, got " + actual);
        }
        else
        {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> where + ": expected " + expected + ", got " + actual);
        }
    }

    private static double randomFiniteDouble(final Random random)
    {
        while (true)
        {
            final long bits = random.nextLong();
            final double value = switch (random.nextInt(4))
            {
                case 0 -> Double.longBitsToDouble(bits & 0x800F_FFFF_FFFF_FFFFL);
                case 1 -> Double.longBitsToDouble(
                    (bits & 0x800F_FFFF_FFFF_FFFFL) | ((long)(1023 - 70 + random.nextInt(140)) << 52));
                default -> Double.longBitsToDouble(bits);
            };
            if (Double.isFinite(value))
            {
                return value;
            }
        }
    }

    private static float randomFiniteFloat(final Random random)
    {
        while (true)
        {
            final int bits = random.nextInt();
            final float value = random.nextInt(4) == 0 ?
                Float.intBitsToFloat(bits & 0x807F_FFFF) : Float.intBitsToFloat(bits);
            if (Float.isFinite(value))
            {
                return value;
            }
        }
    }

    /** [sign] digits [. digits] [e|E [sign] exponent], with leading zeros now and then; never empty of digits. */
    static String randomDecimal(final Random random, final int maxExponent)
    {
        final StringBuilder text = new StringBuilder();
        switch (random.nextInt(3))
        {
            case 0 -> text.append('-');
            case 1 -> text.append(random.nextBoolean() ? "+" : "");
            default ->
            {
            }
        }
        final int integerDigits = random.nextInt(4) == 0 ? 0 : random.nextInt(26);
        final int fractionDigits = random.nextInt(26);
        appendDigits(text, integerDigits == 0 && fractionDigits == 0 ? 1 : integerDigits, random);
        if (fractionDigits > 0 || random.nextInt(8) == 0)
        {
            text.append('.');
            appendDigits(text, fractionDigits, random);
        }
        if (random.nextInt(4) != 0)
        {
            text.append(random.nextBoolean() ? 'e' : 'E');
            final int exponent = random.nextInt(2 * maxExponent + 1) - maxExponent;
            text.append(exponent < 0 ? "-" : random.nextBoolean() ? "+" : "");
            text.append(random.nextInt(10) == 0 ? "00" : "").append(Math.abs(exponent));
        }
        return text.toString();
    }

    private static void appendDigits(final StringBuilder text, final int count, final Random random)
    {
        final boolean leadingZeros = random.nextInt(6) == 0;
        for (int i = 0; i < count; i++)
        {
            text.append(leadingZeros && i < count / 2 ? '0' : (char)('0' + random.nextInt(10)));
        }
    }
}
