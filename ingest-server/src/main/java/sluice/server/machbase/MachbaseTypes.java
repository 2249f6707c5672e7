package sluice.server.machbase;

import sluice.codec.schema.DataType;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Machbase type names and the codec's {@link DataType}s, both ways, plus the type names {@code /db/query} reports
 * for DuckDB result columns.
 * <table>
 * <caption>Machbase column types (case-insensitive) and what they become</caption>
 * <tr><th>Machbase</th><th>aliases accepted</th><th>DataType</th><th>query type name</th></tr>
 * <tr><td>short</td><td>int16</td><td>INT16</td><td>int16</td></tr>
 * <tr><td>ushort</td><td>uint16, unsigned short</td><td>UINT16</td><td>uint16</td></tr>
 * <tr><td>integer, int</td><td>int32</td><td>INT32</td><td>int32</td></tr>
 * <tr><td>uinteger</td><td>uint32, unsigned integer, unsigned int</td><td>UINT32</td><td>uint32</td></tr>
 * <tr><td>long</td><td>int64, bigint</td><td>INT64</td><td>int64</td></tr>
 * <tr><td>ulong</td><td>uint64, unsigned long</td><td>UINT64</td><td>uint64</td></tr>
 * <tr><td>float</td><td>float32</td><td>FLOAT32</td><td>float</td></tr>
 * <tr><td>double</td><td>float64</td><td>FLOAT64</td><td>double</td></tr>
 * <tr><td>datetime</td><td></td><td>TIMESTAMP_NS</td><td>datetime</td></tr>
 * <tr><td>varchar(n)</td><td>varchar</td><td>VARCHAR(n)</td><td>string</td></tr>
 * <tr><td>text</td><td></td><td>VARCHAR</td><td>string</td></tr>
 * <tr><td>binary</td><td></td><td>BINARY</td><td>binary</td></tr>
 * <tr><td>ipv4, ipv6</td><td></td><td>INET</td><td>ipv6 (see below)</td></tr>
 * <tr><td>json</td><td></td><td>JSON</td><td>json</td></tr>
 * </table>
 * Query type names are the ones Neo's client library defines ({@code neo-client api.DataType}): the spec's list
 * {@code int16 int32 int64 float double string datetime binary json ipv4 ipv6} plus Neo's own {@code uint16 uint32
 * uint64 int8} for the unsigned and 8-bit kinds, and {@code bool decimal date time} for kinds Neo lacks. Choices
 * where neither says: UINT8 → {@code uint16} (the narrowest Neo name that holds it); 128-bit integers →
 * {@code decimal}; UUID, INTERVAL, ENUM, BIT and nested types (LIST, ARRAY, STRUCT, MAP, UNION) → {@code string},
 * because {@link MachbaseQueryWriter} prints them as DuckDB's text. {@link DataType#INET} does not record the
 * address family, so it reports {@code ipv6}, the family that also holds IPv4 (v4-mapped) addresses;
 * {@link MachbaseColumnDef#typeName()} keeps the declared name for callers that need it.
 * <p>
 * Stateless and thread-safe.
 */
public final class MachbaseTypes
{
    /** Largest declared VARCHAR length Machbase allows. */
    public static final int MAX_VARCHAR_LENGTH = 32_768;

    private MachbaseTypes()
    {
    }

    /**
     * The DataType of a Machbase column type.
     *
     * @param typeName a Machbase type name or alias from the table above, any case, without the length;
     * {@code unsigned short}-style names with one space.
     * @param length the declared length of a varchar, 0 when none was given; must be 0 for other types.
     * @throws IllegalArgumentException {@code unknown column type 'X'}, or a length where the type takes none.
     */
    public static DataType dataType(final String typeName, final int length)
    {
        final String name = typeName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (name.equals("varchar"))
        {
            if (length < 0 || length > MAX_VARCHAR_LENGTH)
            {
                throw new IllegalArgumentException(
                    "varchar length must be 1.." + MAX_VARCHAR_LENGTH + ": " + length);
            }
            return DataType.varchar(length);
        }
        final DataType type = fixedType(name);
        if (type == null)
        {
            throw new IllegalArgumentException("unknown column type '" + typeName + "'");
        }
        if (length != 0)
        {
            throw new IllegalArgumentException("column type '" + typeName + "' takes no length");
        }
        return type;
    }

    /**
     * Parses a whole type as written in DDL: {@code varchar(40)}, {@code DOUBLE}, {@code unsigned long}.
     *
     * @throws IllegalArgumentException as {@link #dataType}, or for a malformed length.
     */
    public static DataType parse(final String typeText)
    {
        final String text = typeText.trim();
        final int open = text.indexOf('(');
        if (open < 0)
        {
            return dataType(text, 0);
        }
        if (!text.endsWith(")"))
        {
            throw new IllegalArgumentException("malformed column type '" + typeText + "'");
        }
        final String lengthText = text.substring(open + 1, text.length() - 1).trim();
        final int length;
        try
        {
            length = Integer.parseInt(lengthText);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("malformed column type '" + typeText + "'", ex);
        }
        if (length < 1)
        {
            throw new IllegalArgumentException("varchar length must be 1.." + MAX_VARCHAR_LENGTH + ": " + length);
        }
        return dataType(text.substring(0, open), length);
    }

    /** True for names {@link #dataType} knows, any case. */
    public static boolean isTypeName(final String typeName)
    {
        final String name = typeName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return name.equals("varchar") || fixedType(name) != null;
    }

    /** The {@code /db/query} type name of a codec type (class comment). */
    public static String outputTypeName(final DataType type)
    {
        switch (type.kind())
        {
            case BOOLEAN: return "bool";
            case INT8: return "int8";
            case INT16: return "int16";
            case INT32: return "int32";
            case INT64: return "int64";
            case UINT8:
            case UINT16:
                return "uint16";
            case UINT32: return "uint32";
            case UINT64: return "uint64";
            case FLOAT32: return "float";
            case FLOAT64: return "double";
            case DECIMAL: return "decimal";
            case DATE: return "date";
            case TIME: return "time";
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return "datetime";
            case BINARY: return "binary";
            case JSON: return "json";
            case INET: return "ipv6";
            default: return "string";
        }
    }

    /**
     * The {@code /db/query} type name of a DuckDB result column, from {@code ResultSetMetaData.getColumnTypeName}
     * ({@code INTEGER}, {@code DECIMAL(10,2)}, {@code TIMESTAMP WITH TIME ZONE}, {@code INTEGER[]}, ...); any
     * name not recognised is {@code string}.
     */
    public static String outputTypeName(final String duckDbTypeName)
    {
        return outputTypeName(DuckDbType.of(duckDbTypeName));
    }

    /**
     * As {@link #outputTypeName(String)}, falling back on the {@code java.sql.Types} code
     * ({@code ResultSetMetaData.getColumnType}) when DuckDB reports a type name this code does not know.
     */
    public static String outputTypeName(final String duckDbTypeName, final int jdbcType)
    {
        return outputTypeName(DuckDbType.of(duckDbTypeName, jdbcType));
    }

    /** The type name of each column of a DuckDB result, in order. */
    public static String[] outputTypeNames(final ResultSetMetaData metaData) throws SQLException
    {
        final String[] names = new String[metaData.getColumnCount()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = outputTypeName(metaData.getColumnTypeName(i + 1), metaData.getColumnType(i + 1));
        }
        return names;
    }

    static String outputTypeName(final DuckDbType type)
    {
        switch (type)
        {
            case BOOLEAN: return "bool";
            case TINYINT: return "int8";
            case SMALLINT: return "int16";
            case INTEGER: return "int32";
            case BIGINT: return "int64";
            case UTINYINT:
            case USMALLINT:
                return "uint16";
            case UINTEGER: return "uint32";
            case UBIGINT: return "uint64";
            case HUGEINT:
            case UHUGEINT:
            case DECIMAL:
                return "decimal";
            case FLOAT: return "float";
            case DOUBLE: return "double";
            case BLOB: return "binary";
            case JSON: return "json";
            case INET: return "ipv6";
            case DATE: return "date";
            case TIME:
            case TIME_TZ:
                return "time";
            case TIMESTAMP:
            case TIMESTAMP_TZ:
                return "datetime";
            default: return "string";
        }
    }

    private static DataType fixedType(final String name)
    {
        switch (name)
        {
            case "short":
            case "int16":
                return DataType.INT16;
            case "ushort":
            case "uint16":
            case "unsigned short":
                return DataType.UINT16;
            case "integer":
            case "int":
            case "int32":
                return DataType.INT32;
            case "uinteger":
            case "uint32":
            case "unsigned integer":
            case "unsigned int":
                return DataType.UINT32;
            case "long":
            case "int64":
            case "bigint":
                return DataType.INT64;
            case "ulong":
            case "uint64":
            case "unsigned long":
                return DataType.UINT64;
            case "float":
            case "float32":
                return DataType.FLOAT32;
            case "double":
            case "float64":
                return DataType.FLOAT64;
            case "datetime":
                return DataType.TIMESTAMP_NS;
            case "text":
                return DataType.VARCHAR;
            case "binary":
                return DataType.BINARY;
            case "ipv4":
            case "ipv6":
                return DataType.INET;
            case "json":
                return DataType.JSON;
            default:
                return null;
        }
    }
}
