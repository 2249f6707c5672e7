package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Small JSON text utilities: validating a complete JSON text and writing JSON literals. Holds a lexer for validation,
 * so one instance per thread.
 */
public final class JsonText
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final JsonHandler IGNORE = (token, buffer, offset, length) -> JsonHandler.CONTINUE;

    private final JsonLexer lexer = new JsonLexer();

    /** True if the bytes are exactly one JSON value, surrounding whitespace allowed. */
    public boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        lexer.reset();
        return lexer.parse(buffer, offset, length, IGNORE) == JsonLexer.NEED_MORE &&
            lexer.finish(IGNORE) == JsonLexer.COMPLETE;
    }

    /**
     * Writes {@code src} as a JSON string literal (quotes added, {@code "}, {@code \}, and control characters
     * escaped) at {@code at}; returns the end position. {@code dst} must be expandable or large enough.
     */
    public int appendQuoted(
        final MutableDirectBuffer dst, final int at, final DirectBuffer src, final int offset, final int length)
    {
        int p = at;
        dst.putByte(p++, (byte)'"');
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final byte b = src.getByte(i);
            if (b == '"' || b == '\\')
            {
                dst.putByte(p++, (byte)'\\');
                dst.putByte(p++, b);
            }
            else if ((b & 0xFF) < 0x20)
            {
                p = appendControl(dst, p, b);
            }
            else
            {
                dst.putByte(p++, b);
            }
        }
        dst.putByte(p++, (byte)'"');
        return p;
    }

    private static int appendControl(final MutableDirectBuffer dst, final int at, final byte b)
    {
        int p = at;
        dst.putByte(p++, (byte)'\\');
        switch (b)
        {
            case '\n': dst.putByte(p++, (byte)'n'); break;
            case '\r': dst.putByte(p++, (byte)'r'); break;
            case '\t': dst.putByte(p++, (byte)'t'); break;
            case '\b': dst.putByte(p++, (byte)'b'); break;
            case '\f': dst.putByte(p++, (byte)'f'); break;
            default:
                dst.putByte(p++, (byte)'u');
                dst.putByte(p++, (byte)'0');
                dst.putByte(p++, (byte)'0');
                dst.putByte(p++, HEX[(b >> 4) & 0xF]);
                dst.putByte(p++, HEX[b & 0xF]);
                break;
        }
        return p;
    }

    /** Writes an ASCII literal at {@code at}; returns the end position. */
    public int appendLiteral(final MutableDirectBuffer dst, final int at, final String literal)
    {
        for (int i = 0; i < literal.length(); i++)
        {
            dst.putByte(at + i, (byte)literal.charAt(i));
        }
        return at + literal.length();
    }
}
