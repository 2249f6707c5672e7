package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.server.e2e.QueryE2e.epochNanos;
import static sluice.server.e2e.QueryE2e.fetch;
import static sluice.server.e2e.QueryE2e.format;
import static sluice.server.e2e.QueryE2e.quote;

/**
 * {@code timeformat} and {@code tz} of {@code /db/query}: epoch units, named layouts and Go layouts in UTC,
 * Asia/Seoul and America/New_York (winter and summer offsets, date roll-over). Expected texts are computed with
 * java.time from the instants written, never taken from the server.
 */
class MachbaseQueryTimeE2eTest
{
    private static final String TABLE = "TIMES";
    /** Winter, with every nanosecond digit. */
    private static final Instant W = Instant.parse("2023-02-15T03:39:21.123456789Z");
    /** A whole second. */
    private static final Instant Z = Instant.parse("2023-02-15T03:39:22Z");
    /** Summer (New York on -04:00), a date roll-over in Seoul, trailing zeros in the fraction. */
    private static final Instant S = Instant.parse("2023-07-04T16:05:09.987000000Z");
    private static final List<Instant> ALL = List.of(W, Z, S);
    private static final String SELECT = "select time from TIMES order by time";
    private static final String[] ZONES = {"UTC", "Asia/Seoul", "America/New_York"};

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void start() throws Exception
    {
        QueryE2e.createTag(server, TABLE);
        QueryE2e.write(server, TABLE, "text/csv",
            "w," + epochNanos(W) + ",1\nz," + epochNanos(Z) + ",2\ns," + epochNanos(S) + ",3\n", 3);
    }

    private static String numbers(final ToLongFunction<Instant> unit)
    {
        final List<String> rows = new ArrayList<>();
        for (final Instant t : ALL)
        {
            rows.add("[" + unit.applyAsLong(t) + "]");
        }
        return "[" + String.join(",", rows) + "]";
    }

    private static String strings(final Function<Instant, String> text)
    {
        final List<String> rows = new ArrayList<>();
        for (final Instant t : ALL)
        {
            rows.add("[" + quote(text.apply(t)) + "]");
        }
        return "[" + String.join(",", rows) + "]";
    }

    private static String jsonRows(final String... params) throws Exception
    {
        final QueryE2e.Fetch f = fetch(server.query(SELECT, params));
        assertEquals("[\"TIME\"]", f.columns());
        assertEquals("[\"datetime\"]", f.types(), "a datetime column keeps its type whatever the timeformat");
        return f.rows();
    }

    @Test
    void epochUnitsAndDefault() throws Exception
    {
        final String ns = numbers(QueryE2e::epochNanos);
        assertEquals(ns, jsonRows());
        assertEquals(ns, jsonRows("timeformat", "ns"));
        assertEquals(numbers(t -> epochNanos(t) / 1_000L), jsonRows("timeformat", "us"));
        assertEquals(numbers(Instant::toEpochMilli), jsonRows("timeformat", "ms"));
        assertEquals(numbers(Instant::getEpochSecond), jsonRows("timeformat", "s"));
    }

    @Test
    void epochUnitsIgnoreTheZone() throws Exception
    {
        for (final String zone : ZONES)
        {
            assertEquals(numbers(QueryE2e::epochNanos), jsonRows("tz", zone), zone);
            assertEquals(numbers(Instant::toEpochMilli), jsonRows("timeformat", "ms", "tz", zone), zone);
            assertEquals(numbers(Instant::getEpochSecond), jsonRows("timeformat", "s", "tz", zone), zone);
        }
    }

    /** {@code Default} = {@code 2006-01-02 15:04:05.999}: milliseconds, trailing zeros dropped. */
    @Test
    void defaultLayout() throws Exception
    {
        for (final String zone : ZONES)
        {
            final String expected = strings(t -> format(t, zone, "uuuu-MM-dd HH:mm:ss", 3, true, null));
            assertEquals(expected, jsonRows("timeformat", "Default", "tz", zone), zone);
            assertEquals(expected, jsonRows("timeformat", "default", "tz", zone), "named layouts ignore case");
        }
        // Spot checks written out by hand, so that the helper itself is checked too.
        assertEquals("[[\"2023-02-15 03:39:21.123\"],[\"2023-02-15 03:39:22\"],[\"2023-07-04 16:05:09.987\"]]",
            jsonRows("timeformat", "Default"));
        assertEquals("[[\"2023-02-15 12:39:21.123\"],[\"2023-02-15 12:39:22\"],[\"2023-07-05 01:05:09.987\"]]",
            jsonRows("timeformat", "Default", "tz", "Asia/Seoul"));
        assertEquals("[[\"2023-02-14 22:39:21.123\"],[\"2023-02-14 22:39:22\"],[\"2023-07-04 12:05:09.987\"]]",
            jsonRows("timeformat", "Default", "tz", "America/New_York"));
    }

