package sluice.server.store;

import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;

/**
 * The SQL that applies a {@link BatchSource} to a table, one statement per op, each reading the rows through
 * {@code sluice_scan(?)}:
 * <ul>
 * <li>{@link #insert}: {@code INSERT INTO "s"."t" ("a", ...) SELECT <conversion of c0>, ... FROM sluice_scan(?)};
 * {@link #upsertInsert} adds {@code QUALIFY row_number() OVER (PARTITION BY <key> ORDER BY o DESC) = 1}.</li>
 * <li>{@link #delete}: with a primary key, {@code DELETE ... USING} the scanned keys; without one, one stored row per
 * scanned row equal to it on every column ({@code IS NOT DISTINCT FROM}, so NULL matches NULL), picked by
 * {@code rowid}: Feldera's tables are Z-sets, where a delete takes away one copy of a duplicated row.</li>
 * <li>{@link #update}: {@code UPDATE ... FROM} the scanned rows joined on the primary key, each non-key column set to
 * the scanned value unless the scan's absent flag for it ({@code a<c>}) says to keep the stored one.</li>
 * </ul>
 * Each conversion turns a column's raw scan form ({@link BatchScanFunction#rawType}) into its DuckDB type exactly:
 * epoch integers through {@code make_timestamp} / {@code make_timestamp_ns}, day numbers onto
 * {@code DATE '1970-01-01'}, unscaled decimals multiplied by an exact decimal {@code 10^-scale} (dividing would go
 * through DOUBLE), JSON text cast to lists and maps. Table aliases {@code t} (target) and {@code s} (scanned rows)
 * qualify every column reference, so no column name can collide with them.
 */
public final class LoadStatement
{
    private LoadStatement()
    {
    }

