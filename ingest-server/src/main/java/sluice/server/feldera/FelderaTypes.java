package sluice.server.feldera;

import sluice.codec.schema.DataType;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

/**
 * Feldera column types (docs.feldera.com "Data Types", names and aliases as listed there) onto canonical
 * {@link DataType}s (ARCHITECTURE.md, "Canonical types"):
 * <table>
 * <caption>Feldera type to canonical type</caption>
 * <tr><th>Feldera</th><th>canonical</th></tr>
 * <tr><td>BOOLEAN, BOOL</td><td>BOOLEAN</td></tr>
 * <tr><td>TINYINT; SMALLINT, INT2; INTEGER, INT, INT4, SIGNED; BIGINT, INT8, INT64</td><td>INT8, INT16, INT32,
 * INT64 (note Feldera's INT8 is a BIGINT)</td></tr>
 * <tr><td>the same followed by UNSIGNED; UNSIGNED alone</td><td>UINT8 .. UINT64; UINT32</td></tr>
 * <tr><td>DECIMAL, DEC, NUMERIC, NUMBER [(p [, s])]</td><td>DECIMAL(p, s); s defaults to 0 and a bare DECIMAL is
 * DECIMAL(38, 0) (docs "Decimal Operations": NUMERIC is NUMERIC(MAX_PRECISION, 0), the maximum being 38)</td></tr>
 * <tr><td>REAL, FLOAT4, FLOAT32, FLOAT</td><td>FLOAT32</td></tr>
 * <tr><td>DOUBLE [PRECISION], FLOAT8, FLOAT64</td><td>FLOAT64</td></tr>
 * <tr><td>VARCHAR [(n)], CHARACTER VARYING [(n)], CHAR VARYING [(n)], STRING, TEXT; CHAR, CHARACTER
 * [(n)]</td><td>VARCHAR with the declared length (CHAR without one is CHAR(1)); never enforced or padded, as the
 * CSV seed says strings are ingested untruncated</td></tr>
 * <tr><td>BINARY [(n)], BINARY VARYING [(n)], VARBINARY [(n)], BYTEA</td><td>BINARY</td></tr>
 * <tr><td>DATE; TIME [(p)]; TIMESTAMP [(p)], DATETIME (both optionally WITHOUT TIME ZONE)</td><td>DATE; TIME;
 * TIMESTAMP in microseconds, whatever p says</td></tr>
 * <tr><td>VARIANT; UUID</td><td>JSON; UUID</td></tr>
 * <tr><td>T ARRAY (repeatable: {@code VARCHAR ARRAY ARRAY}); MAP&lt;K, V&gt;</td><td>ARRAY(T); MAP(K, V)</td></tr>
 * </table>
 * We deviate on FLOAT: Feldera's compiler refuses it ("Do not use"), because dialects disagree on its width, but the
 * CSV seed lists FLOAT among its types, so it is accepted here as the 32-bit REAL. INTERVAL, GEOMETRY, NULL and ROW
 * are rejected (Feldera does not allow the first three in a table either); so are user-defined type names.
 * Stateless.
 */
final class FelderaTypes
{
    private static final int DEFAULT_DECIMAL_PRECISION = DataType.MAX_DECIMAL_PRECISION;
    /** SQL: CHAR without a length is CHAR(1). */
    private static final int DEFAULT_CHAR_LENGTH = 1;

    private FelderaTypes()
    {
    }

    /**
     * Reads a type at the cursor, with its ARRAY suffixes; the cursor ends after it.
     *
     * @throws IllegalArgumentException for an unknown or unsupported type, a bad length/precision, or a syntax
     * error, naming the type as written and its position.
     */
    static DataType read(final SqlCursor in, final String sql)
    {
        DataType type = base(in, sql);
        while (in.acceptKeyword("ARRAY"))
        {
            type = DataType.array(type);
        }
        return type;
    }

