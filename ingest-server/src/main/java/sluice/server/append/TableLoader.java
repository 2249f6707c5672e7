package sluice.server.append;

import sluice.codec.row.RowSink;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;
import sluice.server.store.BatchScanFunction;
import sluice.server.store.BatchSource;
import sluice.server.store.Database;
import sluice.server.store.OpRuns;
import sluice.server.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DuckDB side of the writer: loads staged requests with the {@code sluice_scan} table function inside explicit
 * transactions (DuckDB fsyncs every 2048 appended rows in autocommit, notes/duckdb-java.md). A table's rows of a group
 * are inserts only almost always, and the batch headers' Op Masks say so without a look at the rows: then it takes
 * one {@code INSERT ... SELECT} (a Feldera table with a primary key, where an insert replaces the row with its key,
 * takes a DELETE of those keys first). Otherwise {@link OpRuns} cuts its rows, in request order and row order, into steps of
 * one op, each one statement (INSERT, DELETE or UPDATE, {@link TableStatements}), run in order in the same
 * transaction. The same transaction records how far each ring is consumed ({@code sluice_catalog.ring_state}) and
 * which requests beyond that point are already committed ({@code sluice_catalog.ring_committed}), so a replay after a
 * crash applies every request exactly once, and stores the requests' idempotency keys ({@link RequestKeys}). Writer
 * thread only.
 */
final class TableLoader implements AutoCloseable
{
    static final String RING_STATE = Sql.qualified(Database.CATALOG_SCHEMA, "ring_state");
    static final String RING_COMMITTED = Sql.qualified(Database.CATALOG_SCHEMA, "ring_committed");
    private static final int KEYS_PER_STATEMENT = 256;

    private final Database database;
    private final Catalog catalog;
    private final Connection connection;
    private final BatchScanFunction scan;
    private final BatchSource source = new BatchSource();
    private final OpRuns runs = new OpRuns();
    private final Map<Integer, TableStatements> statements = new HashMap<>();
    /** Load statements run (INSERT, DELETE, UPDATE; not the bookkeeping ones): for tests of the one-INSERT path. */
    private long loadStatementsRun;
    private PreparedStatement saveState;
    private PreparedStatement saveCommitted;
    private PreparedStatement pruneCommitted;

    TableLoader(final Database database, final Catalog catalog) throws SQLException
    {
        this.database = database;
        this.catalog = catalog;
        this.connection = database.writerConnection();
        this.scan = database.scanFunction();
        connection.setAutoCommit(false);
    }

    /** Creates the ring bookkeeping tables; call before the database is locked down. */
    static void createTables(final Database database) throws SQLException
    {
        try (Connection c = database.newConnection(); Statement s = c.createStatement())
        {
            s.execute("CREATE TABLE IF NOT EXISTS " + RING_STATE +
                " (ring INTEGER PRIMARY KEY, released BIGINT NOT NULL, incarnation BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + RING_COMMITTED +
                " (ring INTEGER NOT NULL, request_id BIGINT NOT NULL, end_position BIGINT NOT NULL)");
        }
    }

    /**
     * Loads every request into its table and records the rings' new state, in one transaction. Requests whose table
     * is gone are marked failed and skipped. Throws (having rolled back) when the transaction fails.
     */
    void commitGroup(final List<StagedRequest> requests, final List<RingState> rings) throws SQLException
    {
        try
        {
            final Map<Integer, BatchSourceGroup> byTable = new LinkedHashMap<>();
            for (final StagedRequest r : requests)
            {
                if (r.failed || r.rows == 0)
                {
                    continue;
                }
                final TableEntry entry = catalog.byId(r.tableId);
                if (entry == null)
                {
                    r.failed = true;
                    continue;
                }
                byTable.computeIfAbsent(r.tableId, id -> new BatchSourceGroup(entry)).requests.add(r);
            }
            for (final BatchSourceGroup group : byTable.values())
            {
                source.clear();
                source.layout(group.entry.layout());
                for (final StagedRequest r : group.requests)
                {
                    addStaged(r);
                }
                apply(statements(group.entry), source);
            }
            saveKeys(connection, requests);
            saveRingState(rings);
            connection.commit();
        }
        catch (final SQLException | RuntimeException e)
        {
            rollbackQuietly(connection);
            // DuckDB closes a prepared statement that fails (a constraint, a cast): prepare afresh next time.
            dropStatements();
            for (final RingState ring : rings)
            {
                ring.mayHaveCommitted = true;
            }
            throw e;
        }
        finally
        {
            source.clear();
        }
    }

