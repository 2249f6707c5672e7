package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sluice.server.e2e.MachbaseWriteSupport.assertInserted;
import static sluice.server.e2e.MachbaseWriteSupport.assertWriteError;
import static sluice.server.e2e.MachbaseWriteSupport.assertWriteErrorMatches;
import static sluice.server.e2e.MachbaseWriteSupport.assertWriteErrorStatus;
import static sluice.server.e2e.MachbaseWriteSupport.assertWriteSuccess;
import static sluice.server.e2e.MachbaseWriteSupport.createTag;
import static sluice.server.e2e.MachbaseWriteSupport.flush;
import static sluice.server.e2e.MachbaseWriteSupport.gzip;
import static sluice.server.e2e.MachbaseWriteSupport.ns;
import static sluice.server.e2e.MachbaseWriteSupport.tree;

/**
 * The error table of spec/machbase.md {@code /db/write}: each case's status and reason, and atomicity: every bad
 * request carries valid rows before the bad one, and afterwards the table holds exactly the two rows it had before
 * ("on any 4xx none of its rows land"). Row and line numbers in reasons are 1-based; {@code column[i]} is Neo's
 * 0-based index into the row.
 */
class MachbaseWriteErrorsTest
{
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final long T0 = ns("2023-02-15T03:39:21Z");
    private static final String BASELINE = "base1," + T0 + ",1\nbase2," + T0 + ",2\n";

    @RegisterExtension
    static final TestServer s = TestServer.perClass();

    /** A new tag table {@code PREFIX_n} holding the two {@link #BASELINE} rows. */
    private static String table(final String prefix) throws Exception
    {
        final String t = prefix + "_" + TABLES.incrementAndGet();
        createTag(s, t);
        assertInserted(s.post("/db/write/" + t, "text/csv", BASELINE), 2);
        return t;
    }

    /** Nothing of the failed request landed; flushed first so rows of a failed append would show too. */
    private static void assertUnchanged(final String t) throws Exception
    {
        flush(s, t);
        assertEquals(BASELINE, s.rowsCsv("select * from " + t + " order by name", "timeformat", "ns"));
    }

    /** The table still takes a good write after the bad one. */
    private static void assertStillWritable(final String t) throws Exception
    {
        assertInserted(s.post("/db/write/" + t, "text/csv", "after," + T0 + ",3\n"), 1);
        assertEquals("after," + T0 + ",3\n" + BASELINE,
            s.rowsCsv("select * from " + t + " order by name", "timeformat", "ns"));
    }

    private static String jsonRows(final String rows)
    {
        return "{\"data\":{\"columns\":[\"name\",\"time\",\"value\"],\"rows\":[" + rows + "]}}";
    }

    // unknown table: 404

    @Test
    void unknownTable() throws Exception
    {
        assertWriteError(s.post("/db/write/NO_SUCH_TABLE", "text/csv", "a," + T0 + ",1\n"), 404,
            "table 'NO_SUCH_TABLE' does not exist");
        assertWriteError(s.post("/db/write/NO_SUCH_TABLE", "application/json", jsonRows("[\"a\"," + T0 + ",1]")),
            404, "table 'NO_SUCH_TABLE' does not exist");
        assertWriteError(s.post("/db/write/NO_SUCH_TABLE?method=append", "application/x-ndjson",
            "{\"NAME\":\"a\",\"TIME\":" + T0 + ",\"VALUE\":1}\n"), 404, "table 'NO_SUCH_TABLE' does not exist");
        // identifiers are case-insensitive and stored uppercase
        assertWriteError(s.post("/db/write/no_such_table", "text/csv", "a," + T0 + ",1\n"), 404,
            "table 'NO_SUCH_TABLE' does not exist");
        createTag(s, "NO_SUCH_TABLE");
        assertEquals("", s.rowsCsv("select * from NO_SUCH_TABLE"));
    }

    // unknown column: 400

