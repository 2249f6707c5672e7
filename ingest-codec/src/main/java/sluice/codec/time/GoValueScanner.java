package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.value.Ascii;

/**
 * Go's value-scanning helpers from {@code time/format.go} ({@code getnum}, {@code lookup}, {@code skip},
 * {@code parseTimeZone}, ...) over a {@link DirectBuffer}. Methods that return a number and a position pack them in
 * one long ({@link #pack}) so that nothing is allocated; {@link #FAILED} means the bytes did not match.
 */
final class GoValueScanner
{
    static final long FAILED = -1L;

    private GoValueScanner()
    {
    }

    /**
     * Go's parseTimeZone: the length of a zone abbreviation at {@code pos}, or 0. Three upper-case letters; four or
     * five ending in T (and WITA); ChST and MeST; GMT with an optional signed hour; a signed hour alone (plus, our
     * extension, a signed hhmm: the numeric abbreviations tzdata gives zones like Australia/Lord_Howe, "+1030").
     */
    static int parseTimeZone(final DirectBuffer buffer, final int pos, final int limit)
    {
        final int available = limit - pos;
        if (available < 3)
        {
            return 0;
        }
        if (available >= 4 && (matchesAt(buffer, pos, "ChST") || matchesAt(buffer, pos, "MeST")))
        {
            return 4;
        }
        if (matchesAt(buffer, pos, "GMT"))
        {
            return 3 + parseSignedOffset(buffer, pos + 3, limit, false);
        }
        final byte first = buffer.getByte(pos);
        if (first == '+' || first == '-')
        {
            return parseSignedOffset(buffer, pos, limit, true);
        }
        int upper = 0;
        while (upper < 6 && upper < available)
        {
            final byte b = buffer.getByte(pos + upper);
            if (b < 'A' || b > 'Z')
            {
                break;
            }
            upper++;
        }
        switch (upper)
        {
            case 3:
                return 3;
            case 4:
                return buffer.getByte(pos + 3) == 'T' || matchesAt(buffer, pos, "WITA") ? 4 : 0;
            case 5:
                return buffer.getByte(pos + 4) == 'T' ? 5 : 0;
            default:
                return 0;
        }
    }

    /** Go's parseSignedOffset: sign and an hour 0..23 (all digits are read); the length taken, or 0. */
    static int parseSignedOffset(
        final DirectBuffer buffer, final int pos, final int limit, final boolean allowHhmm)
    {
        if (pos >= limit)
        {
            return 0;
        }
        final byte sign = buffer.getByte(pos);
        if (sign != '+' && sign != '-')
        {
            return 0;
        }
        final int digits = countDigits(buffer, pos + 1, limit);
        if (digits == 0 || digits > 9)
        {
            return 0;
        }
        final int value = parseUnsigned(buffer, pos + 1, pos + 1 + digits);
        if (allowHhmm && digits == 4)
        {
            return value / 100 <= 23 && value % 100 < 60 ? 5 : 0;
        }
        return value <= 23 ? 1 + digits : 0;
    }

    static int twoDigits(final DirectBuffer buffer, final int pos)
    {
        final byte high = buffer.getByte(pos);
        final byte low = buffer.getByte(pos + 1);
        if (!Ascii.isDigit(high) || !Ascii.isDigit(low))
        {
            return -1;
        }
        return (high - '0') * 10 + (low - '0');
    }

    /** Go's getnum: one or two digits (exactly two if fixed); packed value and position, or {@link #FAILED}. */
    static long getNumber(final DirectBuffer buffer, final int pos, final int limit, final boolean fixed)
    {
        if (pos >= limit || !Ascii.isDigit(buffer.getByte(pos)))
        {
            return FAILED;
        }
        final int first = buffer.getByte(pos) - '0';
        if (pos + 1 >= limit || !Ascii.isDigit(buffer.getByte(pos + 1)))
        {
            return fixed ? FAILED : pack(first, pos + 1);
        }
        return pack(first * 10 + buffer.getByte(pos + 1) - '0', pos + 2);
    }

