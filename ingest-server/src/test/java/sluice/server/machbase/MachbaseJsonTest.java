package sluice.server.machbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachbaseJsonTest
{
    @Test
    void scalarArray()
    {
        assertEquals(Arrays.asList("a\"b\u00e9\n", 1L, -2L, 1.5, 1e10, new BigDecimal("12345678901234567890"), true,
            false, null, "\ud83d\ude00", -0.0),
            MachbaseJson.scalarArray(
                " [ \"a\\\"b\\u00e9\\n\" , 1,-2, 1.5, 1e10, 12345678901234567890, true, false, null, " +
                    "\"\\ud83d\\ude00\", -0.0 ] "));
        assertEquals(List.of(), MachbaseJson.scalarArray("[]"));
        assertEquals(List.of(Long.MIN_VALUE), MachbaseJson.scalarArray("[-9223372036854775808]"));
        assertEquals(List.of("/"), MachbaseJson.scalarArray("[\"\\/\"]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[1]]|bind parameter must be scalar",
        "[1, {\"a\": 1}]|bind parameter must be scalar",
        "5|bind parameters must be a JSON array",
        "\"x\"|bind parameters must be a JSON array",
        "{}|bind parameters must be a JSON array",
    })
    void scalarArrayShapeErrors(final String text, final String message)
    {
        assertEquals(message,
            assertThrows(IllegalArgumentException.class, () -> MachbaseJson.scalarArray(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,]|3", "[1 2]|3", "[01]|2", "[1.]|2", "[-]|2", "[tru]|1", "[NaN]|4", "[\"a]|4", "[\"\\x\"]|3",
        "[1] x|4", "[|1", "x|0",
    })
    void syntaxErrorsNameTheOffset(final String text, final int offset)
    {
        final String message =
            assertThrows(IllegalArgumentException.class, () -> MachbaseJson.scalarArray(text)).getMessage();
        assertTrue(message.startsWith("invalid JSON at offset " + offset + ": "), message);
    }

    @Test
    void objectOfTexts()
    {
        final Map<String, String> expected = new LinkedHashMap<>();
        expected.put("q", "select * from t where a = ?");
        expected.put("p", "[1,\"x\",[2]]");
        expected.put("rownum", "true");
        expected.put("precision", "3");
        expected.put("obj", "{\"a\":{}}");
        expected.put("FORMAT", "csv");
        assertEquals(expected, MachbaseJson.objectOfTexts(
            "{\"q\": \"select * from t where a = ?\", \"p\": [1, \"x\", [2]], \"rownum\": true, \"precision\": 3," +
                " \"tz\": null, \"obj\": {\"a\": {}}, \"FORMAT\": \"tsv\", \"FORMAT\": \"csv\"}"));
        assertEquals(Map.of(), MachbaseJson.objectOfTexts(" {} "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|the request body must be a JSON object of parameters",
        "{\"q\" 1}|invalid JSON at offset",
        "{q: 1}|invalid JSON at offset",
        "{\"q\": 1,}|invalid JSON at offset",
        "{\"q\": 1} {}|invalid JSON at offset",
        "''|invalid JSON at offset 0",
    })
    void objectErrors(final String text, final String message)
    {
        final String actual = assertThrows(IllegalArgumentException.class,
            () -> MachbaseJson.objectOfTexts(text)).getMessage();
        assertTrue(actual.startsWith(message), actual);
    }

    @Test
    void depthLimit()
    {
        final int tooDeep = MachbaseJson.MAX_DEPTH + 1;
        final String deep = "{\"p\": " + "[".repeat(tooDeep) + "]".repeat(tooDeep) + "}";
        final String message =
            assertThrows(IllegalArgumentException.class, () -> MachbaseJson.objectOfTexts(deep)).getMessage();
        assertTrue(message.contains("nesting depth"), message);
        final String ok = "{\"p\": " + "[".repeat(MachbaseJson.MAX_DEPTH - 1) + "]".repeat(MachbaseJson.MAX_DEPTH - 1) +
            "}";
        assertEquals(1, MachbaseJson.objectOfTexts(ok).size());
    }
}
