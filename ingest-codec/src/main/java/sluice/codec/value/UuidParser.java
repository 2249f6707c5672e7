package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

/**
 * UUIDs: 32 hex digits in the 8-4-4-4-12 form, any case; also accepted: without hyphens, and wrapped in braces.
 * Result: {@code out.highBits} = most significant 64 bits, {@code out.longValue} = least significant.
 */
public final class UuidParser
{
    private UuidParser()
    {
    }

    /** Returns NONE or INVALID_UUID. */
    public static ErrorCode parse(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