    /** Loads the request's staged batches into its own transaction, opening it on first use. */
    void loadDedicated(final StagedRequest r) throws SQLException
    {
        if (r.dedicated == null)
        {
            r.dedicated = database.newConnection();
            r.dedicated.setAutoCommit(false);
        }
        if (r.buffers.isEmpty())
        {
            return;
        }
        final TableEntry entry = catalog.byId(r.tableId);
        if (entry == null)
        {
            throw new SQLException("table " + r.tableId + " was dropped");
        }
        source.clear();
        source.layout(entry.layout());
        addStaged(r);
        try (TableStatements dedicated = new TableStatements(r.dedicated, entry))
        {
            apply(dedicated, source);
        }
        finally
        {
            source.clear();
            r.clearStaged();
        }
    }

    /**
     * Commits a promoted request, recording it in {@code ring_committed} in the same transaction: its records may
     * still be in the ring, and a replay must not apply them again.
     */
    void commitDedicated(final StagedRequest r) throws SQLException
    {
        try
        {
            if (!r.buffers.isEmpty() || r.dedicated == null)
            {
                loadDedicated(r);
            }
            try (PreparedStatement committed = r.dedicated.prepareStatement("INSERT INTO " + RING_COMMITTED +
                " (ring, request_id, end_position) VALUES (?, ?, ?)"))
            {
                committed.setInt(1, r.ring);
                committed.setLong(2, r.requestId);
                committed.setLong(3, r.endPosition);
                committed.executeUpdate();
            }
            saveKeys(r.dedicated, List.of(r));
            r.dedicated.commit();
        }
        finally
        {
            closeDedicated(r);
        }
    }

    void abortDedicated(final StagedRequest r)
    {
        if (r.dedicated != null)
        {
            rollbackQuietly(r.dedicated);
            closeDedicated(r);
        }
    }

    private static void closeDedicated(final StagedRequest r)
    {
        try
        {
            r.dedicated.close();
        }
        catch (final SQLException ignored)
        {
            // Closing after commit or rollback: nothing is lost.
        }
        r.dedicated = null;
    }

    private void addStaged(final StagedRequest r)
    {
        for (int i = 0; i < r.buffers.size(); i++)
        {
            source.add(r.buffers.get(i), r.offsets.getInt(i), r.rowCounts.getInt(i));
        }
    }

    /**
     * Applies every row of {@code batches} (one table's) in order. Inserts only: the one INSERT, with no pass over
     * the rows (a table that {@link TableStatements#replacesByKey} first deletes the stored rows with the inserted
     * keys). Otherwise one statement per step {@link OpRuns} plans.
     */
    private void apply(final TableStatements table, final BatchSource batches) throws SQLException
    {
        if (batches.isEmpty())
        {
            return;
        }
        batches.ordinals(table.replacesByKey);
        if (batches.isInsertOnly())
        {
            if (table.replacesByKey)
            {
                // The PK DELETE matches by the scanned keys whatever the rows' op: here the inserts'.
                load(table.forOp(RowSink.OP_DELETE), batches);
            }
            load(table.forOp(RowSink.OP_INSERT), batches);
            return;
        }
        runs.plan(batches, table.replacesByKey);
        for (int step = 0; step < runs.stepCount(); step++)
        {
            runs.select(step, batches);
            final PreparedStatement statement = table.forOp(runs.op(step));
            if (statement != null)
            {
                load(statement, batches);
            }
        }
    }

    private void load(final PreparedStatement statement, final BatchSource batches) throws SQLException
    {
        final long handle = scan.register(batches);
        try
        {
            statement.setLong(1, handle);
            statement.executeUpdate();
            loadStatementsRun++;
        }
        finally
        {
            scan.unregister(handle);
        }
    }

    private TableStatements statements(final TableEntry entry) throws SQLException
    {
        TableStatements table = statements.get(entry.id());
        // A table re-created under the same id gets a new entry: prepare again.
        if (table == null || table.entry != entry)
        {
            if (table != null)
            {
                table.close();
            }
            table = new TableStatements(connection, entry);
            statements.put(entry.id(), table);
        }
        return table;
    }

