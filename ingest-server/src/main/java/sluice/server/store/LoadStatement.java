package sluice.server.store;

import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;

/**
 * The SQL that loads a {@link BatchSource} into a table: {@code INSERT INTO "s"."t" ("a", ...) SELECT <conversion
 * of c0>, ... FROM sluice_scan(?)}. Each conversion turns a column's raw scan form
 * ({@link BatchScanFunction#rawType}) into its DuckDB type exactly: epoch integers through {@code make_timestamp} /
 * {@code make_timestamp_ns}, day numbers onto {@code DATE '1970-01-01'}, unscaled decimals multiplied by an exact
 * decimal {@code 10^-scale} (dividing would go through DOUBLE), JSON text cast to lists and maps.
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
