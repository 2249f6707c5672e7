package sluice.server.machbase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two small JSON inputs of {@code /db/query}: the {@code p} bind-parameter array and a JSON object body of
 * parameters. A strict RFC 8259 reader over a String (no comments, no trailing commas, no NaN), nesting limited to
 * {@link #MAX_DEPTH}. The server module has no JSON library, and these inputs are a few hundred bytes, so a
 * hand-written reader is the smaller dependency.
 * <p>
 * Scalars come back as: JSON strings → {@link String}; integers (no fraction or exponent) → {@link Long} when
 * they fit, else {@link BigDecimal}; other numbers → {@link Double}; {@code true}/{@code false} → {@link Boolean};
 * {@code null} → null. Errors are {@link IllegalArgumentException}s with the 0-based character offset. Stateless
 * and thread-safe.
 */
final class MachbaseJson
{
    /** Deepest nesting accepted, against stack exhaustion by a hostile body. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private MachbaseJson(final String text)
    {
        this.text = text;
    }

    /**
     * The {@code p} parameter: a JSON array of scalars.
     *
     * @return the values in order, nulls included; unmodifiable.
     * @throws IllegalArgumentException {@code bind parameter must be scalar} for a nested array or object,
     * {@code bind parameters must be a JSON array} for another JSON value, or a syntax error.
     */
    static List<Object> scalarArray(final String text)
    {
        final MachbaseJson in = new MachbaseJson(text);
        in.skipWhitespace();
        if (in.pos >= text.length() || text.charAt(in.pos) != '[')
        {
            if (in.pos < text.length())
            {
                in.value(0);
                in.end();
            }
            throw new IllegalArgumentException("bind parameters must be a JSON array");
        }
        in.pos++;
        final List<Object> values = new ArrayList<>();
        in.skipWhitespace();
        if (in.peek() == ']')
        {
            in.pos++;
        }
        else
        {
            while (true)
            {
                in.skipWhitespace();
                final char c = in.peek();
                if (c == '[' || c == '{')
                {
                    throw new IllegalArgumentException("bind parameter must be scalar");
                }
                values.add(in.value(1));
                in.skipWhitespace();
                if (in.peek() == ',')
                {
                    in.pos++;
                    continue;
                }
                in.expect(']');
                break;
            }
        }
        in.end();
        return Collections.unmodifiableList(values);
    }

    /**
     * A JSON object of request parameters: each member's value as the text {@code /db/query} would have received
     * in a query string. Strings are unescaped; numbers and booleans are their JSON text; arrays and objects (the
     * {@code p} array) their JSON text as written; members whose value is {@code null} are left out. A repeated
     * key keeps its last value.
     *
     * @throws IllegalArgumentException when the text is not one JSON object.
     */
    static Map<String, String> objectOfTexts(final String text)
    {
        final MachbaseJson in = new MachbaseJson(text);
        in.skipWhitespace();
        in.expect('{');
        final Map<String, String> members = new LinkedHashMap<>();
        in.skipWhitespace();
        if (in.peek() == '}')
        {
            in.pos++;
        }
        else
        {
            while (true)
            {
                in.skipWhitespace();
                if (in.peek() != '"')
                {
                    throw in.error("expected a member name");
                }
                final String key = in.string();
                in.skipWhitespace();
                in.expect(':');
                in.skipWhitespace();
                final int start = in.pos;
                final char c = in.peek();
                final Object value = in.value(1);
                if (value == null)
                {
                    members.remove(key);
                }
                else if (c == '"')
                {
                    members.put(key, (String)value);
                }
                else
                {
                    members.put(key, text.substring(start, in.pos));
                }
                in.skipWhitespace();
                if (in.peek() == ',')
                {
                    in.pos++;
                    continue;
                }
                in.expect('}');
                break;
            }
        }
        in.end();
        return members;
    }

    private Object value(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        skipWhitespace();
        final char c = peek();
        switch (c)
        {
            case '"':
                return string();
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw error(pos >= text.length() ? "unexpected end of input" : "unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(final int depth)
    {
        expect('{');
        final Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}')
        {
            pos++;
            return members;
        }
        while (true)
        {
            skipWhitespace();
            if (peek() != '"')
            {
                throw error("expected a member name");
            }
            final String key = string();
            skipWhitespace();
            expect(':');
            members.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',')
            {
                pos++;
                continue;
            }
            expect('}');
            return members;
        }
    }

    private List<Object> array(final int depth)
    {
        expect('[');
        final List<Object> values = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']')
        {
            pos++;
            return values;
        }
        while (true)
        {
            values.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',')
            {
                pos++;
                continue;
            }
            expect(']');
            return values;
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            if (pos >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(pos);
            if (c < 0x20)
            {
                throw error("control character in string");
            }
            pos++;
            if (c == '"')
            {
                return out.toString();
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            if (pos >= text.length())
            {
                throw error("unterminated string");
            }
            final char escape = text.charAt(pos++);
            switch (escape)
            {
                case '"':
                case '\\':
                case '/':
                    out.append(escape);
                    break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    out.append(hex4());
                    break;
                default:
                    pos--;
                    throw error("invalid escape '\\" + escape + "'");
            }
        }
    }

    private char hex4()
    {
        if (pos + 4 > text.length())
        {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            final int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0)
            {
                throw error("invalid \\u escape");
            }
            value = value << 4 | digit;
        }
        pos += 4;
        return (char)value;
    }

    private Object number()
    {
        final int start = pos;
        if (peek() == '-')
        {
            pos++;
        }
        if (peek() == '0')
        {
            pos++;
        }
        else if (!digits())
        {
            throw error("invalid number");
        }
        boolean integral = true;
        if (peek() == '.')
        {
            pos++;
            integral = false;
            if (!digits())
            {
                throw error("invalid number");
            }
        }
        if (peek() == 'e' || peek() == 'E')
        {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-')
            {
                pos++;
            }
            if (!digits())
            {
                throw error("invalid number");
            }
        }
        final String number = text.substring(start, pos);
        if (!integral)
        {
            return Double.parseDouble(number);
        }
        try
        {
            return Long.parseLong(number);
        }
        catch (final NumberFormatException ex)
        {
            return new BigDecimal(number);
        }
    }

    private boolean digits()
    {
        final int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9')
        {
            pos++;
        }
        return pos > start;
    }

    private void literal(final String literal)
    {
        if (!text.startsWith(literal, pos))
        {
            throw error("invalid literal");
        }
        pos += literal.length();
    }

    private void skipWhitespace()
    {
        while (pos < text.length())
        {
            final char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            pos++;
        }
    }

    /** The current character, or NUL at the end (never valid JSON there, so it fails the caller's checks). */
    private char peek()
    {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error(pos >= text.length() ? "unexpected end of input, expected '" + c + "'" :
                "expected '" + c + "'");
        }
        pos++;
    }

    private void end()
    {
        skipWhitespace();
        if (pos < text.length())
        {
            throw error("unexpected text after the JSON value");
        }
    }

    private IllegalArgumentException error(final String message)
    {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
    }
}
