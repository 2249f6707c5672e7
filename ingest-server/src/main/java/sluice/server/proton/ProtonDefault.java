package sluice.server.proton;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowSink;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.nio.charset.StandardCharsets;

/**
 * A column's {@code DEFAULT} expression, read when the column is parsed and turned into a {@link DefaultValue} for
 * the column's type.
 * <p>
 * Proton takes any expression; Sluice evaluates none, so only these are accepted (anything else is an error rather
 * than a default silently dropped):
 * <ul>
 * <li>{@code [+|-]number}, {@code 'string'}, {@code true}, {@code false}: a constant, converted once by the same
 * {@link ValueBinder} rules (Dialect.PROTON) that ingest applies to a JSON value of that kind, so {@code '42'} fits
 * an int column, {@code 1} a bool, {@code '2024-01-02 03:04:05'} a datetime64 in the column's zone, a number a
 * string column as its literal text;</li>
 * <li>{@code null}: the default of a nullable column (an error for any other);</li>
 * <li>{@code now(…)}, {@code now64(…)}: the ingest time, for date, datetime and datetime64 columns; the arguments
 * (precision, zone) are not needed, the column's type says both.</li>
 * </ul>
 *
 * @param kind     what was written.
 * @param value    the number as written (sign included) or the string's content; null otherwise.
 * @param text     the expression exactly as written, what listings print and {@link DefaultValue#text()} keeps.
 * @param position 1-based character offset of the expression.
 */
record ProtonDefault(ProtonDefault.Kind kind, String value, String text, int position)
{
    /** Expression forms. */
    enum Kind
    {
        NULL,
        TRUE,
        FALSE,
        NUMBER,
        STRING,
        NOW
    }

    private static final String SUPPORTED = "only literals (numbers, strings, true, false, null), now() and now64() " +
        "are supported";

    /**
     * Reads the expression after {@code DEFAULT}; the cursor ends after it.
     *
     * @throws IllegalArgumentException when what follows is not one of the supported forms, or is followed by
     * anything but {@code ,} or {@code )}.
     */
    static ProtonDefault read(final SqlCursor in, final String sql)
    {
        final SqlToken first = in.peek();
        if (first == null)
        {
            throw in.syntax("a DEFAULT expression");
        }
        final ProtonDefault expression = expression(in, sql);
        final SqlToken next = in.peek();
        if (expression == null || next != null && !next.isSymbol(',') && !next.isSymbol(')'))
        {
            throw new IllegalArgumentException(
                "unsupported DEFAULT expression at position " + first.position() + ": " + SUPPORTED);
        }
        return expression;
    }

    /** An expression at the cursor, or null (cursor position then unspecified) when it is not a supported one. */
    private static ProtonDefault expression(final SqlCursor in, final String sql)
    {
        final SqlToken token = in.peek();
        in.advance();
        if (token.isSymbol('-') || token.isSymbol('+'))
        {
            final SqlToken number = in.peek();
            if (number == null || number.type() != SqlToken.Type.NUMBER)
            {
                return null;
            }
            in.advance();
            final String digits = token.isSymbol('-') ? "-" + number.text() : number.text();
            return new ProtonDefault(Kind.NUMBER, digits, SqlToken.source(sql, token, number), token.position());
        }
        switch (token.type())
        {
            case NUMBER:
                return new ProtonDefault(Kind.NUMBER, token.text(), token.source(sql), token.position());
            case STRING:
                return new ProtonDefault(Kind.STRING, token.text(), token.source(sql), token.position());
            case IDENTIFIER:
                break;
            default:
                return null;
        }
        switch (token.text())
        {
            case "NULL":
                return new ProtonDefault(Kind.NULL, null, token.source(sql), token.position());
            case "TRUE":
                return new ProtonDefault(Kind.TRUE, null, token.source(sql), token.position());
            case "FALSE":
                return new ProtonDefault(Kind.FALSE, null, token.source(sql), token.position());
            case "NOW":
            case "NOW64":
                final SqlToken open = in.peek();
                if (open == null || !open.isSymbol('('))
                {
                    return null;
                }
                final int from = token.offset();
                in.skipParenthesized();
                final SqlToken close = in.peek(-1);
                return new ProtonDefault(Kind.NOW, null, sql.substring(from, close.endOffset()), token.position());
            default:
                return null;
        }
    }

