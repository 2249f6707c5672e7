package sluice.codec.time;

import java.time.ZoneId;

/**
 * Time-zone names as Machbase Neo's {@code tz} parameter and Go's time.LoadLocation accept them: {@code UTC} and
 * {@code Local} (any case; Local = the JVM's default zone), IANA names ({@code Asia/Seoul}), {@code GMT+9}-style
 * offsets (meaning UTC+9, unlike the POSIX-inverted {@code Etc/GMT-9} they equal), and common abbreviations
 * ({@code KST}, {@code JST}, {@code CET}, {@code EST}, {@code PST}, ...; the full table is in the source).
 */
public final class Zones
{
    private Zones()
    {
    }

    /** @throws IllegalArgumentException with the message {@code unknown time zone X}. */
    public static ZoneId resolve(final String name)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** UTC offset in seconds of a zone abbreviation as it appears in a value (Go layout token MST), or null if unknown. */
    public static Integer abbreviationOffsetSeconds(final String abbreviation)
    {
        throw new UnsupportedOperationException("stub");
    }
}
