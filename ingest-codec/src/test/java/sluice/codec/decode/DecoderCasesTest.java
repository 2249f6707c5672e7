package sluice.codec.decode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.testing.CaseRunner;
import sluice.codec.testing.CodecCase;

import java.util.stream.Stream;

/**
 * Every case under {@code src/test/resources/cases}: fed whole, byte by byte, at every split point and (short inputs)
 * at every pair of split points, through the real decoders, binder, row encoder and reader.
 */
class DecoderCasesTest
{
    private static final String[] FILES = {
        "csv-feldera.cases", "csv-options.cases", "csv-machbase.cases",
        "json-machbase.cases", "json-proton.cases", "json-feldera.cases"};

    private final CaseRunner runner = new CaseRunner();

    static Stream<CodecCase> cases()
    {
        return Stream.of(FILES).flatMap(f -> CodecCase.load(f).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesTheSameForEverySplit(final CodecCase c)
    {
        runner.assertAllSplits(c);
    }
}
