package sluice.server.proton;

import sluice.codec.schema.DataType;
import sluice.codec.time.Zones;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Proton column types (spec/proton.md "Streams") onto canonical {@link DataType}s (ARCHITECTURE.md "Canonical
 * types", Proton column). Names are case-insensitive.
 * <table>
 * <caption>Proton type to canonical type</caption>
 * <tr><th>Proton</th><th>canonical</th><th>normalised spelling</th></tr>
 * <tr><td>int8, int16, int32, int64; int</td><td>INT8 .. INT64; INT32</td><td>int32 for int</td></tr>
 * <tr><td>uint8 .. uint64; uint</td><td>UINT8 .. UINT64; UINT32</td><td>uint32 for uint</td></tr>
 * <tr><td>float32, float; float64, double</td><td>FLOAT32; FLOAT64</td><td>float32, float64</td></tr>
 * <tr><td>bool, boolean</td><td>BOOLEAN</td><td>bool</td></tr>
 * <tr><td>decimal(P[, S])</td><td>DECIMAL(P, S), S defaulting to 0 (ClickHouse); P at most 38 (DuckDB; Proton
 * goes to 76)</td><td>decimal(P, S)</td></tr>
 * <tr><td>date</td><td>DATE</td><td></td></tr>
 * <tr><td>datetime[('tz')]</td><td>TIMESTAMP(0[, tz]), µs storage</td><td></td></tr>
 * <tr><td>datetime64[(p[, 'tz'])]</td><td>TIMESTAMP(p) for p ≤ 6, TIMESTAMP_NS(p) for 7..9; bare datetime64 is
 * datetime64(3) (ClickHouse's default scale)</td><td>datetime64(p[, 'tz'])</td></tr>
 * <tr><td>string; fixed_string(N)</td><td>VARCHAR; VARCHAR(N), never padded or enforced</td><td></td></tr>
 * <tr><td>uuid; ipv4, ipv6; json</td><td>UUID; INET (as Machbase: the family is not kept); JSON</td><td></td></tr>
 * <tr><td>array(T); map(K, V)</td><td>ARRAY(T); MAP(K, V)</td><td></td></tr>
 * <tr><td>nullable(T)</td><td>T, and the column is nullable</td><td></td></tr>
 * <tr><td>low_cardinality(T)</td><td>T (a storage hint only)</td><td></td></tr>
 * </table>
 * As in ClickHouse, {@code nullable} may not wrap {@code nullable}, {@code array}, {@code map} or
 * {@code low_cardinality}, and a map key may not be nullable. A {@code nullable} element of an array or value of a
 * map is accepted and kept in the spelling; the canonical element type does not record it. Stateless.
 */
public final class ProtonTypes
{
    /** ClickHouse's DataTypeDateTime64::default_scale. */
    private static final int DEFAULT_DATETIME64_PRECISION = 3;

    private ProtonTypes()
    {
    }

    /**
     * A parsed type.
     *
     * @param type     the canonical type, nullability aside.
     * @param nullable true when the type is {@code nullable(T)} or {@code low_cardinality(nullable(T))}.
     * @param text     the normalised Proton spelling, lower case with aliases resolved, e.g.
     *                 {@code low_cardinality(nullable(string))}, {@code datetime64(3, 'UTC')}: what listings print.
     */
    public record Parsed(DataType type, boolean nullable, String text)
    {
    }

    /** Where a type is read: the nesting rules depend on it. */
    private enum Context
    {
        COLUMN,
        IN_NULLABLE,
        ELEMENT,
        MAP_KEY
    }

    /**
     * A whole type text, e.g. the {@code type} of the DDL endpoint's JSON.
     *
     * @throws IllegalArgumentException for an unknown type, a bad parameter or trailing text, naming the position in
     * {@code text}.
     */
    public static Parsed parse(final String text)
    {
        final SqlCursor in = new SqlCursor(SqlLexer.tokenize(text), 0);
        final Parsed parsed = read(in, text);
        in.expectEnd();
        return parsed;
    }

    /** Reads a type at the cursor; the cursor ends after it. */
    static Parsed read(final SqlCursor in, final String sql)
    {
        return read(in, sql, Context.COLUMN);
    }

    private static Parsed read(final SqlCursor in, final String sql, final Context context)
    {
        final SqlToken token = in.peek();
        if (token == null || token.type() != SqlToken.Type.IDENTIFIER)
        {
            throw in.syntax("a column type");
        }
        in.advance();
        final String name = token.text().toLowerCase(Locale.ROOT);
        switch (name)
        {
            case "int8": return plain(DataType.INT8, name);
            case "int16": return plain(DataType.INT16, name);
            case "int32":
            case "int":
                return plain(DataType.INT32, "int32");
            case "int64": return plain(DataType.INT64, name);
            case "uint8": return plain(DataType.UINT8, name);
            case "uint16": return plain(DataType.UINT16, name);
            case "uint32":
            case "uint":
                return plain(DataType.UINT32, "uint32");
            case "uint64": return plain(DataType.UINT64, name);
            case "float32":
            case "float":
                return plain(DataType.FLOAT32, "float32");
            case "float64":
            case "double":
                return plain(DataType.FLOAT64, "float64");
            case "bool":
            case "boolean":
                return plain(DataType.BOOLEAN, "bool");
            case "decimal":
                return decimal(in, token);
            case "date": return plain(DataType.DATE, name);
            case "datetime":
                return datetime(in, token);
            case "datetime64":
                return datetime64(in, token);
            case "string": return plain(DataType.VARCHAR, name);
            case "fixed_string":
                return fixedString(in, token);
            case "uuid": return plain(DataType.UUID, name);
            case "ipv4":
            case "ipv6":
                return plain(DataType.INET, name);
            case "json": return plain(DataType.JSON, name);
            case "array":
                return array(in, sql, token, context);
            case "map":
                return map(in, sql, token, context);
            case "nullable":
                return nullable(in, sql, token, context);
            case "low_cardinality":
                return lowCardinality(in, sql, token, context);
            default:
                throw new IllegalArgumentException(
                    "unknown type " + token.source(sql) + " at position " + token.position());
        }
    }

    private static Parsed plain(final DataType type, final String text)
    {
        return new Parsed(type, false, text);
    }

    private static Parsed decimal(final SqlCursor in, final SqlToken token)
    {
        if (!in.acceptSymbol('('))
        {
            throw new IllegalArgumentException(
                "decimal needs a precision: decimal(P, S) (position " + token.position() + ")");
        }
        final int precision = in.expectInt("precision");
        final int scale = in.acceptSymbol(',') ? in.expectInt("scale") : 0;
        in.expectSymbol(')', "')'");
        try
        {
            return plain(DataType.decimal(precision, scale), "decimal(" + precision + ", " + scale + ")");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "decimal(" + precision + ", " + scale + "): " + ex.getMessage() + " (position " + token.position() +
                    ")", ex);
        }
    }

    private static Parsed datetime(final SqlCursor in, final SqlToken token)
    {
        ZoneId zone = null;
        String text = "datetime";
        if (in.acceptSymbol('('))
        {
            final String zoneName = zoneName(in);
            zone = zone(zoneName, in, token);
            in.expectSymbol(')', "')'");
            text = "datetime(" + quote(zoneName) + ")";
        }
        return plain(DataType.timestamp(0, zone), text);
    }

    private static Parsed datetime64(final SqlCursor in, final SqlToken token)
    {
        int precision = DEFAULT_DATETIME64_PRECISION;
        ZoneId zone = null;
        String zoneName = null;
        if (in.acceptSymbol('('))
        {
            final SqlToken at = in.peek();
            precision = in.expectInt("precision");
            if (precision > 9)
            {
                throw new IllegalArgumentException(
                    "datetime64 precision must be 0..9, not " + precision + " (position " + at.position() + ")");
            }
            if (in.acceptSymbol(','))
            {
                zoneName = zoneName(in);
                zone = zone(zoneName, in, token);
            }
            in.expectSymbol(')', "')'");
        }
        return plain(DataType.timestamp(precision, zone),
            "datetime64(" + precision + (zoneName == null ? "" : ", " + quote(zoneName)) + ")");
    }

    private static String zoneName(final SqlCursor in)
    {
        final SqlToken token = in.peek();
        if (token == null || token.type() != SqlToken.Type.STRING)
        {
            throw in.syntax("a time zone string such as 'UTC'");
        }
        in.advance();
        return token.text();
    }

    private static ZoneId zone(final String name, final SqlCursor in, final SqlToken type)
    {
        try
        {
            return Zones.resolve(name);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(
                "unknown time zone '" + name + "' in " + type.text().toLowerCase(Locale.ROOT) + " (position " +
                    type.position() + ")", ex);
        }
    }

    private static Parsed fixedString(final SqlCursor in, final SqlToken token)
    {
        if (!in.acceptSymbol('('))
        {
            throw new IllegalArgumentException(
                "fixed_string needs a length: fixed_string(N) (position " + token.position() + ")");
        }
        final SqlToken at = in.peek();
        final int length = in.expectInt("length");
        if (length < 1)
        {
            throw new IllegalArgumentException(
                "fixed_string length must be at least 1 (position " + at.position() + ")");
        }
        in.expectSymbol(')', "')'");
        return plain(DataType.varchar(length), "fixed_string(" + length + ")");
    }

    private static Parsed array(final SqlCursor in, final String sql, final SqlToken token, final Context context)
    {
        rejectInNullable(token, context);
        in.expectSymbol('(', "'(' after array");
        final Parsed element = read(in, sql, Context.ELEMENT);
        in.expectSymbol(')', "')'");
        return plain(DataType.array(element.type()), "array(" + element.text() + ")");
    }

    private static Parsed map(final SqlCursor in, final String sql, final SqlToken token, final Context context)
    {
        rejectInNullable(token, context);
        in.expectSymbol('(', "'(' after map");
        final Parsed key = read(in, sql, Context.MAP_KEY);
        in.expectSymbol(',', "','");
        final Parsed value = read(in, sql, Context.ELEMENT);
        in.expectSymbol(')', "')'");
        return plain(DataType.map(key.type(), value.type()), "map(" + key.text() + ", " + value.text() + ")");
    }

    private static Parsed nullable(final SqlCursor in, final String sql, final SqlToken token, final Context context)
    {
        rejectInNullable(token, context);
        if (context == Context.MAP_KEY)
        {
            throw new IllegalArgumentException("a map key cannot be nullable (position " + token.position() + ")");
        }
        in.expectSymbol('(', "'(' after nullable");
        final Parsed inner = read(in, sql, Context.IN_NULLABLE);
        in.expectSymbol(')', "')'");
        return new Parsed(inner.type(), true, "nullable(" + inner.text() + ")");
    }

    private static Parsed lowCardinality(
        final SqlCursor in, final String sql, final SqlToken token, final Context context)
    {
        rejectInNullable(token, context);
        in.expectSymbol('(', "'(' after low_cardinality");
        // low_cardinality(nullable(T)) is allowed (ClickHouse's LowCardinality(Nullable(String))).
        final Parsed inner = read(in, sql, context == Context.MAP_KEY ? Context.MAP_KEY : Context.COLUMN);
        in.expectSymbol(')', "')'");
        return new Parsed(inner.type(), inner.nullable(), "low_cardinality(" + inner.text() + ")");
    }

    /** ClickHouse: "Nested type X cannot be inside Nullable type". */
    private static void rejectInNullable(final SqlToken token, final Context context)
    {
        if (context == Context.IN_NULLABLE)
        {
            throw new IllegalArgumentException(token.text().toLowerCase(Locale.ROOT) +
                " cannot be inside nullable (position " + token.position() + ")");
        }
    }

    /** A SQL string literal, quotes doubled. */
    static String quote(final String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }
}
