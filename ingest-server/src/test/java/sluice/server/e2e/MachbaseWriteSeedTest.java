package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.server.e2e.MachbaseWriteSupport.ELAPSE;
import static sluice.server.e2e.MachbaseWriteSupport.assertInserted;
import static sluice.server.e2e.MachbaseWriteSupport.assertWriteSuccess;
import static sluice.server.e2e.MachbaseWriteSupport.at;
import static sluice.server.e2e.MachbaseWriteSupport.boxCells;
import static sluice.server.e2e.MachbaseWriteSupport.flush;
import static sluice.server.e2e.MachbaseWriteSupport.goDefault;
import static sluice.server.e2e.MachbaseWriteSupport.goFloat;
import static sluice.server.e2e.MachbaseWriteSupport.goRfc3339;
import static sluice.server.e2e.MachbaseWriteSupport.gzip;
import static sluice.server.e2e.MachbaseWriteSupport.ns;
import static sluice.server.e2e.MachbaseWriteSupport.reason;
import static sluice.server.e2e.MachbaseWriteSupport.resource;
import static sluice.server.e2e.MachbaseWriteSupport.tree;

/**
 * Every example of the seed (seeds/machbase-neo-http-write.txt), as written: the bodies are the seed's, verbatim, in
 * {@code src/test/resources/e2e/machbase-write/}; headers and query parameters are the seed's. Each test starts from a
 * fresh {@code EXAMPLE} table created exactly as the seed's curl does, writes, then reads the rows back and checks
 * them against times computed here with java.time, and runs the seed's "Select rows" query where it has one.
 */
class MachbaseWriteSeedTest
{
    private static final String CREATE_EXAMPLE =
        "create tag table EXAMPLE (name varchar(40) primary key, time datetime basetime, value double)";
    private static final String WRITE = "/db/write/EXAMPLE";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneOffset.UTC;

    @RegisterExtension
    static final TestServer s = TestServer.perClass();

    /** The seed's curl: {@code curl -o - …/db/query --data-urlencode "q=create tag table EXAMPLE (…)"}, a POST form. */
    @BeforeEach
    void freshExampleTable() throws Exception
    {
        s.query("drop table EXAMPLE"); // absent before the first test: its answer does not matter
        final HttpResponse<String> created = s.post("/db/query", "application/x-www-form-urlencoded",
            "q=" + TestServer.encode(CREATE_EXAMPLE));
        assertResult(created, "Created successfully.");
    }

    // Inputs

