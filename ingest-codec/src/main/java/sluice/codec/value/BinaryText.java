package sluice.codec.value;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Binary values written as text: {@code 0x}/{@code 0X}-prefixed hex (even number of digits, any case) or base64
 * (RFC 4648 standard or URL-safe alphabet, padding optional but if present correct). An empty input is zero bytes.
 */
public final class BinaryText
{
    public static final int INVALID = -1;

    /** Base64 table entry flags: characters only one of the two RFC 4648 alphabets has (sections 4 and 5). */
    private static final int STANDARD_ONLY = 0x100;
    private static final int URL_SAFE_ONLY = 0x200;
    private static final int BOTH_ALPHABETS = STANDARD_ONLY | URL_SAFE_ONLY;
    private static final int SEXTET_MASK = 0x3F;
    /** Per byte: the sextet value with an alphabet flag, or -1 (so an OR of entries is negative if any is). */
    private static final int[] BASE64 = base64Table();

    private BinaryText()
    {
    }

    /**
     * Decodes into {@code dst} at {@code dstOffset} ({@code dst} must be expandable or have room for
     * {@code length} bytes). Returns the number of bytes written or {@link #INVALID}; after INVALID some bytes of
     * {@code dst} may have been overwritten.
     * <p>
     * A {@code 0x} prefix always means hex, even where the text would also be valid base64 ({@code 0xAB}). One
     * value uses one base64 alphabet: {@code +} or {@code /} together with {@code -} or {@code _} is invalid, as
     * for {@link java.util.Base64}. Non-zero bits left over in the last character are ignored, as
     * {@link java.util.Base64} does (RFC 4648 section 3.5 allows either).
     */
    public static int decode(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (length >= 2 && src.getByte(offset) == '0' && (src.getByte(offset + 1) | 0x20) == 'x')
        {
            return decodeHex(src, offset + 2, length - 2, dst, dstOffset);
        }
        return decodeBase64(src, offset, length, dst, dstOffset);
    }

    private static int decodeHex(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        if ((length & 1) != 0)
        {
            return INVALID;
        }
        final int byteCount = length >> 1;
        dst.checkLimit(dstOffset + byteCount);
        for (int i = 0; i < byteCount; i++)
        {
            final int high = Hex.value(src.getByte(offset + 2 * i));
            final int low = Hex.value(src.getByte(offset + 2 * i + 1));
            if ((high | low) < 0)
            {
                return INVALID;
            }
            dst.putByte(dstOffset + i, (byte)((high << 4) | low));
        }
        return byteCount;
    }

    private static int decodeBase64(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        int dataLength = length;
        while (dataLength > 0 && src.getByte(offset + dataLength - 1) == '=')
        {
            dataLength--;
        }
        final int padding = length - dataLength;
        final int tail = dataLength & 3;
        // RFC 4648 section 4: a final unit of 2 characters takes "==", of 3 takes "=", a full unit none.
        if (tail == 1 || padding > 2 || (padding != 0 && tail + padding != 4))
        {
            return INVALID;
        }
        final int fullUnits = dataLength >> 2;
        final int byteCount = fullUnits * 3 + (tail == 0 ? 0 : tail - 1);
        dst.checkLimit(dstOffset + byteCount);

        final int[] table = BASE64;
        int alphabets = 0;
        int in = offset;
        int outIndex = dstOffset;
        for (int unit = 0; unit < fullUnits; unit++)
        {
            final int a = table[src.getByte(in) & 0xFF];
            final int b = table[src.getByte(in + 1) & 0xFF];
            final int c = table[src.getByte(in + 2) & 0xFF];
            final int d = table[src.getByte(in + 3) & 0xFF];
            final int all = a | b | c | d;
            if (all < 0)
            {
                return INVALID;
            }
            alphabets |= all;
            final int bits = (a & SEXTET_MASK) << 18 | (b & SEXTET_MASK) << 12 | (c & SEXTET_MASK) << 6 |
                (d & SEXTET_MASK);
            dst.putByte(outIndex, (byte)(bits >> 16));
            dst.putByte(outIndex + 1, (byte)(bits >> 8));
            dst.putByte(outIndex + 2, (byte)bits);
            in += 4;
            outIndex += 3;
        }
        if (tail != 0)
        {
            final int a = table[src.getByte(in) & 0xFF];
            final int b = table[src.getByte(in + 1) & 0xFF];
            final int c = tail == 3 ? table[src.getByte(in + 2) & 0xFF] : 0;
            final int all = a | b | c;
            if (all < 0)
            {
                return INVALID;
            }
            alphabets |= all;
            final int bits = (a & SEXTET_MASK) << 18 | (b & SEXTET_MASK) << 12 | (c & SEXTET_MASK) << 6;
            dst.putByte(outIndex, (byte)(bits >> 16));
            if (tail == 3)
            {
                dst.putByte(outIndex + 1, (byte)(bits >> 8));
            }
        }
        if ((alphabets & BOTH_ALPHABETS) == BOTH_ALPHABETS)
        {
            return INVALID;
        }
        return byteCount;
    }

    private static int[] base64Table()
    {
        final int[] table = new int[256];
        Arrays.fill(table, -1);
        for (int i = 0; i < 26; i++)
        {
            table['A' + i] = i;
            table['a' + i] = 26 + i;
        }
        for (int i = 0; i < 10; i++)
        {
            table['0' + i] = 52 + i;
        }
        table['+'] = 62 | STANDARD_ONLY;
        table['/'] = 63 | STANDARD_ONLY;
        table['-'] = 62 | URL_SAFE_ONLY;
        table['_'] = 63 | URL_SAFE_ONLY;
        return table;
    }
}
