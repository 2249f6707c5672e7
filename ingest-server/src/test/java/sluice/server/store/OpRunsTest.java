package sluice.server.store;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
import sluice.codec.schema.SchemaText;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The steps {@link OpRuns} plans, written as {@code OP:read/range}: the op (I, D, U), the rows the scan reads for it,
 * the rows of any op in its range. Applying them to DuckDB is RowOpsTest's part.
 */
class OpRunsTest
{
    private static final RowLayout KEYED = new RowLayout(SchemaText.parse("t", "id INT64 NOT NULL PK, s VARCHAR"));
    private static final RowLayout PLAIN = new RowLayout(SchemaText.parse("t", "f FLOAT64, tm TIME, s VARCHAR"));

    private final OpRuns runs = new OpRuns();
    private final BatchSource source = new BatchSource();
    private final List<RowBatchEncoder> batches = new ArrayList<>();

    @Test
    void changesToDistinctKeysShareOneDeleteAndOneInsert() throws SQLException
    {
        final RowBatchEncoder b = batch(KEYED);
        for (int k = 0; k < 4; k++)
        {
            keyed(b, RowSink.OP_DELETE, k);
            keyed(b, RowSink.OP_INSERT, k);
        }
        assertEquals("D:4/7 I:4/8", plan(KEYED));
        assertEquals(List.of("0", "1", "2", "3"), read(0));
        assertEquals(List.of("0", "1", "2", "3"), read(1));
    }

    @Test
    void aDeleteOfAKeyInsertedEarlierInTheBlockStartsAnotherAndTheDeleteStepStopsAtItsLastDelete()
        throws SQLException
    {
        final RowBatchEncoder b = batch(KEYED);
        keyed(b, RowSink.OP_INSERT, 1);
        keyed(b, RowSink.OP_DELETE, 2);
        keyed(b, RowSink.OP_DELETE, 1);
        keyed(b, RowSink.OP_INSERT, 3);
        keyed(b, RowSink.OP_INSERT, 4);
        assertEquals("D:1/2 I:1/2 D:1/1 I:2/3", plan(KEYED));
        assertEquals(List.of("1"), read(2));
        assertEquals(List.of("3", "4"), read(3));
    }

    @Test
    void updatesRunUntilAKeyRepeats() throws SQLException
    {
        final RowBatchEncoder b = batch(KEYED);
        keyed(b, RowSink.OP_UPDATE, 1);
        keyed(b, RowSink.OP_UPDATE, 2);
        keyed(b, RowSink.OP_UPDATE, 1);
        keyed(b, RowSink.OP_INSERT, 1);
        keyed(b, RowSink.OP_UPDATE, 1);
        assertEquals("U:2/2 U:1/1 I:1/1 U:1/1", plan(KEYED));
    }

    @Test
    void batchesOfInsertsOnlyAreNotWalkedAndADeleteAfterThemStartsABlock() throws SQLException
    {
        final RowBatchEncoder first = batch(KEYED);
        keyed(first, RowSink.OP_INSERT, 1);
        keyed(first, RowSink.OP_INSERT, 2);
        final RowBatchEncoder second = batch(KEYED);
        keyed(second, RowSink.OP_DELETE, 7);
        keyed(second, RowSink.OP_INSERT, 8);
        final RowBatchEncoder third = batch(KEYED);
        keyed(third, RowSink.OP_INSERT, 9);
        final long inspected = runs.rowsInspected();
        assertEquals("I:2/2 D:1/1 I:2/3", plan(KEYED));
        assertEquals(2, runs.rowsInspected() - inspected);
        assertEquals(List.of("8", "9"), read(2));
    }

