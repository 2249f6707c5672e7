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
    /** Nineteen digits never overflow an unsigned 64-bit accumulator: 10^19 - 1 < 2^64. */
    private static final int MAX_SAFE_DIGITS = 19;
    /** (2^64 - 1) / 10 as unsigned: the largest 19-digit prefix a 20th digit may follow. */
    private static final long UINT64_MAX_DIV_10 = 1844674407370955161L;
    private static final int UINT64_MAX_LAST_DIGIT = 5;

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
        final int end = offset + length;
        int i = offset;
        if (length <= 0)
        {
            return ErrorCode.INVALID_INTEGER;
        }

        boolean negative = false;
        final byte first = buffer.getByte(i);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            if (++i == end)
            {
                return ErrorCode.INVALID_INTEGER;
            }
        }

        // Leading zeros are digits but not significant, so "000…0001" of any length still fits.
        while (i < end && buffer.getByte(i) == '0')
        {
            i++;
        }

        long magnitude = 0;
        final int fastEnd = Math.min(end, i + MAX_SAFE_DIGITS);
        for (; i < fastEnd; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return ErrorCode.INVALID_INTEGER;
            }
            magnitude = magnitude * 10 + digit;
        }

        if (i < end)
        {
            return parseLongTail(buffer, i, end, magnitude, negative, kind, out);
        }
        return store(magnitude, negative, kind, out);
    }

    /** More than 19 significant digits: only a 20-digit UINT64 can fit, but syntax errors still win. */
    private static ErrorCode parseLongTail(
        final DirectBuffer buffer, final int start, final int end, final long magnitude, final boolean negative,
        final TypeKind kind, final ParsedValue out)
    {
        for (int i = start; i < end; i++)
        {
            if (!Ascii.isDigit(buffer.getByte(i)))
            {
                return ErrorCode.INVALID_INTEGER;
            }
        }
        if (end - start > 1)
        {
            return ErrorCode.INTEGER_OUT_OF_RANGE;
        }
        final int digit = buffer.getByte(start) - '0';
        final int cmp = Long.compareUnsigned(magnitude, UINT64_MAX_DIV_10);
        if (cmp > 0 || (cmp == 0 && digit > UINT64_MAX_LAST_DIGIT))
        {
            return ErrorCode.INTEGER_OUT_OF_RANGE;
        }
        return store(magnitude * 10 + digit, negative, kind, out);
    }

    /** Range check of an unsigned 64-bit magnitude against the kind, then stores the signed value. */
    private static ErrorCode store(
        final long magnitude, final boolean negative, final TypeKind kind, final ParsedValue out)
    {
        final long maxPositive;
        final boolean signed;
        switch (kind)
        {
            case INT8:
                maxPositive = Byte.MAX_VALUE;
                signed = true;
                break;
            case INT16:
                maxPositive = Short.MAX_VALUE;
                signed = true;
                break;
            case INT32:
                maxPositive = Integer.MAX_VALUE;
                signed = true;
                break;
            case INT64:
                maxPositive = Long.MAX_VALUE;
                signed = true;
                break;
            case UINT8:
                maxPositive = 0xFFL;
                signed = false;
                break;
            case UINT16:
                maxPositive = 0xFFFFL;
                signed = false;
                break;
            case UINT32:
                maxPositive = 0xFFFF_FFFFL;
                signed = false;
                break;
            case UINT64:
                maxPositive = -1L;
                signed = false;
                break;
            default:
                throw new IllegalArgumentException("not an integer kind: " + kind);
        }

        if (negative)
        {
            // Two's complement: the negative range is one larger; unsigned kinds take only -0.
            final long maxNegative = signed ? maxPositive + 1 : 0;
            if (Long.compareUnsigned(magnitude, maxNegative) > 0)
            {
                return ErrorCode.INTEGER_OUT_OF_RANGE;
            }
            out.longValue = -magnitude;
        }
        else
        {
            if (Long.compareUnsigned(magnitude, maxPositive) > 0)
            {
                return ErrorCode.INTEGER_OUT_OF_RANGE;
            }
            out.longValue = magnitude;
        }
        return ErrorCode.NONE;
    }
}
