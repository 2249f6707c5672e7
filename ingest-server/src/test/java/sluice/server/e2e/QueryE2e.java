package sluice.server.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Helpers for the {@code /db/query} end-to-end tests: the response envelopes of spec/machbase.md checked byte for
 * byte (key order included, {@code "elapse"} by pattern), expected values computed independently of the server
 * (Go time layouts through java.time, box tables from their cells), and small request builders.
 */
final class QueryE2e
{
    /** Go's {@code time.Duration.String()}: {@code 0s}, {@code 812ns}, {@code 1.5µs}, {@code 12.3ms}, {@code 1m2.5s}. */
    static final String GO_DURATION =
        "(?:0s|[1-9][0-9]*(?:\\.[0-9]*[1-9])?(?:ns|\u00b5s|ms)|(?:[1-9][0-9]*h)?(?:[0-9]+m)?[0-9]+(?:\\.[0-9]*[1-9])?s)";

    private static final Pattern FETCH = Pattern.compile(
        "\\{\"data\":\\{\"columns\":(\\[.*?\\]),\"types\":(\\[.*?\\]),\"(rows|cols)\":(\\[.*\\])\\}," +
        "\"success\":true,\"reason\":\"success\",\"elapse\":\"(" + GO_DURATION + ")\"\\}", Pattern.DOTALL);
    private static final Pattern RESULT = Pattern.compile(
        "\\{\"success\":(true|false),\"reason\":(\"(?:[^\"\\\\]|\\\\.)*\"),\"elapse\":\"(" + GO_DURATION + ")\"\\}",
        Pattern.DOTALL);

    private static final HttpClient BYTES_CLIENT =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** The standard tag table of the seed: NAME varchar(40) PRIMARY KEY, TIME datetime BASETIME, VALUE double. */
    static final String TAG_COLUMNS = "(name varchar(40) primary key, time datetime basetime, value double)";

    private QueryE2e()
    {
    }

    /** The parts of a JSON fetch result, as raw JSON text. */
    record Fetch(String columns, String types, String rowsKey, String rows, String elapse)
    {
    }

    /**
     * Checks a 200 JSON fetch answer: {@code {"data":{"columns":…,"types":…,"rows"|"cols":…},"success":true,
     * "reason":"success","elapse":"…"}} in exactly that key order, and JSON content type.
     */
    static Fetch fetch(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response::body);
        assertContentType(response, "application/json");
        final Matcher m = FETCH.matcher(response.body());
        assertTrue(m.matches(), () -> "not a JSON fetch envelope in spec key order: " + response.body());
        parse(response.body());
        return new Fetch(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /** Checks {@code {"success":true,"reason":REASON,"elapse":"…"}} with status 200. */
    static void success(final HttpResponse<String> response, final String reason)
    {
        assertEquals(200, response.statusCode(), response::body);
        assertEquals(reason, result(response, true));
    }

    /** Checks {@code {"success":true,"reason":…,"elapse":"…"}} with status 200; returns the reason. */
    static String success(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response::body);
        return result(response, true);
    }

    /** Checks {@code {"success":false,"reason":…,"elapse":"…"}} with the status; returns the reason. */
    static String failure(final HttpResponse<String> response, final int status)
    {
        assertEquals(status, response.statusCode(), response::body);
        return result(response, false);
    }

    /** Checks a failure whose reason is exactly {@code reason}. */
    static void failure(final HttpResponse<String> response, final int status, final String reason)
    {
        assertEquals(reason, failure(response, status));
    }

    private static String result(final HttpResponse<String> response, final boolean success)
    {
        assertContentType(response, "application/json");
        final Matcher m = RESULT.matcher(response.body());
        assertTrue(m.matches(), () -> "not a {success,reason,elapse} object in that order: " + response.body());
        assertEquals(String.valueOf(success), m.group(1), response::body);
        return parse(m.group(2)).asText();
    }

    static void assertContentType(final HttpResponse<?> response, final String mediaType)
    {
        final String contentType = response.headers().firstValue("Content-Type").orElse("");
        final String actual = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        assertEquals(mediaType, actual, () -> "Content-Type " + contentType);
    }

    static JsonNode parse(final String json)
    {
        try
        {
            return MAPPER.readTree(json);
        }
        catch (final IOException e)
        {
            throw new AssertionError("invalid JSON: " + json, e);
        }
    }

