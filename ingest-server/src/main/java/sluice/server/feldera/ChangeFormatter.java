package sluice.server.feldera;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.server.query.TimestampText;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Committed ring rows ({@link RowBatchReader}) as Feldera's egress records: {@code {"insert":{…}}} and
 * {@code {"delete":{…}}} with the full row (keyed deletes carry what the client sent), and {@code {"update":{…}}} with
 * the columns an update sets. Values are written as DuckDB prints them, so a change reads like the snapshot's rows:
 * timestamps {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, decimals exact, non-finite floats as strings.
 */
final class ChangeFormatter
{
    private final RowLayout layout;
    private final TableSchema schema;
    private final RowBatchReader reader = new RowBatchReader();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    ChangeFormatter(final RowLayout layout)
    {
        this.layout = layout;
        this.schema = layout.schema();
    }

    /** Appends every row of {@code batches} to {@code out} as change events; returns how many. */
    int append(final List<byte[]> batches, final ArrayNode out)
    {
        int count = 0;
        for (final byte[] batch : batches)
        {
            view.wrap(batch);
            reader.wrap(view, 0, layout);
            while (reader.next())
            {
                final byte op = reader.op();
                final ObjectNode event = out.addObject();
                final ObjectNode row = event.putObject(op == RowSink.OP_INSERT ? "insert" :
                    op == RowSink.OP_DELETE ? "delete" : "update");
                for (int c = 0; c < schema.columnCount(); c++)
                {
                    final Column column = schema.column(c);
                    if (column.hidden() || op != RowSink.OP_INSERT && reader.isAbsent(c))
                    {
                        continue;
                    }
                    value(row, column.name(), column.type(), c);
                }
                count++;
            }
        }
        return count;
    }

    private void value(final ObjectNode row, final String name, final DataType type, final int c)
    {
        if (reader.isNull(c))
        {
            row.putNull(name);
            return;
        }
        switch (type.kind())
        {
            case BOOLEAN:
                row.put(name, reader.getBoolean(c));
                break;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
                row.put(name, reader.getLong(c));
                break;
            case UINT64:
                row.put(name, new BigDecimal(new BigInteger(Long.toUnsignedString(reader.getLong(c)))));
                break;
            case FLOAT32:
            case FLOAT64:
                final double d = reader.getDouble(c);
                if (Double.isFinite(d))
                {
                    row.put(name, d);
                }
                else
                {
                    row.put(name, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
                break;
            case DECIMAL:
                final BigInteger unscaled = type.isWideDecimal()
                    ? BigInteger.valueOf(reader.getHigh(c)).shiftLeft(64)
                        .add(new BigInteger(Long.toUnsignedString(reader.getLow(c))))
                    : BigInteger.valueOf(reader.getLong(c));
                row.put(name, new BigDecimal(unscaled, type.scale()));
                break;
            case DATE:
                row.put(name, LocalDate.ofEpochDay(reader.getLong(c)).toString());
                break;
            case TIME:
                row.put(name, LocalTime.ofNanoOfDay(reader.getLong(c)).toString());
                break;
            case TIMESTAMP:
                row.put(name, TimestampText.trimmed(Math.floorDiv(reader.getLong(c), 1_000_000L),
                    (int)Math.floorMod(reader.getLong(c), 1_000_000L) * 1000));
                break;
            case TIMESTAMP_NS:
                row.put(name, TimestampText.trimmed(Math.floorDiv(reader.getLong(c), 1_000_000_000L),
                    (int)Math.floorMod(reader.getLong(c), 1_000_000_000L)));
                break;
            case UUID:
                row.put(name, new UUID(reader.getHigh(c), reader.getLow(c)).toString());
                break;
            case BINARY:
                final ArrayNode bytes = row.putArray(name);
                for (final byte b : reader.getByteArray(c))
                {
                    bytes.add(b & 0xFF);
                }
                break;
            case JSON:
            case ARRAY:
            case MAP:
                final String text = reader.getString(c);
                try
                {
                    row.set(name, FelderaErrors.JSON.readTree(text));
                }
                catch (final IOException e)
                {
                    row.put(name, text);
                }
                break;
            default:
                row.put(name, new String(reader.getByteArray(c), StandardCharsets.UTF_8));
                break;
        }
    }
}