    @Test
    void rfc3339() throws Exception
    {
        for (final String zone : ZONES)
        {
            assertEquals(strings(t -> format(t, zone, "uuuu-MM-dd'T'HH:mm:ss", 0, false, "XXX")),
                jsonRows("timeformat", "RFC3339", "tz", zone), zone);
        }
        assertEquals("[[\"2023-02-15T03:39:21Z\"],[\"2023-02-15T03:39:22Z\"],[\"2023-07-04T16:05:09Z\"]]",
            jsonRows("timeformat", "RFC3339"));
        assertEquals("[[\"2023-02-14T22:39:21-05:00\"],[\"2023-02-14T22:39:22-05:00\"]," +
            "[\"2023-07-04T12:05:09-04:00\"]]", jsonRows("timeformat", "rfc3339", "tz", "America/New_York"));
    }

    @Test
    void rfc3339Nano() throws Exception
    {
        for (final String zone : ZONES)
        {
            assertEquals(strings(t -> format(t, zone, "uuuu-MM-dd'T'HH:mm:ss", 9, true, "XXX")),
                jsonRows("timeformat", "RFC3339Nano", "tz", zone), zone);
        }
        assertEquals("[[\"2023-02-15T12:39:21.123456789+09:00\"],[\"2023-02-15T12:39:22+09:00\"]," +
            "[\"2023-07-05T01:05:09.987+09:00\"]]", jsonRows("timeformat", "RFC3339Nano", "tz", "Asia/Seoul"));
    }

    @Test
    void goLayouts() throws Exception
    {
        for (final String zone : ZONES)
        {
            assertEquals(strings(t -> format(t, zone, "uuuu/MM/dd HH:mm:ss", 6, false, " xx")),
                jsonRows("timeformat", "2006/01/02 15:04:05.000000 -0700", "tz", zone), zone);
            assertEquals(strings(t -> format(t, zone, "EEE MMM ppd hh:mm:ssa uuuu z", 0, false, null)),
                jsonRows("timeformat", "Mon Jan _2 03:04:05PM 2006 MST", "tz", zone), zone);
            // The seed's read-back layout: 12-hour clock, optional nanoseconds.
            assertEquals(strings(t -> format(t, zone, "uuuu-MM-dd hh:mm:ss", 9, true, null)),
                jsonRows("timeformat", "2006-01-02 03:04:05.999999999", "tz", zone), zone);
        }
        assertEquals("[[\"Tue Feb 14 10:39:21PM 2023 EST\"],[\"Tue Feb 14 10:39:22PM 2023 EST\"]," +
            "[\"Tue Jul  4 12:05:09PM 2023 EDT\"]]",
            jsonRows("timeformat", "Mon Jan _2 03:04:05PM 2006 MST", "tz", "America/New_York"));
    }

    @Test
    void zoneAliases() throws Exception
    {
        final String seoul = jsonRows("timeformat", "RFC3339Nano", "tz", "Asia/Seoul");
        assertEquals(seoul, jsonRows("timeformat", "RFC3339Nano", "tz", "KST"));
        // GMT+9 is the POSIX-inverted Etc/GMT-9: nine hours east.
        assertEquals(strings(t -> format(t, "Etc/GMT-9", "uuuu-MM-dd'T'HH:mm:ss", 9, true, "XXX")),
            jsonRows("timeformat", "RFC3339Nano", "tz", "GMT+9"));
        assertEquals(jsonRows("timeformat", "RFC3339Nano"), jsonRows("timeformat", "RFC3339Nano", "tz", "utc"));
        final String local = ZoneId.systemDefault().getId();
        assertEquals(strings(t -> format(t, local, "uuuu-MM-dd HH:mm:ss", 3, true, null)),
            jsonRows("timeformat", "Default", "tz", "Local"));
        assertEquals(jsonRows("timeformat", "Default", "tz", "Local"),
            jsonRows("timeformat", "Default", "tz", "LOCAL"));
    }

    @Test
    void nullTimesStayNullInEveryTimeformat() throws Exception
    {
        final String sql = "select cast(null as timestamp_ns) as t";
        for (final String timeformat : new String[] {"ns", "ms", "s", "Default", "RFC3339Nano", "2006-01-02"})
        {
            final QueryE2e.Fetch f = fetch(server.query(sql, "timeformat", timeformat, "tz", "Asia/Seoul"));
            assertEquals("[\"datetime\"]", f.types(), timeformat);
            assertEquals("[[null]]", f.rows(), timeformat);
        }
        assertEquals("NULL\n", server.rowsCsv(sql, "timeformat", "Default"));
    }

