package sluice.codec.value;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Binary values written as text: {@code 0x}/{@code 0X}-prefixed hex (even number of digits, any case) or base64
 * (RFC 4648 standard or URL-safe alphabet, padding optional but if present correct). An empty input is zero bytes.
 */
public final class BinaryText
{
    public static final int INVALID = -1;

    private BinaryText()
    {
    }

    /**
     * Decodes into {@code dst} at {@code dstOffset} ({@code dst} must be expandable or have room for
     * {@code length} bytes). Returns the number of bytes written or {@link #INVALID}.
     */
    public static int decode(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        throw new UnsupportedOperationException("stub");
    }
}
