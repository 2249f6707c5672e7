package sluice.server.machbase;

/**
 * Go's {@code time.Duration.String()}, which Neo prints as {@code "elapse"}: {@code 0s}, {@code 512ns},
 * {@code 1.5µs} (U+00B5 MICRO SIGN), {@code 1.234ms}, {@code 2.5s}, {@code 1m2.5s}, {@code 1h0m0s}; fractions
 * without trailing zeros, hours the largest unit, a leading {@code -} when negative. Stateless and thread-safe.
 */
final class GoDuration
{
    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration()
    {
    }

    static String format(final long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }
        final StringBuilder out = new StringBuilder(24);
        if (nanos < 0)
        {
            out.append('-');
        }
        // The magnitude as an unsigned long: Long.MIN_VALUE ns is representable only that way, as in Go's uint64.
        final long u = nanos < 0 ? -nanos : nanos;
        if (Long.compareUnsigned(u, SECOND) < 0)
        {
            if (u < MICROSECOND)
            {
                out.append(u).append("ns");
            }
            else if (u < MILLISECOND)
            {
                appendFraction(u, 3, out);
                out.append("µs");
            }
            else
            {
                appendFraction(u, 6, out);
                out.append("ms");
            }
            return out.toString();
        }
        final long seconds = Long.divideUnsigned(u, SECOND);
        final long fraction = Long.remainderUnsigned(u, SECOND);
        final long hours = seconds / 3600;
        final long minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            out.append(minutes).append('m');
        }
        out.append(seconds % 60);
        appendFractionDigits(fraction, 9, out);
        out.append('s');
        return out.toString();
    }

    /** {@code value / 10^digits} with its fraction: the integer part, then {@link #appendFractionDigits}. */
    private static void appendFraction(final long value, final int digits, final StringBuilder out)
    {
        long scale = 1;
        for (int i = 0; i < digits; i++)
        {
            scale *= 10;
        }
        out.append(value / scale);
        appendFractionDigits(value % scale, digits, out);
    }

    /** {@code .ddd} of a fraction with {@code digits} places, trailing zeros dropped; nothing when it is zero. */
    private static void appendFractionDigits(final long fraction, final int digits, final StringBuilder out)
    {
        if (fraction == 0)
        {
            return;
        }
        long f = fraction;
        int places = digits;
        while (f % 10 == 0)
        {
            f /= 10;
            places--;
        }
        final String text = Long.toString(f);
        out.append('.');
        for (int i = text.length(); i < places; i++)
        {
            out.append('0');
        }
        out.append(text);
    }
}