    /** DuckDB's microsecond TIMESTAMP (from SQL, not from Machbase DDL) is a datetime too. */
    @Test
    void microsecondTimestampsAreDatetimes() throws Exception
    {
        final Instant t = Instant.parse("2023-02-15T03:39:21.123456Z");
        final QueryE2e.Fetch f = fetch(server.query(
            "select cast('2023-02-15 03:39:21.123456' as timestamp) as t", "timeformat", "RFC3339Nano"));
        assertEquals("[\"datetime\"]", f.types());
        assertEquals("[[" + quote(format(t, "UTC", "uuuu-MM-dd'T'HH:mm:ss", 9, true, "XXX")) + "]]", f.rows());
        assertEquals("[[" + epochNanos(t) + "]]",
            fetch(server.query("select cast('2023-02-15 03:39:21.123456' as timestamp) as t")).rows());
    }

    @Test
    void unknownZoneIs400() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "timeformat", "Default", "tz", "Mars/Olympus");
        final String reason = QueryE2e.failure(r, 400);
        assertEquals("unknown time zone Mars/Olympus", reason);
    }

    /** CSV prints the same texts; a layout with a comma (RFC1123) is quoted as RFC 4180 says. */
    @Test
    void csvWithLayoutsAndQuoting() throws Exception
    {
        final String zone = "Asia/Seoul";
        final StringBuilder expected = new StringBuilder("NAME,TIME\n");
        final String[] names = {"w", "z", "s"};
        for (int i = 0; i < ALL.size(); i++)
        {
            expected.append(names[i]).append(",\"")
                .append(format(ALL.get(i), zone, "EEE, dd MMM uuuu HH:mm:ss z", 0, false, null)).append("\"\n");
        }
        expected.append('\n');
        final HttpResponse<String> r = server.query("select name, time from TIMES order by time", "format", "csv",
            "timeformat", "RFC1123", "tz", zone);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expected.toString(), r.body());
        assertTrue(r.body().contains("\"Wed, 15 Feb 2023 12:39:21 KST\""), r.body());
    }

    @Test
    void csvAndNdjsonWithEpochUnits() throws Exception
    {
        assertEquals(W.toEpochMilli() + "\n" + Z.toEpochMilli() + "\n" + S.toEpochMilli() + "\n",
            server.rowsCsv(SELECT, "timeformat", "ms"));
        final HttpResponse<String> r = server.query(SELECT, "format", "ndjson", "timeformat", "us");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"TIME\":" + epochNanos(W) / 1000 + "}\n{\"TIME\":" + epochNanos(Z) / 1000 + "}\n" +
            "{\"TIME\":" + epochNanos(S) / 1000 + "}\n\n", r.body());
    }

    @Test
    void boxWithLayout() throws Exception
    {
        final HttpResponse<String> r = server.query(SELECT, "format", "box", "timeformat", "RFC3339Nano",
            "heading", "false");
        assertEquals(200, r.statusCode(), r.body());
        final List<List<String>> rows = new ArrayList<>();
        for (final Instant t : ALL)
        {
            rows.add(List.of(format(t, "UTC", "uuuu-MM-dd'T'HH:mm:ss", 9, true, "XXX")));
        }
        assertEquals(QueryE2e.box(null, rows), r.body());
    }

    /** Times written in a zone's wall clock come back the same through the same zone (the seed's round trip). */
    @Test
    void seedRoundTripInNewYork() throws Exception
    {
        QueryE2e.createTag(server, "NYSEED");
        QueryE2e.write(server, "NYSEED?timeformat=" + TestServer.encode("03:04:05.999999999-SPLIT-2006-01-02") +
                "&tz=America/New_York", "text/csv",
            "wave.sin,10:39:21-SPLIT-2023-02-14 ,0.111111\nwave.sin,10:39:22.111111111-SPLIT-2023-02-14 ,0.222222\n",
            2);
        assertEquals("wave.sin,2023-02-14 10:39:21,0.111111\nwave.sin,2023-02-14 10:39:22.111111111,0.222222\n",
            server.rowsCsv("select * from NYSEED order by time", "timeformat", "2006-01-02 03:04:05.999999999",
                "tz", "America/New_York"));
        // And in UTC: 10:39 EST is 15:39Z.
        assertEquals("wave.sin,2023-02-14T15:39:21Z,0.111111\nwave.sin,2023-02-14T15:39:22.111111111Z,0.222222\n",
            server.rowsCsv("select * from NYSEED order by time", "timeformat", "RFC3339Nano"));
    }
}
