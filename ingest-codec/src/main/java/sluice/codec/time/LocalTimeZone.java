package sluice.codec.time;

import java.time.ZoneId;

/**
 * Converts between local wall-clock seconds and UTC seconds for one zone without allocating in the steady state: it
 * caches the interval between two transitions that the last conversion fell into (sensor data is time-ordered, so
 * nearly every call hits), and asks {@link java.time.zone.ZoneRules} only on a miss. Fixed-offset zones never miss.
 * <p>
 * A local time in a DST gap is moved forward by the gap's length; in an overlap the earlier offset wins (the same
 * choices as {@link java.time.ZonedDateTime#ofLocal}). Not thread-safe: one per decoder.
 */
public final class LocalTimeZone
{
    private LocalTimeZone(final ZoneId zone)
    {
        throw new UnsupportedOperationException("stub");
    }

    public static LocalTimeZone of(final ZoneId zone)
    {
        return new LocalTimeZone(zone);
    }

    public static LocalTimeZone utc()
    {
        throw new UnsupportedOperationException("stub");
    }

    public ZoneId zone()
    {
        throw new UnsupportedOperationException("stub");
    }

    /** UTC epoch seconds of a local date-time given as seconds since 1970-01-01T00:00 local. */
    public long toUtcEpochSecond(final long localEpochSecond)
    {
        throw new UnsupportedOperationException("stub");
    }

    /** The zone's offset from UTC, in seconds, at a UTC instant. */
    public int offsetSecondsAt(final long utcEpochSecond)
    {
        throw new UnsupportedOperationException("stub");
    }
}
