package sluice.codec.time;

import org.agrona.DirectBuffer;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time-zone names as Machbase Neo's {@code tz} parameter and Go's time.LoadLocation accept them: {@code UTC} and
 * {@code Local} (any case; Local = the JVM's default zone), IANA names ({@code Asia/Seoul}), {@code GMT+9}-style
 * offsets (meaning UTC+9, unlike the POSIX-inverted {@code Etc/GMT-9} they equal), and common abbreviations
 * ({@code KST}, {@code JST}, {@code CET}, {@code EST}, {@code PST}, ...; the full table is in the source).
 * <p>
 * Resolution order: UTC/Local, then {@code (UTC|GMT|UT)(+|-)H[H][[:]MM]} (any case), then IANA names (exact case, as
 * Go on Linux), then the abbreviation table (any case). An abbreviation whose only modern use is one zone without
 * DST resolves to that zone ({@code KST} → Asia/Seoul, {@code JST} → Asia/Tokyo, {@code IST} → Asia/Kolkata, so
 * historical instants get their historical offsets); every other abbreviation is a fixed offset that prints as that
 * abbreviation, as Go's tzdata zones {@code EST}, {@code MST} and {@code HST} are ({@code EST} → fixed -05:00, also
 * in July). {@code CET}, {@code EET}, {@code WET} and {@code MET} are IANA zone names and so keep their DST rules,
 * as in Go. {@code CST} is US Central (-06:00), not China: tz=Asia/Shanghai still reads a {@code CST} in a value as
 * +08:00, because a zone's own abbreviations win (see {@link LocalTimeZone}).
 */
public final class Zones
{
    /** {@link #findAbbreviation}: not in the table. */
    static final int NOT_FOUND = -1;
    /** {@link #parsePrefixedOffset}: not an offset. */
    static final int NOT_AN_OFFSET = Integer.MIN_VALUE;

    /**
     * One row of the table: the abbreviation (as values spell it), its UTC offset, the zone a {@code tz} of that name
     * resolves to (null: a fixed offset printing as the abbreviation), and whether tzdata (so Go) prints it.
     */
    private record Abbreviation(String name, int offsetSeconds, String zoneId, boolean tzdb)
    {
    }

    private static final int HOUR = 3600;

