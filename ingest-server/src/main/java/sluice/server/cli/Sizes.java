package sluice.server.cli;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes ({@code 256MiB}, {@code 1g}, {@code 65536}) and durations ({@code 30s}, {@code 5ms}) as users write them. */
public final class Sizes
{
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h)?");

    private Sizes()
    {
    }

    /** Binary multiples: {@code k} = 1024. A bare number is bytes. */
    public static long bytes(final String text)
    {
        final Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 65536, 64KiB, 256MiB, 1GiB)");
        }
        final int shift = switch (m.group(2))
        {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        final long value = Long.parseLong(m.group(1));
        if (value > (Long.MAX_VALUE >> shift))
        {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return value << shift;
    }

    /** A bare number is milliseconds. */
    public static long nanos(final String text)
    {
        final Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 30s, 2m)");
        }
        final long value = Long.parseLong(m.group(1));
        final String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit)
        {
            case "ns" -> value;
            case "us" -> TimeUnit.MICROSECONDS.toNanos(value);
            case "ms" -> TimeUnit.MILLISECONDS.toNanos(value);
            case "s" -> TimeUnit.SECONDS.toNanos(value);
            case "m" -> TimeUnit.MINUTES.toNanos(value);
            default -> TimeUnit.HOURS.toNanos(value);
        };
    }

    public static int intBytes(final String text)
    {
        final long value = bytes(text);
        if (value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("size too large (at most 2GiB - 1): '" + text + "'");
        }
        return (int)value;
    }
}
