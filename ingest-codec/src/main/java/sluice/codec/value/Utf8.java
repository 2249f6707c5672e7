package sluice.codec.value;

import org.agrona.DirectBuffer;

/** UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF), ASCII runs checked 8 bytes at a time. */
public final class Utf8
{
    private Utf8()
    {
    }

    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("stub");
    }
}