    private static final Abbreviation[] ABBREVIATIONS =
    {
        new Abbreviation("UTC", 0, "UTC", true),
        new Abbreviation("GMT", 0, "GMT", true),
        new Abbreviation("UT", 0, "UTC", false),
        new Abbreviation("Z", 0, "UTC", false),
        // North America. CST is US Central; China Standard Time is also written CST (see the class comment).
        new Abbreviation("EST", -5 * HOUR, null, true),
        new Abbreviation("EDT", -4 * HOUR, null, true),
        new Abbreviation("CST", -6 * HOUR, null, true),
        new Abbreviation("CDT", -5 * HOUR, null, true),
        new Abbreviation("MST", -7 * HOUR, null, true),
        new Abbreviation("MDT", -6 * HOUR, null, true),
        new Abbreviation("PST", -8 * HOUR, null, true),
        new Abbreviation("PDT", -7 * HOUR, null, true),
        new Abbreviation("AKST", -9 * HOUR, null, true),
        new Abbreviation("AKDT", -8 * HOUR, null, true),
        new Abbreviation("HST", -10 * HOUR, null, true),
        new Abbreviation("HDT", -9 * HOUR, null, true),
        new Abbreviation("AST", -4 * HOUR, null, true),
        new Abbreviation("ADT", -3 * HOUR, null, true),
        new Abbreviation("NST", -(3 * HOUR + 1800), null, true),
        new Abbreviation("NDT", -(2 * HOUR + 1800), null, true),
        // Europe and Africa.
        new Abbreviation("WET", 0, null, true),
        new Abbreviation("WEST", HOUR, null, true),
        new Abbreviation("BST", HOUR, null, true),
        new Abbreviation("CET", HOUR, null, true),
        new Abbreviation("CEST", 2 * HOUR, null, true),
        new Abbreviation("MET", HOUR, null, true),
        new Abbreviation("MEST", 2 * HOUR, null, true),
        new Abbreviation("EET", 2 * HOUR, null, true),
        new Abbreviation("EEST", 3 * HOUR, null, true),
        new Abbreviation("MSK", 3 * HOUR, "Europe/Moscow", true),
        new Abbreviation("MSD", 4 * HOUR, null, true),
        new Abbreviation("WAT", HOUR, null, true),
        new Abbreviation("CAT", 2 * HOUR, null, true),
        new Abbreviation("EAT", 3 * HOUR, null, true),
        new Abbreviation("SAST", 2 * HOUR, "Africa/Johannesburg", true),
        // Asia. IST is India (Israel's and Ireland's IST are left to their zones' own names).
        new Abbreviation("IST", 5 * HOUR + 1800, "Asia/Kolkata", true),
        new Abbreviation("IDT", 3 * HOUR, null, true),
        new Abbreviation("PKT", 5 * HOUR, "Asia/Karachi", true),
        new Abbreviation("ICT", 7 * HOUR, "Asia/Bangkok", false),
        new Abbreviation("WIB", 7 * HOUR, "Asia/Jakarta", true),
        new Abbreviation("WITA", 8 * HOUR, "Asia/Makassar", true),
        new Abbreviation("WIT", 9 * HOUR, "Asia/Jayapura", true),
        new Abbreviation("HKT", 8 * HOUR, "Asia/Hong_Kong", true),
        new Abbreviation("HKST", 9 * HOUR, null, true),
        new Abbreviation("SGT", 8 * HOUR, "Asia/Singapore", false),
        new Abbreviation("PHT", 8 * HOUR, "Asia/Manila", false),
        new Abbreviation("KST", 9 * HOUR, "Asia/Seoul", true),
        new Abbreviation("KDT", 10 * HOUR, null, true),
        new Abbreviation("JST", 9 * HOUR, "Asia/Tokyo", true),
        new Abbreviation("JDT", 10 * HOUR, null, true),
        // Oceania.
        new Abbreviation("AWST", 8 * HOUR, "Australia/Perth", true),
        new Abbreviation("ACST", 9 * HOUR + 1800, null, true),
        new Abbreviation("ACDT", 10 * HOUR + 1800, null, true),
        new Abbreviation("AEST", 10 * HOUR, null, true),
        new Abbreviation("AEDT", 11 * HOUR, null, true),
        new Abbreviation("NZST", 12 * HOUR, null, true),
        new Abbreviation("NZDT", 13 * HOUR, null, true),
        new Abbreviation("ChST", 10 * HOUR, "Pacific/Guam", true),
        new Abbreviation("SST", -11 * HOUR, "Pacific/Pago_Pago", true),
    };

    /** Abbreviations tzdata gives zones at other offsets than the table's ("CST" is also China and Cuba). */
    private static final String[] AMBIGUOUS = {"CST", "CDT", "IST"};

    private Zones()
    {
    }

    /** @throws IllegalArgumentException with the message {@code unknown time zone X}. */
    public static ZoneId resolve(final String name)
    {
        return resolveLocal(name).zone();
    }

    /** As {@link #resolve}, keeping the abbreviation a fixed zone made from the table prints as. */
    static LocalTimeZone resolveLocal(final String name)
    {
        if (name == null || name.isEmpty())
        {
            throw unknown(name);
        }
        if (name.equalsIgnoreCase("UTC"))
        {
            return LocalTimeZone.utc();
        }
        if (name.equalsIgnoreCase("Local"))
        {
            return LocalTimeZone.of(ZoneId.systemDefault());
        }

        final int offsetSeconds = parsePrefixedOffset(name);
        if (offsetSeconds != NOT_AN_OFFSET)
        {
            return LocalTimeZone.of(ZoneOffset.ofTotalSeconds(offsetSeconds));
        }

        if (name.indexOf('/') >= 0 || isIanaWithoutSlash(name))
        {
            try
            {
                return LocalTimeZone.of(ZoneId.of(name));
            }
            catch (final DateTimeException ex)
            {
                throw unknown(name);
            }
        }

        for (final Abbreviation abbreviation : ABBREVIATIONS)
        {
            if (abbreviation.name().equalsIgnoreCase(name))
            {
                if (abbreviation.zoneId() != null)
                {
                    return LocalTimeZone.of(ZoneId.of(abbreviation.zoneId()));
                }
                return LocalTimeZone.of(
                    ZoneOffset.ofTotalSeconds(abbreviation.offsetSeconds()), abbreviation.name());
            }
        }
        throw unknown(name);
    }