    @Test
    void json() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE, "application/json", resource("seed-json-epoch.json"));
        assertInserted(r, 2);
        assertEquals(
            "json-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.0001\n" +
                "json-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.0002\n",
            rows());
    }

    @Test
    void compressedJson() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE, "application/json", gzip(resource("seed-json-epoch.json")),
            "Content-Encoding", "gzip");
        assertInserted(r, 2);
        assertEquals(
            "json-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.0001\n" +
                "json-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.0002\n",
            rows());
    }

    @Test
    void jsonWithTimeformat() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?timeformat=DEFAULT&tz=Asia/Seoul", "application/json",
            resource("seed-json-timeformat.json"));
        assertInserted(r, 2);
        assertEquals(
            "json-data," + ns(at("2022-12-07 02:32:22"), SEOUL) + ",1.0001\n" +
                "json-data," + ns(at("2022-12-07 02:32:23"), SEOUL) + ",2.0002\n",
            rows());
        // 02:32:22 in Seoul (UTC+9) is 17:32:22 UTC the day before
        assertEquals("json-data,2022-12-06T17:32:22Z\njson-data,2022-12-06T17:32:23Z\n",
            s.rowsCsv("select name, time from EXAMPLE order by time", "timeformat", "RFC3339"));
    }

    @Test
    void ndjson() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE, "application/x-ndjson", resource("seed-ndjson-epoch.ndjson"));
        assertInserted(r, 2);
        assertEquals(
            "ndjson-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.001\n" +
                "ndjson-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.002\n",
            rows());
    }

    /** The http block: {@code timeformat=DEFAULT&tz=Local}. */
    @Test
    void ndjsonWithTimeformatLocal() throws Exception
    {
        ndjsonLocal("?timeformat=DEFAULT&tz=Local");
    }

    /** The curl line: {@code timeformat=Default&tz=Local}. */
    @Test
    void ndjsonWithTimeformatLocalCurl() throws Exception
    {
        ndjsonLocal("?timeformat=Default&tz=Local");
    }

    /**
     * {@code Local} is the server's zone. The server runs in this JVM, so the test moves the JVM's default zone away
     * from the machine's (often UTC, which would hide a server that ignores {@code tz=Local}) for the request and
     * the read-back, and computes the expected instants in that zone.
     */
    private static void ndjsonLocal(final String query) throws Exception
    {
        final TimeZone saved = TimeZone.getDefault();
        try
        {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            final ZoneId local = ZoneId.systemDefault();
            final HttpResponse<String> r =
                s.post(WRITE + query, "application/x-ndjson", resource("seed-ndjson-timeformat.ndjson"));
            assertInserted(r, 2);
            assertEquals(
                "ndjson-data," + ns(at("2022-12-07 02:33:22"), local) + ",1.001\n" +
                    "ndjson-data," + ns(at("2022-12-07 02:33:23"), local) + ",2.002\n",
                rows());
        }
        finally
        {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void csvHeaderSkip() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?header=skip", "text/csv", resource("seed-csv-header-skip.csv"));
        assertInserted(r, 2);
        assertEquals(
            "csv-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.0001\n" +
                "csv-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.0002\n",
            rows());
    }

    @Test
    void csvHeaderColumns() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?header=columns", "text/csv", resource("seed-csv-header-columns.csv"));
        assertInserted(r, 2);
        assertEquals(
            "csv-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.0001\n" +
                "csv-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.0002\n",
            rows());
    }

    /** The http block names {@code post-data.json.gz}, the curl {@code post-data.csv.gz}: the CSV is what fits. */
    @Test
    void compressedCsv() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?header=skip", "text/csv",
            gzip(resource("seed-csv-header-skip.csv")), "Content-Encoding", "gzip");
        assertInserted(r, 2);
        assertEquals(
            "csv-data," + ns(at("2022-12-07 02:32:22"), UTC) + ",1.0001\n" +
                "csv-data," + ns(at("2022-12-07 02:32:23"), UTC) + ",2.0002\n",
            rows());
    }

    @Test
    void csvWithTimeformat() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?header=skip&timeformat=Default&tz=Asia/Seoul", "text/csv",
            resource("seed-csv-timeformat-seoul.csv"));
        assertInserted(r, 2);
        assertEquals(
            "csv-data," + ns(at("2022-12-07 11:39:32"), SEOUL) + ",1.0001\n" +
                "csv-data," + ns(at("2022-12-07 11:39:33"), SEOUL) + ",2.0002\n",
            rows());
        assertEquals("csv-data,2022-12-07T02:39:32Z\ncsv-data,2022-12-07T02:39:33Z\n",
            s.rowsCsv("select name, time from EXAMPLE order by time", "timeformat", "RFC3339"));
    }

    // Examples

    /** The "Test Table" http block: a GET with {@code if not exists}, on an existing and on a missing table. */
    @Test
    void createTableIfNotExistsWithGet() throws Exception
    {
        final String get = "/db/query?q=" + TestServer.encode("create tag table if not exists EXAMPLE " +
            "(name varchar(40) primary key, time datetime basetime, value double)");
        assertInserted(s.post(WRITE + "?timeformat=s", "text/csv", "keep,1676432361,1\n"), 1);
        assertResult(s.get(get), "Created successfully.");
        assertEquals("keep,1676432361,1\n", s.rowsCsv("select * from EXAMPLE", "timeformat", "s"));

        assertResult(s.query("drop table EXAMPLE"), "Dropped successfully.");
        assertResult(s.get(get), "Created successfully.");
        assertInserted(s.post(WRITE + "?timeformat=s", "text/csv", "new,1676432362,2\n"), 1);
        assertEquals("new,1676432362,2\n", s.rowsCsv("select * from EXAMPLE", "timeformat", "s"));
    }

    @Test
    void jsonWithEpochThenSelectRows() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=s", "application/json", resource("example-json-epoch-s.json"));
        assertInserted(r, 5);
        final double[] values = {0, 0.406736, 0.743144, 0.951056, 0.994522};
        final StringBuilder rows = new StringBuilder();
        for (int i = 0; i < values.length; i++)
        {
            rows.append(i == 0 ? "" : ",").append("[\"wave.sin\",")
                .append(ns(at("2023-02-15 03:39:21").plusSeconds(i), UTC)).append(',').append(goFloat(values[i]))
                .append(']');
        }
        // Select rows: GET /db/query?q=select * from EXAMPLE limit 10 (JSON, times in ns)
        final HttpResponse<String> select = s.query("select * from EXAMPLE limit 10");
        assertEquals(200, select.statusCode(), select.body());
        final String expected = "{\"data\":{\"columns\":[\"NAME\",\"TIME\",\"VALUE\"]," +
            "\"types\":[\"string\",\"datetime\",\"double\"],\"rows\":[" + rows + "]}," +
            "\"success\":true,\"reason\":\"success\",\"elapse\":\"";
        assertTrue(select.body().startsWith(expected), "expected " + expected + "…\nactual   " + select.body());
        assertTrue(Pattern.matches(Pattern.quote(expected) + ELAPSE + "\"}", select.body()), select.body());
    }

    @Test
    void csvWithEpochAndHeader() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?timeformat=s&header=skip", "text/csv",
            resource("example-csv-epoch-header.csv"));
        assertInserted(r, 5);
        assertEquals(sinCos(), rows());
    }

    @Test
    void csvWithoutHeader() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=s", "text/csv", resource("example-csv-epoch.csv"));
        assertInserted(r, 5);
        assertEquals(sinCos(), rows());
    }

    @Test
    void csvInsertThenSelectInDefault() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=Default", "text/csv", resource("example-csv-default.csv"));
        assertInserted(r, 5);
        final long[] times = millisWave(UTC, "2023-02-15 03:39:21");
        assertEquals(wave(times), rows());
        assertSelectInDefaultUtc(times);
    }

    @Test
    void csvAppend() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=s&method=append", "text/csv", resource("example-csv-epoch.csv"));
        assertWriteSuccess(r, 5, true);
        flush(s, "EXAMPLE");
        assertEquals(sinCos(), rows());
    }

    @Test
    void csvWithTimeZoneThenSelectInUtc() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=Default&tz=Asia/Seoul", "text/csv", resource("example-csv-seoul.csv"));
        assertInserted(r, 5);
        final long[] times = millisWave(SEOUL, "2023-02-15 12:39:21");
        assertEquals(ns(at("2023-02-15 03:39:21"), UTC), times[0]);
        assertEquals(wave(times), rows());
        assertSelectInDefaultUtc(times);
    }

    @Test
    void rfc3339ThenSelectInRfc3339() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=RFC3339", "text/csv", resource("example-csv-rfc3339.csv"));
        assertInserted(r, 5);
        final long[] times = new long[5];
        for (int i = 0; i < 5; i++)
        {
            times[i] = ns(at("2023-02-15 03:39:21").plusSeconds(i), UTC);
        }
        assertEquals(wave(times), rows());
        // Select rows in UTC: format=csv&timeformat=RFC3339
        final HttpResponse<String> select =
            s.query("select * from EXAMPLE limit 10", "format", "csv", "timeformat", "RFC3339");
        assertEquals(200, select.statusCode(), select.body());
        final StringBuilder expected = new StringBuilder("NAME,TIME,VALUE\n");
        for (int i = 0; i < 5; i++)
        {
            expected.append("wave.sin,").append(goRfc3339(times[i], UTC, false)).append(',')
                .append(WAVE_VALUES[i]).append('\n');
        }
        assertEquals("wave.sin,2023-02-15T03:39:21Z,0.111111", expected.toString().split("\n")[1]);
        assertEquals(expected + "\n", select.body());
    }

    @Test
    void rfc3339NanoInTimeZoneThenSelectInBox() throws Exception
    {
        final HttpResponse<String> r = s.post(WRITE + "?timeformat=RFC3339Nano&tz=America/New_York", "text/csv",
            resource("example-csv-rfc3339nano-new-york.csv"));
        assertInserted(r, 5);
        final long[] times = nanosWave(NEW_YORK, "2023-02-14 22:39:21");
        assertEquals(ns(at("2023-02-15 03:39:21"), UTC), times[0]);
        assertEquals(wave(times), rows());
        // Select rows in America/New_York: format=box&timeformat=RFC3339Nano&tz=America/New_York
        final HttpResponse<String> select = s.query("select * from EXAMPLE limit 10",
            "format", "box", "timeformat", "RFC3339Nano", "tz", "America/New_York");
        assertEquals(200, select.statusCode(), select.body());
        final List<String[]> cells = boxCells(select.body());
        assertEquals(6, cells.size(), select.body());
        assertEquals("NAME", cells.get(0)[0], select.body());
        assertTrue(cells.get(0)[1].matches("TIME(\\(.*\\))?"), select.body());
        assertEquals("VALUE", cells.get(0)[2], select.body());
        for (int i = 0; i < 5; i++)
        {
            final String[] row = cells.get(i + 1);
            assertEquals(3, row.length, select.body());
            assertEquals("wave.sin", row[0]);
            assertEquals(goRfc3339(times[i], NEW_YORK, true), row[1]);
            assertEquals(WAVE_VALUES[i], row[2]);
        }
        assertEquals("2023-02-14T22:39:21-05:00", cells.get(1)[1]);
        assertEquals("2023-02-14T22:39:22.111111111-05:00", cells.get(2)[1]);
    }

    @Test
    void defaultWithNanosThenSelectInDefault() throws Exception
    {
        final HttpResponse<String> r =
            s.post(WRITE + "?timeformat=Default", "text/csv", resource("example-csv-default-nanos.csv"));
        assertInserted(r, 5);
        final long[] times = nanosWave(UTC, "2023-02-15 03:39:21");
        assertEquals(wave(times), rows()); // all nine digits stored
        assertSelectInDefaultUtc(times);   // printed to the millisecond, truncated
    }

    /**
     * {@code 03:04:05.999999999-SPLIT-2006-01-02}: {@code 03} is the 12-hour clock (no PM, so 10 is a.m.), and each
     * value is followed by a space before the delimiter, as the seed has it.
     */
    @Test
    void customTimeformatInNewYork() throws Exception
    {
        final HttpResponse<String> r = s.post(
            WRITE + "?timeformat=" + TestServer.encode("03:04:05.999999999-SPLIT-2006-01-02") +
                "&tz=America/New_York",
            "text/csv", resource("example-csv-custom-layout.csv"));
        assertInserted(r, 5);
        final long[] times = nanosWave(NEW_YORK, "2023-02-14 10:39:21");
        assertEquals(ns(at("2023-02-14 15:39:21"), UTC), times[0]);
        assertEquals(wave(times), rows());
        // Select rows: limit 5, format=csv, timeformat=2006-01-02 03:04:05.999999999, tz=America/New_York
        final HttpResponse<String> select = s.query("select * from EXAMPLE limit 5",
            "format", "csv", "timeformat", "2006-01-02 03:04:05.999999999", "tz", "America/New_York");
        assertEquals(200, select.statusCode(), select.body());
        final StringBuilder expected = new StringBuilder("NAME,TIME,VALUE\n");
        for (int i = 0; i < 5; i++)
        {
            expected.append("wave.sin,").append(goDefault(times[i], NEW_YORK, 9, true)).append(',')
                .append(WAVE_VALUES[i]).append('\n');
        }
        assertEquals("wave.sin,2023-02-14 10:39:22.111111111,0.222222", expected.toString().split("\n")[2]);
        assertEquals(expected + "\n", select.body());
    }

    // Helpers

    private static final String[] WAVE_VALUES = {"0.111111", "0.222222", "0.333333", "0.444444", "0.555555"};

    /** The rows of EXAMPLE as CSV, times in ns, ordered by name then time. */
    private static String rows() throws Exception
    {
        return s.rowsCsv("select * from EXAMPLE order by name, time", "timeformat", "ns");
    }

    /** The five rows of the seed's "CSV with epoch" examples, ordered by name then time. */
    private static String sinCos()
    {
        final long t1 = ns(at("2023-02-15 03:39:21"), UTC);
        final long t2 = ns(at("2023-02-15 03:39:22"), UTC);
        final long t3 = ns(at("2023-02-15 03:39:23"), UTC);
        return "wave.cos," + t1 + ",1\n" +
            "wave.cos," + t2 + ",0.913546\n" +
            "wave.sin," + t1 + ",0\n" +
            "wave.sin," + t2 + ",0.406736\n" +
            "wave.sin," + t3 + ",0.743144\n";
    }

    /** {@code first}, then +1.111 s, +2.222 s, ... (the seed's millisecond series) in a zone. */
    private static long[] millisWave(final ZoneId zone, final String first)
    {
        final long[] times = new long[5];
        for (int i = 0; i < 5; i++)
        {
            times[i] = ns(at(first).plusSeconds(i).plusNanos(111_000_000L * i), zone);
        }
        return times;
    }

    /** {@code first}, then +1.111111111 s, +2.222222222 s, ... (the seed's nanosecond series) in a zone. */
    private static long[] nanosWave(final ZoneId zone, final String first)
    {
        final long[] times = new long[5];
        for (int i = 0; i < 5; i++)
        {
            times[i] = ns(at(first).plusSeconds(i).plusNanos(111_111_111L * i), zone);
        }
        return times;
    }

    private static String wave(final long[] times)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < times.length; i++)
        {
            out.append("wave.sin,").append(times[i]).append(',').append(WAVE_VALUES[i]).append('\n');
        }
        return out.toString();
    }

    /** The seed's "Select rows in UTC": {@code limit 10}, {@code timeformat=Default}, {@code format=csv}. */
    private static void assertSelectInDefaultUtc(final long[] times) throws Exception
    {
        final HttpResponse<String> select =
            s.query("select * from EXAMPLE limit 10", "timeformat", "Default", "format", "csv");
        assertEquals(200, select.statusCode(), select.body());
        assertEquals("text/csv; charset=utf-8", select.headers().firstValue("Content-Type").orElse(null));
        final StringBuilder expected = new StringBuilder("NAME,TIME,VALUE\n");
        for (int i = 0; i < times.length; i++)
        {
            expected.append("wave.sin,").append(goDefault(times[i], UTC, 3, false)).append(',')
                .append(WAVE_VALUES[i]).append('\n');
        }
        assertEquals("wave.sin,2023-02-15 03:39:21,0.111111", expected.toString().split("\n")[1]);
        assertEquals("wave.sin,2023-02-15 03:39:22.111,0.222222", expected.toString().split("\n")[2]);
        assertEquals(expected + "\n", select.body());
    }

    /** A non-fetch /db/query answer: 200, {@code {"success":true,"reason":…,"elapse":…}} in that key order. */
    private static void assertResult(final HttpResponse<String> r, final String reason)
    {
        assertEquals(200, r.statusCode(), r.body());
        final Matcher m = Pattern.compile("\\{\"success\":true,\"reason\":\"([^\"]*)\",\"elapse\":\"" + ELAPSE + "\"}")
            .matcher(r.body());
        assertTrue(m.matches(), r.body());
        assertEquals(reason, reason(r));
        final JsonNode tree = tree(r.body());
        assertEquals(3, tree.size(), r.body());
    }
}
