package sluice.server.machbase;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MachbaseResponsesTest
{
    private static final long ELAPSED = 1_230_000L;

    @Test
    void writeSuccess()
    {
        assertEquals("{\"success\":true,\"reason\":\"success, 2 record(s) inserted\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.writeSuccess(2, false, ELAPSED));
        assertEquals("{\"success\":true,\"reason\":\"success, 5 record(s) appended\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.writeSuccess(5, true, ELAPSED));
        assertEquals("{\"success\":true,\"reason\":\"success, 0 record(s) inserted\",\"elapse\":\"0s\"}",
            MachbaseResponses.writeSuccess(0, false, 0));
    }

    @Test
    void errors()
    {
        assertEquals("{\"success\":false,\"reason\":\"table 'T' does not exist\",\"elapse\":\"52.1µs\"}",
            MachbaseResponses.error("table 'T' does not exist", 52_100));
        assertEquals("{\"success\":false,\"reason\":\"column \\\"x\\\" not found in the table \\\"T\\\"\"," +
            "\"elapse\":\"1.23ms\"}", MachbaseResponses.error("column \"x\" not found in the table \"T\"", ELAPSED));
        assertEquals("{\"success\":false,\"reason\":\"a\\\\b\\n\\t\\r\\b\\f\\u0001\\u001f\\u2028\\u2029\\ufffd" +
            "é😀<>&\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.error("a\\b\n\t\r\b\f\u0001\u001f\u2028\u2029\ud800é\ud83d\ude00<>&", ELAPSED));
    }

    @Test
    void nonFetchReasons()
    {
        assertEquals("{\"success\":true,\"reason\":\"Created successfully.\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.success(MachbaseResponses.CREATED, ELAPSED));
        assertEquals("{\"success\":true,\"reason\":\"Dropped successfully.\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.success(MachbaseResponses.DROPPED, ELAPSED));
        assertEquals("{\"success\":true,\"reason\":\"executed.\",\"elapse\":\"1.23ms\"}",
            MachbaseResponses.success(MachbaseResponses.EXECUTED, ELAPSED));
        assertEquals("a row inserted.", MachbaseResponses.rowsInserted(1));
        assertEquals("2 rows inserted.", MachbaseResponses.rowsInserted(2));
        assertEquals("no rows inserted.", MachbaseResponses.rowsInserted(0));
        assertEquals("3 rows deleted.", MachbaseResponses.rowsDeleted(3));
        assertEquals("a row deleted.", MachbaseResponses.rowsDeleted(1));
        assertEquals("10 rows updated.", MachbaseResponses.rowsUpdated(10));
    }

    @Test
    void reasonByKind()
    {
        assertEquals(MachbaseResponses.CREATED, MachbaseResponses.reason(MachbaseStatement.Kind.CREATE_TAG_TABLE, 0));
        assertEquals(MachbaseResponses.CREATED, MachbaseResponses.reason(MachbaseStatement.Kind.CREATE_LOG_TABLE, 0));
        assertEquals(MachbaseResponses.DROPPED, MachbaseResponses.reason(MachbaseStatement.Kind.DROP_TABLE, 0));
        assertEquals(MachbaseResponses.EXECUTED, MachbaseResponses.reason(MachbaseStatement.Kind.FLUSH_TABLE, 0));
        assertEquals(MachbaseResponses.EXECUTED, MachbaseResponses.reason(MachbaseStatement.Kind.EXECUTE, 0));
        assertEquals("a row inserted.", MachbaseResponses.reason(MachbaseStatement.Kind.INSERT, 1));
        assertEquals("7 rows deleted.", MachbaseResponses.reason(MachbaseStatement.Kind.DELETE, 7));
        assertEquals("2 rows updated.", MachbaseResponses.reason(MachbaseStatement.Kind.UPDATE, 2));
        assertThrows(IllegalArgumentException.class, () -> MachbaseResponses.reason(MachbaseStatement.Kind.FETCH, 0));
    }

    @Test
    void contentType()
    {
        assertEquals("application/json; charset=utf-8", MachbaseResponses.CONTENT_TYPE);
    }
}
