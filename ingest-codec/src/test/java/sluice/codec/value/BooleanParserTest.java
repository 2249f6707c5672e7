package sluice.codec.value;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BooleanParserTest
{
    private final OffHeapInput input = new OffHeapInput(64);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/booleans.txt", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String strict, final String lenient)
    {
        check(where + " strict", strict, input.parseEverywhere(text, BooleanParser::parseStrict));
        check(where + " lenient", lenient, input.parseEverywhere(text, BooleanParser::parseLenient));
    }

    private static void check(final String where, final String expected, final OffHeapInput.Result result)
    {
        switch (expected)
        {
            case "true" ->
            {
                assertEquals(ErrorCode.NONE, result.code(), where);
                assertEquals(1, result.longValue(), where);
            }
            case "false" ->
            {
                assertEquals(ErrorCode.NONE, result.code(), where);
                assertEquals(0, result.longValue(), where);
            }
            default -> assertEquals(ErrorCode.valueOf(expected), result.code(), where);
        }
    }
}
