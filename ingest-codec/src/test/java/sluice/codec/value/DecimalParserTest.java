package sluice.codec.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sluice.codec.value.OffHeapInput.ascii;

class DecimalParserTest
{
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final OffHeapInput input = new OffHeapInput(256);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/decimals.txt", 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(
        final String where, final byte[] text, final String precision, final String scale, final String expected)
    {
        final int p = Integer.parseInt(precision);
        final int s = Integer.parseInt(scale);
        final OffHeapInput.Result result = parse(text, p, s);
        if (Character.isLetter(expected.charAt(0)))
        {
            assertEquals(ErrorCode.valueOf(expected), result.code(), where);
            return;
        }
        assertEquals(ErrorCode.NONE, result.code(), where);
        assertEquals(expected, DecimalParser.toString(result.highBits(), result.longValue(), s), where);
        assertUnscaled(new BigDecimal(expected).setScale(s).unscaledValue(), result, p, where);
    }

    /** Random decimal strings and random DECIMAL(p, s) against BigDecimal.setScale(s, DOWN) plus a precision check. */
    @Test
    void randomAgainstBigDecimal()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 60_000; n++)
            {
                final String text = FloatParserTest.randomDecimal(random, 45);
                final int precision = 1 + random.nextInt(DecimalParser.MAX_PRECISION);
                final int scale = random.nextInt(precision + 1);
                checkAgainstBigDecimal(text, precision, scale, random);
            }
        });
    }

    /** Values that fill DECIMAL(p, s) to the last digit, and one more digit: the precision boundary. */
    @Test
    void randomAtThePrecisionBoundary()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 20_000; n++)
            {
                final int precision = 1 + random.nextInt(DecimalParser.MAX_PRECISION);
                final int scale = random.nextInt(precision + 1);
                final int digits = precision + random.nextInt(2);
                final StringBuilder unscaled = new StringBuilder();
                for (int i = 0; i < digits; i++)
                {
                    unscaled.append(random.nextInt(4) == 0 ? '9' : (char)('1' + random.nextInt(9)));
                }
                final BigDecimal value = new BigDecimal(new BigInteger(unscaled.toString()), scale);
                final String text = (random.nextBoolean() ? "-" : "") +
                    (random.nextBoolean() ? value.toPlainString() : value.toString());
                checkAgainstBigDecimal(text, precision, scale, random);
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0 | 0 | 0",
        "0 | 12345 | 2 | 123.45",
        "-1 | -12345 | 2 | -123.45",
        "0 | 5 | 3 | 0.005",
        "-1 | -5 | 3 | -0.005",
        "0 | 0 | 4 | 0.0000",
        "0 | -1 | 0 | 18446744073709551615",
        "1 | 0 | 0 | 18446744073709551616",
        "-1 | 0 | 0 | -18446744073709551616",
        "-1 | -1 | 0 | -1",
        "9223372036854775807 | -1 | 0 | 170141183460469231731687303715884105727",
        "-9223372036854775808 | 0 | 0 | -170141183460469231731687303715884105728",
        "5421010862427522170 | 687399551400673279 | 38 | 0.99999999999999999999999999999999999999"
    })
    void toStringOf128BitValues(final long high, final long low, final int scale, final String expected)
    {
        assertEquals(expected, DecimalParser.toString(high, low, scale));
    }

    @ParameterizedTest
    @CsvSource({ "0, 0", "39, 0", "5, -1", "5, 6", "-1, 0" })
    void precisionAndScaleOutsideTheirRangesAreBugs(final int precision, final int scale)
    {
        final ParsedValue out = new ParsedValue();
        final byte[] text = ascii("1");
        assertThrows(IllegalArgumentException.class, () -> DecimalParser.parse(
            input.place(text, (byte)'1'), OffHeapInput.OFFSET, text.length, precision, scale, out));
    }

    private void checkAgainstBigDecimal(final String text, final int precision, final int scale, final Random random)
    {
        final String where = text + " as DECIMAL(" + precision + ", " + scale + ")";
        final OffHeapInput.Result result = input.parseTwice(ascii(text), random,
            (buffer, offset, length, out) -> DecimalParser.parse(buffer, offset, length, precision, scale, out));
        final BigInteger unscaled = new BigDecimal(text).setScale(scale, RoundingMode.DOWN).unscaledValue();
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0)
        {
            assertEquals(ErrorCode.DECIMAL_OUT_OF_RANGE, result.code(), where);
            return;
        }
        assertEquals(ErrorCode.NONE, result.code(), where);
        assertUnscaled(unscaled, result, precision, where);
    }

    private static void assertUnscaled(
        final BigInteger unscaled, final OffHeapInput.Result result, final int precision, final String where)
    {
        assertEquals(unscaled.longValue(), result.longValue(), where + " low word");
        assertEquals(unscaled.shiftRight(64).longValue(), result.highBits(), where + " high word");
        if (precision <= 18)
        {
            assertEquals(result.longValue() >> 63, result.highBits(), where + " sign extension");
        }
        final BigInteger back = BigInteger.valueOf(result.highBits()).multiply(TWO_64)
            .add(BigInteger.valueOf(result.longValue()).and(TWO_64.subtract(BigInteger.ONE)));
        assertEquals(unscaled, back, where);
    }

    private OffHeapInput.Result parse(final byte[] text, final int precision, final int scale)
    {
        return input.parseEverywhere(text,
            (buffer, offset, length, out) -> DecimalParser.parse(buffer, offset, length, precision, scale, out));
    }
}
