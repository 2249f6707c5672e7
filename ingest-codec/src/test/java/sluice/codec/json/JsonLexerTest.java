package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.testing.CodecCase;
import sluice.codec.testing.RowText;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token streams of {@code cases/json-lexer.tokens}, identical for the whole input, byte by byte and every split. */
class JsonLexerTest
{
    private final UnsafeBuffer chunk = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final JsonLexer lexer = new JsonLexer();

    static Stream<CodecCase> cases()
    {
        return CodecCase.load("json-lexer.tokens").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tokenizesTheSameForEverySplit(final CodecCase c)
    {
        final String expected = String.join("\n", c.expected);
        final int n = c.input.length;
        assertEquals(expected, run(c, new int[]{n}), c.name + ": whole");
        final int[] ones = new int[n];
        Arrays.fill(ones, 1);
        assertEquals(expected, run(c, ones), c.name + ": byte by byte");
        for (int split = 1; split < n; split++)
        {
            assertEquals(expected, run(c, new int[]{split, n - split}), c.name + ": split at " + split);
        }
    }

    private String run(final CodecCase c, final int[] chunks)
    {
        final boolean multi = c.options.containsKey("multi");
        final int captureDepth = Integer.parseInt(c.options.getOrDefault("capture", "-1"));
        lexer.reset().multipleValues(multi)
            .maxDepth(Integer.parseInt(c.options.getOrDefault("maxDepth", "128")))
            .maxTokenBytes(Integer.parseInt(c.options.getOrDefault("maxTokenBytes", "1000000")));
        final List<String> tokens = new ArrayList<>();
        final JsonHandler handler = (token, buffer, offset, length) ->
        {
            tokens.add(render(token, buffer, offset, length));
            final boolean start = token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY;
            return start && lexer.depth() == captureDepth ? JsonHandler.CAPTURE : JsonHandler.CONTINUE;
        };
        int position = 0;
        int result = JsonLexer.NEED_MORE;
        for (final int size : chunks)
        {
            chunk.setMemory(0, 64 + size, (byte)'#');
            chunk.putBytes(7, c.input, position, size);
            result = lexer.parse(chunk, 7, size, handler);
            chunk.setMemory(0, 64 + size, (byte)'#');
            position += size;
            if (result != JsonLexer.NEED_MORE)
            {
                break;
            }
        }
        if (result == JsonLexer.NEED_MORE)
        {
            result = lexer.finish(handler);
        }
        // Capture hands over START tokens it swallows: drop those that were captured.
        final String status = result == JsonLexer.COMPLETE ? "= COMPLETE" :
            "! " + lexer.errorCode() + " at " + lexer.errorOffset() + " line " + lexer.errorLine();
        final String joined = String.join(" ", removeCapturedStarts(tokens));
        return joined.isEmpty() ? status : joined + "\n" + status;
    }

    private static List<String> removeCapturedStarts(final List<String> tokens)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++)
        {
            final String t = tokens.get(i);
            if ((t.equals("{") || t.equals("[")) && i + 1 < tokens.size() && tokens.get(i + 1).startsWith("R'"))
            {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static String render(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (token)
        {
            case JsonLexer.START_OBJECT: return "{";
            case JsonLexer.END_OBJECT: return "}";
            case JsonLexer.START_ARRAY: return "[";
            case JsonLexer.END_ARRAY: return "]";
            case JsonLexer.TRUE: return "true";
            case JsonLexer.FALSE: return "false";
            case JsonLexer.NULL: return "null";
            case JsonLexer.NUMBER: return buffer.getStringWithoutLengthUtf8(offset, length);
            case JsonLexer.NAME: return "N" + RowText.quote(buffer.getStringWithoutLengthUtf8(offset, length));
            case JsonLexer.STRING: return "S" + RowText.quote(buffer.getStringWithoutLengthUtf8(offset, length));
            default: return "R" + RowText.quote(buffer.getStringWithoutLengthUtf8(offset, length));
        }
    }
}
