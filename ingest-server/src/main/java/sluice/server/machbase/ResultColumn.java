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
            columns[i] = new ResultColumn(index, label(metaData.getColumnLabel(index)),
                MachbaseTypes.outputTypeName(type), type);
        }
        return columns;
    }

    /**
     * The name Neo would print: upper-cased, and for the expressions DuckDB names itself, in Neo's spelling —
     * DuckDB quotes the column names inside ({@code sum("value")}) and calls {@code count(*)} {@code count_star()};
     * Neo prints {@code SUM(VALUE)} and {@code COUNT(*)}, and clients look results up by those names.
     */
    static String label(final String duckdbLabel)
    {
        final String upper = duckdbLabel.toUpperCase(Locale.ROOT);
        if (upper.equals("COUNT_STAR()"))
        {
            return "COUNT(*)";
        }
        return upper.indexOf('"') < 0 || upper.length() < 2 || !upper.contains("(") ? upper : upper.replace("\"", "");
    }

    /** True for the columns Neo prints with the timeformat: datetime, and DATE as its midnight UTC. */
    boolean isInstant()
    {
        return type == DuckDbType.TIMESTAMP || type == DuckDbType.TIMESTAMP_TZ || type == DuckDbType.DATE;
    }
}
