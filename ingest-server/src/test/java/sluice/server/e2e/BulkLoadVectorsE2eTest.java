package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk-load scan writes DuckDB's vectors directly: fixed-width slots copied as they are, strings of up to 12 bytes
 * written inline into {@code string_t}, chunks with a longer string handed to DuckDB's setter. These tests load
 * several 2048-row vectors' worth of rows in one request, with NULLs at every phase, strings of every byte length
 * around the 12-byte boundary (multi-byte characters included) and a middle chunk that takes the setter path, then
 * read every value back and check that equality and grouping see the inlined strings as DuckDB's own.
 */
class BulkLoadVectorsE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VECTOR = 2048;
    private static final int ROWS = 3 * VECTOR + 100;
    private static final long T0 = 1_700_000_000_000_000_000L;

    /** Byte lengths 0..13 and 20, ASCII and 2-, 3- and 4-byte UTF-8, several exactly 12 bytes. */
    private static final List<String> SHORT = List.of("", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg",
        "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijk", "abcdefghijkl", "éééééé", "€€€€", "😀😀😀", "é😀€abc", "a😀b€cd",
        "ABCDEFGHIJKL", "é", "€", "😀");
    private static final List<String> LONG = List.of("abcdefghijklm", "€€€€a", "😀😀😀a", "abcdefghijklmnopqrst");

    @Test
    void theStringsStraddleTheInlineLimit()
    {
        SHORT.forEach(s -> assertTrue(s.getBytes(StandardCharsets.UTF_8).length <= 12, s));
        LONG.forEach(s -> assertTrue(s.getBytes(StandardCharsets.UTF_8).length > 12, s));
        assertTrue(SHORT.stream().filter(s -> s.getBytes(StandardCharsets.UTF_8).length == 12).count() >= 5);
    }

    @Test
    void everyValueOfSeveralVectorsReadsBack() throws Exception
    {
        final String table = "VECTORS";
        assertEquals(200, server.query("create table " + table +
            " (id integer, s varchar(40), v double, n long, sh short, t datetime)").statusCode());
        final Random random = new Random(42);
        final List<Object[]> expected = new ArrayList<>();
        final StringBuilder body = new StringBuilder("{\"data\":{\"columns\":[\"id\",\"s\",\"v\",\"n\",\"sh\",\"t\"]," +
            "\"rows\":[");
        for (int i = 0; i < ROWS; i++)
        {
            // Only the second vector holds strings over 12 bytes, so the first and third take the inline path.
            final boolean second = i >= VECTOR && i < 2 * VECTOR;
            final String s = i % 11 == 3 ? null
                : second && random.nextInt(8) == 0 ? LONG.get(random.nextInt(LONG.size()))
                : SHORT.get(random.nextInt(SHORT.size()));
            final Double v = i % 13 == 5 ? null : i * 0.5 - 1000.25;
            final Long n = i % 17 == 0 ? null : (i - ROWS / 2) * 1_000_000_007L;
            final Integer sh = i % 19 == 2 ? null : (int)(short)(i * 7919);
            final Long t = i % 23 == 7 ? null : T0 + i * 1000L;
            expected.add(new Object[] {i, s, v, n, sh, t});
            body.append(i == 0 ? "" : ",").append('[').append(i).append(',')
                .append(s == null ? "null" : "\"" + s + "\"").append(',').append(v).append(',').append(n).append(',')
                .append(sh).append(',').append(t).append(']');
        }
        body.append("]}}");
        final HttpResponse<String> write = server.post("/db/write/" + table, "application/json",
            body.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, write.statusCode(), write.body());

        final JsonNode rows = rows(server.query("select id, s, v, n, sh, t from " + table + " order by id",
            "timeformat", "ns"));
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++)
        {
            final Object[] want = expected.get(i);
            final JsonNode row = rows.get(i);
            final String at = "row " + i + ": " + row;
            assertEquals(i, row.get(0).asInt(), at);
            assertEquals(want[1], row.get(1).isNull() ? null : row.get(1).asText(), at);
            assertEquals(want[2], row.get(2).isNull() ? null : row.get(2).asDouble(), at);
            assertEquals(want[3], row.get(3).isNull() ? null : row.get(3).asLong(), at);
            assertEquals(want[4], row.get(4).isNull() ? null : row.get(4).asInt(), at);
            assertEquals(want[5], row.get(5).isNull() ? null : row.get(5).asLong(), at);
        }
    }

    @Test
    void inlinedStringsCompareAndGroupLikeDuckDbsOwn() throws Exception
    {
        final String table = "INLINED";
        assertEquals(200, server.query("create table " + table + " (s varchar(40))").statusCode());
        final Random random = new Random(7);
        final Map<String, Integer> counts = new HashMap<>();
        final StringBuilder csv = new StringBuilder();
        for (int i = 0; i < ROWS; i++)
        {
            final String s = SHORT.get(1 + random.nextInt(SHORT.size() - 1));
            counts.merge(s, 1, Integer::sum);
            csv.append(s).append('\n');
        }
        final HttpResponse<String> write = server.post("/db/write/" + table, "text/csv",
            csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, write.statusCode(), write.body());

        // Literals are DuckDB's own strings: equality with them needs the inlined bytes and zero padding exact.
        for (final Map.Entry<String, Integer> e : counts.entrySet())
        {
            final JsonNode count = rows(server.query("select count(*) from " + table + " where s = ?", "p",
                JSON.writeValueAsString(new String[] {e.getKey()})));
            assertEquals(e.getValue().intValue(), count.get(0).get(0).asInt(), e.getKey());
        }
        final JsonNode groups = rows(server.query("select s, count(*) from " + table + " group by s"));
        final Map<String, Integer> grouped = new HashMap<>();
        groups.forEach(g -> grouped.put(g.get(0).asText(), g.get(1).asInt()));
        assertEquals(counts, grouped);
        final JsonNode lengths = rows(server.query("select sum(strlen(s)) from " + table));
        assertEquals(counts.entrySet().stream()
                .mapToLong(e -> (long)e.getKey().getBytes(StandardCharsets.UTF_8).length * e.getValue()).sum(),
            lengths.get(0).get(0).asLong());
    }

    private static JsonNode rows(final HttpResponse<String> response) throws Exception
    {
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode rows = JSON.readTree(response.body()).get("data").get("rows");
        assertTrue(rows.isArray(), response.body());
        return rows;
    }
}
