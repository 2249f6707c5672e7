package sluice.codec.value;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.schema.TypeKind;

/**
 * Decimal integers from ASCII bytes, range-checked per type, without allocation.
 * <p>
 * Syntax: optional {@code +} or {@code -}, then one or more digits (leading zeros allowed). No whitespace (callers
 * trim), no underscores, no fraction, no exponent. {@code -0} is 0. A {@code -} on an unsigned kind is out of range
 * unless the value is zero.
 */
public final class IntegerParser
{
    private IntegerParser()
    {
    }

    /**
     * Parses into {@code out.longValue} (UINT64 as raw two's-complement bits).
     *
     * @param kind one of INT8..INT64, UINT8..UINT64.
     * @return {@link ErrorCode#NONE}, {@link ErrorCode#INVALID_INTEGER} (syntax, empty) or
     * {@link ErrorCode#INTEGER_OUT_OF_RANGE}.
     */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final TypeKind kind, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
