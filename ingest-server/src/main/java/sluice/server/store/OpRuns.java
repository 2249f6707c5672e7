package sluice.server.store;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import sluice.codec.row.RowBatchDescriptor;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;

import java.sql.SQLException;

/**
 * Plans how a {@link BatchSource} that holds deletes or updates is applied: its rows, in order, cut into steps, each
 * one statement ({@link LoadStatement}) over a range of rows filtered to one op. Rows take effect in order (an insert
 * then a delete of the same key leaves nothing, a delete then an insert leaves the row), by two rules:
 * <ul>
 * <li>Inserts and deletes share a block, whose deletes run first and then its inserts, as long as no delete in it
 * matches a row inserted earlier in it (else that delete starts a new block). Within such a block their order cannot
 * be seen: every delete matches only rows that were there before the block. So a Debezium stream of changes (delete
 * the old image, insert the new one, key after key) takes two statements, not two per change.</li>
 * <li>Updates form runs of distinct keys: DuckDB's {@code UPDATE ... FROM} applies an arbitrary one of several
 * source rows matching a target row, so a second update of a key starts a new run, applied after the first.</li>
 * </ul>
 * "Matches" compares the key: the primary key columns, or every column for a table without one. Keys are compared
 * by a 64-bit hash of their values, made equal where SQL sees equal values in different encodings (-0.0 and 0.0,
 * NaNs, TIME nanoseconds within a microsecond; JSON, ARRAY and MAP text is left out of the hash altogether). A
 * collision only ends a step early, which is always correct; it never lets two rows that must stay apart share one.
 * <p>
 * For a table whose inserts replace the row with their key ({@code replaceByKey}, Feldera's upsert), a block's
 * DELETE step reads its inserts too, so it also removes the stored rows their keys replace; its INSERT keeps the last
 * row of each key. Both hold because every row the block's deletes and inserts remove was there before the block.
 * <p>
 * Batches whose Op Mask says inserts only are not walked: they join a block whole, and since their keys are then
 * unknown, a delete after them in the block starts a new one.
 * <p>
 * Only the mixed path uses this: a source of inserts only is loaded with one INSERT and never walked. Writer thread
 * only; reusable.
 */
public final class OpRuns
{
    private static final int NONE = 0;
    private static final int BLOCK = 1;
    private static final int UPDATES = 2;
    private static final long NULL_HASH = 0x6A09E667F3BCC909L;

    private static final int DELETES_AND_INSERTS = 1 << RowSink.OP_DELETE | 1 << RowSink.OP_INSERT;

    private final IntArrayList stepOps = new IntArrayList();
    /** The ops each step reads: its own, or for a replacing DELETE also the block's inserts. */
    private final IntArrayList stepReadMasks = new IntArrayList();
    private final IntArrayList stepBatches = new IntArrayList();
    private final IntArrayList stepRowIndexes = new IntArrayList();
    private final IntArrayList stepRowStarts = new IntArrayList();
    private final LongArrayList stepRows = new LongArrayList();
    /** Keys inserted so far in the open block, or updated so far in the open run. */
    private final LongHashSet keys = new LongHashSet();
    private final RowBatchReader reader = new RowBatchReader();

    private RowLayout keysOf;
    private int[] keyColumns;
    private TypeKind[] kinds;
    private boolean keyed;
    private boolean replaceByKey;

    private int mode;
    private int startBatch;
    private int startRowIndex;
    private int startRowStart;
    private long rows;
    /** Rows of the open block up to and including its last delete: where its DELETE step can stop reading. */
    private long rowsToLastDelete;
    private long inserts;
    private long deletes;
    private boolean unhashedInserts;
    private long rowsInspected;

    /**
     * Plans the steps for every row of {@code source}. Fails for an UPDATE on a table without a primary key (the
     * decoders reject those, so only a foreign or corrupt ring record gets here) and for an unknown op.
     */
    public void plan(final BatchSource source) throws SQLException
    {
        plan(source, false);
    }

    /**
     * As {@link #plan(BatchSource)}; with {@code replaceByKey} (the table has a primary key) each block's DELETE step
     * also reads its inserts, which replace the stored rows with their keys.
     */
    public void plan(final BatchSource source, final boolean replaceByKey) throws SQLException
    {
        useKeysOf(source.layout());
        this.replaceByKey = replaceByKey && keyed;
        stepOps.clear();
        stepReadMasks.clear();
        stepBatches.clear();
        stepRowIndexes.clear();
        stepRowStarts.clear();
        stepRows.clear();
        mode = NONE;
        for (int b = 0; b < source.batchCount(); b++)
        {
            final int n = source.rowCount(b);
            if (n == 0)
            {
                continue;
            }
            final DirectBuffer buffer = source.buffer(b);
            final int offset = source.offset(b);
            if (RowBatchReader.opMask(buffer, offset) == RowBatchDescriptor.OP_MASK_INSERT_ONLY)
            {
                if (mode != BLOCK)
                {
                    open(BLOCK, b, 0, offset + RowBatchDescriptor.BATCH_HEADER_LENGTH);
                }
                rows += n;
                inserts += n;
                unhashedInserts = true;
                continue;
            }
            reader.wrap(buffer, offset, source.layout());
            while (reader.next())
            {
                rowsInspected++;
                onRow(b);
            }
        }
        close();
    }

