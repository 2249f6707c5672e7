package sluice.codec.testing;

import org.agrona.DirectBuffer;
import sluice.codec.error.DecodeError;
import sluice.codec.error.DecodeErrors;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
import sluice.codec.schema.Column;
import sluice.codec.schema.TableSchema;
import sluice.codec.value.DecimalParser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Renders decoded rows and errors as text lines, the form test cases state their expectations in:
 * <pre>
 * + name='a' value=1.5 ts=2024-02-25T12:12:33Z       (op: + insert, - delete, U update; ~ = absent column)
 * ! INVALID_FLOAT line=2 record=1 column=value field=1 offset=9 snippet='x'
 * </pre>
 */
public final class RowText
{
    private RowText()
    {
    }

    public static List<String> rows(final DirectBuffer batch, final int offset, final RowLayout layout)
    {
        final List<String> lines = new ArrayList<>();
        final RowBatchReader reader = new RowBatchReader().wrap(batch, offset, layout);
        final TableSchema schema = layout.schema();
        while (reader.next())
        {
            final StringBuilder sb = new StringBuilder();
            final byte op = reader.op();
            sb.append(op == RowSink.OP_INSERT ? '+' : op == RowSink.OP_DELETE ? '-' : 'U');
            for (int c = 0; c < schema.columnCount(); c++)
            {
                sb.append(' ').append(schema.column(c).name()).append('=').append(value(reader, c));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    public static String value(final RowBatchReader reader, final int c)
    {
        if (reader.isAbsent(c))
        {
            return "~";
        }
        if (reader.isNull(c))
        {
            return "NULL";
        }
        final Column column = reader.layout().schema().column(c);
        switch (column.kind())
        {
            case BOOLEAN:
                return String.valueOf(reader.getBoolean(c));
            case UINT64:
                return Long.toUnsignedString(reader.getLong(c));
            case FLOAT32:
                return String.valueOf((float)reader.getDouble(c));
            case FLOAT64:
                return String.valueOf(reader.getDouble(c));
            case DECIMAL:
                return column.type().isWideDecimal() ?
                    DecimalParser.toString(reader.getHigh(c), reader.getLow(c), column.type().scale()) :
                    DecimalParser.toString(reader.getLong(c) < 0 ? -1 : 0, reader.getLong(c), column.type().scale());
            case DATE:
                return LocalDate.ofEpochDay(reader.getLong(c)).toString();
            case TIME:
                return LocalTime.ofNanoOfDay(reader.getLong(c)).toString();
            case TIMESTAMP:
            {
                final long micros = reader.getLong(c);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
            }
            case TIMESTAMP_NS:
            {
                final long nanos = reader.getLong(c);
                return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                    Math.floorMod(nanos, 1_000_000_000L)).toString();
            }
            case UUID:
                return new UUID(reader.getHigh(c), reader.getLow(c)).toString();
            case BINARY:
            {
                final StringBuilder sb = new StringBuilder("0x");
                for (final byte b : reader.getByteArray(c))
                {
                    sb.append(String.format("%02x", b & 0xFF));
                }
                return sb.toString();
            }
            default:
                if (column.kind().isInteger())
                {
                    return String.valueOf(reader.getLong(c));
                }
                return quote(reader.getString(c));
        }
    }

    public static String quote(final String s)
    {
        final StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++)
        {
            final char ch = s.charAt(i);
            switch (ch)
            {
                case '\'': sb.append("\\'"); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (ch < 0x20)
                    {
                        sb.append(String.format("\\x%02x", (int)ch));
                    }
                    else
                    {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('\'').toString();
    }

    public static List<String> errors(final DecodeErrors errors)
    {
        final List<String> lines = new ArrayList<>();
        for (final DecodeError e : errors.kept())
        {
            lines.add(error(e));
        }
        return lines;
    }

    public static String error(final DecodeError e)
    {
        final StringBuilder sb = new StringBuilder("! ").append(e.code());
        if (e.line() > 0)
        {
            sb.append(" line=").append(e.line());
        }
        if (e.record() > 0)
        {
            sb.append(" record=").append(e.record());
        }
        if (e.columnName() != null)
        {
            sb.append(" column=").append(e.columnName());
        }
        if (e.fieldIndex() >= 0)
        {
            sb.append(" field=").append(e.fieldIndex());
        }
        sb.append(" offset=").append(e.byteOffset());
        if (e.snippet() != null)
        {
            sb.append(" snippet=").append(quote(e.snippet()));
        }
        return sb.toString();
    }
}
