package sluice.server.machbase;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One column of a DuckDB result as {@code /db/query} reports it: the UPPERCASE label (Machbase returns names and
 * aliases upper-cased), the Neo type name ({@link MachbaseTypes#outputTypeName(String, int)}) and how its values
 * are read ({@link DuckDbType}). Immutable.
 *
 * @param index 1-based JDBC column index.
 * @param name the column label, upper-cased.
 * @param typeName the Neo type name.
 * @param type how values are read and printed.
 */
record ResultColumn(int index, String name, String typeName, DuckDbType type)
{
    /** The columns of a result, in order. */
    static ResultColumn[] of(final ResultSetMetaData metaData) throws SQLException
    {
        final ResultColumn[] columns = new ResultColumn[metaData.getColumnCount()];
        for (int i = 0; i < columns.length; i++)
        {
            final int index = i + 1;
            final DuckDbType type = DuckDbType.of(metaData.getColumnTypeName(index), metaData.getColumnType(index));
            columns[i] = new ResultColumn(index, metaData.getColumnLabel(index).toUpperCase(Locale.ROOT),
                MachbaseTypes.outputTypeName(type), type);
        }
        return columns;
    }

    /** True for the columns Neo prints with the timeformat: datetime, and DATE as its midnight UTC. */
    boolean isInstant()
    {
        return type == DuckDbType.TIMESTAMP || type == DuckDbType.TIMESTAMP_TZ || type == DuckDbType.DATE;
    }
}
