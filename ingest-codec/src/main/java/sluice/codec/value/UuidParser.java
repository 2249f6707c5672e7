package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

import java.nio.ByteOrder;

/**
 * UUIDs: 32 hex digits in the 8-4-4-4-12 form, any case; also accepted: without hyphens, and wrapped in braces.
 * Result: {@code out.highBits} = most significant 64 bits, {@code out.longValue} = least significant.
 */
public final class UuidParser
{
    private static final int HEX_DIGITS = 32;
    private static final int HYPHENATED_LENGTH = 36;

    private UuidParser()
    {
    }

    /** Returns NONE or INVALID_UUID. */
    /** The 8-4-4-4-12 form, eight and four digits at a time; false lets the general parser decide. */
    private static boolean parseCanonical(final DirectBuffer buffer, final int offset, final ParsedValue out)
    {
        if (buffer.getByte(offset + 8) != '-' || buffer.getByte(offset + 13) != '-' ||
            buffer.getByte(offset + 18) != '-' || buffer.getByte(offset + 23) != '-')
        {
            return false;
        }
        final long a = Hex.eightDigits(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
        final long b = Hex.fourDigits(buffer.getInt(offset + 9, ByteOrder.LITTLE_ENDIAN));
        final long c = Hex.fourDigits(buffer.getInt(offset + 14, ByteOrder.LITTLE_ENDIAN));
        final long d = Hex.fourDigits(buffer.getInt(offset + 19, ByteOrder.LITTLE_ENDIAN));
        final long e = Hex.eightDigits(buffer.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN));
        final long f = Hex.fourDigits(buffer.getInt(offset + 32, ByteOrder.LITTLE_ENDIAN));
        if ((a | b | c | d | e | f) < 0)
        {
            return false;
        }
        out.highBits = (a << 32) | (b << 16) | c;
        out.longValue = (d << 48) | (e << 16) | f;
        return true;
    }

    public static ErrorCode parse(final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (length == HYPHENATED_LENGTH && parseCanonical(buffer, offset, out))
        {
            return ErrorCode.NONE;
        }
        int start = offset;
        int end = offset + length;
        if (length == HYPHENATED_LENGTH + 2 || length == HEX_DIGITS + 2)
        {
            if (buffer.getByte(start) != '{' || buffer.getByte(end - 1) != '}')
            {
                return ErrorCode.INVALID_UUID;
            }
            start++;
            end--;
        }
        final int innerLength = end - start;
        final boolean hyphenated = innerLength == HYPHENATED_LENGTH;
        if (!hyphenated && innerLength != HEX_DIGITS)
        {
            return ErrorCode.INVALID_UUID;
        }

        long high = 0;
        long low = 0;
        int invalid = 0;
        int digits = 0;
        for (int i = start; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            final int position = i - start;
            if (hyphenated && (position == 8 || position == 13 || position == 18 || position == 23))
            {
                invalid |= b == '-' ? 0 : Hex.INVALID;
                continue;
            }
            // An invalid digit (-1) garbles the word, but the OR into `invalid` decides the result.
            final int value = Hex.value(b);
            invalid |= value;
            if (digits++ < HEX_DIGITS / 2)
            {
                high = (high << 4) | value;
            }
            else
            {
                low = (low << 4) | value;
            }
        }
        if (invalid < 0)
        {
            return ErrorCode.INVALID_UUID;
        }
        out.highBits = high;
        out.longValue = low;
        return ErrorCode.NONE;
    }
}