    @Test
    void keysEqualInSqlAreEqualHoweverEncoded() throws SQLException
    {
        // -0.0 = 0.0, NaN = NaN, and TIME keeps microseconds: each delete must see the insert before it.
        final RowBatchEncoder b = batch(PLAIN);
        plain(b, RowSink.OP_INSERT, 0.0, 1_000, "x");
        plain(b, RowSink.OP_DELETE, -0.0, 1_999, "x");
        plain(b, RowSink.OP_INSERT, Double.NaN, 0, "y");
        plain(b, RowSink.OP_DELETE, Double.longBitsToDouble(0x7ff8000000000001L), 0, "y");
        plain(b, RowSink.OP_INSERT, 1.0, 0, "z");
        plain(b, RowSink.OP_DELETE, 1.0, 1_000, "z");
        // [I] [D I] [D I D]: the last delete differs from its block's insert by a microsecond.
        assertEquals("I:1/1 D:1/1 I:1/2 D:2/3 I:1/3", plan(PLAIN));
    }

    @Test
    void replacingByKeyEachBlocksDeleteStepAlsoReadsItsInserts() throws SQLException
    {
        final RowBatchEncoder b = batch(KEYED);
        keyed(b, RowSink.OP_INSERT, 1);
        keyed(b, RowSink.OP_DELETE, 2);
        keyed(b, RowSink.OP_INSERT, 1);
        keyed(b, RowSink.OP_DELETE, 1);
        keyed(b, RowSink.OP_INSERT, 3);
        keyed(b, RowSink.OP_UPDATE, 3);
        keyed(b, RowSink.OP_INSERT, 4);
        // [I1 D2 I1] [D1 I3] [U3] [I4]: a block without deletes still gets a DELETE, of its inserts' keys.
        assertEquals("D:3/3 I:2/3 D:2/2 I:1/2 U:1/1 D:1/1 I:1/1", plan(KEYED, true));
        assertEquals(List.of("1", "2", "1"), read(0));
        assertEquals(List.of("1", "3"), read(2));
        assertEquals(List.of("4"), read(5));
        // Without a key there is nothing to replace by: as without the flag.
        batches.clear();
        plain(batch(PLAIN), RowSink.OP_INSERT, 1.0, 0, "x");
        assertEquals("I:1/1", plan(PLAIN, true));
    }

    @Test
    void anUpdateOfATableWithoutAPrimaryKeyIsRefused()
    {
        final RowBatchEncoder b = batch(PLAIN);
        plain(b, RowSink.OP_UPDATE, 1.0, 0, "x");
        assertThrows(SQLException.class, () -> plan(PLAIN));
    }

    private RowBatchEncoder batch(final RowLayout layout)
    {
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(new ExpandableDirectByteBuffer(256), 0, layout, 1, 1);
        batches.add(encoder);
        return encoder;
    }

    private static void keyed(final RowBatchEncoder b, final byte op, final long id)
    {
        b.beginRow(op);
        b.putLong(0, id);
        b.endRow();
    }

    private static void plain(final RowBatchEncoder b, final byte op, final double f, final long timeNs, final String s)
    {
        b.beginRow(op);
        b.putDouble(0, f);
        b.putLong(1, timeNs);
        final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putBytes(2, new UnsafeBuffer(bytes), 0, bytes.length);
        b.endRow();
    }

    private String plan(final RowLayout layout) throws SQLException
    {
        return plan(layout, false);
    }

    private String plan(final RowLayout layout, final boolean replaceByKey) throws SQLException
    {
        source.clear();
        source.layout(layout);
        for (final RowBatchEncoder b : batches)
        {
            source.add(b.buffer(), b.offset(), b.rowCount());
        }
        runs.plan(source, replaceByKey);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < runs.stepCount(); i++)
        {
            runs.select(i, source);
            source.rewind();
            int rows = 0;
            while (source.next())
            {
                rows++;
            }
            sb.append(i == 0 ? "" : " ").append("IDU".charAt(runs.op(i))).append(':').append(rows).append('/')
                .append(runs.rangeRows(i));
        }
        return sb.toString();
    }

    /** The first column of the rows step {@code step} reads. */
    private List<String> read(final int step)
    {
        runs.select(step, source);
        source.rewind();
        final List<String> values = new ArrayList<>();
        while (source.next())
        {
            values.add(String.valueOf(source.reader().getLong(0)));
        }
        return values;
    }
}