    public static String insert(final String schemaName, final String tableName, final TableSchema schema)
    {
        final StringBuilder columns = new StringBuilder();
        final StringBuilder values = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            columns.append(c == 0 ? "" : ", ").append(Sql.quote(column.name()));
            values.append(c == 0 ? "" : ", ").append(conversion("c" + c, column.type()));
        }
        return "INSERT INTO " + Sql.qualified(schemaName, tableName) + " (" + columns + ") SELECT " + values +
            " FROM " + BatchScanFunction.NAME + "(?)";
    }

    /**
     * {@link #insert} for a table whose inserts replace by primary key (Feldera's upsert): of several scanned rows
     * with one key only the last ({@code o}, {@link BatchSource#ordinals}) is inserted. The rows stored with those
     * keys go first, by {@link #delete} over the same rows.
     */
    public static String upsertInsert(final String schemaName, final String tableName, final TableSchema schema)
    {
        final StringBuilder key = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            if (column.primaryKey())
            {
                key.append(key.length() == 0 ? "" : ", ").append(conversion("c" + c, column.type()));
            }
        }
        if (key.length() == 0)
        {
            throw new IllegalArgumentException("table " + tableName + " has no primary key to upsert by");
        }
        // Partitioned by the converted key, so raw forms SQL finds equal once converted (TIME nanoseconds within a
        // microsecond) count as one key, as the DELETE's t.k = s.v match does.
        return insert(schemaName, tableName, schema) + " QUALIFY row_number() OVER (PARTITION BY " + key +
            " ORDER BY o DESC) = 1";
    }

    /**
     * Deletes the scanned rows (their op is DELETE, or INSERT for the rows an upsert replaces, {@link #upsertInsert}):
     * by primary key when the table has one, else by every column,
     * one stored copy per scanned row. A table with a column named {@code rowid} hides DuckDB's row id, so there a
     * scanned row deletes every copy it matches.
     */
    public static String delete(final String schemaName, final String tableName, final TableSchema schema)
    {
        final String table = Sql.qualified(schemaName, tableName);
        if (hasPrimaryKey(schema))
        {
            return "DELETE FROM " + table + " AS t USING (SELECT " + scanned(schema, true, false) + " FROM " +
                BatchScanFunction.NAME + "(?)) AS s WHERE " + keyMatch(schema);
        }
        final StringBuilder match = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            match.append(c == 0 ? "" : " AND ").append("t.").append(Sql.quote(schema.column(c).name()))
                .append(" IS NOT DISTINCT FROM s.v").append(c);
        }
        if (hasColumn(schema, "rowid"))
        {
            return "DELETE FROM " + table + " AS t USING (SELECT " + scanned(schema, false, false) + " FROM " +
                BatchScanFunction.NAME + "(?)) AS s WHERE " + match;
        }
        // s: each distinct scanned row once, with k = how many times it was scanned and g = a number for it; every
        // stored row matching it is numbered n within g, and the first k of them go.
        return "DELETE FROM " + table + " WHERE rowid IN (SELECT m.r FROM (SELECT t.rowid AS r, s.k, " +
            "row_number() OVER (PARTITION BY s.g) AS n FROM " + table + " AS t JOIN (SELECT *, row_number() OVER () " +
            "AS g FROM (SELECT *, count(*) AS k FROM (SELECT " + scanned(schema, false, false) + " FROM " +
            BatchScanFunction.NAME + "(?)) GROUP BY ALL)) AS s ON " + match + ") AS m WHERE m.n <= m.k)";
    }

    /**
     * Applies the scanned UPDATE rows, found by primary key: a column absent from a row keeps its value, a key with
     * no stored row changes nothing. The caller gives each key at most once per statement ({@link OpRuns}). Null
     * when the table has only key columns (nothing to update); the table must have a primary key.
     */
    public static String update(final String schemaName, final String tableName, final TableSchema schema)
    {
        if (!hasPrimaryKey(schema))
        {
            throw new IllegalArgumentException("table " + tableName + " has no primary key to update by");
        }
        final StringBuilder set = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            if (!column.primaryKey())
            {
                final String name = Sql.quote(column.name());
                set.append(set.length() == 0 ? "" : ", ").append(name).append(" = CASE WHEN s.a").append(c)
                    .append(" THEN t.").append(name).append(" ELSE s.v").append(c).append(" END");
            }
        }
        if (set.length() == 0)
        {
            return null;
        }
        return "UPDATE " + Sql.qualified(schemaName, tableName) + " AS t SET " + set + " FROM (SELECT " +
            scanned(schema, false, true) + " FROM " + BatchScanFunction.NAME + "(?)) AS s WHERE " + keyMatch(schema);
    }

    public static boolean hasPrimaryKey(final TableSchema schema)
    {
        for (int c = 0; c < schema.columnCount(); c++)
        {
            if (schema.column(c).primaryKey())
            {
                return true;
            }
        }
        return false;
    }

    private static boolean hasColumn(final TableSchema schema, final String name)
    {
        for (int c = 0; c < schema.columnCount(); c++)
        {
            // DuckDB resolves identifiers case-insensitively, quoted or not.
            if (schema.column(c).name().equalsIgnoreCase(name))
            {
                return true;
            }
        }
        return false;
    }

    /** {@code <conversion of c0> AS v0, ...} (key columns only with {@code keysOnly}), then {@code a0, ...}. */
    private static String scanned(final TableSchema schema, final boolean keysOnly, final boolean absentFlags)
    {
        final StringBuilder sb = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            if (!keysOnly || column.primaryKey())
            {
                sb.append(sb.length() == 0 ? "" : ", ").append(conversion("c" + c, column.type())).append(" AS v")
                    .append(c);
            }
        }
        for (int c = 0; absentFlags && c < schema.columnCount(); c++)
        {
            sb.append(", a").append(c);
        }
        return sb.toString();
    }

    /** {@code t."k1" = s.v<k1> AND ...} over the primary key columns. */
    private static String keyMatch(final TableSchema schema)
    {
        final StringBuilder sb = new StringBuilder();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            if (column.primaryKey())
            {
                sb.append(sb.length() == 0 ? "" : " AND ").append("t.").append(Sql.quote(column.name()))
                    .append(" = s.v").append(c);
            }
        }
        return sb.toString();
    }

    /** The SQL expression turning raw column {@code raw} into {@code type}. */
    static String conversion(final String raw, final DataType type)
    {
        switch (type.kind())
        {
            case UINT64:
                // Raw two's-complement bits: add 2^64 to the negative ones.
                return "(CASE WHEN " + raw + " < 0 THEN " + raw + "::HUGEINT + 18446744073709551616 ELSE " + raw +
                    "::HUGEINT END)::UBIGINT";
            case DECIMAL:
                return "(" + raw + "::DECIMAL(" + (type.isWideDecimal() ? 38 : 18) + ",0) * " + scaleFactor(type.scale()) +
                    ")::DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case DATE:
                return "(DATE '1970-01-01' + " + raw + ")";
            case TIME:
                return "(TIME '00:00:00' + to_microseconds(" + raw + " // 1000))";
            case TIMESTAMP:
                return "make_timestamp(" + raw + ")";
            case TIMESTAMP_NS:
                return "make_timestamp_ns(" + raw + ")";
            case BINARY:
                return "unhex(" + raw + ")";
            case JSON:
                return raw + "::JSON";
            case UUID:
                return raw + "::UUID";
            case ARRAY:
            case MAP:
                return raw + "::JSON::" + TypeNames.duckdb(type);
            default:
                return raw;
        }
    }

    /** {@code 10^-scale} as an exact decimal literal (scale 0 is 1). */
    private static String scaleFactor(final int scale)
    {
        if (scale == 0)
        {
            return "1";
        }
        final StringBuilder sb = new StringBuilder("0.");
        for (int i = 1; i < scale; i++)
        {
            sb.append('0');
        }
        return sb.append('1').toString();
    }
}
