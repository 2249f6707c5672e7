package sluice.server.store;

import org.agrona.DirectBuffer;
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

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sluice_scan(handle)}: the Java table function that bulk-loads staged rows into DuckDB (the fast path of
 * ARCHITECTURE.md "Storage": 3.9M rows/s measured here, against 1.2–1.8M for the Appender). A load is
 * {@code INSERT INTO t SELECT <conversions> FROM sluice_scan(?)} with the handle of a registered {@link BatchSource};
 * {@link LoadStatement} writes that SQL. Output columns are named {@code c0..cN} and carry each canonical type's
 * raw form (see {@link #rawType}); the conversions to the column types are SQL.
 * <p>
 * Vectors are filled column by column: the type switch runs once per column per chunk, not per value. Strings go
 * through DuckDB's batch setter, which takes one {@code byte[]} per value; repeated values reuse their arrays
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
        for (int c = 0; c < schema.columnCount(); c++)
        {
            fillColumn(out.vector(c), schema.column(c).type(), layout, c, n);
        }
        return n;
    }

    private void fillColumn(
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
                final ByteBuffer ints = VectorData.of(vector, n);
                if (ints != null)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (position(row, layout, i).isNull(c))
                        {
                            vector.setNull(i);
                        }
                        else
                        {
                            ints.putInt(i << 2, (int)row.getLong(c));
                        }
                    }
                    break;
                }
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
                final ByteBuffer doubles = VectorData.of(vector, n);
                if (doubles != null)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (position(row, layout, i).isNull(c))
                        {
                            vector.setNull(i);
                        }
                        else
                        {
                            doubles.putDouble(i << 3, row.getDouble(c));
                        }
                    }
                    break;
                }
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
        final ByteBuffer data = VectorData.of(vector, n);
        if (data != null)
        {
            for (int i = 0; i < n; i++)
            {
                if (position(row, layout, i).isNull(c))
                {
                    vector.setNull(i);
                }
                else
                {
                    data.putLong(i << 3, row.getLong(c));
                }
            }
            return;
        }
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
