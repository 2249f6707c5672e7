package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers shared by the {@code MachbaseWrite*Test} classes: the response shapes of spec/machbase.md "Responses",
 * expected values computed with java.time (never copied from the server), gzip, and read-backs through
 * {@code /db/query}.
 */
final class MachbaseWriteSupport
{
    static final ObjectMapper JSON = new ObjectMapper();

    /** The seed's test table, with the name left to the caller. */
    static final String TAG_COLUMNS = " (name varchar(40) primary key, time datetime basetime, value double)";

    /** A Go {@code time.Duration} string: {@code 1.23ms}, {@code 52.1µs}, {@code 0s}, {@code 1m2.5s}. */
    static final String ELAPSE = "(?:\\d+h)?(?:\\d+m)?\\d+(?:\\.\\d+)?(?:ns|µs|us|ms|s)";

    private static final Pattern RESULT_SHAPE = Pattern.compile(
        "\\{\"success\":(true|false),\"reason\":\"(?:[^\"\\\\]|\\\\.)*\",\"elapse\":\"" + ELAPSE + "\"}");

    static final String WRITE_CONTENT_TYPE = "application/json; charset=utf-8";

    private MachbaseWriteSupport()
    {
    }

    // Responses

    /** 200 and exactly {@code {"success":true,"reason":"success, N record(s) inserted|appended","elapse":"…"}}. */
    static void assertWriteSuccess(final HttpResponse<String> response, final long records, final boolean append)
    {
        assertEquals(200, response.statusCode(), response.body());
        assertShape(response, true);
        assertEquals("success, " + records + " record(s) " + (append ? "appended" : "inserted"), reason(response),
            response.body());
        assertEquals(WRITE_CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(null));
    }

    static void assertInserted(final HttpResponse<String> response, final long records)
    {
        assertWriteSuccess(response, records, false);
    }

