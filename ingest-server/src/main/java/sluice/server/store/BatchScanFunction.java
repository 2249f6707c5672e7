package sluice.server.store;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;

import java.math.BigInteger;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static sluice.codec.row.RowBatchDescriptor.VAR_LENGTH_OFFSET;
import static sluice.codec.row.RowBatchDescriptor.VAR_OFFSET_OFFSET;

/**
 * {@code sluice_scan(handle)}: the Java table function that bulk-loads staged rows into DuckDB (the fast path of
 * ARCHITECTURE.md "Storage": 3.9M rows/s measured here, against 1.2–1.8M for the Appender). A load is
 * {@code INSERT INTO t SELECT <conversions> FROM sluice_scan(?)} with the handle of a registered {@link BatchSource};
 * {@link LoadStatement} writes that SQL (and the DELETE and UPDATE statements that read the scan the same way).
 * Output columns are named {@code c0..cN} and carry each canonical type's raw form (see {@link #rawType}); the
 * conversions to the column types are SQL. For updates ({@link BatchSource#absentColumns}) BOOLEAN columns
 * {@code a0..aN} follow, true where the row leaves the column unchanged; with {@link BatchSource#ordinals} a last
 * BIGINT column {@code o} numbers the rows returned.
 * <p>
 * Vectors are filled column by column: the type switch runs once per column per chunk, not per value. Fixed-width
 * values and short strings are written straight into the vectors' buffers ({@link OutputVector}); longer strings go
 * through DuckDB's batch setter, which takes one {@code byte[]} per value, so repeated values reuse their arrays
 * ({@link Utf8Intern}). Used by one writer thread at a time.
 */
public final class BatchScanFunction implements DuckDBTableFunction<BatchSource, BatchSource, Object>
{
    public static final String NAME = "sluice_scan";
    private static final byte[] EMPTY = new byte[0];
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ConcurrentHashMap<Long, BatchSource> sources = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();
    private final Utf8Intern intern = new Utf8Intern();
    private final RowBatchReader columnReader = new RowBatchReader();
    private final OutputVector direct = new OutputVector();
    private DirectBuffer[] rowBuffers = new DirectBuffer[2048];
    private int[] rowStarts = new int[2048];
    private byte[][] strings = new byte[2048][];

    /** Makes a source readable by {@code sluice_scan(handle)}; unregister it after the load. */
    public long register(final BatchSource source)
    {
        final long handle = handles.incrementAndGet();
        sources.put(handle, source);
        return handle;
    }

    public void unregister(final long handle)
    {
        sources.remove(handle);
    }

    /** How a canonical type travels out of the scan; {@link LoadStatement} converts it to the column type. */
    static DuckDBColumnType rawType(final DataType type)
    {
        switch (type.kind())
        {
            case BOOLEAN: return DuckDBColumnType.BOOLEAN;
            case INT8: return DuckDBColumnType.TINYINT;
            case INT16: return DuckDBColumnType.SMALLINT;
            case INT32: return DuckDBColumnType.INTEGER;
            case UINT8: return DuckDBColumnType.UTINYINT;
            case UINT16: return DuckDBColumnType.USMALLINT;
            case UINT32: return DuckDBColumnType.UINTEGER;
            case FLOAT32: return DuckDBColumnType.FLOAT;
            case FLOAT64: return DuckDBColumnType.DOUBLE;
            case DATE: return DuckDBColumnType.INTEGER;
            case DECIMAL: return type.isWideDecimal() ? DuckDBColumnType.HUGEINT : DuckDBColumnType.BIGINT;
            case INT64:
            case UINT64:
            case TIME:
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return DuckDBColumnType.BIGINT;
            default:
                return DuckDBColumnType.VARCHAR;
        }
    }

