package sluice.codec.time;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers and data files for the time tests.
 * <p>
 * Every value goes into an {@link UnsafeBuffer} over a direct ByteBuffer at a non-zero offset, with bytes around it
 * that would change the result if a parser read past its slice (digits, '.', 'Z', ':').
 * <p>
 * Data files live under {@code src/test/resources/time/}: one case per line, fields separated by {@code |} and
 * trimmed, {@code #} starts a comment line, blank lines are skipped. In a field {@code \s} is a space, {@code \t} a
 * tab, {@code \p} a '|', {@code \\} a backslash and a lone {@code \e} the empty string.
 */
final class TimeTestSupport
{
    static final int LEADING_GARBAGE = 13;
    private static final byte[] GARBAGE = "9.5Z:07-+00 T".getBytes(StandardCharsets.US_ASCII);

    private TimeTestSupport()
    {
    }

    /** A value in a buffer: read {@code [offset, offset + length)} of {@code buffer}. */
    record Slice(UnsafeBuffer buffer, int offset, int length)
    {
    }

    static Slice slice(final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer direct = ByteBuffer.allocateDirect(LEADING_GARBAGE + bytes.length + GARBAGE.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(direct);
        for (int i = 0; i < buffer.capacity(); i++)
        {
            buffer.putByte(i, GARBAGE[i % GARBAGE.length]);
        }
        buffer.putBytes(LEADING_GARBAGE, bytes);
        return new Slice(buffer, LEADING_GARBAGE, bytes.length);
    }

    /**
     * One direct buffer reused for many values, for the seeded random tests: each value is written at
     * {@link #LEADING_GARBAGE} with fresh garbage before and after it.
     */
    static final class Scratch
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

        Slice put(final String value)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < LEADING_GARBAGE; i++)
            {
                buffer.putByte(i, GARBAGE[i % GARBAGE.length]);
            }
            buffer.putBytes(LEADING_GARBAGE, bytes);
            for (int i = 0; i < GARBAGE.length; i++)
            {
                buffer.putByte(LEADING_GARBAGE + bytes.length + i, GARBAGE[i]);
            }
            return new Slice(buffer, LEADING_GARBAGE, bytes.length);
        }
    }

    /** One line of a data file: its fields and where it came from, for messages. */
    record Case(String file, int line, String[] fields)
    {
        String field(final int i)
        {
            return fields[i];
        }

        @Override
        public String toString()
        {
            return file + ":" + line + " " + String.join(" | ", fields);
        }
    }

    static List<Case> load(final String resource, final int fieldCount)
    {
        final List<Case> cases = new ArrayList<>();
        try (InputStream in = TimeTestSupport.class.getResourceAsStream("/time/" + resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource time/" + resource);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null)
            {
                number++;
                if (line.isBlank() || line.stripLeading().startsWith("#"))
                {
                    continue;
                }
                final String[] raw = line.split("\\|", -1);
                if (raw.length != fieldCount)
                {
                    throw new IllegalStateException(
                        resource + ":" + number + ": expected " + fieldCount + " fields, found " + raw.length);
                }
                final String[] fields = new String[fieldCount];
                for (int i = 0; i < fieldCount; i++)
                {
                    fields[i] = unescape(raw[i].strip());
                }
                cases.add(new Case(resource, number, fields));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return cases;
    }

    private static String unescape(final String field)
    {
        if (field.equals("\\e"))
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length())
            {
                final char next = field.charAt(++i);
                switch (next)
                {
                    case 's':
                        out.append(' ');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'p':
                        out.append('|');
                        break;
                    case '\\':
                        out.append('\\');
                        break;
                    default:
                        throw new IllegalArgumentException("bad escape \\" + next + " in " + field);
                }
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A seed from -Dsluice.test.seed, else the clock; tests print it in every failure message. */
    static long seed()
    {
        final String property = System.getProperty("sluice.test.seed");
        return property != null ? Long.parseLong(property) : System.nanoTime();
    }
}
