package sluice.server.machbase;

/**
 * JSON string literals for the Machbase responses, escaped as Go's {@code encoding/json} does apart from HTML:
 * {@code "} and {@code \} with a backslash, {@code \n \r \t \b \f} by name, other control characters as
 * <code>&#92;u00XX</code> (lower-case hex), U+2028 and U+2029 as <code>&#92;u2028</code> and <code>&#92;u2029</code>
 * (JavaScript line terminators), and a lone surrogate as <code>&#92;ufffd</code> (Go replaces invalid UTF-8 the
 * same way). Go also escapes {@code < > &} for HTML embedding; we do not, which changes no parsed value. Stateless
 * and thread-safe.
 */
final class JsonStrings
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings()
    {
    }

    /** Appends {@code value} as a quoted JSON string. */
    static void append(final CharSequence value, final StringBuilder out)
    {
        out.append('"');
        final int length = value.length();
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c) && c != '\u2028' && c != '\u2029')
            {
                out.append(c);
                continue;
            }
            switch (c)
            {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1)))
                    {
                        out.append(c).append(value.charAt(++i));
                    }
                    else if (Character.isSurrogate(c))
                    {
                        out.append("\\ufffd");
                    }
                    else
                    {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                            .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    }
                    break;
            }
        }
        out.append('"');
    }

    /** {@code value} as a quoted JSON string. */
    static String quote(final CharSequence value)
    {
        final StringBuilder out = new StringBuilder(value.length() + 2);
        append(value, out);
        return out.toString();
    }
}