    @Test
    void unknownColumnInJsonColumns() throws Exception
    {
        final String t = table("UNKCOL");
        assertWriteError(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"columns\":[\"name\",\"time\",\"nope\"],\"rows\":[[\"a\"," + T0 + ",1]]}}"), 400,
            "column \"nope\" not found in the table \"" + t + "\"");
        assertWriteError(s.post("/db/write/" + t + "?method=append", "application/json",
            "{\"data\":{\"columns\":[\"name\",\"time\",\"nope\"],\"rows\":[[\"a\"," + T0 + ",1]]}}"), 400,
            "column \"nope\" not found in the table \"" + t + "\"");
        assertUnchanged(t);
        assertStillWritable(t);
    }

    @Test
    void csvHeaderNamesUnknownColumn() throws Exception
    {
        final String t = table("CSVHDR");
        assertWriteError(s.post("/db/write/" + t + "?header=columns", "text/csv",
            "NAME,TIME,FOO\na," + T0 + ",1\n"), 400, "CSV header 'FOO' not found in columns of table \"" + t + "\"");
        assertUnchanged(t);
    }

    // wrong column count: 400

    @Test
    void jsonRowWithTooFewColumns() throws Exception
    {
        final String t = table("FEWCOLS");
        assertWriteError(s.post("/db/write/" + t, "application/json",
            jsonRows("[\"a\"," + T0 + ",1],[\"b\"," + T0 + "],[\"c\"," + T0 + ",3]")), 400,
            "rows[2] number of columns not matched (2); table '" + t + "' has 3 columns");
        assertUnchanged(t);
    }

    @Test
    void jsonRowWithTooManyColumns() throws Exception
    {
        final String t = table("MANYCOLS");
        assertWriteError(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"rows\":[[\"a\"," + T0 + ",1],[\"b\"," + T0 + ",2],[\"c\"," + T0 + ",3,4]]}}"), 400,
            "rows[3] number of columns not matched (4); table '" + t + "' has 3 columns");
        assertWriteError(s.post("/db/write/" + t + "?method=append", "application/json",
            "[[\"a\"," + T0 + ",1],[\"c\"," + T0 + ",3,4]]"), 400,
            "rows[2] number of columns not matched (4); table '" + t + "' has 3 columns");
        assertUnchanged(t);
    }

    // bad value: 400 naming the row and column

    @Test
    void jsonBadValue() throws Exception
    {
        final String t = table("JBADVAL");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json",
                jsonRows("[\"a\"," + T0 + ",1],[\"b\"," + T0 + ",\"abc\"],[\"c\"," + T0 + ",3]")), 400,
            "rows\\[2\\] column\\[2\\] is not a double, but string.*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?method=append", "application/json",
                jsonRows("[\"a\"," + T0 + ",1],[\"b\"," + T0 + ",\"abc\"]")), 400,
            "rows\\[2\\] column\\[2\\] is not a double, but string.*");
        assertUnchanged(t);
    }

    /** varchar takes JSON strings only. */
    @Test
    void jsonNumberIntoVarchar() throws Exception
    {
        final String t = table("JVARCHAR");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json",
                jsonRows("[\"a\"," + T0 + ",1],[42," + T0 + ",2]")), 400,
            "rows\\[2\\] column\\[0\\] is not a string, but number.*");
        assertUnchanged(t);
    }

    @Test
    void ndjsonBadValue() throws Exception
    {
        final String t = table("NBADVAL");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/x-ndjson",
                "{\"NAME\":\"a\",\"TIME\":" + T0 + ",\"VALUE\":1}\n{\"NAME\":\"b\",\"TIME\":" + T0 +
                    ",\"VALUE\":\"abc\"}\n{\"NAME\":\"c\",\"TIME\":" + T0 + ",\"VALUE\":3}\n"), 400,
            "rows\\[2\\] field\\[VALUE\\] is not a double, but string.*");
        assertUnchanged(t);
    }

    @Test
    void csvBadValueNamesLineAndColumn() throws Exception
    {
        final String t = table("CBADVAL");
        assertWriteErrorMatches(s.post("/db/write/" + t, "text/csv",
            "a," + T0 + ",1\nb," + T0 + ",abc\nc," + T0 + ",3\n"), 400, "(?i).*\\bline 2\\b.*\\bVALUE\\b.*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?header=skip", "text/csv",
            "NAME,TIME,VALUE\na," + T0 + ",1\nb,yesterday,2\n"), 400, "(?i).*\\bline 3\\b.*\\bTIME\\b.*");
        assertUnchanged(t);
    }

    /** Integers out of their type's range, bad binary and bad addresses are bad values too. */
    @Test
    void outOfRangeAndMalformedTypedValues() throws Exception
    {
        final String t = "TYPED_" + TABLES.incrementAndGet();
        assertEquals(200, s.query("create table " + t + " (id integer, s short, b binary, ip ipv4)").statusCode());
        assertInserted(s.post("/db/write/" + t, "text/csv", "1,1,0x01,10.0.0.1\n"), 1);
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"rows\":[[2,2,\"0x02\",\"10.0.0.2\"],[3,40000,\"0x03\",\"10.0.0.3\"]]}}"), 400,
            "rows\\[2\\] column\\[1\\].*");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"rows\":[[2,2,\"0x02\",\"10.0.0.2\"],[3,3,\"0xZZ\",\"10.0.0.3\"]]}}"), 400,
            "rows\\[2\\] column\\[2\\].*");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"rows\":[[2,2,\"0x02\",\"10.0.0.2\"],[3,3,\"0x03\",\"999.0.0.1\"]]}}"), 400,
            "rows\\[2\\] column\\[3\\].*");
        assertWriteErrorMatches(s.post("/db/write/" + t, "text/csv", "2,2,0x02,10.0.0.2\n3,-32769,0x03,10.0.0.3\n"),
            400, "(?i).*\\bline 2\\b.*");
        assertEquals("1\n", s.rowsCsv("select count(*) from " + t));
    }

    // CSV field count: 400

    @Test
    void csvFieldCount() throws Exception
    {
        final String t = table("FIELDS");
        assertWriteError(s.post("/db/write/" + t, "text/csv", "a," + T0 + ",1\nb," + T0 + "\nc," + T0 + ",3\n"),
            400, "line 2: expected 3 fields, found 2");
        assertWriteError(s.post("/db/write/" + t, "text/csv", "a," + T0 + ",1\nb," + T0 + ",2\nc," + T0 + ",3,4\n"),
            400, "line 3: expected 3 fields, found 4");
        // lines are the body's lines: a skipped header is line 1, blank lines count
        assertWriteError(s.post("/db/write/" + t + "?header=skip", "text/csv",
            "NAME,TIME,VALUE\na," + T0 + ",1\nb\n"), 400, "line 3: expected 3 fields, found 1");
        assertWriteError(s.post("/db/write/" + t, "text/csv", "a," + T0 + ",1\n\nb," + T0 + "\n"), 400,
            "line 3: expected 3 fields, found 2");
        // with header=columns the header sets the count
        assertWriteError(s.post("/db/write/" + t + "?header=columns", "text/csv",
            "NAME,TIME\na," + T0 + "\nb," + T0 + ",3\n"), 400, "line 3: expected 2 fields, found 3");
        assertWriteError(s.post("/db/write/" + t + "?method=append", "text/csv",
            "a," + T0 + ",1\nb," + T0 + "\n"), 400, "line 2: expected 3 fields, found 2");
        assertUnchanged(t);
        assertStillWritable(t);
    }

    // bad tz, bad timeformat or time value: 400

    @Test
    void unknownTimeZone() throws Exception
    {
        final String t = table("BADTZ");
        assertWriteError(s.post("/db/write/" + t + "?timeformat=Default&tz=Mars/Olympus", "text/csv",
            "a,2023-02-15 03:39:21,1\n"), 400, "unknown time zone Mars/Olympus");
        assertWriteError(s.post("/db/write/" + t + "?tz=NOWHERE", "application/json",
            jsonRows("[\"a\"," + T0 + ",1]")), 400, "unknown time zone NOWHERE");
        assertUnchanged(t);
    }

    @Test
    void timeValueNotInTheLayout() throws Exception
    {
        final String t = table("BADTIME");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=RFC3339", "application/json",
                jsonRows("[\"a\",\"2023-02-15T03:39:21Z\",1],[\"b\",\"2023-02-15 03:39:21\",2]")), 400,
            "rows\\[2\\].*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=RFC3339", "text/csv",
                "a,2023-02-15T03:39:21Z,1\nb,2023-02-15 03:39:21,2\n"), 400, "(?i).*\\bline 2\\b.*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=Default", "application/x-ndjson",
                "{\"NAME\":\"a\",\"TIME\":\"2023-02-15 03:39:21\",\"VALUE\":1}\n" +
                    "{\"NAME\":\"b\",\"TIME\":\"2023-02-30 03:39:21\",\"VALUE\":2}\n"), 400,
            "rows\\[2\\].*");
        // .000 wants exactly that many digits (Go's stdFracSecond0)
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=Default.ms", "text/csv",
                "a,2023-02-15 03:39:21.123,1\nb,2023-02-15 03:39:21.123456,2\n"), 400, "(?i).*\\bline 2\\b.*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=Default.ms", "text/csv",
                "a,2023-02-15 03:39:21.123,1\nb,2023-02-15 03:39:21,2\n"), 400, "(?i).*\\bline 2\\b.*");
        // hours past 12 on the 12-hour clock, a day past the month's end
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=" + TestServer.encode("2006-01-02 03:04:05"),
                "text/csv", "a,2023-02-15 03:39:21,1\nb,2023-02-15 13:39:21,2\n"), 400, "(?i).*\\bline 2\\b.*");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=Default", "text/csv",
                "a,2023-02-15 03:39:21,1\nb,2023-02-29 03:39:21,2\n"), 400, "(?i).*\\bline 2\\b.*");
        // an epoch unit takes numbers, not layouts
        assertWriteErrorMatches(s.post("/db/write/" + t + "?timeformat=s", "text/csv",
                "a,1676432361,1\nb,2023-02-15 03:39:21,2\n"), 400, "(?i).*\\bline 2\\b.*");
        assertUnchanged(t);
    }

    @Test
    void badTimeformat() throws Exception
    {
        final String t = table("BADTF");
        assertWriteErrorStatus(s.post("/db/write/" + t + "?timeformat=nonsense", "text/csv",
            "a,2023-02-15 03:39:21,1\n"), 400);
        assertUnchanged(t);
    }

    // malformed JSON, bad gzip: 400

    @Test
    void malformedJson() throws Exception
    {
        final String t = table("BADJSON");
        final String good = "[\"a\"," + T0 + ",1],[\"b\"," + T0 + ",2]";
        assertWriteErrorStatus(s.post("/db/write/" + t, "application/json",
            "{\"data\":{\"columns\":[\"name\",\"time\",\"value\"],\"rows\":[" + good + ",[\"c\"," + T0 + ","), 400);
        // "parser message with offset": the offset of the bad character, give or take one
        final String missingComma =
            "{\"data\":{\"columns\":[\"name\",\"time\",\"value\"],\"rows\":[" + good + ",[\"c\" " + T0 + ",3]]}}";
        final int bad = missingComma.indexOf(" " + T0 + ",3]") + 1;
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json", missingComma), 400,
            "(?s).*\\b(" + (bad - 1) + "|" + bad + "|" + (bad + 1) + ")\\b.*");
        assertWriteErrorStatus(s.post("/db/write/" + t, "application/json", jsonRows(good) + "}"), 400);
        assertWriteErrorStatus(s.post("/db/write/" + t + "?method=append", "application/json",
            "[" + good + ",[\"c\"," + T0 + ",3]"), 400);
        assertUnchanged(t);
        assertStillWritable(t);
    }

    @Test
    void malformedNdjson() throws Exception
    {
        final String t = table("BADNDJSON");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/x-ndjson",
                "{\"NAME\":\"a\",\"TIME\":" + T0 + ",\"VALUE\":1}\n{\"NAME\":\"b\" \"TIME\":" + T0 + "}\n"), 400,
            "(?s).*\\bline 2\\b.*");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/x-ndjson",
                "{\"NAME\":\"a\",\"TIME\":" + T0 + ",\"VALUE\":1}\n{\"NAME\":\"b\",\"TIME\":" + T0 + ",\"VALUE\":2\n"),
            400, "(?s).*\\b(line|record) 2\\b.*");
        assertUnchanged(t);
    }

    /**
     * A line that is not an object is the second row: the reason must name it ("names the first bad row (1-based
     * line/row number)") and must not name another row.
     */
    @Test
    void ndjsonLineThatIsNotAnObjectNamesItsRow() throws Exception
    {
        final String t = table("NDNOTOBJ");
        final HttpResponse<String> r = s.post("/db/write/" + t, "application/x-ndjson",
            "{\"NAME\":\"a\",\"TIME\":" + T0 + ",\"VALUE\":1}\nnot json\n");
        assertWriteErrorMatches(r, 400, "(?s).*\\bline 2\\b.*");
        final String reason = MachbaseWriteSupport.reason(r);
        assertTrue(!reason.matches("(?s).*\\b(record 1|line 1)\\b.*") && !reason.contains("rows[1]"), reason);
        assertUnchanged(t);
    }

    @Test
    void bodyNotGzipped() throws Exception
    {
        final String t = table("NOTGZ");
        assertWriteErrorStatus(s.post("/db/write/" + t, "text/csv", "a," + T0 + ",1\n", "Content-Encoding", "gzip"),
            400);
        assertWriteErrorStatus(s.post("/db/write/" + t + "?compress=gzip", "application/json",
            jsonRows("[\"a\"," + T0 + ",1]")), 400);
        assertUnchanged(t);
    }

    @Test
    void truncatedGzip() throws Exception
    {
        final String t = table("TRUNCGZ");
        final StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            csv.append("r").append(i).append(',').append(T0 + i).append(",1.5\n");
        }
        final byte[] gz = gzip(csv.toString());
        assertWriteErrorStatus(s.post("/db/write/" + t, "text/csv", Arrays.copyOf(gz, gz.length / 2),
            "Content-Encoding", "gzip"), 400);
        assertWriteErrorStatus(s.post("/db/write/" + t, "text/csv", Arrays.copyOf(gz, gz.length - 4),
            "Content-Encoding", "gzip"), 400);
        assertUnchanged(t);
    }

    /** Every row decodes; only the gzip trailer (CRC-32 of the data) is wrong, so the whole body is refused. */
    @Test
    void gzipWithBadChecksum() throws Exception
    {
        final String t = table("CRCGZ");
        final byte[] gz = gzip("a," + T0 + ",1\nb," + T0 + ",2\n");
        gz[gz.length - 8] ^= 0x55; // CRC32, RFC 1952 section 2.2
        assertWriteErrorStatus(s.post("/db/write/" + t, "text/csv", gz, "Content-Encoding", "gzip"), 400);
        assertWriteErrorStatus(s.post("/db/write/" + t + "?method=append", "text/csv", gz,
            "Content-Encoding", "gzip"), 400);
        assertUnchanged(t);
    }

    // not in the spec's table: HTTP's own answers

    /** A content coding the server cannot decode: 415 (RFC 9110 section 15.5.16). */
    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "compress", "zstd"})
    void unsupportedContentEncoding(final String encoding) throws Exception
    {
        final String t = table("ENC");
        final HttpResponse<String> r = s.post("/db/write/" + t, "text/csv", "a," + T0 + ",1\n",
            "Content-Encoding", encoding);
        assertWriteErrorStatus(r, 415);
        assertUnchanged(t);
    }

    /** {@code /db/write} is POST only: 405 with {@code Allow: POST} (RFC 9110 section 15.5.6). */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void wrongMethod(final String method) throws Exception
    {
        final String t = table("METHOD");
        final HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/db/write/" + t))
            .header("Content-Type", "text/csv");
        final HttpRequest request = method.equals("GET") ? b.GET().build() : b.method(method,
            HttpRequest.BodyPublishers.ofString("a," + T0 + ",1\n", StandardCharsets.UTF_8)).build();
        final HttpResponse<String> r = s.send(request);
        assertEquals(405, r.statusCode(), r.body());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(null));
        assertUnchanged(t);
    }

    // a request cut off by the client: nothing lands

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void clientDisconnectsMidBody(final boolean chunked) throws Exception
    {
        final String t = table("ABORT");
        final byte[] part = csvRows(20_000).getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.port()))
        {
            final java.io.OutputStream out = socket.getOutputStream();
            final String head = "POST /db/write/" + t + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n" +
                (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + (part.length * 2L) + "\r\n") +
                "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (chunked)
            {
                out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            else
            {
                out.write(part);
            }
            out.flush();
            Thread.sleep(300); // let the server take in and decode what it got
        }
        Thread.sleep(300);
        assertUnchanged(t);
        assertStillWritable(t);
    }

    // atomicity across large requests

    private static String csvRows(final int n)
    {
        final StringBuilder csv = new StringBuilder(n * 40);
        for (int i = 0; i < n; i++)
        {
            csv.append("r").append(i % 100).append(',').append(T0 + i).append(',').append(i).append(".5\n");
        }
        return csv.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"insert", "append"})
    void largeCsvWithBadLastLine(final String method) throws Exception
    {
        final String t = table("BIGCSV");
        final int n = 100_000;
        final String body = csvRows(n) + "bad," + T0 + "\n";
        assertWriteError(s.post("/db/write/" + t + "?method=" + method, "text/csv", body), 400,
            "line " + (n + 1) + ": expected 3 fields, found 2");
        assertWriteError(s.post("/db/write/" + t + "?method=" + method, "text/csv", gzip(body),
            "Content-Encoding", "gzip"), 400, "line " + (n + 1) + ": expected 3 fields, found 2");
        assertUnchanged(t);
        // and the same rows without the bad line land, all of them
        final String ok = csvRows(n);
        assertWriteSuccess(s.post("/db/write/" + t + "?method=" + method, "text/csv", ok), n,
            method.equals("append"));
        flush(s, t);
        assertEquals(Integer.toString(n + 2), s.rowsCsv("select count(*) from " + t).trim());
    }

    @Test
    void largeJsonWithBadLastRow() throws Exception
    {
        final String t = table("BIGJSON");
        final int n = 50_000;
        final StringBuilder rows = new StringBuilder(n * 40);
        for (int i = 0; i < n; i++)
        {
            rows.append("[\"r").append(i % 100).append("\",").append(T0 + i).append(',').append(i).append(".5],");
        }
        rows.append("[\"bad\",").append(T0).append(",\"x\"]");
        assertWriteErrorMatches(s.post("/db/write/" + t, "application/json", jsonRows(rows.toString())), 400,
            "rows\\[" + (n + 1) + "\\] column\\[2\\] is not a double, but string.*");
        assertUnchanged(t);
    }

    @Test
    void largeNdjsonWithBadLastRow() throws Exception
    {
        final String t = table("BIGNDJSON");
        final int n = 50_000;
        final StringBuilder rows = new StringBuilder(n * 50);
        for (int i = 0; i < n; i++)
        {
            rows.append("{\"NAME\":\"r").append(i % 100).append("\",\"TIME\":").append(T0 + i).append(",\"VALUE\":")
                .append(i).append("}\n");
        }
        rows.append("{\"NAME\":\"bad\",\"TIME\":").append(T0).append(",\"VALUE\":\"x\"}\n");
        assertWriteErrorMatches(s.post("/db/write/" + t + "?method=append", "application/x-ndjson",
            rows.toString()), 400, "rows\\[" + (n + 1) + "\\] field\\[VALUE\\] is not a double, but string.*");
        assertUnchanged(t);
    }

    /** Errors answer with the spec's JSON object and content type too. */
    @Test
    void errorBodyShape() throws Exception
    {
        final String t = table("SHAPE");
        final HttpResponse<String> r = s.post("/db/write/" + t, "text/csv", "a\n");
        assertWriteError(r, 400, "line 1: expected 3 fields, found 1");
        assertEquals(MachbaseWriteSupport.WRITE_CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(null));
        assertEquals(3, tree(r.body()).size(), r.body());
        assertUnchanged(t);
    }
}