    /** A JSON string literal. */
    static String quote(final String text)
    {
        try
        {
            return MAPPER.writeValueAsString(text);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static String gunzip(final byte[] body)
    {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body)))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new AssertionError("not a gzip body", e);
        }
    }

    /** Sends a request and keeps the body as bytes (for gzip answers). */
    static HttpResponse<byte[]> sendBytes(final HttpRequest request) throws IOException, InterruptedException
    {
        return BYTES_CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs a statement that must succeed with the given non-fetch reason. */
    static void exec(final TestServer server, final String sql, final String reason)
        throws IOException, InterruptedException
    {
        success(server.query(sql), reason);
    }

    static void createTag(final TestServer server, final String table) throws IOException, InterruptedException
    {
        exec(server, "create tag table " + table + " " + TAG_COLUMNS, "Created successfully.");
    }

    /** POST /db/write/{table}{query} that must answer 200 with {@code success, N record(s) inserted|appended}. */
    static void write(final TestServer server, final String tableAndQuery, final String contentType,
        final String body, final int records) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = server.post("/db/write/" + tableAndQuery, contentType, body);
        final String verb = tableAndQuery.contains("method=append") ? "appended" : "inserted";
        success(response, "success, " + records + " record(s) " + verb);
    }

    // Time, computed with java.time.

    static long epochNanos(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** Go's fractional seconds: {@code digits} digits, truncated; {@code trim} is Go's {@code .999} form. */
    static String goFraction(final int nanoOfSecond, final int digits, final boolean trim)
    {
        String fraction = String.format(Locale.ROOT, "%09d", nanoOfSecond).substring(0, digits);
        if (trim)
        {
            int end = fraction.length();
            while (end > 0 && fraction.charAt(end - 1) == '0')
            {
                end--;
            }
            fraction = fraction.substring(0, end);
            return fraction.isEmpty() ? "" : "." + fraction;
        }
        return "." + fraction;
    }

    /** {@code pattern} (java.time, no fraction) + Go fraction + optional {@code suffixPattern}, in {@code zone}. */
    static String format(final Instant instant, final String zone, final String pattern, final int digits,
        final boolean trim, final String suffixPattern)
    {
        final ZonedDateTime t = instant.atZone(ZoneId.of(zone));
        final StringBuilder out = new StringBuilder(DateTimeFormatter.ofPattern(pattern, Locale.US).format(t));
        if (digits > 0)
        {
            out.append(goFraction(t.getNano(), digits, trim));
        }
        if (suffixPattern != null)
        {
            out.append(DateTimeFormatter.ofPattern(suffixPattern, Locale.US).format(t));
        }
        return out.toString();
    }

    // Box tables.

    /**
     * The ASCII table Neo prints for {@code format=box}: {@code +---+} borders, one space of padding, cells left
     * aligned except the columns whose index is in {@code rightAligned}; the header row (when given) between two
     * borders, then the rows, then a closing border.
     */
    static String box(final List<String> header, final List<List<String>> rows, final int... rightAligned)
    {
        final int n = header != null ? header.size() : rows.get(0).size();
        final int[] width = new int[n];
        final List<List<String>> all = new ArrayList<>();
        if (header != null)
        {
            all.add(header);
        }
        all.addAll(rows);
        for (final List<String> row : all)
        {
            for (int i = 0; i < n; i++)
            {
                width[i] = Math.max(width[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        final StringBuilder border = new StringBuilder("+");
        for (int i = 0; i < n; i++)
        {
            border.append("-".repeat(width[i] + 2)).append('+');
        }
        border.append('\n');
        final StringBuilder out = new StringBuilder(border);
        if (header != null)
        {
            out.append(boxRow(header, width, new int[0])).append(border);
        }
        for (final List<String> row : rows)
        {
            out.append(boxRow(row, width, rightAligned));
        }
        return out.append(border).toString();
    }

    private static String boxRow(final List<String> cells, final int[] width, final int[] rightAligned)
    {
        final StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++)
        {
            final String cell = cells.get(i);
            final String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
            boolean right = false;
            for (final int r : rightAligned)
            {
                right |= r == i;
            }
            out.append(' ').append(right ? pad + cell : cell + pad).append(" |");
        }
        return out.append('\n').toString();
    }

}
