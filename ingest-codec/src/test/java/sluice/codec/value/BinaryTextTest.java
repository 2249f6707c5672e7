package sluice.codec.value;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.codec.value.OffHeapInput.ascii;

/**
 * Edge cases from {@code binary.txt}; base64 cross-checked against {@link java.util.Base64} (both alphabets, with
 * and without padding, and mutated text), hex against {@link HexFormat}. Every decode writes both into a fixed buffer
 * whose bytes around the output must stay untouched and into an expandable buffer that starts at one byte; one test
 * grows an off-heap {@link ExpandableDirectByteBuffer}.
 */
class BinaryTextTest
{
    private static final int DST_OFFSET = 5;
    private static final byte DST_SENTINEL = 0x5A;
    private static final String INVALID = "INVALID";

    private final OffHeapInput input = new OffHeapInput(1024);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/binary.txt", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String expected)
    {
        final byte[] decoded = decodeEverywhere(text);
        if (expected.equals(INVALID))
        {
            assertEquals(null, decoded, where);
        }
        else
        {
            final String hex = expected.equals("<empty>") ? "" : expected;
            assertArrayEquals(HexFormat.of().parseHex(hex), decoded, where);
        }
    }

    @Test
    void randomBytesAgainstJavaUtilBase64()
    {
        final Base64.Encoder[] encoders = {
            Base64.getEncoder(), Base64.getUrlEncoder(),
            Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding() };
        Seeds.run(random ->
        {
            for (int n = 0; n < 8_000; n++)
            {
                final byte[] data = new byte[random.nextInt(70)];
                random.nextBytes(data);
                final byte[] text = encoders[random.nextInt(encoders.length)].encode(data);
                if (startsWithHexPrefix(text))
                {
                    continue;
                }
                assertArrayEquals(data, decodeTwice(text, random), () -> OffHeapInput.show(text));
            }
        });
    }

    /** One character replaced, inserted or removed: accepted exactly when one of the JDK's decoders accepts. */
    @Test
    void mutatedBase64AgainstJavaUtilBase64()
    {
        final String alphabet = "AQw09+/-_=x.\n ";
        Seeds.run(random ->
        {
            for (int n = 0; n < 12_000; n++)
            {
                final byte[] data = new byte[random.nextInt(10)];
                random.nextBytes(data);
                final StringBuilder text = new StringBuilder(
                    random.nextBoolean() ? Base64.getEncoder().encodeToString(data) :
                    Base64.getUrlEncoder().withoutPadding().encodeToString(data));
                final int at = random.nextInt(text.length() + 1);
                final char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3))
                {
                    case 0 -> text.insert(at, c);
                    case 1 ->
                    {
                        if (at < text.length())
                        {
                            text.setCharAt(at, c);
                        }
                    }
                    default ->
                    {
                        if (at < text.length())
                        {
                            text.deleteCharAt(at);
                        }
                    }
                }
                final byte[] bytes = ascii(text.toString());
                if (startsWithHexPrefix(bytes))
                {
                    continue;
                }
                final byte[] expected = jdkDecode(text.toString());
                final byte[] actual = decodeTwice(bytes, random);
                assertArrayEquals(expected, actual, () -> OffHeapInput.show(bytes));
            }
        });
    }

    @Test
    void randomHexAgainstHexFormat()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 8_000; n++)
            {
                final byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                final char[] hex = HexFormat.of().formatHex(data).toCharArray();
                for (int i = 0; i < hex.length; i++)
                {
                    hex[i] = random.nextBoolean() ? Character.toUpperCase(hex[i]) : hex[i];
                }
                final byte[] text = ascii((random.nextBoolean() ? "0x" : "0X") + new String(hex));
                assertArrayEquals(data, decodeTwice(text, random), () -> OffHeapInput.show(text));
            }
        });
    }

    @Test
    void growsAnExpandableDestination()
    {
        final byte[] data = new byte[3000];
        new Random(42).nextBytes(data);
        for (final byte[] text : new byte[][] {
            Base64.getEncoder().encode(data), ascii("0x" + HexFormat.of().formatHex(data)) })
        {
            final ExpandableDirectByteBuffer dst = new ExpandableDirectByteBuffer(16);
            final OffHeapInput large = new OffHeapInput(text.length);
            final int written = BinaryText.decode(
                large.place(text, (byte)'A'), OffHeapInput.OFFSET, text.length, dst, 100);
            assertEquals(data.length, written);
            assertTrue(dst.capacity() >= 100 + data.length);
            final byte[] out = new byte[written];
            dst.getBytes(100, out);
            assertArrayEquals(data, out);
        }
    }

    private static boolean startsWithHexPrefix(final byte[] text)
    {
        return text.length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    }

    /** Standard or URL-safe decoder, whichever accepts; null when neither does. */
    private static byte[] jdkDecode(final String text)
    {
        for (final Base64.Decoder decoder : new Base64.Decoder[] { Base64.getDecoder(), Base64.getUrlDecoder() })
        {
            try
            {
                return decoder.decode(text);
            }
            catch (final IllegalArgumentException ex)
            {
                // Try the other alphabet.
            }
        }
        return null;
    }

    private byte[] decodeEverywhere(final byte[] text)
    {
        final Decoding decoding = new Decoding(text.length);
        input.parseEverywhere(text, decoding::decode);
        return decoding.result;
    }

    private byte[] decodeTwice(final byte[] text, final Random random)
    {
        final Decoding decoding = new Decoding(text.length);
        input.parseTwice(text, random, decoding::decode);
        return decoding.result;
    }

    /**
     * Adapts {@link BinaryText#decode} to the placement harness: the count goes to {@code longValue} and a hash of
     * the output to {@code highBits}, so every placement must produce the same bytes.
     */
    private static final class Decoding
    {
        private final UnsafeBuffer fixed;
        private byte[] result;

        Decoding(final int textLength)
        {
            fixed = new UnsafeBuffer(new byte[DST_OFFSET + textLength + 8]);
        }

        ErrorCode decode(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
        {
            fixed.setMemory(0, fixed.capacity(), DST_SENTINEL);
            final int written = BinaryText.decode(buffer, offset, length, fixed, DST_OFFSET);
            // On the heap: a fresh direct buffer per decode would make this test about direct-memory reclamation.
            final MutableDirectBuffer expandable = new ExpandableArrayBuffer(1);
            assertEquals(written, BinaryText.decode(buffer, offset, length, expandable, DST_OFFSET));
            out.longValue = written;
            if (written == BinaryText.INVALID)
            {
                result = null;
                out.highBits = 0;
                return ErrorCode.NONE;
            }
            result = new byte[written];
            fixed.getBytes(DST_OFFSET, result);
            final byte[] fromExpandable = new byte[written];
            expandable.getBytes(DST_OFFSET, fromExpandable);
            assertArrayEquals(result, fromExpandable);
            for (int i = 0; i < fixed.capacity(); i++)
            {
                if (i < DST_OFFSET || i >= DST_OFFSET + written)
                {
                    assertEquals(DST_SENTINEL, fixed.getByte(i), "wrote outside its output at " + i);
                }
            }
            out.highBits = Arrays.hashCode(result);
            return ErrorCode.NONE;
        }
    }
}
