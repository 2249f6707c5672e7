package sluice.codec.value;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Puts test input where the server has it: off-heap, at a non-zero, unaligned offset, surrounded by filler bytes
 * chosen so that reading outside {@code [offset, offset + length)} would change the answer (digits, exponent and
 * sign characters, hex and base64 letters, high bytes). Also an exact-size view, whose bounds checks throw on any
 * read outside the value. One instance per test class; not thread-safe.
 */
final class OffHeapInput
{
    static final int OFFSET = 13;
    private static final int PADDING = 24;
    private static final byte[] FILLERS =
        { '7', '0', 'e', '.', '-', '+', 'f', 'A', '=', ':', '}', (byte)0x80, (byte)0xFF, 0 };

    private final ByteBuffer direct;
    private final UnsafeBuffer buffer;
    private final UnsafeBuffer exact = new UnsafeBuffer(new byte[0]);

    OffHeapInput(final int maxLength)
    {
        direct = ByteBuffer.allocateDirect(OFFSET + maxLength + PADDING);
        buffer = new UnsafeBuffer(direct);
    }

    /** One parser under test, shaped like the production signatures. */
    @FunctionalInterface
    interface ValueParser
    {
        ErrorCode parse(DirectBuffer buffer, int offset, int length, ParsedValue out);
    }

    /** What a parse produced; fields the parser did not write keep the sentinel {@link #poison} put there. */
    record Result(ErrorCode code, long longValue, long highBits, long doubleBits)
    {
        static Result of(final ErrorCode code, final ParsedValue out)
        {
            return new Result(code, out.longValue, out.highBits, Double.doubleToRawLongBits(out.doubleValue));
        }

        double doubleValue()
        {
            return Double.longBitsToDouble(doubleBits);
        }
    }

    /** Writes {@code value} at {@link #OFFSET} with {@code filler} on both sides and returns the buffer. */
    UnsafeBuffer place(final byte[] value, final byte filler)
    {
        buffer.setMemory(0, OFFSET, filler);
        buffer.putBytes(OFFSET, value);
        buffer.setMemory(OFFSET + value.length, PADDING, filler);
        return buffer;
    }

    /** The value (placed before) seen through a buffer of exactly its length. */
    UnsafeBuffer exactView(final int length)
    {
        exact.wrap(direct, OFFSET, length);
        return exact;
    }

    /** Parses {@code value} with every filler and through the exact view; all must agree. */
    Result parseEverywhere(final byte[] value, final ValueParser parser)
    {
        Result first = null;
        for (final byte filler : FILLERS)
        {
            final Result result = parseOnce(place(value, filler), OFFSET, value.length, parser);
            first = agree(value, first, result, "filler " + (filler & 0xFF));
        }
        return agree(value, first, parseOnce(exactView(value.length), 0, value.length, parser), "exact view");
    }

    /** Parses {@code value} with one random filler and through the exact view; both must agree. Cheaper. */
    Result parseTwice(final byte[] value, final Random random, final ValueParser parser)
    {
        final byte filler = FILLERS[random.nextInt(FILLERS.length)];
        final Result placed = parseOnce(place(value, filler), OFFSET, value.length, parser);
        return agree(value, placed, parseOnce(exactView(value.length), 0, value.length, parser), "exact view");
    }

    private static Result parseOnce(
        final DirectBuffer buffer, final int offset, final int length, final ValueParser parser)
    {
        final ParsedValue out = new ParsedValue();
        poison(out);
        return Result.of(parser.parse(buffer, offset, length, out), out);
    }

    private static Result agree(final byte[] value, final Result first, final Result result, final String where)
    {
        if (first != null)
        {
            assertEquals(first, result, () -> "placement '" + where + "' differs for " + show(value));
        }
        return result;
    }

    /** Values no parser writes by accident, so a field left unwritten shows. */
    static void poison(final ParsedValue out)
    {
        out.longValue = 0x5A5A_5A5A_5A5A_5A5AL;
        out.highBits = 0x3C3C_3C3C_3C3C_3C3CL;
        out.doubleValue = -1234.5678;
        out.nanos = 77;
    }

    /** Printable form of test input for failure messages. */
    static String show(final byte[] value)
    {
        final StringBuilder text = new StringBuilder("\"");
        for (final byte b : value)
        {
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\')
            {
                text.append((char)b);
            }
            else
            {
                text.append(String.format("\\x%02x", b & 0xFF));
            }
        }
        return text.append('"').toString();
    }

    static byte[] ascii(final String text)
    {
        final byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)text.charAt(i);
        }
        return bytes;
    }

    static byte[] copy(final byte[] bytes)
    {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
