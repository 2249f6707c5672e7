package sluice.codec.time;

import sluice.codec.value.Ascii;

/**
 * The tokens of a Go layout, their name tables, and Go's tokenizer ({@code time/format.go}, {@code nextStdChunk})
 * ported as is, so that a layout splits exactly where Go splits it. The tokenizer runs when {@link GoLayout} compiles
 * a layout; the codes and tables are what its parse and format switch on.
 */
final class GoLayoutTokens
{
    // Token codes: Go's std values without its flag bits.
    static final int LONG_MONTH = 1;
    static final int MONTH = 2;
    static final int NUM_MONTH = 3;
    static final int ZERO_MONTH = 4;
    static final int LONG_WEEKDAY = 5;
    static final int WEEKDAY = 6;
    static final int DAY = 7;
    static final int UNDER_DAY = 8;
    static final int ZERO_DAY = 9;
    static final int UNDER_YEAR_DAY = 10;
    static final int ZERO_YEAR_DAY = 11;
    static final int HOUR = 12;
    static final int HOUR12 = 13;
    static final int ZERO_HOUR12 = 14;
    static final int MINUTE = 15;
    static final int ZERO_MINUTE = 16;
    static final int SECOND = 17;
    static final int ZERO_SECOND = 18;
    static final int LONG_YEAR = 19;
    static final int YEAR = 20;
    static final int PM = 21;
    static final int PM_LOWER = 22;
    static final int TZ = 23;
    static final int ISO8601_TZ = 24;
    static final int ISO8601_SECONDS_TZ = 25;
    static final int ISO8601_SHORT_TZ = 26;
    static final int ISO8601_COLON_TZ = 27;
    static final int ISO8601_COLON_SECONDS_TZ = 28;
    static final int NUM_TZ = 29;
    static final int NUM_SECONDS_TZ = 30;
    static final int NUM_SHORT_TZ = 31;
    static final int NUM_COLON_TZ = 32;
    static final int NUM_COLON_SECONDS_TZ = 33;
    static final int FRAC_SECOND_0 = 34;
    static final int FRAC_SECOND_9 = 35;

