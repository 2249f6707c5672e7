package sluice.server.append;

import sluice.codec.bind.Dialect;
import sluice.codec.row.RowSink;
import sluice.server.catalog.TableEntry;
import sluice.server.store.LoadStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One table's load statements ({@link LoadStatement}) on one connection, one per row op, each prepared on first use:
 * a table that only ever receives inserts never prepares the others. Writer thread only.
 * <p>
 * A Feldera table with a primary key {@link #replacesByKey}: there an insert replaces the row with its key (Feldera
 * issue #455, PR #1296: "an insert overwrites any existing record with the same key"), so its INSERT keeps the last
 * row of each key ({@link LoadStatement#upsertInsert}) and runs after the DELETE by key over the same rows. Machbase
 * tag tables mark their tag name column as a key too, but a tag holds many rows: they append.
 */
final class TableStatements implements AutoCloseable
{
    final TableEntry entry;
    /** Inserts replace the stored row with their key (see the class comment). */
    final boolean replacesByKey;
    private final Connection connection;
    private PreparedStatement insert;
    private PreparedStatement delete;
    private PreparedStatement update;
    /** The table has no column an update could set: {@link #forOp} gives null for updates. */
    private boolean nothingToUpdate;

    TableStatements(final Connection connection, final TableEntry entry)
    {
        this.connection = connection;
        this.entry = entry;
        this.replacesByKey = entry.dialect() == Dialect.FELDERA && LoadStatement.hasPrimaryKey(entry.schema());
    }

    /** The statement applying rows of {@code op}; null when rows of that op change nothing (an all-key table). */
    PreparedStatement forOp(final byte op) throws SQLException
    {
        switch (op)
        {
            case RowSink.OP_INSERT:
                if (insert == null)
                {
                    insert = connection.prepareStatement(replacesByKey ?
                        LoadStatement.upsertInsert(entry.namespace(), entry.name(), entry.schema()) :
                        LoadStatement.insert(entry.namespace(), entry.name(), entry.schema()));
                }
                return insert;
            case RowSink.OP_DELETE:
                if (delete == null)
                {
                    delete = connection.prepareStatement(
                        LoadStatement.delete(entry.namespace(), entry.name(), entry.schema()));
                }
                return delete;
            case RowSink.OP_UPDATE:
                if (update == null && !nothingToUpdate)
                {
                    final String sql = LoadStatement.update(entry.namespace(), entry.name(), entry.schema());
                    nothingToUpdate = sql == null;
                    update = sql == null ? null : connection.prepareStatement(sql);
                }
                return update;
            default:
                throw new SQLException("unknown row op " + op);
        }
    }

    @Override
    public void close() throws SQLException
    {
        for (final PreparedStatement statement : new PreparedStatement[]{insert, delete, update})
        {
            if (statement != null)
            {
                statement.close();
            }
        }
    }
}
