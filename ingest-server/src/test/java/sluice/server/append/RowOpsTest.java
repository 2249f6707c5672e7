package sluice.server.append;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sluice.codec.json.FelderaJsonDecoder.UpdateFormat;
import sluice.codec.row.RowSink;
import sluice.server.catalog.TableEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deletes and updates through the writer, on real parts ({@link RowOpsFixture}): Feldera JSON events decoded and
 * encoded as the event loops do, written to a ring, applied by the writer thread to a DuckDB file, read back with SQL.
 * Rows must take effect in request order and, within a request, in row order.
 */
class RowOpsTest
{
    private static final String KEYED = "id INT64 NOT NULL PK, name VARCHAR, n INT32";

    @TempDir
    Path dir;

    @Test
    void anInsertThenADeleteOfTheSameKeyInOneRequestLeaveNothing() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t,
                "{\"insert\": {\"id\": 1, \"name\": \"a\"}} {\"insert\": {\"id\": 2, \"name\": \"b\"}} " +
                "{\"delete\": {\"id\": 1}}", 2)));
            // Batches [I1 I2] [D1]: the first is inserts only, not walked, so its keys are unknown to the delete.
            assertEquals(List.of("2|b|null"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void aDeleteThenAnInsertOfTheSameKeyInOneRequestLeaveTheRow() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"old\"}}", 10)));
            f.awaitCommitted(f.request(f.events(t,
                "{\"delete\": {\"id\": 1}} {\"insert\": {\"id\": 1, \"name\": \"new\"}}", 10)));
            assertEquals(List.of("1|new|null"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void aDeleteByKeyRemovesRowsOfEarlierCommitsWhateverItsOtherColumnsSay() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\", \"n\": 1}} " +
                "{\"insert\": {\"id\": 2, \"name\": \"b\"}} {\"insert\": {\"id\": 3, \"name\": \"c\"}}", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"delete\": {\"id\": 1, \"name\": \"not a\"}} " +
                "{\"delete\": [3, null, null]} {\"delete\": {\"id\": 3}} {\"delete\": {\"id\": 99}}", 10)));
            assertEquals(List.of("2|b|null"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void withoutAPrimaryKeyADeleteRemovesOneEqualRowNullsIncluded() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", "a INT64, b VARCHAR, c FLOAT64");
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.RAW, "[1, \"x\", 1.5] [1, \"x\", 1.5] " +
                "[1, \"x\", 1.5] [1, null, null] [1, null, null] [2, \"y\", null] [null, null, null]", 10)));
            // Feldera's tables are Z-sets: a delete takes away one copy. A row left out counts as NULL, and one
            // matching nothing changes nothing.
            f.awaitCommitted(f.request(f.events(t, "{\"delete\": [1, \"x\", 1.5]} {\"delete\": [1, \"x\", 1.5]} " +
                "{\"delete\": {\"a\": 1}} {\"delete\": [null, null, null]} {\"delete\": [2, \"y\", 0]} " +
                "{\"delete\": [7, \"x\", 1.5]}", 10)));
            assertEquals(List.of("1|x|1.5", "1|null|null", "2|y|null"),
                f.query("SELECT * FROM p.t ORDER BY ALL NULLS LAST"));
        }
    }

    @Test
    void withoutAPrimaryKeyAnInsertAndADeleteInOneRequestCancelOut() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", "a INT64, b VARCHAR");
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.RAW, "[1, \"x\"]", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": [1, \"x\"]} {\"delete\": [1, \"x\"]} " +
                "{\"delete\": [1, \"x\"]} {\"insert\": [2, null]} {\"delete\": [2, null]} {\"insert\": [3, \"z\"]}",
                2)));
            assertEquals(List.of("3|z"), f.query("SELECT * FROM p.t ORDER BY ALL"));
        }
    }

    @Test
    void aPartialUpdateKeepsTheColumnsItLeavesOut() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\", \"n\": 10}} " +
                "{\"insert\": {\"id\": 2, \"name\": \"b\", \"n\": 20}}", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"update\": {\"id\": 1, \"n\": 11}} " +
                "{\"update\": {\"id\": 2, \"name\": null}}", 10)));
            assertEquals(List.of("1|a|11", "2|null|20"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void anUpdateOfAKeyWithNoRowChangesNothing() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\", \"n\": 10}}", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"update\": {\"id\": 5, \"name\": \"e\", \"n\": 50}}", 10)));
            assertEquals(List.of("1|a|10"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void updatesOfOneKeyInOneRequestApplyInOrder() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\", \"n\": 10}} " +
                "{\"insert\": {\"id\": 2, \"name\": \"b\", \"n\": 20}}", 10)));
            final long before = f.loadStatements();
            f.awaitCommitted(f.request(f.events(t, "{\"update\": {\"id\": 1, \"name\": \"first\"}} " +
                "{\"update\": {\"id\": 2, \"n\": 21}} {\"update\": {\"id\": 1, \"name\": \"last\", \"n\": 12}} " +
                "{\"update\": {\"id\": 1, \"n\": 13}} {\"update\": {\"id\": 2, \"name\": \"B\"}}", 10)));
            assertEquals(List.of("1|last|13", "2|B|21"), f.query("SELECT * FROM p.t ORDER BY id"));
            // Keys 1, 2 | 1 | 1, 2: a run ends where its key repeats.
            assertEquals(3, f.loadStatements() - before);
        }
    }

    @Test
    void anUpdateAfterAnInsertInOneRequestSeesIt() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"update\": {\"id\": 1, \"n\": 0}} " +
                "{\"insert\": {\"id\": 1, \"name\": \"a\", \"n\": 10}} {\"update\": {\"id\": 1, \"n\": 11}} " +
                "{\"delete\": {\"id\": 1}} {\"insert\": {\"id\": 1, \"name\": \"b\"}} {\"update\": {\"id\": 1, " +
                "\"n\": 12}}", 1)));
            assertEquals(List.of("1|b|12"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void mixedRequestsOfOneGroupApplyInRequestOrderAcrossTwoTables() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", KEYED);
            final TableEntry u = f.create("u", "a INT64, b VARCHAR");
            final List<Long> ids = new ArrayList<>();
            ids.add(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\"}} " +
                "{\"insert\": {\"id\": 2, \"name\": \"b\"}}", 10)));
            ids.add(f.request(f.events(u, UpdateFormat.RAW, "[1, \"x\"] [2, \"y\"]", 10)));
            ids.add(f.request(f.events(t, "{\"delete\": {\"id\": 1}} {\"update\": {\"id\": 2, \"n\": 2}}", 10)));
            ids.add(f.request(f.events(u, "{\"delete\": [1, \"x\"]}", 10)));
            ids.add(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"again\"}}", 10)));
            ids.add(f.request(f.events(u, UpdateFormat.RAW, "[1, \"x\"] [3, \"z\"]", 10)));
            ids.add(f.request(f.events(t, "{\"update\": {\"id\": 1, \"n\": 1}} {\"delete\": {\"id\": 2}}", 10)));
            f.start();
            for (final long id : ids)
            {
                f.awaitCommitted(id);
            }
            assertEquals(List.of("1|again|1"), f.query("SELECT * FROM p.t ORDER BY id"));
            assertEquals(List.of("1|x", "2|y", "3|z"), f.query("SELECT * FROM p.u ORDER BY ALL"));
        }
    }

    @Test
    void aGroupOfInsertsOnlyTakesOneInsertPerTableAndNoPassOverTheRows() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20))
        {
            // A Machbase tag table has a primary key column, but appends: one INSERT, as a table without a key.
            final TableEntry t = f.createTag("t", KEYED);
            final TableEntry u = f.create("u", "a INT64, b VARCHAR");
            final List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                ids.add(f.request(f.events(i % 2 == 0 ? t : u, "{\"insert\": [" + i + ", \"v\", 1]} " +
                    "{\"insert\": [" + (i + 100) + ", \"w\", 2]}", 1)));
            }
            f.start();
            for (final long id : ids)
            {
                f.awaitCommitted(id);
            }
            assertEquals(List.of("20"), f.query("SELECT count(*) FROM p.t"));
            assertEquals(List.of("20"), f.query("SELECT count(*) FROM p.u"));
            // One group (every request was in the ring before the writer's first pass), two tables: two INSERTs.
            assertEquals(2, f.loadStatements());
            assertEquals(0, f.rowsInspected());
        }
    }

    @Test
    void aFelderaInsertReplacesTheStoredRowWithItsKey() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": [1, \"a\", 1]} {\"insert\": [2, \"b\", 2]}", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"c\"}}", 10)));
            // Replaced whole, not merged: n takes its default as in a first insert.
            assertEquals(List.of("1|c|null", "2|b|2"), f.query("SELECT * FROM p.t ORDER BY id"));
            // A Debezium "c" for a stored key replaces it too (Feldera: an insert, whatever was there).
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.DEBEZIUM,
                "{\"payload\": {\"op\": \"c\", \"after\": {\"id\": 2, \"name\": \"d\"}}}", 10)));
            assertEquals(List.of("1|c|null", "2|d|null"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void keysInsertedTwiceInOneRequestKeepTheLastRow() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": [1, \"stored\", 0]}", 10)));
            // Inserts only, across batches: the one-INSERT path.
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": [1, \"a\", 1]} {\"insert\": [2, \"x\", 1]} " +
                "{\"insert\": [1, \"b\", 2]} {\"insert\": [2, \"y\", 2]} {\"insert\": [1, \"c\", 3]}", 2)));
            assertEquals(List.of("1|c|3", "2|y|2"), f.query("SELECT * FROM p.t ORDER BY id"));
            // With a delete of another key: the planned steps, one block.
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": [1, \"d\", 4]} {\"delete\": {\"id\": 2}} " +
                "{\"insert\": [1, \"e\", 5]} {\"insert\": [3, \"z\", 5]} {\"insert\": [3, \"w\", 6]}", 10)));
            assertEquals(List.of("1|e|5", "3|w|6"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void keysInsertedByEveryRequestOfAGroupKeepTheLastRowAndTakeOneDeleteAndOneInsert() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", KEYED);
            final List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                ids.add(f.request(f.events(t, "{\"insert\": [1, \"r" + i + "\", " + i + "]} " +
                    "{\"insert\": [" + (10 + i % 3) + ", \"r" + i + "\", " + i + "]}", 1)));
            }
            f.start();
            for (final long id : ids)
            {
                f.awaitCommitted(id);
            }
            assertEquals(List.of("1|r9|9", "10|r9|9", "11|r7|7", "12|r8|8"), f.query("SELECT * FROM p.t ORDER BY id"));
            // One group, inserts only: the DELETE of the inserted keys and the INSERT, still no pass over the rows.
            assertEquals(2, f.loadStatements());
            assertEquals(0, f.rowsInspected());
        }
    }

    @Test
    void replacingInsertsKeepTheirOrderWithDeletesAndUpdates() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            f.awaitCommitted(f.request(f.events(t,
                "{\"insert\": [1, \"old\", 1]} {\"insert\": [2, \"old\", 2]} {\"insert\": [3, \"old\", 3]} " +
                "{\"insert\": [4, \"old\", 4]}", 10)));
            f.awaitCommitted(f.request(f.events(t,
                // Insert then delete: nothing.
                "{\"insert\": [1, \"a\", 10]} {\"delete\": {\"id\": 1}} " +
                // Delete then insert, twice: the last row.
                "{\"delete\": {\"id\": 2}} {\"insert\": [2, \"a\", 20]} {\"delete\": {\"id\": 2}} " +
                "{\"insert\": [2, \"b\", 21]} " +
                // Insert then update: the updated row.
                "{\"insert\": [3, \"a\", 30]} {\"update\": {\"id\": 3, \"n\": 31}} " +
                // Update then insert: the insert replaces the updated row.
                "{\"update\": {\"id\": 4, \"n\": 40}} {\"insert\": {\"id\": 4, \"name\": \"a\"}} " +
                // Insert, insert, update, insert of a new key: the last insert.
                "{\"insert\": [5, \"a\", 50]} {\"insert\": [5, \"b\", 51]} {\"update\": {\"id\": 5, " +
                "\"n\": 52}} {\"insert\": [5, \"c\", 53]}", 3)));
            assertEquals(List.of("2|b|21", "3|a|31", "4|a|null", "5|c|53"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void aMachbaseTagTableWithAPrimaryKeyColumnKeepsEveryRow() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.createTag("t", "name VARCHAR NOT NULL PK, time TIMESTAMP NOT NULL, value FLOAT64");
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.RAW,
                "[\"tag\", \"2024-01-01 00:00:00\", 1] [\"tag\", \"2024-01-01 00:00:01\", 2]", 10)));
            final long before = f.loadStatements();
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.RAW,
                "[\"tag\", \"2024-01-01 00:00:01\", 2] [\"tag\", \"2024-01-01 00:00:02\", 3]", 10)));
            assertEquals(1, f.loadStatements() - before);
            assertEquals(List.of("4|1|8.0"), f.query("SELECT count(*), count(DISTINCT name), sum(value) FROM p.t"));
        }
    }

    @Test
    void aDebeziumStreamOfChangesToDistinctKeysTakesOneDeleteAndOneInsert() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", KEYED);
            final StringBuilder create = new StringBuilder();
            final StringBuilder change = new StringBuilder();
            for (int i = 0; i < 50; i++)
            {
                create.append("{\"payload\": {\"op\": \"c\", \"after\": {\"id\": ").append(i)
                    .append(", \"name\": \"v0\"}}}\n");
                change.append("{\"payload\": {\"op\": \"u\", \"before\": {\"id\": ").append(i)
                    .append(", \"name\": \"v0\"}, \"after\": {\"id\": ").append(i).append(", \"name\": \"v1\"}}}\n");
            }
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.DEBEZIUM, create.toString(), 7)));
            long before = f.loadStatements();
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.DEBEZIUM, change.toString(), 7)));
            assertEquals(2, f.loadStatements() - before);
            assertEquals(List.of("50|50|v1"), f.query("SELECT count(*), count(DISTINCT id), min(name) FROM p.t"));

            // The same key changed twice: its second delete must see the first insert.
            before = f.loadStatements();
            f.awaitCommitted(f.request(f.events(t, UpdateFormat.DEBEZIUM,
                "{\"payload\": {\"op\": \"u\", \"before\": {\"id\": 1}, \"after\": {\"id\": 1, \"name\": \"v2\"}}}" +
                "{\"payload\": {\"op\": \"u\", \"before\": {\"id\": 2}, \"after\": {\"id\": 2, \"name\": \"v2\"}}}" +
                "{\"payload\": {\"op\": \"u\", \"before\": {\"id\": 1}, \"after\": {\"id\": 1, \"name\": \"v3\"}}}" +
                "{\"payload\": {\"op\": \"d\", \"before\": {\"id\": 2}}}", 3)));
            assertEquals(List.of("0|v1", "1|v3", "3|v1"), f.query("SELECT id, name FROM p.t WHERE id < 4 ORDER BY id"));
            // [D1 I1 D2 I2] [D1 I1 D2]: the second delete of key 1 follows its insert, so it starts a new block.
            assertEquals(4, f.loadStatements() - before);
        }
    }

    @Test
    void updatesAndDeletesConvertEveryTypeAsInsertsDo() throws Exception
    {
        final String columns = "id INT64 NOT NULL PK, b BOOLEAN, u64 UINT64, f FLOAT32, dec DECIMAL(12,3), " +
            "wide DECIMAL(30,2), s VARCHAR, dt DATE, tm TIME, ts TIMESTAMP, bin BINARY, js JSON, uid UUID, " +
            "arr ARRAY(INT64), m MAP(VARCHAR,FLOAT64)";
        final String row = "true, 18446744073709551615, 1.5, \"-123456789.012\", \"123456789012345.67\", " +
            "\"h\u00e9llo, a string longer than twelve bytes\", \"2024-02-25\", \"12:34:56.789012\", " +
            "\"2024-02-25T12:12:33.123456Z\", [0, 255, 65], {\"a\": [1, 2]}, " +
            "\"01234567-89ab-cdef-fedc-ba9876543210\", [1, 2, 3], {\"x\": 1.5}";
        final String select = "SELECT id, b, u64, f, dec, wide, s, dt, tm, strftime(ts, '%Y-%m-%d %H:%M:%S.%f'), " +
            "hex(bin), js, uid, arr, m FROM p.";
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry keyed = f.create("k", columns);
            f.awaitCommitted(f.request(f.events(keyed, "{\"insert\": [1, false, 0, 0, 0, 0, \"\", \"1970-01-01\", " +
                "\"00:00:00\", \"1970-01-01T00:00:00Z\", [], {}, \"00000000-0000-0000-0000-000000000000\", [], {}]} " +
                "{\"insert\": [2, " + row + "]}", 10)));
            f.awaitCommitted(f.request(f.events(keyed, "{\"update\": [1, " + row + "]} {\"delete\": {\"id\": 2}}",
                10)));
            final String expected = "true|18446744073709551615|1.5|-123456789.012|123456789012345.67|" +
                "h\u00e9llo, a string longer than twelve bytes|2024-02-25|12:34:56.789012|" +
                "2024-02-25 12:12:33.123456|00FF41|{\"a\": [1, 2]}|01234567-89ab-cdef-fedc-ba9876543210|[1, 2, 3]|" +
                "{x=1.5}";
            assertEquals(List.of("1|" + expected), f.query(select + "k"));

            final TableEntry plain = f.create("n", columns.replace(" NOT NULL PK", ""));
            f.awaitCommitted(f.request(f.events(plain, "{\"insert\": [1, " + row + "]} {\"insert\": [1, " + row +
                "]} {\"insert\": [1" + ", null".repeat(14) + "]} {\"insert\": [2" + ", null".repeat(14) + "]}", 10)));
            f.awaitCommitted(f.request(f.events(plain, "{\"delete\": [1, " + row + "]} {\"delete\": [1" +
                ", null".repeat(14) + "]}", 10)));
            assertEquals(List.of("1|" + expected, "2" + "|null".repeat(14)), f.query(select + "n ORDER BY id"));
        }
    }

    @Test
    void anUpdateForATableWithoutAPrimaryKeyFailsItsRequestOnly() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20))
        {
            final TableEntry u = f.create("u", "a INT64, b VARCHAR");
            final long good = f.request(f.events(u, UpdateFormat.RAW, "[1, \"x\"]", 10));
            // The decoders refuse this (UPDATE_WITHOUT_KEY); a ring record from elsewhere must not slip through.
            final long bad = f.request(f.rows(u, e ->
            {
                e.beginRow(RowSink.OP_UPDATE);
                e.putLong(0, 1);
                e.endRow();
            }));
            final long after = f.request(f.events(u, UpdateFormat.RAW, "[2, \"y\"]", 10));
            f.start();
            f.awaitCommitted(good);
            assertTrue(f.awaitFailed(bad));
            f.awaitCommitted(after);
            assertEquals(List.of("1|x", "2|y"), f.query("SELECT * FROM p.u ORDER BY ALL"));
        }
    }

    @Test
    void anUpdateDuckDbRefusesFailsItsRequestAndLaterUpdatesStillWork() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 20).start())
        {
            final TableEntry t = f.create("t", "id INT64 NOT NULL PK, name VARCHAR NOT NULL");
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 1, \"name\": \"a\"}}", 10)));
            // NULL into a NOT NULL column: the decoder refuses it, DuckDB too if it comes from elsewhere.
            assertTrue(f.awaitFailed(f.request(f.rows(t, e ->
            {
                e.beginRow(RowSink.OP_UPDATE);
                e.putLong(0, 1);
                e.putNull(1);
                e.endRow();
            }))));
            f.awaitCommitted(f.request(f.events(t, "{\"update\": {\"id\": 1, \"name\": \"b\"}}", 10)));
            f.awaitCommitted(f.request(f.events(t, "{\"insert\": {\"id\": 2, \"name\": \"c\"}}", 10)));
            assertEquals(List.of("1|b", "2|c"), f.query("SELECT * FROM p.t ORDER BY id"));
        }
    }

    @Test
    void aPromotedRequestsInsertsReplaceByKeyToo() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 16))
        {
            final TableEntry t = f.create("t", KEYED);
            final long small = f.request(f.events(t, "{\"insert\": [-1, \"small\", 0]}", 10));
            final StringBuilder json = new StringBuilder("{\"insert\": [-1, \"replaced\", 1]}");
            for (int pass = 0; pass < 3; pass++)
            {
                for (int i = 0; i < 500; i++)
                {
                    json.append("{\"insert\": [").append(i).append(", \"some text to fill the ring\", ")
                        .append(pass).append("]}");
                }
            }
            final List<UnsafeBuffer> batches = f.events(t, json.toString(), 100);
            assertTrue(batches.size() > 10, "larger than the ring");
            // Inserts only: each load of the promoted request takes the one-INSERT path, with its DELETE first.
            final long large = f.begin(batches.subList(0, 3));
            f.promote(large);
            f.start();
            f.batches(large, 3, batches.subList(3, batches.size()));
            f.end(large);
            f.awaitCommitted(small);
            f.awaitCommitted(large);
            assertEquals(List.of("501|500|-1|499|500"), f.query("SELECT count(*), count(DISTINCT id) FILTER " +
                "(WHERE id >= 0), min(id), max(id), count(*) FILTER (WHERE n = 2) FROM p.t"));
            assertEquals(List.of("replaced"), f.query("SELECT name FROM p.t WHERE id = -1"));
        }
    }

    @Test
    void aPromotedRequestAppliesItsDeletesAfterTheRequestsEndedBeforeIt() throws Exception
    {
        try (RowOpsFixture f = new RowOpsFixture(dir, 1 << 16))
        {
            final TableEntry t = f.create("t", KEYED);
            // Ended, not yet committed when the large request's transaction starts: it must see this row.
            final long small = f.request(f.events(t, "{\"insert\": {\"id\": -1, \"name\": \"small\"}}", 10));
            final StringBuilder json = new StringBuilder("{\"delete\": {\"id\": -1}}");
            for (int i = 0; i < 1000; i++)
            {
                json.append("{\"insert\": {\"id\": ").append(i).append(", \"name\": \"some text to fill the ring\"}}");
                if (i % 3 == 0)
                {
                    json.append("{\"delete\": {\"id\": ").append(i).append("}}");
                }
                if (i % 3 == 1)
                {
                    json.append("{\"update\": {\"id\": ").append(i).append(", \"n\": ").append(i).append("}}");
                }
            }
            final List<UnsafeBuffer> batches = f.events(t, json.toString(), 100);
            assertTrue(batches.size() > 10, "larger than the ring");
            final long large = f.begin(batches.subList(0, 3));
            // As the event loops do once a request has written a quarter of the ring.
            f.promote(large);
            f.start();
            f.batches(large, 3, batches.subList(3, batches.size()));
            f.end(large);
            f.awaitCommitted(small);
            f.awaitCommitted(large);
            assertEquals(List.of("666|1|998|333|333"), f.query("SELECT count(*), min(id), max(id), count(n), " +
                "count(*) FILTER (WHERE n = id) FROM p.t"));
        }
    }
}
