package sluice.server.machbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sluice.codec.time.EpochUnit;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachbaseQueryOptionsTest
{
    private static MachbaseQueryOptions options(final String... keyValues)
    {
        final Map<String, String> params = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2)
        {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return MachbaseQueryOptions.from(params);
    }

    private static String error(final String... keyValues)
    {
        return assertThrows(IllegalArgumentException.class, () -> options(keyValues)).getMessage();
    }

    @Test
    void defaults()
    {
        final MachbaseQueryOptions o = options("q", "select 1");
        assertEquals("select 1", o.sql());
        assertEquals(List.of(), o.params());
        assertSame(MachbaseQueryOptions.Format.JSON, o.format());
        assertEquals("ns", o.timeformat());
        assertEquals("UTC", o.tz());
        assertSame(EpochUnit.NANOS, o.timeFormat().epochUnit());
        assertNull(o.timeFormat().layout());
        assertEquals(ZoneId.of("Z"), o.timeFormat().zone().zone());
        assertEquals(-1, o.precision());
        assertFalse(o.rownum());
        assertTrue(o.heading());
        assertFalse(o.transpose());
        assertFalse(o.rowsFlatten());
        assertFalse(o.rowsArray());
        assertFalse(o.gzip());
        assertEquals("application/json; charset=utf-8", MachbaseQueryWriter.contentType(o));
    }

    @Test
    void everyOptionSetWithKeysInAnyCase()
    {
        final MachbaseQueryOptions o = options("Q", "select ?", "P", "[1, \"a\"]", "FORMAT", "CSV",
            "TimeFormat", "RFC3339Nano", "TZ", "Asia/Seoul", "Precision", "3", "ROWNUM", "TRUE", "Heading", "0",
            "TRANSPOSE", "1", "rowsflatten", "True", "ROWSARRAY", "true", "Compress", "GZIP");
        assertEquals("select ?", o.sql());
        assertEquals(List.of(1L, "a"), o.params());
        assertSame(MachbaseQueryOptions.Format.CSV, o.format());
        assertEquals("RFC3339Nano", o.timeformat());
        assertNull(o.timeFormat().epochUnit());
        assertNotNull(o.timeFormat().layout());
        assertEquals("Asia/Seoul", o.tz());
        assertEquals(ZoneId.of("Asia/Seoul"), o.timeFormat().zone().zone());
        assertEquals(3, o.precision());
        assertTrue(o.rownum());
        assertFalse(o.heading());
        assertTrue(o.transpose());
        assertTrue(o.rowsFlatten());
        assertTrue(o.rowsArray());
        assertTrue(o.gzip());
    }

    @ParameterizedTest
    @CsvSource({"json, JSON", "csv, CSV", "box, BOX", "ndjson, NDJSON", "Box, BOX", "NDJSON, NDJSON",
        "xml, JSON", "'', JSON", "html, JSON", "' csv ', CSV"})
    void format(final String value, final MachbaseQueryOptions.Format format)
    {
        assertSame(format, options("q", "x", "format", value).format());
    }

    @Test
    void contentTypes()
    {
        assertEquals("text/csv; charset=utf-8", MachbaseQueryWriter.contentType(options("q", "x", "format", "csv")));
        assertEquals("text/plain; charset=utf-8",
            MachbaseQueryWriter.contentType(options("q", "x", "format", "box")));
        assertEquals("application/x-ndjson", MachbaseQueryWriter.contentType(options("q", "x", "format", "ndjson")));
        assertEquals("application/json; charset=utf-8",
            MachbaseQueryWriter.contentType(options("q", "x", "format", "json")));
    }

    @Test
    void heading()
    {
        assertFalse(options("q", "x", "header", "skip").heading());
        assertFalse(options("q", "x", "header", "SKIP").heading());
        assertFalse(options("q", "x", "heading", "false").heading());
        assertFalse(options("q", "x", "heading", "true", "header", "skip").heading());
        assertTrue(options("q", "x", "header", "columns").heading());
        assertTrue(options("q", "x", "heading", "1").heading());
        assertTrue(options("q", "x", "heading", "").heading());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "True, true", "1, true", "false, false", "FALSE, false", "0, false",
        "' true ', true"})
    void booleans(final String value, final boolean expected)
    {
        assertEquals(expected, options("q", "x", "rownum", value).rownum());
        assertEquals(expected, options("q", "x", "transpose", value).transpose());
        assertEquals(expected, options("q", "x", "rowsFlatten", value).rowsFlatten());
        assertEquals(expected, options("q", "x", "rowsArray", value).rowsArray());
        assertEquals(expected, options("q", "x", "heading", value).heading());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "t", "2", "on"})
    void badBooleans(final String value)
    {
        assertEquals("invalid rownum '" + value + "': expected true, false, 1 or 0",
            error("q", "x", "rownum", value));
        assertEquals("invalid rowsFlatten '" + value + "': expected true, false, 1 or 0",
            error("q", "x", "ROWSFLATTEN", value));
    }

    @Test
    void precision()
    {
        assertEquals(0, options("q", "x", "precision", "0").precision());
        assertEquals(-1, options("q", "x", "precision", "-1").precision());
        assertEquals(-1, options("q", "x", "precision", "-7").precision());
        assertEquals(-1, options("q", "x", "precision", "").precision());
        assertEquals(64, options("q", "x", "precision", " 64 ").precision());
        assertEquals("invalid precision 65: at most 64", error("q", "x", "precision", "65"));
        assertEquals("invalid precision 'two': not an integer", error("q", "x", "precision", "two"));
        assertEquals("invalid precision '1.5': not an integer", error("q", "x", "precision", "1.5"));
    }

    @Test
    void sqlText()
    {
        assertEquals("sql text is empty", error());
        assertEquals("sql text is empty", error("q", ""));
        assertEquals("sql text is empty", error("q", "  \n "));
        assertEquals("sql text is empty", error("format", "csv"));
        assertEquals(" select 1 ", options("q", " select 1 ").sql());
    }

    @Test
    void bindParameters()
    {
        assertEquals(Arrays.asList("a", 1L, 2.5, true, null, new BigDecimal("99999999999999999999")),
            options("q", "x", "p", "[\"a\", 1, 2.5, true, null, 99999999999999999999]").params());
        assertEquals(List.of(), options("q", "x", "p", "").params());
        assertEquals("bind parameter must be scalar", error("q", "x", "p", "[[1]]"));
        assertEquals("bind parameter must be scalar", error("q", "x", "p", "[{}]"));
        assertEquals("bind parameters must be a JSON array", error("q", "x", "p", "1"));
        assertEquals("invalid JSON at offset 1: Unexpected end-of-input: expected close marker for Array", error("q", "x", "p", "["));
    }

    @Test
    void timeformatAndZone()
    {
        final MachbaseQueryOptions ms = options("q", "x", "timeformat", "ms", "tz", "utc");
        assertSame(EpochUnit.MILLIS, ms.timeFormat().epochUnit());
        assertEquals("utc", ms.tz());
        assertEquals("2006-01-02 15:04:05.999",
            options("q", "x", "timeformat", "default").timeFormat().layout().layout());
        assertEquals(ZoneOffset.ofHours(9), options("q", "x", "tz", "GMT+9").timeFormat().zone().zone());
        assertEquals("unknown time zone Mars/Base", error("q", "x", "tz", "Mars/Base"));
        assertTrue(error("q", "x", "timeformat", "nonsense").startsWith("invalid timeformat \"nonsense\""));
    }

    @Test
    void compress()
    {
        assertTrue(options("q", "x", "compress", "gzip").gzip());
        assertFalse(options("q", "x", "compress", "deflate").gzip());
        assertFalse(options("q", "x", "compress", "").gzip());
    }

    @Test
    void fromJsonBody()
    {
        final MachbaseQueryOptions o = MachbaseQueryOptions.fromJson("{\"Q\": \"select * from t where a = ?\", " +
            "\"p\": [\"x\", 2], \"format\": \"ndjson\", \"rownum\": true, \"precision\": 2, \"heading\": false, " +
            "\"tz\": null, \"timeformat\": \"s\"}");
        assertEquals("select * from t where a = ?", o.sql());
        assertEquals(List.of("x", 2L), o.params());
        assertSame(MachbaseQueryOptions.Format.NDJSON, o.format());
        assertTrue(o.rownum());
        assertEquals(2, o.precision());
        assertFalse(o.heading());
        assertEquals("UTC", o.tz());
        assertSame(EpochUnit.SECONDS, o.timeFormat().epochUnit());
        assertEquals(o, MachbaseQueryOptions.from(Map.of("q", "select * from t where a = ?", "p", "[\"x\",2]",
            "format", "ndjson", "rownum", "1", "precision", "2", "heading", "0", "timeformat", "s")));
        assertEquals("the request body must be a JSON object of parameters",
            assertThrows(IllegalArgumentException.class, () -> MachbaseQueryOptions.fromJson("[]")).getMessage());
        assertEquals("sql text is empty",
            assertThrows(IllegalArgumentException.class, () -> MachbaseQueryOptions.fromJson("{}")).getMessage());
        assertEquals("bind parameter must be scalar", assertThrows(IllegalArgumentException.class,
            () -> MachbaseQueryOptions.fromJson("{\"q\": \"x\", \"p\": [[1]]}")).getMessage());
    }
}