    private void dropStatements()
    {
        for (final TableStatements table : statements.values())
        {
            try
            {
                table.close();
            }
            catch (final SQLException ignored)
            {
                // Closed by the failure already: nothing to release.
            }
        }
        statements.clear();
    }

    /** Load statements run so far (INSERT, DELETE, UPDATE). */
    long loadStatementsRun()
    {
        return loadStatementsRun;
    }

    /** Rows walked to plan steps so far: 0 while every load was inserts only. */
    long rowsInspected()
    {
        return runs.rowsInspected();
    }

    /**
     * Stores the idempotency keys of the requests that are stored (RequestKeys), in the transaction of their rows: a
     * statement per {@link #KEYS_PER_STATEMENT} keys, as a statement costs far more than a row.
     */
    private static void saveKeys(final Connection c, final List<StagedRequest> requests) throws SQLException
    {
        final List<StagedRequest> keyed = new ArrayList<>();
        for (final StagedRequest r : requests)
        {
            if (r.key != null && !r.failed)
            {
                keyed.add(r);
            }
        }
        for (int from = 0; from < keyed.size(); from += KEYS_PER_STATEMENT)
        {
            final int n = Math.min(KEYS_PER_STATEMENT, keyed.size() - from);
            final StringBuilder sql = new StringBuilder("INSERT INTO ").append(RequestKeys.TABLE)
                .append(" (key, request_id, committed_at) VALUES ");
            for (int i = 0; i < n; i++)
            {
                sql.append(i == 0 ? "(?, ?, now())" : ", (?, ?, now())");
            }
            try (PreparedStatement insert = c.prepareStatement(sql.toString()))
            {
                for (int i = 0; i < n; i++)
                {
                    insert.setString(2 * i + 1, keyed.get(from + i).key);
                    insert.setLong(2 * i + 2, keyed.get(from + i).requestId);
                }
                insert.executeUpdate();
            }
        }
    }

    private void saveRingState(final List<RingState> rings) throws SQLException
    {
        if (saveState == null)
        {
            // The ring's row exists (Writer.resumeRings inserts it): a plain UPDATE is far cheaper than an upsert.
            saveState = connection.prepareStatement("UPDATE " + RING_STATE +
                " SET released = ?, incarnation = ? WHERE ring = ?");
            saveCommitted = connection.prepareStatement("INSERT INTO " + RING_COMMITTED +
                " (ring, request_id, end_position) VALUES (?, ?, ?)");
            pruneCommitted = connection.prepareStatement("DELETE FROM " + RING_COMMITTED +
                " WHERE ring = ? AND end_position <= ?");
        }
        for (final RingState ring : rings)
        {
            if (!ring.dirty)
            {
                continue;
            }
            saveState.setLong(1, ring.pendingRelease);
            saveState.setLong(2, ring.incarnation);
            saveState.setInt(3, ring.index);
            if (saveState.executeUpdate() != 1)
            {
                throw new SQLException("ring " + ring.index + " has no row in " + RING_STATE);
            }
            if (ring.mayHaveCommitted)
            {
                pruneCommitted.setInt(1, ring.index);
                pruneCommitted.setLong(2, ring.pendingRelease);
                pruneCommitted.executeUpdate();
                ring.mayHaveCommitted = false;
            }
            for (int i = 0; i < ring.committedBeyond.size(); i++)
            {
                saveCommitted.setInt(1, ring.index);
                saveCommitted.setLong(2, ring.committedBeyond.get(i));
                saveCommitted.setLong(3, ring.committedBeyondEnd.get(i));
                saveCommitted.executeUpdate();
                ring.mayHaveCommitted = true;
            }
        }
    }

    private static void rollbackQuietly(final Connection c)
    {
        try
        {
            c.rollback();
        }
        catch (final SQLException ignored)
        {
            // The transaction is gone either way.
        }
    }

    @Override
    public void close() throws SQLException
    {
        for (final TableStatements table : statements.values())
        {
            table.close();
        }
        if (saveState != null)
        {
            saveState.close();
            saveCommitted.close();
            pruneCommitted.close();
        }
    }

    private static final class BatchSourceGroup
    {
        final TableEntry entry;
        final List<StagedRequest> requests = new java.util.ArrayList<>();

        BatchSourceGroup(final TableEntry entry)
        {
            this.entry = entry;
        }
    }
}
