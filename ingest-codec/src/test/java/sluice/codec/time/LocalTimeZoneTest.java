package sluice.codec.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LocalTimeZoneTest
{
    private static final String[] ZONES =
    {
        "America/New_York", "Europe/Berlin", "Asia/Seoul", "Australia/Lord_Howe", "UTC", "Europe/Dublin",
        "America/St_Johns", "Pacific/Apia", "+09:00", "-05:30", "Etc/GMT-9",
    };

    /** Years 0..9999 as local epoch seconds. */
    private static final long MIN_LOCAL = EpochDays.MIN_EPOCH_SECOND + 86_400;
    private static final long MAX_LOCAL = EpochDays.MAX_EPOCH_SECOND - 86_400;

    @Test
    void randomInstantsMatchJavaTime()
    {
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        for (final String id : ZONES)
        {
            final ZoneId zoneId = ZoneId.of(id);
            final LocalTimeZone zone = LocalTimeZone.of(zoneId);
            for (int i = 0; i < 5_000; i++)
            {
                // Mostly modern times, where the transitions are; some anywhere in years 0..9999.
                final long local = random.nextInt(4) == 0 ? random.nextLong(MIN_LOCAL, MAX_LOCAL) :
                    random.nextLong(-2_500_000_000L, 4_200_000_000L);
                checkLocal(zone, zoneId, local, "seed " + seed);
                final long utc = random.nextLong(MIN_LOCAL, MAX_LOCAL);
                assertEquals(zoneId.getRules().getOffset(Instant.ofEpochSecond(utc)).getTotalSeconds(),
                    zone.offsetSecondsAt(utc), "seed " + seed + " " + id + " utc " + utc);
            }
        }
    }

    @Test
    void timeOrderedInstantsMatchJavaTime()
    {
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        for (final String id : ZONES)
        {
            final ZoneId zoneId = ZoneId.of(id);
            final LocalTimeZone zone = LocalTimeZone.of(zoneId);
            long local = LocalDateTime.of(2019, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
            for (int i = 0; i < 20_000; i++)
            {
                local += random.nextInt(20_000);
                checkLocal(zone, zoneId, local, "seed " + seed);
            }
        }
    }

    /** Every transition from 1900 to 2100: local times around it in 5-minute steps, both directions. */
    @Test
    void gapsAndOverlapsAroundEveryTransition()
    {
        for (final String id : ZONES)
        {
            final ZoneId zoneId = ZoneId.of(id);
            final ZoneRules rules = zoneId.getRules();
            final LocalTimeZone zone = LocalTimeZone.of(zoneId);
            Instant at = Instant.parse("1900-01-01T00:00:00Z");
            ZoneOffsetTransition transition;
            while ((transition = rules.nextTransition(at)) != null && transition.getInstant().getEpochSecond() <
                Instant.parse("2100-01-01T00:00:00Z").getEpochSecond())
            {
                final long center = transition.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
                for (long local = center - 7200; local <= center + 7200; local += 300)
                {
                    checkLocal(zone, zoneId, local, "forward");
                }
                for (long local = center + 7200; local >= center - 7200; local -= 300)
                {
                    checkLocal(zone, zoneId, local, "backward");
                }
                at = transition.getInstant();
            }
        }
    }

    @Test
    void documentedChoices()
    {
        final LocalTimeZone newYork = LocalTimeZone.of(ZoneId.of("America/New_York"));
        // 2023-03-12 02:30 does not exist: moved forward by the hour's gap, 03:30 EDT.
        assertEquals(Instant.parse("2023-03-12T07:30:00Z").getEpochSecond(),
            newYork.toUtcEpochSecond(local("2023-03-12T02:30:00")));
        // 2023-11-05 01:30 happens twice: the earlier, EDT.
        assertEquals(Instant.parse("2023-11-05T05:30:00Z").getEpochSecond(),
            newYork.toUtcEpochSecond(local("2023-11-05T01:30:00")));
        final LocalTimeZone berlin = LocalTimeZone.of(ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2023-03-26T01:30:00Z").getEpochSecond(),
            berlin.toUtcEpochSecond(local("2023-03-26T02:30:00")));
        assertEquals(Instant.parse("2023-10-29T00:30:00Z").getEpochSecond(),
            berlin.toUtcEpochSecond(local("2023-10-29T02:30:00")));
        assertSame(LocalTimeZone.utc(), LocalTimeZone.utc());
        assertEquals(ZoneOffset.UTC, LocalTimeZone.utc().zone());
    }

    @Test
    void abbreviationsAsGoPrintsThem()
    {
        assertAbbreviation("America/New_York", "2023-01-15T12:00:00Z", "EST");
        assertAbbreviation("America/New_York", "2023-07-15T12:00:00Z", "EDT");
        assertAbbreviation("Europe/Berlin", "2023-01-15T12:00:00Z", "CET");
        assertAbbreviation("Europe/Berlin", "2023-07-15T12:00:00Z", "CEST");
        assertAbbreviation("Europe/London", "2023-07-15T12:00:00Z", "BST");
        assertAbbreviation("Europe/London", "2023-01-15T12:00:00Z", "GMT");
        assertAbbreviation("Asia/Seoul", "2023-01-15T12:00:00Z", "KST");
        assertAbbreviation("Asia/Tokyo", "2023-01-15T12:00:00Z", "JST");
        assertAbbreviation("Asia/Shanghai", "2023-01-15T12:00:00Z", "CST");
        assertAbbreviation("Asia/Kolkata", "2023-01-15T12:00:00Z", "IST");
        assertAbbreviation("Australia/Sydney", "2023-01-15T12:00:00Z", "AEDT");
        assertAbbreviation("UTC", "2023-01-15T12:00:00Z", "UTC");
        assertAbbreviation("Etc/UTC", "2023-01-15T12:00:00Z", "UTC");
        // tzdata has no letters for these, so Go prints the number.
        assertAbbreviation("Asia/Singapore", "2023-01-15T12:00:00Z", "+08");
        assertAbbreviation("Asia/Dubai", "2023-01-15T12:00:00Z", "+04");
        assertAbbreviation("Asia/Riyadh", "2023-01-15T12:00:00Z", "+03");
        assertAbbreviation("America/Sao_Paulo", "2023-01-15T12:00:00Z", "-03");
        assertAbbreviation("Australia/Lord_Howe", "2023-07-15T12:00:00Z", "+1030");
        assertAbbreviation("Australia/Lord_Howe", "2023-01-15T12:00:00Z", "+11");
        assertAbbreviation("Etc/GMT-9", "2023-01-15T12:00:00Z", "+09");
        assertAbbreviation("-05:30", "2023-01-15T12:00:00Z", "-0530");
    }

    private static void assertAbbreviation(final String zone, final String instant, final String expected)
    {
        final StringBuilder out = new StringBuilder();
        LocalTimeZone.of(ZoneId.of(zone)).appendAbbreviation(Instant.parse(instant).getEpochSecond(), out);
        assertEquals(expected, out.toString(), zone + " at " + instant);
    }

    private static long local(final String dateTime)
    {
        return LocalDateTime.parse(dateTime).toEpochSecond(ZoneOffset.UTC);
    }

    private static void checkLocal(final LocalTimeZone zone, final ZoneId zoneId, final long local, final String context)
    {
        final LocalDateTime dateTime = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        final long expected = ZonedDateTime.ofLocal(dateTime, zoneId, null).toEpochSecond();
        assertEquals(expected, zone.toUtcEpochSecond(local), context + ": " + zoneId + " " + dateTime);
    }
}
