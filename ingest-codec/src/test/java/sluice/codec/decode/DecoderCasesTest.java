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
    private final CaseRunner runner = new CaseRunner();

    static Stream<CodecCase> cases()
    {
        return CodecCase.files().stream().flatMap(f -> CodecCase.load(f).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesTheSameForEverySplit(final CodecCase c)
    {
        runner.assertAllSplits(c);
    }
}
