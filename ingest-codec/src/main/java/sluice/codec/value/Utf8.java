package sluice.codec.value;

import org.agrona.DirectBuffer;

/** UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF), ASCII runs checked 8 bytes at a time. */
public final class Utf8
{
    private static final long ASCII_MASK = 0x8080_8080_8080_8080L;

    private Utf8()
    {
    }

    /** True if {@code [offset, offset + length)} is well-formed UTF-8 (the empty range is). */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            // Byte order does not matter for the mask, and unaligned reads are fine on the platforms we run on.
            while (i <= end - Long.BYTES && (buffer.getLong(i) & ASCII_MASK) == 0)
            {
                i += Long.BYTES;
            }
            if (i == end)
            {
                return true;
            }
            final byte b = buffer.getByte(i);
            if (b >= 0)
            {
                i++;
            }
            else
            {
                i = sequenceEnd(buffer, i, end, b & 0xFF);
                if (i < 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One multi-byte sequence starting with {@code lead} at {@code i}: the index after it, or -1. The ranges are
     * the UTF8-2/3/4 rules of RFC 3629 section 4 (the Unicode Standard's table of well-formed byte sequences).
     */
    private static int sequenceEnd(final DirectBuffer buffer, final int i, final int end, final int lead)
    {
        if (lead < 0xC2)
        {
            // 80..BF: a continuation byte with no lead; C0, C1: overlong two-byte forms of ASCII.
            return -1;
        }
        if (lead < 0xE0)
        {
            return i + 1 < end && isContinuation(buffer.getByte(i + 1)) ? i + 2 : -1;
        }
        if (lead < 0xF0)
        {
            if (i + 2 >= end)
            {
                return -1;
            }
            final int second = buffer.getByte(i + 1) & 0xFF;
            // E0: no overlongs (A0..); ED: no UTF-16 surrogates D800..DFFF (..9F).
            final int min = lead == 0xE0 ? 0xA0 : 0x80;
            final int max = lead == 0xED ? 0x9F : 0xBF;
            return second >= min && second <= max && isContinuation(buffer.getByte(i + 2)) ? i + 3 : -1;
        }
        if (lead < 0xF5)
        {
            if (i + 3 >= end)
            {
                return -1;
            }
            final int second = buffer.getByte(i + 1) & 0xFF;
            // F0: no overlongs (90..); F4: nothing above U+10FFFF (..8F).
            final int min = lead == 0xF0 ? 0x90 : 0x80;
            final int max = lead == 0xF4 ? 0x8F : 0xBF;
            return second >= min && second <= max && isContinuation(buffer.getByte(i + 2)) &&
                isContinuation(buffer.getByte(i + 3)) ? i + 4 : -1;
        }
        // F5..FF: lead bytes of code points above U+10FFFF, or not UTF-8 at all.
        return -1;
    }

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
