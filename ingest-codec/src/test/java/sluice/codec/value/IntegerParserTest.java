package sluice.codec.value;

import java.math.BigInteger;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;
import sluice.codec.schema.TypeKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sluice.codec.value.OffHeapInput.ascii;

class IntegerParserTest
{
    private static final TypeKind[] INTEGER_KINDS = {
        TypeKind.INT8, TypeKind.INT16, TypeKind.INT32, TypeKind.INT64,
        TypeKind.UINT8, TypeKind.UINT16, TypeKind.UINT32, TypeKind.UINT64 };
    private static final Pattern SYNTAX = Pattern.compile("[+-]?[0-9]+");

    private final OffHeapInput input = new OffHeapInput(256);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/integers.txt", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String kind, final String expected)
    {
        final OffHeapInput.Result result = parse(text, TypeKind.valueOf(kind));
        if (Character.isLetter(expected.charAt(0)))
        {
            assertEquals(ErrorCode.valueOf(expected), result.code(), where);
        }
        else
        {
            assertEquals(ErrorCode.NONE, result.code(), where);
            assertEquals(new BigInteger(expected).longValue(), result.longValue(), where);
        }
    }

    @ParameterizedTest
    @EnumSource(TypeKind.class)
    void boundariesOfEveryKind(final TypeKind kind)
    {
        if (!kind.isInteger())
        {
            return;
        }
        final BigInteger min = min(kind);
        final BigInteger max = max(kind);
        for (final BigInteger value : new BigInteger[] { min, max, min.add(BigInteger.ONE),
            max.subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE })
        {
            assertValue(value.toString(), kind, value.longValue());
            final String signed = value.signum() < 0 ? "-000" + value.abs() : "+000" + value;
            assertValue(signed, kind, value.longValue());
        }
        for (final BigInteger outside : new BigInteger[] { min.subtract(BigInteger.ONE), max.add(BigInteger.ONE) })
        {
            assertEquals(ErrorCode.INTEGER_OUT_OF_RANGE, parse(ascii(outside.toString()), kind).code(),
                kind + " " + outside);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TypeKind.class, names = { "FLOAT64", "DECIMAL", "VARCHAR", "BOOLEAN" })
    void nonIntegerKindIsABug(final TypeKind kind)
    {
        final ParsedValue out = new ParsedValue();
        final byte[] text = ascii("1");
        assertThrows(IllegalArgumentException.class,
            () -> IntegerParser.parse(input.place(text, (byte)' '), OffHeapInput.OFFSET, text.length, kind, out));
    }

    /** Random digit strings and near-boundary values against BigInteger; INT64 also against Long.parseLong. */
    @Test
    void randomAgainstBigInteger()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 40_000; n++)
            {
                final String text = randomInteger(random);
                final TypeKind kind = INTEGER_KINDS[random.nextInt(INTEGER_KINDS.length)];
                checkAgainstReference(text, kind, random);
                if (kind == TypeKind.INT64)
                {
                    checkAgainstParseLong(text, random);
                }
            }
        });
    }

    /** Random strings over digits, signs and a few wrong characters: syntax decided like the regex reference. */
    @Test
    void randomSyntaxAgainstReference()
    {
        final String alphabet = "0123456789+-. e_x";
        Seeds.run(random ->
        {
            for (int n = 0; n < 40_000; n++)
            {
                final int length = random.nextInt(24);
                final StringBuilder text = new StringBuilder();
                for (int i = 0; i < length; i++)
                {
                    // Mostly digits, so that longer strings are often valid.
                    text.append(random.nextInt(4) == 0 ?
                        alphabet.charAt(random.nextInt(alphabet.length())) : (char)('0' + random.nextInt(10)));
                }
                checkAgainstReference(text.toString(), INTEGER_KINDS[random.nextInt(INTEGER_KINDS.length)], random);
            }
        });
    }

    private void checkAgainstReference(final String text, final TypeKind kind, final Random random)
    {
        final OffHeapInput.Result result = input.parseTwice(ascii(text), random,
            (buffer, offset, length, out) -> IntegerParser.parse(buffer, offset, length, kind, out));
        final String where = kind + " " + text;
        if (!SYNTAX.matcher(text).matches())
        {
            assertEquals(ErrorCode.INVALID_INTEGER, result.code(), where);
            return;
        }
        final BigInteger value = new BigInteger(text);
        if (value.compareTo(min(kind)) < 0 || value.compareTo(max(kind)) > 0)
        {
            assertEquals(ErrorCode.INTEGER_OUT_OF_RANGE, result.code(), where);
        }
        else
        {
            assertEquals(ErrorCode.NONE, result.code(), where);
            assertEquals(value.longValue(), result.longValue(), where);
        }
    }

    private void checkAgainstParseLong(final String text, final Random random)
    {
        final OffHeapInput.Result result = input.parseTwice(ascii(text), random,
            (buffer, offset, length, out) -> IntegerParser.parse(buffer, offset, length, TypeKind.INT64, out));
        try
        {
            final long expected = Long.parseLong(text);
            assertEquals(ErrorCode.NONE, result.code(), text);
            assertEquals(expected, result.longValue(), text);
        }
        catch (final NumberFormatException ex)
        {
            assertEquals(SYNTAX.matcher(text).matches() ? ErrorCode.INTEGER_OUT_OF_RANGE : ErrorCode.INVALID_INTEGER,
                result.code(), text);
        }
    }

    private static String randomInteger(final Random random)
    {
        final String sign = switch (random.nextInt(4))
        {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        };
        final String zeros = random.nextInt(8) == 0 ? "0".repeat(random.nextInt(25)) : "";
        final String digits;
        switch (random.nextInt(3))
        {
            case 0 ->
            {
                // Near a boundary of some kind: 2^k + small, for k up to 64.
                final BigInteger base = BigInteger.ONE.shiftLeft(random.nextInt(66));
                digits = base.add(BigInteger.valueOf(random.nextInt(5) - 2)).abs().toString();
            }
            case 1 -> digits = Long.toUnsignedString(random.nextLong());
            default ->
            {
                final StringBuilder text = new StringBuilder();
                final int length = 1 + random.nextInt(22);
                for (int i = 0; i < length; i++)
                {
                    text.append((char)('0' + random.nextInt(10)));
                }
                digits = text.toString();
            }
        }
        return sign + zeros + digits;
    }

    private void assertValue(final String text, final TypeKind kind, final long expected)
    {
        final OffHeapInput.Result result = parse(ascii(text), kind);
        assertEquals(ErrorCode.NONE, result.code(), kind + " " + text);
        assertEquals(expected, result.longValue(), kind + " " + text);
    }

    private OffHeapInput.Result parse(final byte[] text, final TypeKind kind)
    {
        return input.parseEverywhere(
            text, (buffer, offset, length, out) -> IntegerParser.parse(buffer, offset, length, kind, out));
    }

    private static BigInteger min(final TypeKind kind)
    {
        return kind.isUnsignedInteger() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits(kind) - 1).negate();
    }

    private static BigInteger max(final TypeKind kind)
    {
        final int bits = kind.isUnsignedInteger() ? bits(kind) : bits(kind) - 1;
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    private static int bits(final TypeKind kind)
    {
        return kind.fixedWidth() * Byte.SIZE;
    }
}