    @Override
    public BatchSource bind(final DuckDBTableFunctionBindInfo info)
    {
        final long handle = info.getParameter(0).getLong();
        final BatchSource source = sources.get(handle);
        if (source == null)
        {
            throw new IllegalStateException("no batch source registered for handle " + handle);
        }
        final TableSchema schema = source.layout().schema();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            info.addResultColumn("c" + c, rawType(schema.column(c).type()));
        }
        for (int c = 0; source.absentColumns() && c < schema.columnCount(); c++)
        {
            info.addResultColumn("a" + c, DuckDBColumnType.BOOLEAN);
        }
        if (source.ordinals())
        {
            info.addResultColumn("o", DuckDBColumnType.BIGINT);
        }
        return source;
    }

    @Override
    public BatchSource init(final DuckDBTableFunctionInitInfo info)
    {
        info.setMaxThreads(1);
        final BatchSource source = info.getBindData();
        source.rewind();
        return source;
    }

    @Override
    public long apply(final DuckDBTableFunctionCallInfo call, final DuckDBDataChunkWriter out)
    {
        final BatchSource source = call.getInitData();
        final int capacity = (int)out.capacity();
        if (rowStarts.length < capacity)
        {
            rowBuffers = new DirectBuffer[capacity];
            rowStarts = new int[capacity];
            strings = new byte[capacity][];
        }
        int n = 0;
        while (n < capacity && source.next())
        {
            rowBuffers[n] = source.currentBuffer();
            rowStarts[n] = source.reader().rowStart();
            n++;
        }
        if (n == 0)
        {
            return 0;
        }
        final RowLayout layout = source.layout();
        final TableSchema schema = layout.schema();
        final int columns = schema.columnCount();
        for (int c = 0; c < columns; c++)
        {
            fillColumn(out.vector(c), schema.column(c).type(), layout, c, n);
        }
        for (int c = 0; source.absentColumns() && c < columns; c++)
        {
            fillAbsent(out.vector(columns + c), layout, c, n);
        }
        if (source.ordinals())
        {
            fillOrdinals(out.vector(columns * (source.absentColumns() ? 2 : 1)), source.takeOrdinals(n), n);
        }
        return n;
    }

    /** Column {@code o}: {@code first, first + 1, ...}. Upserting tables only. */
    private void fillOrdinals(final DuckDBWritableVector vector, final long first, final int n)
    {
        if (direct.wrap(vector, n))
        {
            final UnsafeBuffer data = direct.data();
            for (int i = 0; i < n; i++)
            {
                data.putLong(i << 3, first + i);
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            vector.setLong(i, first + i);
        }
    }

    /** Column {@code a<c>}: true where an UPDATE row leaves column {@code c} unchanged. Updates only, not hot. */
    private void fillAbsent(final DuckDBWritableVector vector, final RowLayout layout, final int c, final int n)
    {
        final RowBatchReader row = columnReader;
        if (direct.wrap(vector, n))
        {
            final UnsafeBuffer data = direct.data();
            for (int i = 0; i < n; i++)
            {
                data.putByte(i, (byte)(position(row, layout, i).isAbsent(c) ? 1 : 0));
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            vector.setBoolean(i, position(row, layout, i).isAbsent(c));
        }
    }

    private void fillColumn(
        final DuckDBWritableVector vector, final DataType type, final RowLayout layout, final int c, final int n)
    {
        if (direct.wrap(vector, n))
        {
            final int width = rawCopyWidth(type);
            if (width != 0 && width == layout.slotWidth(c))
            {
                copySlots(layout, c, n, width);
                return;
            }
            if (isText(type) && inlineStrings(layout, c, n))
            {
                return;
            }
        }
        fillWithSetters(vector, type, layout, c, n);
    }

    /**
     * Width of the DuckDB type {@link #rawType} gives {@code type} when the ring slot's bytes are that value as they
     * are (same width, same signedness, same encoding), else 0.
     */
    static int rawCopyWidth(final DataType type)
    {
        switch (type.kind())
        {
            case BOOLEAN: // the encoder writes 0 or 1, as DuckDB's BOOLEAN
            case INT8:
            case UINT8:
                return 1;
            case INT16:
            case UINT16:
                return 2;
            case INT32:
            case UINT32:
            case FLOAT32:
            case DATE:
                return 4;
            case INT64:
            case UINT64:
            case FLOAT64:
            case TIME:
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return 8;
            case DECIMAL:
                return type.isWideDecimal() ? 0 : 8;
            default:
                return 0;
        }
    }

    /** Text kinds the scan hands over as their UTF-8 bytes (the codec has validated them). */
    private static boolean isText(final DataType type)
    {
        return rawType(type) == DuckDBColumnType.VARCHAR && type.kind() != TypeKind.BINARY
            && type.kind() != TypeKind.UUID;
    }

    /** Copies each row's slot into the vector's data buffer, one width-specific loop per column. */
    private void copySlots(final RowLayout layout, final int c, final int n, final int width)
    {
        final UnsafeBuffer data = direct.data();
        final int slot = layout.slotOffset(c);
        final int nullByte = layout.nullBitmapOffset() + (c >>> 3);
        final int nullMask = 1 << (c & 7);
        final DirectBuffer[] buffers = rowBuffers;
        final int[] starts = rowStarts;
        for (int i = 0; i < n; i++)
        {
            final DirectBuffer buffer = buffers[i];
            final int start = starts[i];
            if ((buffer.getByte(start + nullByte) & nullMask) != 0)
            {
                direct.setNull(i);
                continue;
            }
            switch (width)
            {
                case 8:
                    data.putLong(i << 3, buffer.getLong(start + slot));
                    break;
                case 4:
                    data.putInt(i << 2, buffer.getInt(start + slot));
                    break;
                case 2:
                    data.putShort(i << 1, buffer.getShort(start + slot));
                    break;
                default:
                    data.putByte(i, buffer.getByte(start + slot));
                    break;
            }
        }
    }

    /**
     * Writes strings of at most {@link OutputVector#INLINE_STRING_MAX} bytes straight into the vector's
     * {@code string_t} slots (length, then the bytes, zero padded: DuckDB compares inlined strings by all 16 bytes).
     * False, having written nothing, when a value is longer: those need DuckDB's string heap, which only its setter
     * reaches.
     */
    private boolean inlineStrings(final RowLayout layout, final int c, final int n)
    {
        final int slot = layout.slotOffset(c);
        final int nullByte = layout.nullBitmapOffset() + (c >>> 3);
        final int nullMask = 1 << (c & 7);
        final DirectBuffer[] buffers = rowBuffers;
        final int[] starts = rowStarts;
        for (int i = 0; i < n; i++)
        {
            final DirectBuffer buffer = buffers[i];
            final int start = starts[i];
            if ((buffer.getByte(start + nullByte) & nullMask) == 0
                && buffer.getInt(start + slot + VAR_LENGTH_OFFSET) > OutputVector.INLINE_STRING_MAX)
            {
                return false;
            }
        }
        final UnsafeBuffer data = direct.data();
        for (int i = 0; i < n; i++)
        {
            final DirectBuffer buffer = buffers[i];
            final int start = starts[i];
            final int at = i * OutputVector.STRING_T_BYTES;
            data.putLong(at, 0L);
            data.putLong(at + 8, 0L);
            if ((buffer.getByte(start + nullByte) & nullMask) != 0)
            {
                direct.setNull(i);
                continue;
            }
            final int length = buffer.getInt(start + slot + VAR_LENGTH_OFFSET);
            final int from = start + buffer.getInt(start + slot + VAR_OFFSET_OFFSET);
            data.putInt(at, length);
            // Word copies: putBytes would call Unsafe.copyMemory, whose fixed cost dwarfs a 12-byte copy.
            int k = 0;
            if (length >= 8)
            {
                data.putLong(at + 4, buffer.getLong(from));
                k = 8;
            }
            if (k + 4 <= length)
            {
                data.putInt(at + 4 + k, buffer.getInt(from + k));
                k += 4;
            }
            for (; k < length; k++)
            {
                data.putByte(at + 4 + k, buffer.getByte(from + k));
            }
        }
        return true;
    }

    /** The slow, general path: DuckDB's per-value setters (and its string batch setter). */
    private void fillWithSetters(
        final DuckDBWritableVector vector, final DataType type, final RowLayout layout, final int c, final int n)
    {
        final RowBatchReader row = columnReader;
        switch (type.kind())
        {
            case BOOLEAN:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setBoolean(i, row.getBoolean(c));
                    }
                }
                break;
            case INT8:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setByte(i, (byte)row.getLong(c));
                    }
                }
                break;
            case INT16:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setShort(i, (short)row.getLong(c));
                    }
                }
                break;
            case INT32:
            case DATE:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setInt(i, (int)row.getLong(c));
                    }
                }
                break;
            case UINT8:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setUint8(i, (int)row.getLong(c));
                    }
                }
                break;
            case UINT16:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setUint16(i, (int)row.getLong(c));
                    }
                }
                break;
            case UINT32:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setUint32(i, row.getLong(c));
                    }
                }
                break;
            case FLOAT32:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setFloat(i, (float)row.getDouble(c));
                    }
                }
                break;
            case FLOAT64:
                for (int i = 0; i < n; i++)
                {
                    if (position(row, layout, i).isNull(c))
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setDouble(i, row.getDouble(c));
                    }
                }
                break;
            case DECIMAL:
                if (type.isWideDecimal())
                {
                    fillWideDecimal(vector, layout, c, n);
                    break;
                }
                fillLongs(vector, layout, c, n);
                break;
            case INT64:
            case UINT64:
            case TIME:
            case TIMESTAMP:
            case TIMESTAMP_NS:
                fillLongs(vector, layout, c, n);
                break;
            default:
                fillStrings(vector, type, layout, c, n);
                break;
        }
    }

    private void fillLongs(final DuckDBWritableVector vector, final RowLayout layout, final int c, final int n)
    {
        final RowBatchReader row = columnReader;
        for (int i = 0; i < n; i++)
        {
            if (position(row, layout, i).isNull(c))
            {
                vector.setNull(i);
            }
            else
            {
                vector.setLong(i, row.getLong(c));
            }
        }
    }

    private void fillWideDecimal(final DuckDBWritableVector vector, final RowLayout layout, final int c, final int n)
    {
        final RowBatchReader row = columnReader;
        for (int i = 0; i < n; i++)
        {
            if (position(row, layout, i).isNull(c))
            {
                vector.setNull(i);
            }
            else
            {
                // DECIMAL(p > 18) is rare enough that BigInteger per value is fine; DuckDB's API takes nothing else.
                final BigInteger high = BigInteger.valueOf(row.getHigh(c)).shiftLeft(64);
                vector.setHugeInt(i, high.add(new BigInteger(Long.toUnsignedString(row.getLow(c)))));
            }
        }
    }

    private void fillStrings(
        final DuckDBWritableVector vector, final DataType type, final RowLayout layout, final int c, final int n)
    {
        final RowBatchReader row = columnReader;
        final byte[][] values = n == strings.length ? strings : new byte[n][];
        for (int i = 0; i < n; i++)
        {
            position(row, layout, i);
            if (row.isNull(c))
            {
                values[i] = EMPTY;
            }
            else
            {
                switch (type.kind())
                {
                    case BINARY:
                        // BLOB cannot be a result column of a Java table function: hex here, unhex() in SQL.
                        values[i] = hex(row.buffer(), row.bytesOffset(c), row.bytesLength(c));
                        break;
                    case UUID:
                        values[i] = new UUID(row.getHigh(c), row.getLow(c)).toString()
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        break;
                    default:
                        values[i] = intern.bytes(row.buffer(), row.bytesOffset(c), row.bytesLength(c));
                        break;
                }
            }
        }
        vector.setStringUtf8Batch(0, values);
        for (int i = 0; i < n; i++)
        {
            if (position(row, layout, i).isNull(c))
            {
                vector.setNull(i);
            }
        }
    }


    private static byte[] hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] text = new byte[length * 2];
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            text[2 * i] = (byte)HEX[b >>> 4];
            text[2 * i + 1] = (byte)HEX[b & 0xF];
        }
        return text;
    }

    private RowBatchReader position(final RowBatchReader row, final RowLayout layout, final int i)
    {
        return row.at(rowBuffers[i], layout, rowStarts[i]);
    }
}