    /** UTC offset in seconds of a zone abbreviation as it appears in a value (Go layout token MST), or null if unknown. */
    public static Integer abbreviationOffsetSeconds(final String abbreviation)
    {
        for (final Abbreviation candidate : ABBREVIATIONS)
        {
            if (candidate.name().equals(abbreviation))
            {
                return candidate.offsetSeconds();
            }
        }
        return null;
    }

    /** Index of the abbreviation spelled exactly by the bytes (a value's case), or {@link #NOT_FOUND}. */
    static int findAbbreviation(final DirectBuffer buffer, final int offset, final int length)
    {
        final Abbreviation[] abbreviations = ABBREVIATIONS;
        for (int i = 0; i < abbreviations.length; i++)
        {
            final String name = abbreviations[i].name();
            if (name.length() == length)
            {
                int j = 0;
                while (j < length && buffer.getByte(offset + j) == name.charAt(j))
                {
                    j++;
                }
                if (j == length)
                {
                    return i;
                }
            }
        }
        return NOT_FOUND;
    }

    /** Offset of the abbreviation at an index from {@link #findAbbreviation}. */
    static int abbreviationOffsetSeconds(final int index)
    {
        return ABBREVIATIONS[index].offsetSeconds();
    }

    /**
     * True for an abbreviation that tzdata really gives a zone at this offset, which is what Go prints; CLDR, which
     * java.util.TimeZone follows, also invents names ("SGT", "LHST") and reuses some for other zones (Riyadh "AST").
     */
    static boolean isTzdbAbbreviation(final String name, final int offsetSeconds)
    {
        for (final Abbreviation abbreviation : ABBREVIATIONS)
        {
            if (abbreviation.tzdb() && abbreviation.name().equals(name))
            {
                return abbreviation.offsetSeconds() == offsetSeconds || isAmbiguous(name);
            }
        }
        return false;
    }

    private static boolean isAmbiguous(final String name)
    {
        for (final String ambiguous : AMBIGUOUS)
        {
            if (ambiguous.equals(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code (UTC|GMT|UT)?(+|-)H[H][[:]MM]}, prefix in any case, as seconds east of UTC; {@link #NOT_AN_OFFSET} if
     * the name has another shape or the offset is beyond ±18:00 (java.time's limit).
     */
    static int parsePrefixedOffset(final String name)
    {
        int i = 0;
        final int length = name.length();
        if (name.regionMatches(true, 0, "UTC", 0, 3) || name.regionMatches(true, 0, "GMT", 0, 3))
        {
            i = 3;
        }
        else if (name.regionMatches(true, 0, "UT", 0, 2))
        {
            i = 2;
        }
        if (i >= length || (name.charAt(i) != '+' && name.charAt(i) != '-'))
        {
            return NOT_AN_OFFSET;
        }
        final boolean negative = name.charAt(i) == '-';
        i++;
        final int hoursStart = i;
        while (i < length && i - hoursStart < 2 && isDigit(name.charAt(i)))
        {
            i++;
        }
        if (i == hoursStart)
        {
            return NOT_AN_OFFSET;
        }
        final int hours = Integer.parseInt(name, hoursStart, i, 10);
        int minutes = 0;
        if (i < length)
        {
            if (name.charAt(i) == ':')
            {
                i++;
            }
            if (length - i != 2 || !isDigit(name.charAt(i)) || !isDigit(name.charAt(i + 1)))
            {
                return NOT_AN_OFFSET;
            }
            minutes = Integer.parseInt(name, i, length, 10);
        }
        if (minutes > 59 || hours * 60 + minutes > 18 * 60)
        {
            return NOT_AN_OFFSET;
        }
        final int seconds = (hours * 60 + minutes) * 60;
        return negative ? -seconds : seconds;
    }

    /** tzdata names without a slash: CET, EST5EDT, GMT, Japan, ... (not EST, MST, HST: java.time lacks them). */
    private static boolean isIanaWithoutSlash(final String name)
    {
        return ZoneId.getAvailableZoneIds().contains(name);
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException unknown(final String name)
    {
        return new IllegalArgumentException("unknown time zone " + name);
    }
}