    private void onRow(final int batch) throws SQLException
    {
        final byte op = reader.op();
        switch (op)
        {
            case RowSink.OP_INSERT:
                if (mode != BLOCK)
                {
                    openHere(BLOCK, batch);
                }
                keys.add(keyHash());
                inserts++;
                break;
            case RowSink.OP_DELETE:
                if (mode != BLOCK || inserts > 0 && (unhashedInserts || keys.contains(keyHash())))
                {
                    openHere(BLOCK, batch);
                }
                deletes++;
                rowsToLastDelete = rows + 1;
                break;
            case RowSink.OP_UPDATE:
            {
                if (!keyed)
                {
                    throw new SQLException("an UPDATE row for table " + keysOf.schema().name() +
                        ", which has no primary key");
                }
                final long key = keyHash();
                if (mode != UPDATES || keys.contains(key))
                {
                    openHere(UPDATES, batch);
                }
                keys.add(key);
                break;
            }
            default:
                throw new SQLException("unknown row op " + op + " for table " + keysOf.schema().name());
        }
        rows++;
    }

    private void openHere(final int newMode, final int batch)
    {
        open(newMode, batch, reader.rowIndex(), reader.rowStart());
    }

    private void open(final int newMode, final int batch, final int rowIndex, final int rowStart)
    {
        close();
        mode = newMode;
        startBatch = batch;
        startRowIndex = rowIndex;
        startRowStart = rowStart;
        rows = 0;
        rowsToLastDelete = 0;
        inserts = 0;
        deletes = 0;
        unhashedInserts = false;
        keys.clear();
    }

    private void close()
    {
        if (mode == BLOCK)
        {
            // Deletes first: none of them matches a row the block inserts (see the class comment).
            if (replaceByKey && inserts > 0)
            {
                addStep(RowSink.OP_DELETE, DELETES_AND_INSERTS, rows);
            }
            else if (deletes > 0)
            {
                addStep(RowSink.OP_DELETE, 1 << RowSink.OP_DELETE, rowsToLastDelete);
            }
            if (inserts > 0)
            {
                addStep(RowSink.OP_INSERT, 1 << RowSink.OP_INSERT, rows);
            }
        }
        else if (mode == UPDATES)
        {
            addStep(RowSink.OP_UPDATE, 1 << RowSink.OP_UPDATE, rows);
        }
        mode = NONE;
    }

    private void addStep(final byte op, final int readMask, final long stepRowCount)
    {
        stepOps.addInt(op);
        stepReadMasks.addInt(readMask);
        stepBatches.addInt(startBatch);
        stepRowIndexes.addInt(startRowIndex);
        stepRowStarts.addInt(startRowStart);
        stepRows.addLong(stepRowCount);
    }

    public int stepCount()
    {
        return stepOps.size();
    }

    public byte op(final int step)
    {
        return (byte)stepOps.getInt(step);
    }

    /** The ops step {@code step} reads, bit {@code 1 << op} each. */
    int readMask(final int step)
    {
        return stepReadMasks.getInt(step);
    }

    /** Rows of all ops in step {@code step}'s range (the scan reads those of {@link #readMask}). */
    long rangeRows(final int step)
    {
        return stepRows.getLong(step);
    }

    /** Points {@code source} at step {@code step}: its range of rows, its op, absent flags for an update. */
    public void select(final int step, final BatchSource source)
    {
        final byte op = op(step);
        source.range(stepBatches.getInt(step), stepRowIndexes.getInt(step), stepRowStarts.getInt(step),
            stepRows.getLong(step)).ops(op, stepReadMasks.getInt(step)).absentColumns(op == RowSink.OP_UPDATE);
    }

    /** Rows walked by {@link #plan} since this planner was made (batches of inserts only are not walked). */
    public long rowsInspected()
    {
        return rowsInspected;
    }

    private void useKeysOf(final RowLayout layout)
    {
        if (layout == keysOf)
        {
            return;
        }
        final TableSchema schema = layout.schema();
        int primary = 0;
        for (int c = 0; c < schema.columnCount(); c++)
        {
            primary += schema.column(c).primaryKey() ? 1 : 0;
        }
        keyed = primary > 0;
        keyColumns = new int[keyed ? primary : schema.columnCount()];
        kinds = new TypeKind[keyColumns.length];
        for (int c = 0, k = 0; c < schema.columnCount(); c++)
        {
            if (!keyed || schema.column(c).primaryKey())
            {
                kinds[k] = schema.column(c).kind();
                keyColumns[k++] = c;
            }
        }
        keysOf = layout;
    }

    private long keyHash()
    {
        long h = 0;
        for (int k = 0; k < keyColumns.length; k++)
        {
            h = (h ^ columnHash(keyColumns[k], kinds[k])) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    /** Equal for values SQL finds equal; see the class comment. */
    private long columnHash(final int c, final TypeKind kind)
    {
        if (reader.isNull(c))
        {
            return NULL_HASH;
        }
        switch (kind)
        {
            case FLOAT32:
            case FLOAT64:
            {
                final double d = reader.getDouble(c);
                // doubleToLongBits folds every NaN into one.
                return d == 0 ? 0 : Double.doubleToLongBits(d);
            }
            case TIME:
                // Stored as microseconds (LoadStatement.conversion).
                return reader.getLong(c) / 1000;
            case UUID:
                return reader.getHigh(c) * 31 + reader.getLow(c);
            case DECIMAL:
                return keysOf.slotWidth(c) == 16 ? reader.getHigh(c) * 31 + reader.getLow(c) : reader.getLong(c);
            case VARCHAR:
            case BINARY:
            case INET:
                return bytesHash(reader.buffer(), reader.bytesOffset(c), reader.bytesLength(c));
            case JSON:
            case ARRAY:
            case MAP:
                return 1;
            default:
                return reader.getLong(c);
        }
    }

    private static long bytesHash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = length;
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES)
        {
            h = (h ^ buffer.getLong(offset + i)) * 0xC2B2AE3D27D4EB4FL;
        }
        for (; i < length; i++)
        {
            h = (h ^ buffer.getByte(offset + i)) * 0x165667B19E3779F9L;
        }
        return h ^ h >>> 31;
    }
}
