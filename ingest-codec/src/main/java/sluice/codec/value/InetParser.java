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
    private static final int MAX_IPV4_LENGTH = 15;
    private static final int MIN_IPV4_LENGTH = 7;
    /** Six full groups, six colons and the longest dotted quad: {@code ffff:…:ffff:255.255.255.255}. */
    private static final int MAX_IPV6_LENGTH = 6 * 4 + 6 + MAX_IPV4_LENGTH;
    private static final int IPV6_GROUPS = 8;

    private InetParser()
    {
    }

    /** Returns NONE or INVALID_INET. */
    public static ErrorCode validate(final DirectBuffer buffer, final int offset, final int length)
    {
        return isIpv4(buffer, offset, length) || isIpv6(buffer, offset, length) ?
            ErrorCode.NONE : ErrorCode.INVALID_INET;
    }

    /** Exactly four decimal octets 0..255 separated by {@code .}; {@code 01} is rejected (it reads as octal to some). */
    public static boolean isIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MIN_IPV4_LENGTH || length > MAX_IPV4_LENGTH)
        {
            return false;
        }
        final int end = offset + length;
        int i = offset;
        for (int part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (i == end || buffer.getByte(i) != '.')
                {
                    return false;
                }
                i++;
            }
            final int start = i;
            int value = 0;
            byte b;
            while (i < end && i - start < 3 && Ascii.isDigit(b = buffer.getByte(i)))
            {
                value = value * 10 + (b - '0');
                i++;
            }
            final int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && buffer.getByte(start) == '0'))
            {
                return false;
            }
        }
        return i == end;
    }

    /**
     * RFC 4291 section 2.2: eight groups of one to four hex digits; one {@code ::} standing for one or more zero
     * groups; the last two groups may be written as an IPv4 dotted quad ({@code ::ffff:1.2.3.4}).
     */
    public static boolean isIpv6(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 2 || length > MAX_IPV6_LENGTH)
        {
            return false;
        }
        final int end = offset + length;
        int i = offset;
        int groups = 0;
        boolean compressed = false;
        if (buffer.getByte(i) == ':')
        {
            // A leading colon is only the first half of "::".
            if (buffer.getByte(i + 1) != ':')
            {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == end)
            {
                return true;
            }
        }
        while (true)
        {
            final int groupStart = i;
            while (i < end && Hex.value(buffer.getByte(i)) != Hex.INVALID)
            {
                i++;
            }
            if (i < end && buffer.getByte(i) == '.')
            {
                // The dotted quad is the last 32 bits, so it ends the address.
                final int groupsWithQuad = groups + 2;
                return (compressed ? groupsWithQuad < IPV6_GROUPS : groupsWithQuad == IPV6_GROUPS) &&
                    isIpv4(buffer, groupStart, end - groupStart);
            }
            final int digits = i - groupStart;
            if (digits == 0 || digits > 4 || ++groups > IPV6_GROUPS)
            {
                return false;
            }
            if (i == end)
            {
                break;
            }
            if (buffer.getByte(i) != ':' || ++i == end)
            {
                return false;
            }
            if (buffer.getByte(i) == ':')
            {
                if (compressed)
                {
                    return false;
                }
                compressed = true;
                if (++i == end)
                {
                    break;
                }
            }
        }
        return compressed ? groups < IPV6_GROUPS : groups == IPV6_GROUPS;
    }
}
