package sluice.codec.csv;

import org.agrona.DirectBuffer;
import sluice.codec.value.DigitRun;
import sluice.codec.value.Swar;

import java.nio.ByteOrder;

/**
 * Parse-while-scanning for the plain unquoted fields that make up nearly all machine-written CSV: an integer, a
 * decimal number without exponent, or text. Each method reads a field starting at {@code from}, finds the byte that
 * ends it (delimiter, LF or CR) before {@code limit}, and returns that byte's index with the value in a field; any
 * other shape returns {@link #FALLBACK} without side effects, and the caller reads the field the general way, which
 * gives the same result. So this class only has to be right about what it accepts.
 * <p>
 * A deliberately low-level hot class: eight bytes at a time where it pays (digit runs, delimiter search), SWAR
 * tricks explained inline. Single-threaded; one per decoder.
 */
final class CsvFastPath
{
    static final int FALLBACK = -1;

    private static final long ONES = Swar.ONES;
    private static final long HIGH_BITS = Swar.HIGH_BITS;
    private static final long LF_PATTERN = ONES * '\n';
    private static final long CR_PATTERN = ONES * '\r';
    /** Exactly representable powers of ten, for Clinger's fast path. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final float[] FLOAT_POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final int NULL_UPPER = 'N' | 'U' << 8 | 'L' << 16 | 'L' << 24;
    private static final int NULL_LOWER = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;

    private byte delimiter;
    private long delimiterPattern;
    private boolean asciiOnly;

    long longValue;
    double doubleValue;
    private long scannedMantissa;
    private int scannedDigits;
    private int scannedFractionDigits;
    private boolean scannedNegative;
    private final DigitRun digitRun = new DigitRun();

    void delimiter(final byte delimiter)
    {
        this.delimiter = delimiter;
        this.delimiterPattern = ONES * (delimiter & 0xFF);
    }

    private boolean isTerminator(final byte b)
    {
        return b == delimiter || b == '\n' || b == '\r';
    }

    /**
     * {@code [-]digits} of at most 19 digits whose value fits a long, ended by a terminator. Result in
     * {@link #longValue}.
     */
    int scanInteger(final DirectBuffer buffer, final int from, final int limit)
    {
        int p = from;
        final boolean negative = p < limit && buffer.getByte(p) == '-';
        if (negative)
        {
            p++;
        }
        final int digitsStart = p;
        // 19 digits stay below 2^64: compared unsigned below.
        p = digitRun.read(buffer, p, limit, 0);
        final long magnitude = digitRun.value;
        final int digits = p - digitsStart;
        if (digits == 0 || digits > 19 || p >= limit || !isTerminator(buffer.getByte(p)))
        {
            return FALLBACK;
        }
        // Unsigned: a 19-digit magnitude may exceed Long.MAX_VALUE; only -2^63 may equal 2^63.
        if (Long.compareUnsigned(magnitude, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0)
        {
            return FALLBACK;
        }
        longValue = negative ? -magnitude : magnitude;
        return p;
    }

    /**
     * {@code [-]digits[.digits]} with at most 19 significant digits whose mantissa is exact in a double (at most
     * 2^53) and at most 22 fraction digits, ended by a terminator: then mantissa / 10^fraction is one correctly
     * rounded operation on exact operands (Clinger), the same double {@code FloatParser} returns. Result in
     * {@link #doubleValue}.
     */
    int scanDouble(final DirectBuffer buffer, final int from, final int limit)
    {
        int p = from;
        final boolean negative = p < limit && buffer.getByte(p) == '-';
        if (negative)
        {
            p++;
        }
        final int integerStart = p;
        p = digitRun.read(buffer, p, limit, 0);
        long mantissa = digitRun.value;
        int digits = p - integerStart;
        int fractionDigits = 0;
        if (p < limit && buffer.getByte(p) == '.')
        {
            final int fractionStart = ++p;
            p = digitRun.read(buffer, p, limit, mantissa);
            mantissa = digitRun.value;
            fractionDigits = p - fractionStart;
            if (fractionDigits == 0)
            {
                return FALLBACK;
            }
            digits += fractionDigits;
        }
        if (digits == 0 || digits > 18 || fractionDigits > 22 || mantissa > MAX_EXACT_MANTISSA ||
            p >= limit || !isTerminator(buffer.getByte(p)))
        {
            return FALLBACK;
        }
        final double magnitude = (double)mantissa / POWERS_OF_TEN[fractionDigits];
        doubleValue = negative ? -magnitude : magnitude;
        scannedMantissa = mantissa;
        scannedDigits = digits;
        scannedFractionDigits = fractionDigits;
        scannedNegative = negative;
        return p;
    }


    /**
     * {@code [-]digits[.digits]} into an unscaled DECIMAL(precision, scale) with precision at most 18, in
     * {@link #longValue}: missing fraction digits are zeros, extra ones are dropped (truncation toward zero, as
     * {@code DecimalParser}); an integer part longer than {@code precision - scale} digits (leading zeros aside) is
     * left to the general parser, which reports it.
     */
    int scanDecimal(final DirectBuffer buffer, final int from, final int limit, final int precision, final int scale)
    {
        int p = from;
        final boolean negative = p < limit && buffer.getByte(p) == '-';
        if (negative)
        {
            p++;
        }
        final int integerStart = p;
        long unscaled = 0;
        int significant = 0;
        while (p < limit)
        {
            final int digit = buffer.getByte(p) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (significant > 0 || digit != 0)
            {
                significant++;
            }
            unscaled = unscaled * 10 + digit;
            p++;
            if (significant > precision - scale)
            {
                return FALLBACK;
            }
        }
        final boolean hasInteger = p > integerStart;
        int fractionDigits = 0;
        if (p < limit && buffer.getByte(p) == '.')
        {
            p++;
            while (p < limit)
            {
                final int digit = buffer.getByte(p) - '0';
                if (digit < 0 || digit > 9)
                {
                    break;
                }
                if (fractionDigits < scale)
                {
                    unscaled = unscaled * 10 + digit;
                }
                fractionDigits++;
                p++;
            }
            if (fractionDigits == 0)
            {
                return FALLBACK;
            }
        }
        if (!hasInteger || p >= limit || !isTerminator(buffer.getByte(p)))
        {
            return FALLBACK;
        }
        for (int f = fractionDigits; f < scale; f++)
        {
            unscaled *= 10;
        }
        longValue = negative ? -unscaled : unscaled;
        return p;
    }

    /** As {@link #scanDouble} for FLOAT32: at most 7 digits, a mantissa of at most 2^24, 10 fraction digits. */
    int scanFloat(final DirectBuffer buffer, final int from, final int limit)
    {
        final int at = scanDouble(buffer, from, limit);
        if (at < 0 || scannedDigits > 7 || scannedFractionDigits > 10 || scannedMantissa > (1L << 24))
        {
            return FALLBACK;
        }
        final float magnitude = (float)scannedMantissa / FLOAT_POWERS_OF_TEN[scannedFractionDigits];
        doubleValue = scannedNegative ? -magnitude : magnitude;
        return at;
    }

    /** {@code true} or {@code false} (strict), also any case and 1 / 0 when lenient; result in {@link #longValue}. */
    int scanBoolean(final DirectBuffer buffer, final int from, final int limit, final boolean strict)
    {
        int at = FALLBACK;
        if (from + 4 < limit && isWord(buffer, from, "true", strict))
        {
            longValue = 1;
            at = from + 4;
        }
        else if (from + 5 < limit && isWord(buffer, from, "false", strict))
        {
            longValue = 0;
            at = from + 5;
        }
        else if (!strict && from + 1 < limit && (buffer.getByte(from) == '1' || buffer.getByte(from) == '0'))
        {
            longValue = buffer.getByte(from) - '0';
            at = from + 1;
        }
        return at >= 0 && isTerminator(buffer.getByte(at)) ? at : FALLBACK;
    }

    private static boolean isWord(final DirectBuffer buffer, final int from, final String word, final boolean exact)
    {
        for (int i = 0; i < word.length(); i++)
        {
            final int b = buffer.getByte(from + i);
            if (b != word.charAt(i) && (exact || (b | 0x20) != word.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /** True if {@code [from, to)} is exactly NULL or null. */
    static boolean isNullWord(final DirectBuffer buffer, final int from, final int to)
    {
        if (to - from != 4)
        {
            return false;
        }
        final int word = buffer.getInt(from, ByteOrder.LITTLE_ENDIAN);
        return word == NULL_UPPER || word == NULL_LOWER;
    }

    /**
     * Text up to the first terminator. Returns its index, or {@link #FALLBACK} if none lies before {@code limit};
     * {@link #textWasAscii()} says whether the text had only ASCII bytes (then it needs no UTF-8 check).
     */
    int scanText(final DirectBuffer buffer, final int from, final int limit)
    {
        final long delimiters = delimiterPattern;
        long seen = 0;
        int p = from;
        while (p <= limit - Long.BYTES)
        {
            final long word = buffer.getLong(p, ByteOrder.LITTLE_ENDIAN);
            // A byte equal to t is a zero byte of word ^ t*0x01..01; the lowest flagged byte is exact.
            final long found =
                Swar.zeroBytes(word ^ delimiters) | Swar.zeroBytes(word ^ LF_PATTERN) | Swar.zeroBytes(word ^ CR_PATTERN);
            if (found != 0)
            {
                final int at = Long.numberOfTrailingZeros(found) >>> 3;
                // Only the bytes before the terminator count as text.
                seen |= at == 0 ? 0 : word & (-1L >>> (64 - (at << 3)));
                asciiOnly = (seen & HIGH_BITS) == 0;
                return p + at;
            }
            seen |= word;
            p += Long.BYTES;
        }
        while (p < limit)
        {
            final byte b = buffer.getByte(p);
            if (isTerminator(b))
            {
                asciiOnly = (seen & HIGH_BITS) == 0;
                return p;
            }
            seen |= b & 0x80;
            p++;
        }
        return FALLBACK;
    }

    boolean textWasAscii()
    {
        return asciiOnly;
    }



}
