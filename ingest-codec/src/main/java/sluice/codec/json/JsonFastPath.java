package sluice.codec.json;

import org.agrona.DirectBuffer;
import sluice.codec.value.DigitRun;
import sluice.codec.value.Swar;

import java.nio.ByteOrder;

/**
 * Scanners for the JSON scalars that make up machine-written rows, for the decoders' fast paths. Each reads one
 * token at {@code p}, entirely before {@code end}, with exactly the grammar {@link JsonLexer} applies (RFC 8259), and
 * returns the index after it, or {@link #FALLBACK} for anything it does not take (escapes, exponents it cannot make
 * exact, a token cut by the chunk end, malformed input); the caller then lets the lexer read that part, which gives
 * the same tokens or reports the error. So this class only has to be right about what it accepts.
 * <p>
 * A deliberately low-level hot class. Single-threaded; one per decoder.
 */
final class JsonFastPath
{
    static final int FALLBACK = -1;

    private static final long ONES = Swar.ONES;
    private static final long HIGH_BITS = Swar.HIGH_BITS;
    private static final long QUOTE_PATTERN = ONES * '"';
    private static final long BACKSLASH_PATTERN = ONES * '\\';
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private final DigitRun digitRun = new DigitRun();
    /** Line feeds skipped by {@link #skipWhitespace} since the caller last cleared it. */
    int newlines;
    /** After {@link #scanString}: the content had only ASCII bytes. */
    boolean asciiOnly;
    /** After {@link #scanNumber}: no fraction and no exponent. */
    boolean integer;
    /** After {@link #scanNumber} of an integer of at most 19 digits that fits: its value. */
    boolean longFits;
    long longValue;
    /** After {@link #scanNumber}: the double, when it could be made exactly (Clinger's fast path). */
    boolean doubleExact;
    double doubleValue;

    /** The first index at or after {@code p} that is not JSON whitespace (space, tab, CR, LF), at most {@code end}. */
    int skipWhitespace(final DirectBuffer buffer, final int p, final int end)
    {
        int i = p;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (b == ' ' || b == '\t' || b == '\r')
            {
                i++;
            }
            else if (b == '\n')
            {
                newlines++;
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    /**
     * A string without escapes starting with its quote at {@code p}: returns the index of the closing quote (content
     * is {@code [p + 1, result)}), or {@link #FALLBACK}. Eight bytes at a time for the quote and backslash search.
     */
    int scanString(final DirectBuffer buffer, final int p, final int end)
    {
        long seen = 0;
        int i = p + 1;
        while (i <= end - Long.BYTES)
        {
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
            // A quote, a backslash, or a control byte (< 0x20: its top three bits are clear).
            final long special = Swar.zeroBytes(word ^ QUOTE_PATTERN) | Swar.zeroBytes(word ^ BACKSLASH_PATTERN) |
                Swar.zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0L);
            if (special != 0)
            {
                final int at = Long.numberOfTrailingZeros(special) >>> 3;
                final int index = i + at;
                if (buffer.getByte(index) != '"')
                {
                    return FALLBACK;
                }
                seen |= at == 0 ? 0 : word & (-1L >>> (64 - (at << 3)));
                asciiOnly = (seen & HIGH_BITS) == 0;
                return index;
            }
            seen |= word;
            i += Long.BYTES;
        }
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                asciiOnly = (seen & HIGH_BITS) == 0;
                return i;
            }
            if (b == '\\' || (b & 0xFF) < 0x20)
            {
                return FALLBACK;
            }
            seen |= b & 0x80;
            i++;
        }
        return FALLBACK;
    }

    /**
     * A number at {@code p} ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}), ended by a byte that cannot
     * continue it before {@code end}. Sets {@link #integer}, {@link #longFits}/{@link #longValue},
     * {@link #doubleExact}/{@link #doubleValue}. Returns the index after the number, or {@link #FALLBACK}.
     */
    int scanNumber(final DirectBuffer buffer, final int p, final int end)
    {
        int i = p;
        final boolean negative = i < end && buffer.getByte(i) == '-';
        if (negative)
        {
            i++;
        }
        if (i >= end)
        {
            return FALLBACK;
        }
        final int integerStart = i;
        long mantissa = 0;
        final byte first = buffer.getByte(i);
        if (first == '0')
        {
            i++;
        }
        else if (first >= '1' && first <= '9')
        {
            i = digitRun.read(buffer, i, end, 0);
            mantissa = digitRun.value;
        }
        else
        {
            return FALLBACK;
        }
        int digits = i - integerStart;
        int fractionDigits = 0;
        boolean exponent = false;
        if (i < end && buffer.getByte(i) == '.')
        {
            final int fractionStart = ++i;
            i = digitRun.read(buffer, i, end, mantissa);
            mantissa = digitRun.value;
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0)
            {
                return FALLBACK;
            }
            digits += fractionDigits;
        }
        if (i < end && (buffer.getByte(i) | 0x20) == 'e')
        {
            exponent = true;
            i++;
            if (i < end && (buffer.getByte(i) == '+' || buffer.getByte(i) == '-'))
            {
                i++;
            }
            final int exponentStart = i;
            while (i < end && buffer.getByte(i) >= '0' && buffer.getByte(i) <= '9')
            {
                i++;
            }
            if (i == exponentStart)
            {
                return FALLBACK;
            }
        }
        if (i >= end)
        {
            // The number may continue in the next chunk.
            return FALLBACK;
        }
        integer = fractionDigits == 0 && !exponent;
        // 19 digits stay below 2^64; the magnitude is compared unsigned, only -2^63 may equal 2^63.
        longFits = integer && digits <= 19 &&
            Long.compareUnsigned(mantissa, negative ? Long.MIN_VALUE : Long.MAX_VALUE) <= 0;
        longValue = negative ? -mantissa : mantissa;
        doubleExact = !exponent && digits <= 18 && fractionDigits <= 22 && mantissa <= MAX_EXACT_MANTISSA;
        if (doubleExact)
        {
            final double magnitude = (double)mantissa / POWERS_OF_TEN[fractionDigits];
            doubleValue = negative ? -magnitude : magnitude;
        }
        return i;
    }

    /** {@code literal} at {@code p} and before {@code end}: the index after it, else {@link #FALLBACK}. */
    static int scanLiteral(final DirectBuffer buffer, final int p, final int end, final String literal)
    {
        final int n = literal.length();
        if (end - p <= n)
        {
            return FALLBACK;
        }
        for (int k = 0; k < n; k++)
        {
            if (buffer.getByte(p + k) != literal.charAt(k))
            {
                return FALLBACK;
            }
        }
        return p + n;
    }



}
