package sluice.codec.csv;

import org.agrona.DirectBuffer;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.Utf8;

/**
 * Reads one plain field with {@link CsvFastPath} and binds it through the {@link ValueBinder}, by the column's fast
 * kind ({@link ValueBinder#fastTextKind}): one small method per kind, so the decoder's record loop inlines the ones it
 * uses. Each returns the index of the byte that ended the field, or {@link CsvFastPath#FALLBACK} having bound nothing;
 * the decoder then reads the field the general way, which gives the same result. Single-threaded; one per decoder.
 */
final class CsvFieldBinder
{
    private final CsvFastPath fast;
    private final ValueBinder binder;

    CsvFieldBinder(final CsvFastPath fast, final ValueBinder binder)
    {
        this.fast = fast;
        this.binder = binder;
    }

    /** Binds the field at {@code from} as its column's fast kind; see {@link CsvFastPath} for the contract. */
    int bind(final byte kind, final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        switch (kind)
        {
            case ValueBinder.FAST_STRING: return string(buffer, from, limit, column);
            case ValueBinder.FAST_INTEGER: return integer(buffer, from, limit, column);
            case ValueBinder.FAST_EPOCH_NANOS: return epochNanos(buffer, from, limit, column);
            case ValueBinder.FAST_FLOAT64: return float64(buffer, from, limit, column);
            case ValueBinder.FAST_FLOAT32: return float32(buffer, from, limit, column);
            case ValueBinder.FAST_DECIMAL: return decimal(buffer, from, limit, column);
            case ValueBinder.FAST_BOOLEAN: return bool(buffer, from, limit, column);
            case ValueBinder.FAST_STRING_OR_NULL_WORD: return stringOrNullWord(buffer, from, limit, column);
            case ValueBinder.FAST_TEXT: return text(buffer, from, limit, column);
            default: return CsvFastPath.FALLBACK;
        }
    }

    int string(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanText(buffer, from, limit);
        if (at < 0 || (!fast.textWasAscii() && !Utf8.isValid(buffer, from, at - from)))
        {
            return CsvFastPath.FALLBACK;
        }
        binder.putValidText(column, buffer, from, at - from);
        return at;
    }

    int stringOrNullWord(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanText(buffer, from, limit);
        if (at < 0 || (!fast.textWasAscii() && !Utf8.isValid(buffer, from, at - from)))
        {
            return CsvFastPath.FALLBACK;
        }
        if (CsvFastPath.isNullWord(buffer, from, at))
        {
            binder.putParsedNull(column);
        }
        else
        {
            binder.putValidText(column, buffer, from, at - from);
        }
        return at;
    }

    int integer(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanInteger(buffer, from, limit);
        if (at < 0 || !binder.integerFits(column, fast.longValue))
        {
            return CsvFastPath.FALLBACK;
        }
        binder.putParsedLong(column, fast.longValue);
        return at;
    }

    int epochNanos(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanInteger(buffer, from, limit);
        if (at >= 0)
        {
            binder.putParsedLong(column, fast.longValue);
        }
        return at;
    }

    int float64(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanDouble(buffer, from, limit);
        if (at >= 0)
        {
            binder.putParsedDouble(column, fast.doubleValue);
        }
        return at;
    }

    int float32(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanFloat(buffer, from, limit);
        if (at >= 0)
        {
            binder.putParsedDouble(column, fast.doubleValue);
        }
        return at;
    }

    int decimal(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at =
            fast.scanDecimal(buffer, from, limit, binder.decimalPrecision(column), binder.decimalScale(column));
        if (at >= 0)
        {
            binder.putParsedLong(column, fast.longValue);
        }
        return at;
    }

    int bool(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanBoolean(buffer, from, limit, binder.strictBooleans());
        if (at >= 0)
        {
            binder.putParsedBoolean(column, fast.longValue != 0);
        }
        return at;
    }

    /** Any other column: find the end, bind once. A failed bind puts nothing; the general path reports the error. */
    int text(final DirectBuffer buffer, final int from, final int limit, final int column)
    {
        final int at = fast.scanText(buffer, from, limit);
        return at < 0 || binder.bindText(column, buffer, from, at - from) != ErrorCode.NONE ? CsvFastPath.FALLBACK : at;
    }
}