    /** The status and the exact reason of a {@code {"success":false,…}} answer. */
    static void assertWriteError(final HttpResponse<String> response, final int status, final String reason)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertShape(response, false);
        assertEquals(reason, reason(response), response.body());
    }

    /** The status, and a reason that matches {@code reasonRegex} in full. */
    static void assertWriteErrorMatches(final HttpResponse<String> response, final int status, final String reasonRegex)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertShape(response, false);
        final String reason = reason(response);
        assertTrue(Pattern.compile(reasonRegex, Pattern.DOTALL).matcher(reason).matches(),
            "reason '" + reason + "' does not match /" + reasonRegex + "/");
    }

    /** The status, and a reason that is not blank (the spec gives no exact text). */
    static String assertWriteErrorStatus(final HttpResponse<String> response, final int status)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertShape(response, false);
        final String reason = reason(response);
        assertTrue(!reason.isBlank(), response.body());
        return reason;
    }

    static void assertShape(final HttpResponse<String> response, final boolean success)
    {
        final String body = response.body();
        final java.util.regex.Matcher m = RESULT_SHAPE.matcher(body);
        assertTrue(m.matches(), "not {\"success\",\"reason\",\"elapse\"} in that order: " + body);
        assertEquals(Boolean.toString(success), m.group(1), body);
    }

    static String reason(final HttpResponse<String> response)
    {
        return tree(response.body()).get("reason").asText();
    }

    static JsonNode tree(final String json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final IOException e)
        {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    // Tables and read-backs

    static void exec(final TestServer s, final String sql) throws Exception
    {
        final HttpResponse<String> r = s.query(sql);
        assertEquals(200, r.statusCode(), sql + " -> " + r.body());
        assertEquals(true, tree(r.body()).get("success").asBoolean(), r.body());
    }

    static void createTag(final TestServer s, final String table) throws Exception
    {
        final HttpResponse<String> r = s.query("create tag table " + table + TAG_COLUMNS);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Created successfully.", reason(r));
    }

    /** {@code EXEC table_flush(T)}: the barrier clients use before reading back rows written with append. */
    static void flush(final TestServer s, final String table) throws Exception
    {
        exec(s, "exec table_flush(" + table + ")");
    }

    static long count(final TestServer s, final String table) throws Exception
    {
        return Long.parseLong(s.rowsCsv("select count(*) from " + table).trim());
    }

    /** The rows of a JSON-format query ({@code data.rows}), as JSON nodes. */
    static JsonNode jsonRows(final TestServer s, final String sql, final String... params) throws Exception
    {
        final HttpResponse<String> r = s.query(sql, params);
        assertEquals(200, r.statusCode(), r.body());
        final JsonNode rows = tree(r.body()).path("data").path("rows");
        assertTrue(rows.isArray(), r.body());
        return rows;
    }

    // Expected values, computed here

    /** Epoch nanoseconds of a wall-clock time in a zone. */
    static long ns(final LocalDateTime local, final ZoneId zone)
    {
        return ns(local.atZone(zone).toInstant());
    }

    static long ns(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static long ns(final String isoInstant)
    {
        return ns(Instant.parse(isoInstant));
    }

    static LocalDateTime at(final String isoLocal)
    {
        return LocalDateTime.parse(isoLocal.replace(' ', 'T'));
    }

    /**
     * Go's {@code Format} of {@code 2006-01-02 15:04:05} + {@code .999…} with {@code digits} nines (or none for 0)
     * in {@code zone}: the fraction truncated to the digits, trailing zeros and a bare dot dropped.
     */
    static String goDefault(final long epochNs, final ZoneId zone, final int digits, final boolean twelveHour)
    {
        final ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            Math.floorMod(epochNs, 1_000_000_000L)).atZone(zone);
        final int hour = twelveHour ? (t.getHour() % 12 == 0 ? 12 : t.getHour() % 12) : t.getHour();
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
            hour, t.getMinute(), t.getSecond()) + nines(t.getNano(), digits);
    }

    /** Go's {@code RFC3339}/{@code RFC3339Nano} of an instant in a zone ({@code Z} for UTC). */
    static String goRfc3339(final long epochNs, final ZoneId zone, final boolean nano)
    {
        final ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            Math.floorMod(epochNs, 1_000_000_000L)).atZone(zone);
        final int offset = t.getOffset().getTotalSeconds();
        final String zoneText = offset == 0 ? "Z" :
            String.format("%s%02d:%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 3600, Math.abs(offset) / 60 % 60);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
            t.getHour(), t.getMinute(), t.getSecond()) + (nano ? nines(t.getNano(), 9) : "") + zoneText;
    }

    private static String nines(final int nanos, final int digits)
    {
        if (digits == 0)
        {
            return "";
        }
        String fraction = String.format("%09d", nanos).substring(0, digits);
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0')
        {
            end--;
        }
        fraction = fraction.substring(0, end);
        return fraction.isEmpty() ? "" : "." + fraction;
    }

    /** A float64 as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)} prints it (shortest, no exponent). */
    static String goFloat(final double value)
    {
        final String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    // Bodies

    static byte[] gzip(final byte[] data)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out))
        {
            gz.write(data);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gzip(final String text)
    {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body file of test resources {@code e2e/machbase-write/}. */
    static byte[] resource(final String name)
    {
        final String path = "/e2e/machbase-write/" + name;
        try (InputStream in = MachbaseWriteSupport.class.getResourceAsStream(path))
        {
            assertNotNull(in, path);
            return in.readAllBytes();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(final String name)
    {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /**
     * The cells of a {@code format=box} table: one array per row (header row first when present), after checking
     * that every line is a {@code +---+} rule or a {@code | … |} row and that all lines have the same width.
     */
    static List<String[]> boxCells(final String box)
    {
        final List<String[]> rows = new ArrayList<>();
        final String[] lines = box.split("\n");
        int width = -1;
        for (final String line : lines)
        {
            if (line.isEmpty())
            {
                continue;
            }
            if (width < 0)
            {
                width = line.length();
            }
            assertEquals(width, line.length(), "ragged box line: '" + line + "' in\n" + box);
            if (line.startsWith("+"))
            {
                assertTrue(line.matches("\\+(-+\\+)+"), "bad rule: " + line);
                continue;
            }
            if (!line.startsWith("|") || !line.endsWith("|"))
            {
                fail("not a box line: '" + line + "' in\n" + box);
            }
            final String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            for (int i = 0; i < cells.length; i++)
            {
                cells[i] = cells[i].trim();
            }
            rows.add(cells);
        }
        return rows;
    }
}
