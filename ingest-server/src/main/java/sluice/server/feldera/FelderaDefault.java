package sluice.server.feldera;

import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TypeKind;
import sluice.codec.time.SqlTemporalParser;
import sluice.codec.value.FloatParser;
import sluice.codec.value.IntegerParser;
import sluice.codec.value.ParsedValue;
import sluice.codec.value.UuidParser;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A column's {@code DEFAULT} literal, read when the column is parsed and turned into a {@link DefaultValue} once the
 * column's nullability is known (a table-level PRIMARY KEY can make it NOT NULL later in the statement).
 * <p>
 * Feldera takes any deterministic expression; Sluice has no expression evaluator, so only literals are accepted:
 * {@code [+|-]number}, {@code 'string'}, {@code TRUE}, {@code FALSE}, {@code NULL}, {@code DATE '…'},
 * {@code TIME '…'}, {@code TIMESTAMP '…'}, {@code UUID '…'} and {@code X'hex'}, optionally in parentheses. Anything
 * else ({@code NOW()}, {@code CAST(…)}, {@code 1 + 1}, {@code ARRAY[1]}) is an error rather than a default silently
 * dropped. The literal must fit the column's type:
 * <table>
 * <caption>literals each column type takes</caption>
 * <tr><th>column</th><th>literal</th></tr>
 * <tr><td>BOOLEAN</td><td>TRUE, FALSE</td></tr>
 * <tr><td>integers, FLOAT32/64</td><td>a number, range-checked and parsed as ingest parses it</td></tr>
 * <tr><td>DECIMAL(p, s)</td><td>a number, rounded to s digits half away from zero (as Feldera casts between
 * decimals), at most p digits</td></tr>
 * <tr><td>VARCHAR</td><td>a string</td></tr>
 * <tr><td>DATE, TIME, TIMESTAMP, UUID</td><td>a string or the literal of that type, read as ingest reads the type (the
 * CSV seed's rules for the temporal ones)</td></tr>
 * <tr><td>BINARY</td><td>{@code X'hex'}</td></tr>
 * <tr><td>JSON (VARIANT), ARRAY, MAP</td><td>none but NULL</td></tr>
 * </table>
 * NULL is the default of any nullable column, and an error for a NOT NULL one. Immutable.
 *
 * @param kind what was written.
 * @param value the number as written (sign included), the string's content or the hex digits; null for NULL, TRUE
 * and FALSE.
 * @param text the literal exactly as written, kept in {@link DefaultValue#text()}.
 * @param position 1-based character offset of the literal.
 */
record FelderaDefault(FelderaDefault.Kind kind, String value, String text, int position)
{
    /** Literal forms. */
    enum Kind
    {
        NULL,
        TRUE,
        FALSE,
        NUMBER,
        STRING,
        DATE,
        TIME,
        TIMESTAMP,
        UUID,
        BINARY
    }

    /**
     * Reads the literal after {@code DEFAULT}; the cursor ends after it.
     *
     * @throws IllegalArgumentException when what follows DEFAULT is not a single literal.
     */
    static FelderaDefault read(final SqlCursor in, final String sql)
    {
        final SqlToken first = in.peek();
        if (first == null)
        {
            throw in.syntax("a DEFAULT value");
        }
        final FelderaDefault literal = literal(in, sql);
        if (literal == null || !atConstraintEnd(in))
        {
            throw new IllegalArgumentException("unsupported DEFAULT expression at position " + first.position() +
                ": only literals are supported (numbers, strings, TRUE, FALSE, NULL, DATE/TIME/TIMESTAMP/UUID " +
                "'...', X'...')");
        }
        return literal;
    }

    /** A literal at the cursor, or null (cursor position then unspecified) when there is none. */
    private static FelderaDefault literal(final SqlCursor in, final String sql)
    {
        final SqlToken token = in.peek();
        if (token == null)
        {
            return null;
        }
        in.advance();
        if (token.isSymbol('('))
        {
            final FelderaDefault inner = literal(in, sql);
            return inner != null && in.acceptSymbol(')') ? inner : null;
        }
        if (token.isSymbol('-') || token.isSymbol('+'))
        {
            final SqlToken number = in.peek();
            if (number == null || number.type() != SqlToken.Type.NUMBER)
            {
                return null;
            }
            in.advance();
            final String digits = token.isSymbol('-') ? "-" + number.text() : number.text();
            return new FelderaDefault(Kind.NUMBER, digits, SqlToken.source(sql, token, number), token.position());
        }
        switch (token.type())
        {
            case NUMBER:
                return new FelderaDefault(Kind.NUMBER, token.text(), token.source(sql), token.position());
            case STRING:
                return new FelderaDefault(Kind.STRING, token.text(), token.source(sql), token.position());
            case IDENTIFIER:
                return keywordLiteral(in, sql, token);
            default:
                return null;
        }
    }

    private static FelderaDefault keywordLiteral(final SqlCursor in, final String sql, final SqlToken token)
    {
        final Kind kind;
        switch (token.text())
        {
            case "NULL":
                return new FelderaDefault(Kind.NULL, null, token.source(sql), token.position());
            case "TRUE":
                return new FelderaDefault(Kind.TRUE, null, token.source(sql), token.position());
            case "FALSE":
                return new FelderaDefault(Kind.FALSE, null, token.source(sql), token.position());
            case "DATE":
                kind = Kind.DATE;
                break;
            case "TIME":
                kind = Kind.TIME;
                break;
            case "TIMESTAMP":
                kind = Kind.TIMESTAMP;
                break;
            case "UUID":
                kind = Kind.UUID;
                break;
            case "X":
                kind = Kind.BINARY;
                break;
            default:
                return null;
        }
        final SqlToken string = in.peek();
        // X'…' is one token in SQL: no space between the X and the quote.
        if (string == null || string.type() != SqlToken.Type.STRING ||
            (kind == Kind.BINARY && string.offset() != token.endOffset()))
        {
            return null;
        }
        in.advance();
        return new FelderaDefault(kind, string.text(), SqlToken.source(sql, token, string), token.position());
    }

    private static boolean atConstraintEnd(final SqlCursor in)
    {
        final SqlToken next = in.peek();
        return next == null || next.isSymbol(',') || next.isSymbol(')') ||
            FelderaTableParser.startsColumnConstraint(next);
    }

    /**
     * The default for a column of {@code type}.
     *
     * @param column the column's name as messages print it.
     * @throws IllegalArgumentException when the literal does not fit the type, or is NULL for a NOT NULL column.
     */
    DefaultValue toDefaultValue(final DataType type, final boolean nullable, final String column)
    {
        if (kind == Kind.NULL)
        {
            if (!nullable)
            {
                throw new IllegalArgumentException(
                    "DEFAULT NULL for NOT NULL column " + column + " (position " + position + ")");
            }
            return DefaultValue.NULL;
        }
        final ParsedValue out = new ParsedValue();
        final UnsafeBuffer buffer = new UnsafeBuffer(
            value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
        final int length = buffer.capacity();
        switch (type.kind())
        {
            case BOOLEAN:
                require(kind == Kind.TRUE || kind == Kind.FALSE, type, column);
                return constant(kind == Kind.TRUE ? 1 : 0, 0, 0, null);
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
            case UINT64:
                require(kind == Kind.NUMBER, type, column);
                check(IntegerParser.parse(buffer, 0, length, type.kind(), out), type, column);
                return constant(out.longValue, 0, 0, null);
            case FLOAT32:
            case FLOAT64:
                require(kind == Kind.NUMBER, type, column);
                check(type.kind() == TypeKind.FLOAT32 ?
                    FloatParser.parseFloat(buffer, 0, length, out) : FloatParser.parseDouble(buffer, 0, length, out),
                    type, column);
                // The parsers turn an out-of-range float into NaN (the CSV seed's rule for data); a literal is a
                // mistake in the program instead.
                require(Double.isFinite(out.doubleValue), type, column);
                return constant(0, 0, out.doubleValue, null);
            case DECIMAL:
                require(kind == Kind.NUMBER, type, column);
                return decimal(type, column);
            case VARCHAR:
                require(kind == Kind.STRING, type, column);
                return constant(0, 0, 0, buffer.byteArray());
            case DATE:
                require(kind == Kind.STRING || kind == Kind.DATE, type, column);
                check(SqlTemporalParser.parseDate(buffer, 0, length, out), type, column);
                return constant(out.longValue, 0, 0, null);
            case TIME:
                require(kind == Kind.STRING || kind == Kind.TIME, type, column);
                check(SqlTemporalParser.parseTime(buffer, 0, length, out), type, column);
                return constant(out.longValue, 0, 0, null);
            case TIMESTAMP:
                require(kind == Kind.STRING || kind == Kind.TIMESTAMP, type, column);
                check(SqlTemporalParser.parseTimestamp(buffer, 0, length, out), type, column);
                // Microseconds, truncated like an ingested value with more digits than the column keeps.
                return constant(out.longValue * 1_000_000L + out.nanos / 1_000, 0, 0, null);
            case UUID:
                require(kind == Kind.STRING || kind == Kind.UUID, type, column);
                check(UuidParser.parse(buffer, 0, length, out), type, column);
                return constant(out.longValue, out.highBits, 0, null);
            case BINARY:
                require(kind == Kind.BINARY, type, column);
                return binary(type, column);
            default:
                throw doesNotFit(type, column);
        }
    }

    private DefaultValue decimal(final DataType type, final String column)
    {
        final BigInteger unscaled;
        try
        {
            unscaled = new BigDecimal(value).setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw doesNotFit(type, column);
        }
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(type.precision())) >= 0)
        {
            throw doesNotFit(type, column);
        }
        return constant(unscaled.longValue(), unscaled.shiftRight(Long.SIZE).longValue(), 0, null);
    }

    private DefaultValue binary(final DataType type, final String column)
    {
        try
        {
            return constant(0, 0, 0, HexFormat.of().parseHex(value));
        }
        catch (final IllegalArgumentException ex)
        {
            throw doesNotFit(type, column);
        }
    }

    private DefaultValue constant(
        final long longValue, final long highBits, final double doubleValue, final byte[] bytes)
    {
        return DefaultValue.constant(longValue, highBits, doubleValue, bytes, text);
    }

    private void require(final boolean fits, final DataType type, final String column)
    {
        if (!fits)
        {
            throw doesNotFit(type, column);
        }
    }

    private void check(final ErrorCode code, final DataType type, final String column)
    {
        if (code != ErrorCode.NONE)
        {
            throw doesNotFit(type, column);
        }
    }

    private IllegalArgumentException doesNotFit(final DataType type, final String column)
    {
        return new IllegalArgumentException(
            "DEFAULT " + text + " does not fit column " + column + " of type " + type + " (position " + position + ")");
    }
}
