package sluice.codec.value;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Edge cases from {@code utf8.txt}, then random byte strings against the JDK's strict UTF-8 decoder. */
class Utf8Test
{
    private static final OffHeapInput.ValueParser VALIDATE = (buffer, offset, length, out) ->
        Utf8.isValid(buffer, offset, length) ? ErrorCode.NONE : ErrorCode.INVALID_UTF8;

    private final OffHeapInput input = new OffHeapInput(256);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/utf8.txt", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] bytes, final String expected)
    {
        final boolean valid = expected.equals("VALID");
        assertEquals(valid ? ErrorCode.NONE : ErrorCode.INVALID_UTF8, input.parseEverywhere(bytes, VALIDATE).code(),
            where);
        assertEquals(valid, jdkAccepts(bytes), where + " (JDK)");
    }

    /**
     * Text built from random code points of every encoded length (ASCII runs included, so the 8-byte path is
     * exercised at every alignment), then often damaged: a byte replaced, dropped or inserted, or the end cut off.
     */
    @Test
    void randomTextAgainstCharsetDecoder()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 40_000; n++)
            {
                final byte[] bytes = randomText(random);
                if (random.nextBoolean() && bytes.length > 0)
                {
                    final int at = random.nextInt(bytes.length);
                    bytes[at] = (byte)(random.nextBoolean() ? random.nextInt(256) : 0x80 + random.nextInt(0x80));
                }
                final byte[] damaged = random.nextInt(8) == 0 && bytes.length > 0 ?
                    Arrays.copyOf(bytes, random.nextInt(bytes.length)) : bytes;
                assertEquals(jdkAccepts(damaged) ? ErrorCode.NONE : ErrorCode.INVALID_UTF8,
                    input.parseTwice(damaged, random, VALIDATE).code(), () -> OffHeapInput.show(damaged));
            }
        });
    }

    /** Uniformly random bytes: almost always invalid, and found so at every position. */
    @Test
    void randomBytesAgainstCharsetDecoder()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 20_000; n++)
            {
                final byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                assertEquals(jdkAccepts(bytes) ? ErrorCode.NONE : ErrorCode.INVALID_UTF8,
                    input.parseTwice(bytes, random, VALIDATE).code(), () -> OffHeapInput.show(bytes));
            }
        });
    }

    /** One bad byte at every position of an ASCII run of every length up to 40: the fast path's word edges. */
    @Test
    void oneBadByteAtEveryPosition()
    {
        for (int length = 1; length <= 40; length++)
        {
            for (int at = 0; at < length; at++)
            {
                final byte[] bytes = new byte[length];
                Arrays.fill(bytes, (byte)'a');
                bytes[at] = (byte)0x80;
                assertEquals(ErrorCode.INVALID_UTF8, input.parseEverywhere(bytes, VALIDATE).code(),
                    "length " + length + " at " + at);
                bytes[at] = 'b';
                assertEquals(ErrorCode.NONE, input.parseEverywhere(bytes, VALIDATE).code());
            }
        }
    }

    private static byte[] randomText(final Random random)
    {
        final StringBuilder text = new StringBuilder();
        final int count = random.nextInt(24);
        for (int i = 0; i < count; i++)
        {
            final int codePoint = switch (random.nextInt(6))
            {
                case 0 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 1 -> 0x800 + random.nextInt(0xD800 - 0x800);
                case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
                case 3 -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                default -> random.nextInt(0x80);
            };
            if (codePoint < 0x80 && random.nextBoolean())
            {
                text.append("abcdefghijklmnopq", 0, 1 + random.nextInt(16));
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean jdkAccepts(final byte[] bytes)
    {
        try
        {
            decoder.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