    /** Go's std0x: the tokens "01" .. "06". */
    static final int[] ZERO_X = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};

    static final String[] LONG_DAY_NAMES =
        {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static final String[] SHORT_DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static final String[] SHORT_MONTH_NAMES =
        {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] LONG_MONTH_NAMES =
        {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"};

    private GoLayoutTokens()
    {
    }

    static boolean isFraction(final int code)
    {
        return code == FRAC_SECOND_0 || code == FRAC_SECOND_9;
    }

    /** The "Z" variants of the offset tokens, which print and accept Z for UTC. */
    static boolean isIso8601Zone(final int code)
    {
        return code >= ISO8601_TZ && code <= ISO8601_COLON_SECONDS_TZ;
    }

    /** Compile-time scratch for {@link #nextStdChunk}. */
    static final class Chunk
    {
        int prefixEnd;
        int code;
        int end;
        int fractionDigits;
        char fractionSeparator;
    }

    /**
     * Go's nextStdChunk, from {@code from}: the first token's start, code and end, or code 0 and the layout's end.
     * Order matters as in Go: "January" before "Jan", "Monday" before "Mon" (and neither when a lower-case letter
     * follows: "Month" is literal), "2006" before "2", "15" before "1", "002" after "01".."06", "_2006" as a literal
     * underscore and a year.
     */
    static void nextStdChunk(final String layout, final int from, final Chunk chunk)
    {
        final int length = layout.length();
        chunk.fractionDigits = 0;
        chunk.fractionSeparator = '.';
        for (int i = from; i < length; i++)
        {
            final char c = layout.charAt(i);
            switch (c)
            {
                case 'J':
                    if (layout.startsWith("Jan", i))
                    {
                        if (layout.startsWith("January", i))
                        {
                            set(chunk, i, LONG_MONTH, i + 7);
                            return;
                        }
                        if (!startsWithLowerCase(layout, i + 3))
                        {
                            set(chunk, i, MONTH, i + 3);
                            return;
                        }
                    }
                    break;
                case 'M':
                    if (layout.startsWith("Mon", i))
                    {
                        if (layout.startsWith("Monday", i))
                        {
                            set(chunk, i, LONG_WEEKDAY, i + 6);
                            return;
                        }
                        if (!startsWithLowerCase(layout, i + 3))
                        {
                            set(chunk, i, WEEKDAY, i + 3);
                            return;
                        }
                    }
                    if (layout.startsWith("MST", i))
                    {
                        set(chunk, i, TZ, i + 3);
                        return;
                    }
                    break;
                case '0':
                    if (i + 1 < length && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6')
                    {
                        set(chunk, i, ZERO_X[layout.charAt(i + 1) - '1'], i + 2);
                        return;
                    }
                    if (layout.startsWith("002", i))
                    {
                        set(chunk, i, ZERO_YEAR_DAY, i + 3);
                        return;
                    }
                    break;
                case '1':
                    if (i + 1 < length && layout.charAt(i + 1) == '5')
                    {
                        set(chunk, i, HOUR, i + 2);
                        return;
                    }
                    set(chunk, i, NUM_MONTH, i + 1);
                    return;
                case '2':
                    if (layout.startsWith("2006", i))
                    {
                        set(chunk, i, LONG_YEAR, i + 4);
                        return;
                    }
                    set(chunk, i, DAY, i + 1);
                    return;
                case '_':
                    if (i + 1 < length && layout.charAt(i + 1) == '2')
                    {
                        // "_2006" is a literal underscore and then a year.
                        if (layout.startsWith("2006", i + 1))
                        {
                            set(chunk, i + 1, LONG_YEAR, i + 5);
                            return;
                        }
                        set(chunk, i, UNDER_DAY, i + 2);
                        return;
                    }
                    if (layout.startsWith("__2", i))
                    {
                        set(chunk, i, UNDER_YEAR_DAY, i + 3);
                        return;
                    }
                    break;
                case '3':
                    set(chunk, i, HOUR12, i + 1);
                    return;
                case '4':
                    set(chunk, i, MINUTE, i + 1);
                    return;
                case '5':
                    set(chunk, i, SECOND, i + 1);
                    return;
                case 'P':
                    if (i + 1 < length && layout.charAt(i + 1) == 'M')
                    {
                        set(chunk, i, PM, i + 2);
                        return;
                    }
                    break;
                case 'p':
                    if (i + 1 < length && layout.charAt(i + 1) == 'm')
                    {
                        set(chunk, i, PM_LOWER, i + 2);
                        return;
                    }
                    break;
                case '-':
                    if (numericZone(layout, i, chunk, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, NUM_TZ, NUM_COLON_TZ,
                        NUM_SHORT_TZ))
                    {
                        return;
                    }
                    break;
                case 'Z':
                    if (numericZone(layout, i, chunk, ISO8601_SECONDS_TZ, ISO8601_COLON_SECONDS_TZ, ISO8601_TZ,
                        ISO8601_COLON_TZ, ISO8601_SHORT_TZ))
                    {
                        return;
                    }
                    break;
                case '.':
                case ',':
                    if (i + 1 < length && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9'))
                    {
                        final char digit = layout.charAt(i + 1);
                        int j = i + 1;
                        while (j < length && layout.charAt(j) == digit)
                        {
                            j++;
                        }
                        // The run of digits must end here: only a fractional second is all digits.
                        if (!(j < length && Ascii.isDigit(layout.charAt(j))))
                        {
                            set(chunk, i, digit == '0' ? FRAC_SECOND_0 : FRAC_SECOND_9, j);
                            chunk.fractionDigits = j - (i + 1);
                            chunk.fractionSeparator = c;
                            return;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        set(chunk, length, 0, length);
    }

    /** The five offset tokens after a '-' or 'Z' at i, longest first as Go checks them. */
    private static boolean numericZone(
        final String layout, final int i, final Chunk chunk, final int secondsCode, final int colonSecondsCode,
        final int plainCode, final int colonCode, final int shortCode)
    {
        if (layout.startsWith("070000", i + 1))
        {
            set(chunk, i, secondsCode, i + 7);
        }
        else if (layout.startsWith("07:00:00", i + 1))
        {
            set(chunk, i, colonSecondsCode, i + 9);
        }
        else if (layout.startsWith("0700", i + 1))
        {
            set(chunk, i, plainCode, i + 5);
        }
        else if (layout.startsWith("07:00", i + 1))
        {
            set(chunk, i, colonCode, i + 6);
        }
        else if (layout.startsWith("07", i + 1))
        {
            set(chunk, i, shortCode, i + 3);
        }
        else
        {
            return false;
        }
        return true;
    }

    private static void set(final Chunk chunk, final int prefixEnd, final int code, final int end)
    {
        chunk.prefixEnd = prefixEnd;
        chunk.code = code;
        chunk.end = end;
    }

    private static boolean startsWithLowerCase(final String layout, final int i)
    {
        return i < layout.length() && layout.charAt(i) >= 'a' && layout.charAt(i) <= 'z';
    }
}
