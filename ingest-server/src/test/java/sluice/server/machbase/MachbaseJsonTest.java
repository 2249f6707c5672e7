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
        "[1,]|invalid JSON at offset 3: unexpected character ']'",
        "[1 2]|invalid JSON at offset 3: expected ']'",
        "[01]|invalid JSON at offset 2: expected ']'",
        "[1.]|invalid JSON at offset 3: invalid number",
        "[-]|invalid JSON at offset 2: invalid number",
        "[tru]|invalid JSON at offset 1: invalid literal",
        "[NaN]|invalid JSON at offset 1: unexpected character 'N'",
        "[\"a]|invalid JSON at offset 4: unterminated string",
        "[\"\\x\"]|invalid JSON at offset 3: invalid escape '\\x'",
        "[\"\\u12\"]|invalid JSON at offset 4: invalid \\u escape",
        "[1] x|invalid JSON at offset 4: unexpected text after the JSON value",
        "[|invalid JSON at offset 1: unexpected end of input",
        "x|invalid JSON at offset 0: unexpected character 'x'",
    })
    void scalarArrayErrors(final String text, final String message)
    {
        assertEquals(message,
            assertThrows(IllegalArgumentException.class, () -> MachbaseJson.scalarArray(text)).getMessage());
    }

    @Test
    void controlCharacterInString()
    {
        assertEquals("invalid JSON at offset 3: control character in string",
            assertThrows(IllegalArgumentException.class, () -> MachbaseJson.scalarArray("[\"a\nb\"]")).getMessage());
    }

    @Test
    void objectOfTexts()
    {
        final Map<String, String> expected = new LinkedHashMap<>();
        expected.put("q", "select * from t where a = ?");
        expected.put("p", "[1, \"x\", [2]]");
        expected.put("rownum", "true");
        expected.put("precision", "3");
        expected.put("obj", "{\"a\": {}}");
        expected.put("FORMAT", "csv");
        assertEquals(expected, MachbaseJson.objectOfTexts(
            "{\"q\": \"select * from t where a = ?\", \"p\": [1, \"x\", [2]], \"rownum\": true, \"precision\": 3," +
                " \"tz\": null, \"obj\": {\"a\": {}}, \"FORMAT\": \"tsv\", \"FORMAT\": \"csv\"}"));
        assertEquals(Map.of(), MachbaseJson.objectOfTexts(" {} "));
        assertEquals(Map.of(), MachbaseJson.objectOfTexts("{\"tz\": \"UTC\", \"tz\": null}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|invalid JSON at offset 0: expected '{'",
        "|invalid JSON at offset 0: unexpected end of input, expected '{'",
        "{\"q\" 1}|invalid JSON at offset 5: expected ':'",
        "{q: 1}|invalid JSON at offset 1: expected a member name",
        "{\"q\": 1,}|invalid JSON at offset 8: expected a member name",
        "{\"q\": 1} {}|invalid JSON at offset 9: unexpected text after the JSON value",
    })
    void objectErrors(final String text, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
            () -> MachbaseJson.objectOfTexts(text == null ? "" : text)).getMessage());
    }

    @Test
    void depthLimit()
    {
        final int tooDeep = MachbaseJson.MAX_DEPTH + 1;
        final String deep = "{\"p\": " + "[".repeat(tooDeep) + "]".repeat(tooDeep) + "}";
        assertEquals("invalid JSON at offset " + (6 + MachbaseJson.MAX_DEPTH) + ": nesting deeper than " +
            MachbaseJson.MAX_DEPTH, assertThrows(IllegalArgumentException.class,
                () -> MachbaseJson.objectOfTexts(deep)).getMessage());
        final String ok = "{\"p\": " + "[".repeat(MachbaseJson.MAX_DEPTH) + "]".repeat(MachbaseJson.MAX_DEPTH) + "}";
        assertEquals(1, MachbaseJson.objectOfTexts(ok).size());
    }
}
