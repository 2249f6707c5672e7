package sluice.codec.value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Edge-case tables under {@code src/test/resources/value}. One case per line, fields separated by {@code |} and
 * trimmed; blank lines and lines starting with {@code #} are skipped. The first field is the input, with escapes:
 * {@code <empty>} for the empty string, {@code \s} space, {@code \t}, {@code \n}, {@code \r}, {@code \xHH} any byte,
 * {@code \|}, {@code \#} and {@code \\}.
 */
final class TestData
{
    private TestData()
    {
    }

    /**
     * The file's cases as JUnit arguments: a label {@code "file:line input"} and then the fields, the first one
     * unescaped to bytes. Each line must have exactly {@code fieldCount} fields.
     */
    static Stream<Arguments> arguments(final String resource, final int fieldCount)
    {
        final List<Arguments> cases = new ArrayList<>();
        final String name = resource.substring(resource.lastIndexOf('/') + 1);
        int lineNumber = 0;
        for (final String line : lines(resource))
        {
            lineNumber++;
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final List<String> fields = split(trimmed);
            if (fields.size() != fieldCount)
            {
                throw new IllegalStateException(
                    name + ":" + lineNumber + ": expected " + fieldCount + " fields, got " + fields);
            }
            final Object[] arguments = new Object[fieldCount + 1];
            arguments[0] = name + ":" + lineNumber + " " + fields.get(0);
            arguments[1] = unescape(fields.get(0));
            for (int i = 1; i < fieldCount; i++)
            {
                arguments[i + 1] = fields.get(i);
            }
            cases.add(Arguments.of(arguments));
        }
        if (cases.isEmpty())
        {
            throw new IllegalStateException("no cases in " + resource);
        }
        return cases.stream();
    }

    /** Splits on unescaped {@code |}, keeping escapes for {@link #unescape}. */
    static List<String> split(final String line)
    {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length())
            {
                field.append(c).append(line.charAt(++i));
            }
            else if (c == '|')
            {
                fields.add(field.toString().trim());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }

    static byte[] unescape(final String field)
    {
        if (field.equals("<empty>"))
        {
            return new byte[0];
        }
        final byte[] bytes = new byte[field.length()];
        int length = 0;
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c > 0x7F)
            {
                throw new IllegalArgumentException("non-ASCII in test data (use \\xHH): " + field);
            }
            if (c != '\\')
            {
                bytes[length++] = (byte)c;
                continue;
            }
            final char escaped = field.charAt(++i);
            switch (escaped)
            {
                case 's' -> bytes[length++] = ' ';
                case 't' -> bytes[length++] = '\t';
                case 'n' -> bytes[length++] = '\n';
                case 'r' -> bytes[length++] = '\r';
                case 'x' ->
                {
                    bytes[length++] = (byte)Integer.parseInt(field.substring(i + 1, i + 3), 16);
                    i += 2;
                }
                case '|', '#', '\\' -> bytes[length++] = (byte)escaped;
                default -> throw new IllegalArgumentException("bad escape in " + field);
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    private static List<String> lines(final String resource)
    {
        final InputStream stream = TestData.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null)
        {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
        {
            return reader.lines().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
