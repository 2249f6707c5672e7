package sluice.server.machbase;

import java.sql.Types;
import java.util.Locale;

/**
 * DuckDB result column types as {@code ResultSetMetaData.getColumnTypeName} names them in duckdb_jdbc 2.0
 * ({@code INTEGER}, {@code DECIMAL(10,2)}, {@code TIMESTAMP_NS}, {@code TIMESTAMP WITH TIME ZONE},
 * {@code INTEGER[]}, {@code STRUCT(k INTEGER)}, ...), folded to what {@code /db/query} needs to tell apart.
 */
enum DuckDbType
{
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    UTINYINT,
    USMALLINT,
    UINTEGER,
    UBIGINT,
    HUGEINT,
    UHUGEINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    VARCHAR,
    BLOB,
    JSON,
    /** Only with DuckDB's inet extension, which the bundled build lacks; kept so such a column still maps. */
    INET,
    DATE,
    TIME,
    TIME_TZ,
    /** TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS: a wall-clock time read as UTC. */
    TIMESTAMP,
    TIMESTAMP_TZ,
    UUID,
    /** LIST, fixed ARRAY, STRUCT, MAP, UNION. */
    NESTED,
    /** INTERVAL, ENUM, BIT, VARINT and anything newer: printed as DuckDB's text. */
    OTHER;

    /**
     * By name, and when the name is not one we know (a type newer than this code), by its {@code java.sql.Types}
     * code, so that a new temporal or numeric type is still printed as one.
     */
    static DuckDbType of(final String typeName, final int jdbcType)
    {
        final DuckDbType byName = of(typeName);
        if (byName != OTHER)
        {
            return byName;
        }
        switch (jdbcType)
        {
            case Types.BOOLEAN: return BOOLEAN;
            case Types.TINYINT: return TINYINT;
            case Types.SMALLINT: return SMALLINT;
            case Types.INTEGER: return INTEGER;
            case Types.BIGINT: return BIGINT;
            case Types.REAL: return FLOAT;
            case Types.FLOAT:
            case Types.DOUBLE:
                return DOUBLE;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return DECIMAL;
            case Types.DATE: return DATE;
            case Types.TIME: return TIME;
            case Types.TIMESTAMP: return TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE: return TIMESTAMP_TZ;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return BLOB;
            default: return OTHER;
        }
    }

    /** By name alone; unknown names are {@link #OTHER}. */
    static DuckDbType of(final String typeName)
    {
        final String name = typeName.trim().toUpperCase(Locale.ROOT);
        if (name.endsWith("]"))
        {
            return NESTED;
        }
        final int paren = name.indexOf('(');
        final String base = paren < 0 ? name : name.substring(0, paren).trim();
        switch (base)
        {
            case "BOOLEAN":
            case "BOOL":
                return BOOLEAN;
            case "TINYINT":
            case "INT1":
                return TINYINT;
            case "SMALLINT":
            case "INT2":
                return SMALLINT;
            case "INTEGER":
            case "INT":
            case "INT4":
                return INTEGER;
            case "BIGINT":
            case "INT8":
                return BIGINT;
            case "UTINYINT": return UTINYINT;
            case "USMALLINT": return USMALLINT;
            case "UINTEGER": return UINTEGER;
            case "UBIGINT": return UBIGINT;
            case "HUGEINT": return HUGEINT;
            case "UHUGEINT": return UHUGEINT;
            case "FLOAT":
            case "REAL":
            case "FLOAT4":
                return FLOAT;
            case "DOUBLE":
            case "FLOAT8":
                return DOUBLE;
            case "DECIMAL":
            case "NUMERIC":
                return DECIMAL;
            case "VARCHAR":
            case "TEXT":
            case "STRING":
                return VARCHAR;
            case "BLOB":
            case "BYTEA":
            case "VARBINARY":
                return BLOB;
            case "JSON": return JSON;
            case "INET": return INET;
            case "DATE": return DATE;
            case "TIME": return TIME;
            case "TIME WITH TIME ZONE":
            case "TIMETZ":
                return TIME_TZ;
            case "TIMESTAMP":
            case "DATETIME":
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMPTZ":
                return TIMESTAMP_TZ;
            case "UUID": return UUID;
            case "LIST":
            case "ARRAY":
            case "STRUCT":
            case "MAP":
            case "UNION":
                return NESTED;
            default:
                return OTHER;
        }
    }
}