    /**
     * The default for a column of {@code type}.
     *
     * @param column   the column's name as messages print it.
     * @param typeText the column's Proton type as messages print it.
     * @throws IllegalArgumentException when the expression does not fit the type, or is null for a column that is not
     * nullable.
     */
    DefaultValue toDefaultValue(
        final DataType type, final boolean nullable, final String column, final String typeText)
    {
        switch (kind)
        {
            case NULL:
                if (!nullable)
                {
                    throw new IllegalArgumentException("DEFAULT NULL for column " + column +
                        " that is not nullable (position " + position + ")");
                }
                return DefaultValue.NULL;
            case NOW:
                final TypeKind k = type.kind();
                if (k != TypeKind.DATE && k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMP_NS)
                {
                    throw doesNotFit(typeText, column);
                }
                return DefaultValue.NOW;
            default:
                return constant(type, nullable, column, typeText);
        }
    }

    private DefaultValue constant(
        final DataType type, final boolean nullable, final String column, final String typeText)
    {
        final ValueBinder binder = new ValueBinder(Dialect.PROTON);
        final Capture capture = new Capture();
        binder.reset(TableSchema.of(column, Column.builder(column, type).nullable(nullable).caseSensitive(true)
            .defaultValue(DefaultValue.TYPE_ZERO).build()), null, 0);
        binder.sink(capture);
        binder.beginRow(RowSink.OP_INSERT);
        final ErrorCode code;
        if (kind == Kind.TRUE || kind == Kind.FALSE)
        {
            code = binder.bindJsonBoolean(0, kind == Kind.TRUE);
        }
        else
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(value.getBytes(StandardCharsets.UTF_8));
            code = kind == Kind.NUMBER ? binder.bindJsonNumber(0, buffer, 0, buffer.capacity()) :
                binder.bindJsonString(0, buffer, 0, buffer.capacity());
        }
        if (code != ErrorCode.NONE)
        {
            binder.abortRow();
            throw doesNotFit(typeText, column);
        }
        binder.endRow();
        if (capture.isNull)
        {
            // '' into nullable(T): NULL, as ingest reads it.
            return DefaultValue.NULL;
        }
        if (type.kind().isFloatingPoint() && !Double.isFinite(capture.doubleValue))
        {
            // Ingest turns an out-of-range float into ±inf; a literal that does so is a mistake in the DDL.
            throw doesNotFit(typeText, column);
        }
        return DefaultValue.constant(capture.longValue, capture.highBits, capture.doubleValue, capture.bytes, text);
    }

    private IllegalArgumentException doesNotFit(final String typeText, final String column)
    {
        return new IllegalArgumentException("DEFAULT " + text + " does not fit column " + column + " of type " +
            typeText + (position > 0 ? " (position " + position + ")" : ""));
    }

    /** The one value a single-column row receives, in {@link DefaultValue#constant}'s representation. */
    private static final class Capture implements RowSink
    {
        boolean isNull;
        long longValue;
        long highBits;
        double doubleValue;
        byte[] bytes;

        @Override
        public void beginRow(final byte op)
        {
        }

        @Override
        public void putNull(final int column)
        {
            isNull = true;
        }

        @Override
        public void putBoolean(final int column, final boolean value)
        {
            longValue = value ? 1 : 0;
        }

        @Override
        public void putLong(final int column, final long value)
        {
            longValue = value;
        }

        @Override
        public void putDouble(final int column, final double value)
        {
            doubleValue = value;
        }

        @Override
        public void putDecimal128(final int column, final long high, final long low)
        {
            highBits = high;
            longValue = low;
        }

        @Override
        public void putBytes(final int column, final DirectBuffer buffer, final int offset, final int length)
        {
            bytes = new byte[length];
            buffer.getBytes(offset, bytes);
        }

        @Override
        public void endRow()
        {
        }

        @Override
        public void abortRow()
        {
        }
    }
}