    private static DataType base(final SqlCursor in, final String sql)
    {
        final SqlToken token = in.peek();
        if (token == null || !token.isName())
        {
            throw in.syntax("a column type");
        }
        if (token.type() == SqlToken.Type.QUOTED_IDENTIFIER)
        {
            throw unknown(token, sql);
        }
        in.advance();
        switch (token.text())
        {
            case "BOOLEAN":
            case "BOOL":
                return DataType.BOOLEAN;
            case "TINYINT":
                return in.acceptKeyword("UNSIGNED") ? DataType.UINT8 : DataType.INT8;
            case "SMALLINT":
            case "INT2":
                return in.acceptKeyword("UNSIGNED") ? DataType.UINT16 : DataType.INT16;
            case "INTEGER":
            case "INT":
            case "INT4":
            case "SIGNED":
                return in.acceptKeyword("UNSIGNED") ? DataType.UINT32 : DataType.INT32;
            case "UNSIGNED":
                return DataType.UINT32;
            case "BIGINT":
            case "INT8":
            case "INT64":
                return in.acceptKeyword("UNSIGNED") ? DataType.UINT64 : DataType.INT64;
            case "DECIMAL":
            case "DEC":
            case "NUMERIC":
            case "NUMBER":
                return decimal(in, token);
            case "REAL":
            case "FLOAT4":
            case "FLOAT32":
            case "FLOAT":
                return DataType.FLOAT32;
            case "DOUBLE":
                in.acceptKeyword("PRECISION");
                return DataType.FLOAT64;
            case "FLOAT8":
            case "FLOAT64":
                return DataType.FLOAT64;
            case "VARCHAR":
                return DataType.varchar(optionalLength(in, 0));
            case "STRING":
            case "TEXT":
                return DataType.VARCHAR;
            case "CHAR":
            case "CHARACTER":
                return in.acceptKeyword("VARYING") ?
                    DataType.varchar(optionalLength(in, 0)) : DataType.varchar(optionalLength(in, DEFAULT_CHAR_LENGTH));
            case "BINARY":
                in.acceptKeyword("VARYING");
                optionalLength(in, 0);
                return DataType.BINARY;
            case "VARBINARY":
                optionalLength(in, 0);
                return DataType.BINARY;
            case "BYTEA":
                return DataType.BINARY;
            case "DATE":
                return DataType.DATE;
            case "TIME":
                precisionAndZone(in, token);
                return DataType.TIME;
            case "TIMESTAMP":
                precisionAndZone(in, token);
                return DataType.TIMESTAMP;
            case "DATETIME":
                return DataType.TIMESTAMP;
            case "VARIANT":
                return DataType.JSON;
            case "UUID":
                return DataType.UUID;
            case "MAP":
                return map(in, sql);
            case "INTERVAL":
            case "GEOMETRY":
            case "NULL":
            case "ROW":
                throw new IllegalArgumentException(
                    "type " + token.text() + " is not supported in a table (position " + token.position() + ")");
            default:
                throw unknown(token, sql);
        }
    }

    private static IllegalArgumentException unknown(final SqlToken token, final String sql)
    {
        return new IllegalArgumentException(
            "unknown type " + token.source(sql) + " at position " + token.position());
    }

    private static DataType decimal(final SqlCursor in, final SqlToken token)
    {
        int precision = DEFAULT_DECIMAL_PRECISION;
        int scale = 0;
        if (in.acceptSymbol('('))
        {
            precision = in.expectInt("precision");
            if (in.acceptSymbol(','))
            {
                scale = in.expectInt("scale");
            }
            in.expectSymbol(')', "')'");
        }
        try
        {
            return DataType.decimal(precision, scale);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + " (position " + token.position() + ")", ex);
        }
    }

    private static int optionalLength(final SqlCursor in, final int absent)
    {
        if (!in.acceptSymbol('('))
        {
            return absent;
        }
        final SqlToken at = in.peek();
        final int length = in.expectInt("length");
        if (length < 1)
        {
            throw new IllegalArgumentException("length must be at least 1 (position " + at.position() + ")");
        }
        in.expectSymbol(')', "')'");
        return length;
    }

    /** TIME and TIMESTAMP: {@code [(p)] [WITHOUT TIME ZONE]}; p is checked, then ignored (see the class comment). */
    private static void precisionAndZone(final SqlCursor in, final SqlToken type)
    {
        if (in.acceptSymbol('('))
        {
            final SqlToken at = in.peek();
            final int precision = in.expectInt("precision");
            if (precision > 9)
            {
                throw new IllegalArgumentException(
                    type.text() + " precision must be 0..9, not " + precision + " (position " + at.position() + ")");
            }
            in.expectSymbol(')', "')'");
        }
        if (in.acceptKeyword("WITHOUT"))
        {
            in.expectKeyword("TIME", "TIME ZONE");
            in.expectKeyword("ZONE", "ZONE");
        }
        else if (in.peekKeyword("WITH") && in.peek(1) != null && in.peek(1).isKeyword("TIME"))
        {
            throw new IllegalArgumentException(
                type.text() + " WITH TIME ZONE is not supported (position " + in.peek().position() + ")");
        }
    }

    private static DataType map(final SqlCursor in, final String sql)
    {
        in.expectSymbol('<', "'<' after MAP");
        final DataType key = read(in, sql);
        in.expectSymbol(',', "','");
        final DataType value = read(in, sql);
        in.expectSymbol('>', "'>'");
        return DataType.map(key, value);
    }
}
