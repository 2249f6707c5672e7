package sluice.server.append;

import sluice.codec.row.RowSink;
import sluice.server.catalog.TableEntry;
import sluice.server.store.LoadStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One table's load statements ({@link LoadStatement}) on one connection, one per row op, each prepared on first use:
 * a table that only ever receives inserts never prepares the others. Writer thread only.
 */
final class TableStatements implements AutoCloseable
{
    final TableEntry entry;
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
    }

    /** The statement applying rows of {@code op}; null when rows of that op change nothing (an all-key table). */
    PreparedStatement forOp(final byte op) throws SQLException
    {
        switch (op)
        {
            case RowSink.OP_INSERT:
                if (insert == null)
                {
                    insert = connection.prepareStatement(
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