    /** Go's getnum3: one to three digits (exactly three if fixed). */
    static long getNumber3(final DirectBuffer buffer, final int pos, final int limit, final boolean fixed)
    {
        int value = 0;
        int i = 0;
        while (i < 3 && pos + i < limit && Ascii.isDigit(buffer.getByte(pos + i)))
        {
            value = value * 10 + buffer.getByte(pos + i) - '0';
            i++;
        }
        if (i == 0 || (fixed && i != 3))
        {
            return FAILED;
        }
        return pack(value, pos + i);
    }

    /** Go's lookup: the first name the value starts with, ignoring ASCII case; packed index and position. */
    static long lookup(final String[] names, final DirectBuffer buffer, final int pos, final int limit)
    {
        for (int i = 0; i < names.length; i++)
        {
            final String name = names[i];
            final int length = name.length();
            if (limit - pos >= length && matchIgnoreCase(buffer, pos, name))
            {
                return pack(i, pos + length);
            }
        }
        return FAILED;
    }

    /** Go's match: equal bytes, or letters equal ignoring case. */
    static boolean matchIgnoreCase(final DirectBuffer buffer, final int pos, final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            int c1 = buffer.getByte(pos + i);
            int c2 = name.charAt(i);
            if (c1 != c2)
            {
                c1 |= 'a' - 'A';
                c2 |= 'a' - 'A';
                if (c1 != c2 || c1 < 'a' || c1 > 'z')
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Go's skip: consumes the literal; a space in it matches a run of spaces (none if the value has ended). Returns
     * the new position or -1.
     */
    static int skip(final DirectBuffer buffer, final int position, final int limit, final byte[] prefix)
    {
        int pos = position;
        int p = 0;
        while (p < prefix.length)
        {
            if (prefix[p] == ' ')
            {
                if (pos < limit && buffer.getByte(pos) != ' ')
                {
                    return -1;
                }
                while (p < prefix.length && prefix[p] == ' ')
                {
                    p++;
                }
                while (pos < limit && buffer.getByte(pos) == ' ')
                {
                    pos++;
                }
                continue;
            }
            if (pos >= limit || buffer.getByte(pos) != prefix[p])
            {
                return -1;
            }
            p++;
            pos++;
        }
        return pos;
    }

    static boolean matchesAt(final DirectBuffer buffer, final int pos, final String literal)
    {
        for (int i = 0; i < literal.length(); i++)
        {
            if (buffer.getByte(pos + i) != literal.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    static boolean isCommaOrPeriod(final byte b)
    {
        return b == '.' || b == ',';
    }

    static int countDigits(final DirectBuffer buffer, final int pos, final int limit)
    {
        int i = pos;
        while (i < limit && Ascii.isDigit(buffer.getByte(i)))
        {
            i++;
        }
        return i - pos;
    }

    /** Nanoseconds of a fraction's digits; digits beyond the ninth are truncated, as Go does. */
    static int parseNanos(final DirectBuffer buffer, final int pos, final int digits)
    {
        final int used = Math.min(digits, 9);
        int nanos = 0;
        for (int i = 0; i < used; i++)
        {
            nanos = nanos * 10 + buffer.getByte(pos + i) - '0';
        }
        for (int i = used; i < 9; i++)
        {
            nanos *= 10;
        }
        return nanos;
    }

    /** Digits in [pos, limit), known to be digits and few enough for an int. */
    static int parseUnsigned(final DirectBuffer buffer, final int pos, final int limit)
    {
        int value = 0;
        for (int i = pos; i < limit; i++)
        {
            value = value * 10 + buffer.getByte(i) - '0';
        }
        return value;
    }

    static long pack(final int value, final int position)
    {
        return ((long)value << 32) | position;
    }

    static int value(final long packed)
    {
        return (int)(packed >>> 32);
    }

    static int position(final long packed)
    {
        return (int)packed;
    }
}
