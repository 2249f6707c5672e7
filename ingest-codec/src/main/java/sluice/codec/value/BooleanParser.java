package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;

/** Booleans from ASCII bytes. Result in {@code out.longValue}: 1 or 0. */
public final class BooleanParser
{
    private BooleanParser()
    {
    }

    /** Feldera's rule: exactly {@code true} or {@code false}. Returns NONE or INVALID_BOOLEAN. */
    public static ErrorCode parseStrict(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (Ascii.equals(buffer, offset, length, "true"))
        {
            out.longValue = 1;
            return ErrorCode.NONE;
        }
        if (Ascii.equals(buffer, offset, length, "false"))
        {
            out.longValue = 0;
            return ErrorCode.NONE;
        }
        return ErrorCode.INVALID_BOOLEAN;
    }

    /**
     * Proton's and Machbase's rule: {@code true}, {@code false} in any ASCII case, {@code 1}, {@code 0}.
     * Returns NONE or INVALID_BOOLEAN.
     */
    public static ErrorCode parseLenient(
        final DirectBuffer buffer, final int offset, final int length, final ParsedValue out)
    {
        if (length == 1)
        {
            final byte b = buffer.getByte(offset);
            if (b == '1' || b == '0')
            {
                out.longValue = b - '0';
                return ErrorCode.NONE;
            }
            return ErrorCode.INVALID_BOOLEAN;
        }
        if (Ascii.equalsIgnoreCase(buffer, offset, length, "true"))
        {
            out.longValue = 1;
            return ErrorCode.NONE;
        }
        if (Ascii.equalsIgnoreCase(buffer, offset, length, "false"))
        {
            out.longValue = 0;
            return ErrorCode.NONE;
        }
        return ErrorCode.INVALID_BOOLEAN;
    }
}
