package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

/**
 * Validates IP addresses in text form: IPv4 dotted quad (four decimal octets 0..255, no leading zeros beyond a single
 * {@code 0}) and IPv6 per RFC 4291 section 2.2 (hex groups, one {@code ::}, optional trailing embedded IPv4). No
 * zone ids, no prefixes. The stored value is the validated text.
 */
public final class InetParser
{
    private InetParser()
    {
    }

    /** Returns NONE or INVALID_INET. */
    public static ErrorCode validate(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("stub");
    }

    public static boolean isIpv6(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("stub");
    }
}
