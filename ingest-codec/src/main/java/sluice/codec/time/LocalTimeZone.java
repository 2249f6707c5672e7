package sluice.codec.time;

import org.agrona.DirectBuffer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Converts between local wall-clock seconds and UTC seconds for one zone without allocating in the steady state: it
 * caches the interval between two transitions that the last conversion fell into (sensor data is time-ordered, so
 * nearly every call hits), and asks {@link java.time.zone.ZoneRules} only on a miss. Fixed-offset zones never miss.
 * <p>
 * A local time in a DST gap is moved forward by the gap's length; in an overlap the earlier offset wins (the same
 * choices as {@link java.time.ZonedDateTime#ofLocal}). Not thread-safe: one per decoder (the instance returned by
 * {@link #utc()} has no mutable state and may be shared).
 * <p>
 * Go's {@code time.Date}, which Machbase Neo uses, resolves gaps and overlaps by the sign of the offset (west of
 * UTC a gap time moves backward and an overlap takes the earlier offset; east of UTC a gap time moves forward and an
 * overlap takes the later offset). We use java.time's rule everywhere instead: it does not depend on the hemisphere.
 */
public final class LocalTimeZone
{
    /** {@link #matchAbbreviation}: not one of the zone's names. */
    static final int NO_MATCH = 0;
    /** {@link #matchAbbreviation}: the zone's standard-time abbreviation. */
    static final int STANDARD_MATCH = 1;
    /** {@link #matchAbbreviation}: the zone's daylight-time abbreviation. */
    static final int DAYLIGHT_MATCH = 2;

    /**
     * A DST abbreviation given in a value while standard time is in effect means this much ahead (Go keeps the
     * offset that the name had in the zone's history; one hour is what every real DST abbreviation has).
     */
    private static final int DEFAULT_DST_SAVINGS_SECONDS = 3600;

    private static final LocalTimeZone UTC = new LocalTimeZone(ZoneOffset.UTC, "UTC");

    private final ZoneId zone;
    private final ZoneRules rules;
    /**
     * Null means "print the numeric form": Go prints tzdata's abbreviation, which is numeric ("+09") for zones that
     * have no real one.
     */
    private final String standardAbbreviation;
    private final String daylightAbbreviation;

    // The UTC interval [cacheStartUtc, cacheEndUtc) of one offset, and the offsets either side of it.
    private long cacheStartUtc;
    private long cacheEndUtc;
    private int cacheOffsetSeconds;
    private int cacheStandardOffsetSeconds;
    private int cachePreviousOffsetSeconds;

    private LocalTimeZone(final ZoneId zone, final String abbreviation)
    {
        this.zone = zone;
        this.rules = zone.getRules();
        if (abbreviation != null)
        {
            standardAbbreviation = abbreviation;
            daylightAbbreviation = abbreviation;
        }
        else if (zone instanceof ZoneOffset)
        {
            standardAbbreviation = ((ZoneOffset)zone).getTotalSeconds() == 0 ? "UTC" : null;
            daylightAbbreviation = standardAbbreviation;
        }
        else
        {
            // java.util.TimeZone knows CLDR's short names, some of which tzdata (and so Go) never uses ("SGT",
            // "LHST"); only the real ones are kept.
            final TimeZone timeZone = TimeZone.getTimeZone(zone);
            final int standardOffsetSeconds = rules.getStandardOffset(Instant.now()).getTotalSeconds();
            standardAbbreviation = realAbbreviation(
                timeZone.getDisplayName(false, TimeZone.SHORT, Locale.US), standardOffsetSeconds);
            daylightAbbreviation = realAbbreviation(
                timeZone.getDisplayName(true, TimeZone.SHORT, Locale.US),
                standardOffsetSeconds + DEFAULT_DST_SAVINGS_SECONDS);
        }

        if (rules.isFixedOffset())
        {
            final int offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            cacheStartUtc = Long.MIN_VALUE;
            cacheEndUtc = Long.MAX_VALUE;
            cacheOffsetSeconds = offsetSeconds;
            cacheStandardOffsetSeconds = offsetSeconds;
            cachePreviousOffsetSeconds = offsetSeconds;
        }
        else
        {
            // Empty interval: the first call misses.
            cacheStartUtc = 0;
            cacheEndUtc = 0;
        }
    }

    public static LocalTimeZone of(final ZoneId zone)
    {
        return new LocalTimeZone(zone, null);
    }

    /**
     * A zone that prints {@code abbreviation} for Go's {@code MST} token and accepts it in values (the fixed zones
     * that {@link Zones} makes for names such as {@code EST}).
     */
    static LocalTimeZone of(final ZoneId zone, final String abbreviation)
    {
        return new LocalTimeZone(zone, abbreviation);
    }

    public static LocalTimeZone utc()
    {
        return UTC;
    }

    public ZoneId zone()
    {
        return zone;
    }

    /** UTC epoch seconds of a local date-time given as seconds since 1970-01-01T00:00 local. */
    public long toUtcEpochSecond(final long localEpochSecond)
    {
        final int offsetSeconds = cacheOffsetSeconds;
        final long utc = localEpochSecond - offsetSeconds;
        if (utc >= cacheStartUtc && utc < cacheEndUtc)
        {
            final int previousOffsetSeconds = cachePreviousOffsetSeconds;
            if (previousOffsetSeconds > offsetSeconds && localEpochSecond < cacheStartUtc + previousOffsetSeconds)
            {
                // Overlap at the start of the interval: the wall time also existed before the transition.
                return localEpochSecond - previousOffsetSeconds;
            }
            return utc;
        }
        return toUtcEpochSecondSlow(localEpochSecond);
    }

    /** The zone's offset from UTC, in seconds, at a UTC instant. */
    public int offsetSecondsAt(final long utcEpochSecond)
    {
        if (utcEpochSecond < cacheStartUtc || utcEpochSecond >= cacheEndUtc)
        {
            load(utcEpochSecond);
        }
        return cacheOffsetSeconds;
    }

    /** True when daylight saving time is in effect at a UTC instant. */
    boolean isDaylightAt(final long utcEpochSecond)
    {
        return offsetSecondsAt(utcEpochSecond) != cacheStandardOffsetSeconds;
    }

    /** Abbreviation at a UTC instant as Go's {@code MST} token prints it: the name, or tzdata's numeric form. */
    void appendAbbreviation(final long utcEpochSecond, final StringBuilder out)
    {
        final boolean daylight = isDaylightAt(utcEpochSecond);
        final String name = daylight ? daylightAbbreviation : standardAbbreviation;
        if (name != null)
        {
            out.append(name);
        }
        else
        {
            appendNumericAbbreviation(cacheOffsetSeconds, out);
        }
    }

    /** tzdata's numeric abbreviation: {@code +09}, {@code -03}, {@code +0530}, {@code +1030}. */
    static void appendNumericAbbreviation(final int offsetSeconds, final StringBuilder out)
    {
        final int minutes = Math.abs(offsetSeconds) / 60;
        out.append(offsetSeconds < 0 ? '-' : '+');
        appendTwoDigits(minutes / 60, out);
        if (minutes % 60 != 0)
        {
            appendTwoDigits(minutes % 60, out);
        }
    }

    /**
     * Whether the bytes are this zone's own standard or daylight abbreviation ({@link #STANDARD_MATCH},
     * {@link #DAYLIGHT_MATCH}) or not ({@link #NO_MATCH}). Go looks a value's abbreviation up in the parse location
     * first, which is how {@code CST} means +08:00 with tz=Asia/Shanghai and -06:00 with tz=America/Chicago.
     */
    int matchAbbreviation(final DirectBuffer buffer, final int offset, final int length)
    {
        if (sameAscii(standardAbbreviation, buffer, offset, length))
        {
            return STANDARD_MATCH;
        }
        if (sameAscii(daylightAbbreviation, buffer, offset, length))
        {
            return DAYLIGHT_MATCH;
        }
        return NO_MATCH;
    }

    /**
     * UTC epoch seconds of a local time written with one of this zone's own abbreviations: the standard offset for
     * the standard name, standard plus the saving for the daylight name, whichever is in effect (Go's
     * {@code Location.lookupName}). So {@code 01:30 EST} and {@code 01:30 EDT} in New York's autumn overlap are
     * different instants, and {@code EST} in July still means -05:00.
     */
    long toUtcEpochSecond(final long localEpochSecond, final boolean daylightName)
    {
        final long guessUtc = toUtcEpochSecond(localEpochSecond);
        final int offsetSeconds = offsetSecondsAt(guessUtc);
        final int standardOffsetSeconds = cacheStandardOffsetSeconds;
        if (!daylightName)
        {
            return localEpochSecond - standardOffsetSeconds;
        }
        final int savingsSeconds = offsetSeconds != standardOffsetSeconds ?
            offsetSeconds - standardOffsetSeconds : DEFAULT_DST_SAVINGS_SECONDS;
        return localEpochSecond - standardOffsetSeconds - savingsSeconds;
    }

    private long toUtcEpochSecondSlow(final long localEpochSecond)
    {
        final LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
        final ZoneOffsetTransition transition = rules.getTransition(local);
        final long utc;
        if (transition != null)
        {
            // Gap: offset before the gap moves the time forward by the gap's length. Overlap: the earlier offset.
            utc = localEpochSecond - transition.getOffsetBefore().getTotalSeconds();
        }
        else
        {
            utc = localEpochSecond - rules.getOffset(local).getTotalSeconds();
        }
        load(utc);
        return utc;
    }

    private void load(final long utcEpochSecond)
    {
        final Instant instant = Instant.ofEpochSecond(utcEpochSecond);
        // previousTransition is strictly before its argument; one second later includes a transition at utc itself.
        final ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
        final ZoneOffsetTransition next = rules.nextTransition(instant);
        final int offsetSeconds = rules.getOffset(instant).getTotalSeconds();
        cacheOffsetSeconds = offsetSeconds;
        cacheStandardOffsetSeconds = rules.getStandardOffset(instant).getTotalSeconds();
        cacheStartUtc = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        cacheEndUtc = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        cachePreviousOffsetSeconds = previous == null ? offsetSeconds : previous.getOffsetBefore().getTotalSeconds();
    }

    private static String realAbbreviation(final String name, final int offsetSeconds)
    {
        return Zones.isTzdbAbbreviation(name, offsetSeconds) ? name : null;
    }

    private static boolean sameAscii(final String name, final DirectBuffer buffer, final int offset, final int length)
    {
        if (name == null || name.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static void appendTwoDigits(final int value, final StringBuilder out)
    {
        out.append((char)('0' + value / 10)).append((char)('0' + value % 10));
    }
}
