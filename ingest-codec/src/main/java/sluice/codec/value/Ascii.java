package sluice.codec.value;

import org.agrona.DirectBuffer;

/** Byte-level ASCII helpers shared by the parsers. No allocation. */
public final class Ascii
{
    private Ascii()
    {
    }

    /** Space, tab, CR, LF, vertical tab, form feed: what SQL and CSV trimming removes. */
    public static boolean isWhitespace(final int b)
    {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    public static boolean isDigit(final int b)
    {
        return b >= '0' && b <= '9';
    }

    public static int toLower(final int b)
    {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Index of the first non-whitespace byte in {@code [offset, limit)}, or {@code limit}. */
    public static int skipLeading(final DirectBuffer buffer, final int offset, final int limit)
    {
        int i = offset;
        while (i < limit && isWhitespace(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /** One past the last non-whitespace byte in {@code [offset, limit)}, or {@code offset}. */
    public static int skipTrailing(final DirectBuffer buffer, final int offset, final int limit)
    {
        int i = limit;
        while (i > offset && isWhitespace(buffer.getByte(i - 1)))
        {
            i--;
        }
        return i;
    }

    /** True if the bytes equal {@code literal} (ASCII, lower case) ignoring ASCII case. */
    public static boolean equalsIgnoreCase(
        final DirectBuffer buffer, final int offset, final int length, final String literal)
    {
        if (length != literal.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (toLower(buffer.getByte(offset + i)) != literal.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /** True if the bytes equal the ASCII {@code literal} exactly. */
    public static boolean equals(final DirectBuffer buffer, final int offset, final int length, final String literal)
    {
        if (length != literal.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != literal.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
