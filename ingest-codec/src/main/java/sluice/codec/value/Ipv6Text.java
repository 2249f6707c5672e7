package sluice.codec.value;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The canonical text of a valid IPv6 address (RFC 5952): lower-case hex without leading zeros, the longest run of two
 * or more zero groups (the first of equal runs) written {@code ::}, and an IPv4-mapped address as
 * {@code ::ffff:a.b.c.d}. Stored addresses then compare and group equal whatever form the client sent, as DuckDB's
 * INET and Machbase's binary ipv6 do. The input must have passed {@link InetParser#isIpv6}.
 */
public final class Ipv6Text
{
    /** Longest canonical text: eight groups of four and seven colons. */
    public static final int MAX_LENGTH = 39;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Ipv6Text()
    {
    }

    /**
     * Writes the canonical form of {@code length} bytes at {@code offset} into {@code out} at 0 and returns its
     * length. {@code groups} is scratch space of at least 8 ints (no allocation per value).
     */
    public static int canonical(final DirectBuffer in, final int offset, final int length, final int[] groups,
        final MutableDirectBuffer out)
    {
        parse(in, offset, length, groups);
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 &&
            groups[5] == 0xFFFF)
        {
            int p = writeAscii(out, 0, "::ffff:");
            p = writeDecimal(out, p, groups[6] >>> 8);
            out.putByte(p++, (byte)'.');
            p = writeDecimal(out, p, groups[6] & 0xFF);
            out.putByte(p++, (byte)'.');
            p = writeDecimal(out, p, groups[7] >>> 8);
            out.putByte(p++, (byte)'.');
            return writeDecimal(out, p, groups[7] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        int p = 0;
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                out.putByte(p++, (byte)':');
                out.putByte(p++, (byte)':');
                i += bestLength - 1;
                continue;
            }
            if (p > 0 && out.getByte(p - 1) != ':')
            {
                out.putByte(p++, (byte)':');
            }
            p = writeHex(out, p, groups[i]);
        }
        return p;
    }

    /** The eight 16-bit groups of a valid address (with {@code ::} expanded and a trailing dotted quad split). */
    static void parse(final DirectBuffer in, final int offset, final int length, final int[] groups)
    {
        final int end = offset + length;
        int head = 0;
        int tailStart = -1;
        final int[] tail = groups;
        int p = offset;
        // Left of "::" (or everything) fills from the front; right of it is collected after the front, then moved.
        int count = 0;
        while (p < end)
        {
            if (in.getByte(p) == ':' && p + 1 < end && in.getByte(p + 1) == ':')
            {
                head = count;
                tailStart = count;
                p += 2;
                continue;
            }
            if (in.getByte(p) == ':')
            {
                p++;
                continue;
            }
            int q = p;
            while (q < end && in.getByte(q) != ':' && in.getByte(q) != '.')
            {
                q++;
            }
            if (q < end && in.getByte(q) == '.')
            {
                final int quad = dottedQuad(in, p, end);
                tail[count++] = quad >>> 16;
                tail[count++] = quad & 0xFFFF;
                break;
            }
            int value = 0;
            for (int i = p; i < q; i++)
            {
                value = value << 4 | Hex.value(in.getByte(i));
            }
            tail[count++] = value;
            p = q;
        }
        if (tailStart >= 0)
        {
            final int tailCount = count - tailStart;
            // Move the groups after "::" to the end and zero the gap (from the back, as the ranges may overlap).
            for (int i = tailCount - 1; i >= 0; i--)
            {
                groups[8 - tailCount + i] = tail[tailStart + i];
            }
            for (int i = head; i < 8 - tailCount; i++)
            {
                groups[i] = 0;
            }
        }
    }

    private static int dottedQuad(final DirectBuffer in, final int start, final int end)
    {
        int value = 0;
        int octet = 0;
        for (int i = start; i < end; i++)
        {
            final byte b = in.getByte(i);
            if (b == '.')
            {
                value = value << 8 | octet;
                octet = 0;
            }
            else
            {
                octet = octet * 10 + (b - '0');
            }
        }
        return value << 8 | octet;
    }

    private static int writeHex(final MutableDirectBuffer out, final int at, final int group)
    {
        int p = at;
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            final int digit = group >>> shift & 0xF;
            if (digit != 0 || started || shift == 0)
            {
                out.putByte(p++, HEX[digit]);
                started = true;
            }
        }
        return p;
    }

    private static int writeDecimal(final MutableDirectBuffer out, final int at, final int value)
    {
        int p = at;
        if (value >= 100)
        {
            out.putByte(p++, (byte)('0' + value / 100));
        }
        if (value >= 10)
        {
            out.putByte(p++, (byte)('0' + value / 10 % 10));
        }
        out.putByte(p++, (byte)('0' + value % 10));
        return p;
    }

    private static int writeAscii(final MutableDirectBuffer out, final int at, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            out.putByte(at + i, (byte)text.charAt(i));
        }
        return at + text.length();
    }
}
