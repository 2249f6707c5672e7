package sluice.codec.row;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowBatchEncoderTest
{
    private static final TableSchema SCHEMA = TableSchema.of("t",
        Column.of("b", DataType.BOOLEAN),
        Column.of("i8", DataType.INT8),
        Column.of("u16", DataType.UINT16),
        Column.of("u32", DataType.UINT32),
        Column.of("i64", DataType.INT64),
        Column.of("f", DataType.FLOAT32),
        Column.of("d", DataType.FLOAT64),
        Column.of("dec", DataType.decimal(30, 4)),
        Column.of("s", DataType.VARCHAR),
        Column.of("ts", DataType.TIMESTAMP_NS),
        Column.of("id", DataType.UUID),
        Column.of("bin", DataType.BINARY));
    private static final RowLayout LAYOUT = new RowLayout(SCHEMA);

    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64);
    private final RowBatchEncoder encoder = new RowBatchEncoder();
    private final RowBatchReader reader = new RowBatchReader();

    @Test
    void roundTripsEveryKindAndTheHeader()
    {
        encoder.wrap(buffer, 8, LAYOUT, 42, 7);
        final UnsafeBuffer text = new UnsafeBuffer("héllo".getBytes(StandardCharsets.UTF_8));
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putBoolean(0, true);
        encoder.putLong(1, -128);
        encoder.putLong(2, 65535);
        encoder.putLong(3, 4_294_967_295L);
        encoder.putLong(4, Long.MIN_VALUE);
        encoder.putDouble(5, 1.5f);
        encoder.putDouble(6, -0.0);
        encoder.putDecimal128(7, -1, -12345);
        encoder.putBytes(8, text, 0, text.capacity());
        encoder.putLong(9, 1_676_432_361_123_456_789L);
        encoder.putDecimal128(10, 0x0123456789abcdefL, 0xfedcba9876543210L);
        encoder.putBytes(11, text, 1, 2);
        encoder.endRow();
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putLong(4, 5);
        encoder.endRow();

        reader.wrap(buffer, 8, LAYOUT);
        assertEquals(2, reader.rowCount());
        assertEquals(42, reader.tableId());
        assertEquals(7, reader.schemaVersion());
        assertEquals(encoder.length(), reader.batchLength());
        assertTrue(reader.next());
        assertTrue(reader.getBoolean(0));
        assertEquals(-128, reader.getLong(1));
        assertEquals(65535, reader.getLong(2));
        assertEquals(4_294_967_295L, reader.getLong(3));
        assertEquals(Long.MIN_VALUE, reader.getLong(4));
        assertEquals(1.5, reader.getDouble(5));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(reader.getDouble(6)));
        assertEquals(-1, reader.getHigh(7));
        assertEquals(-12345, reader.getLow(7));
        assertEquals("héllo", reader.getString(8));
        assertEquals(1_676_432_361_123_456_789L, reader.getLong(9));
        assertEquals(0x0123456789abcdefL, reader.getHigh(10));
        assertEquals(0xfedcba9876543210L, reader.getLow(10));
        assertEquals(2, reader.bytesLength(11));
        for (int c = 0; c < SCHEMA.columnCount(); c++)
        {
            assertFalse(reader.isNull(c));
            assertFalse(reader.isAbsent(c));
        }
        assertTrue(reader.next());
        for (int c = 0; c < SCHEMA.columnCount(); c++)
        {
            assertEquals(c != 4, reader.isNull(c), "column " + c);
        }
        assertEquals(5, reader.getLong(4));
        assertFalse(reader.next());
    }

    @Test
    void abortedRowsLeaveNoTraceAndPutNullClearsAValue()
    {
        encoder.wrap(buffer, 0, LAYOUT, 1, 1);
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putLong(4, 1);
        encoder.endRow();
        final int length = encoder.length();
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putBytes(8, new UnsafeBuffer(new byte[100]), 0, 100);
        encoder.abortRow();
        assertEquals(length, encoder.length());
        assertEquals(1, encoder.rowCount());
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putLong(4, 9);
        encoder.putNull(4);
        encoder.endRow();
        reader.wrap(buffer, 0, LAYOUT);
        assertTrue(reader.next());
        assertEquals(1, reader.getLong(4));
        assertTrue(reader.next());
        assertTrue(reader.isNull(4));
        assertEquals(0, reader.getLong(4));
        assertFalse(reader.next());
    }

    @Test
    void deleteAndUpdateRowsMarkColumnsNotGivenAsAbsent()
    {
        encoder.wrap(buffer, 0, LAYOUT, 1, 1);
        encoder.beginRow(RowSink.OP_UPDATE);
        encoder.putLong(4, 3);
        encoder.putNull(8);
        encoder.endRow();
        encoder.beginRow(RowSink.OP_DELETE);
        encoder.putLong(4, 3);
        encoder.endRow();
        reader.wrap(buffer, 0, LAYOUT);
        assertTrue(reader.next());
        assertEquals(RowSink.OP_UPDATE, reader.op());
        assertFalse(reader.isAbsent(4));
        assertFalse(reader.isAbsent(8));
        assertTrue(reader.isNull(8));
        assertTrue(reader.isAbsent(0));
        assertTrue(reader.isAbsent(11));
        assertTrue(reader.next());
        assertEquals(RowSink.OP_DELETE, reader.op());
        assertTrue(reader.isAbsent(0));
        assertFalse(reader.isAbsent(4));
    }

    @Test
    void theOpMaskNamesTheOpsOfCompleteRowsOnly()
    {
        encoder.wrap(buffer, 8, LAYOUT, 1, 65535);
        assertEquals(0, reader.wrap(buffer, 8, LAYOUT).opMask());
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.putLong(4, 1);
        encoder.endRow();
        assertEquals(RowBatchDescriptor.OP_MASK_INSERT_ONLY, reader.wrap(buffer, 8, LAYOUT).opMask());
        assertEquals(65535, reader.schemaVersion());
        encoder.beginRow(RowSink.OP_DELETE);
        encoder.putLong(4, 1);
        encoder.abortRow();
        assertEquals(RowBatchDescriptor.OP_MASK_INSERT_ONLY, reader.wrap(buffer, 8, LAYOUT).opMask());
        encoder.beginRow(RowSink.OP_UPDATE);
        encoder.putLong(4, 1);
        encoder.endRow();
        assertEquals(1 << RowSink.OP_INSERT | 1 << RowSink.OP_UPDATE, RowBatchReader.opMask(buffer, 8));

        // A row open across a flush counts in the batch it ends in, and nothing flushed counts any more.
        encoder.beginRow(RowSink.OP_DELETE);
        encoder.putLong(4, 2);
        encoder.flushed();
        assertEquals(0, RowBatchReader.opMask(buffer, 8));
        encoder.endRow();
        assertEquals(1 << RowSink.OP_DELETE, RowBatchReader.opMask(buffer, 8));
        encoder.reset();
        assertEquals(0, RowBatchReader.opMask(buffer, 8));
    }

    @Test
    void aBatchWrittenBeforeTheOpMaskMayHoldAnyOp()
    {
        encoder.wrap(buffer, 0, LAYOUT, 1, 1);
        encoder.beginRow(RowSink.OP_INSERT);
        encoder.endRow();
        // The header as it was: a 32-bit schema version of 1 where version and mask are now.
        buffer.putInt(RowBatchDescriptor.SCHEMA_VERSION_OFFSET, 1);
        reader.wrap(buffer, 0, LAYOUT);
        assertEquals(1, reader.schemaVersion());
        assertEquals(RowBatchDescriptor.OP_MASK_ANY, reader.opMask());
    }

    @Test
    void wrapAtStartsAtAGivenRowWithoutWalkingTheOnesBefore()
    {
        encoder.wrap(buffer, 4, LAYOUT, 1, 1);
        for (int i = 0; i < 5; i++)
        {
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(4, i);
            encoder.putBytes(8, new UnsafeBuffer(new byte[i * 3]), 0, i * 3);
            encoder.endRow();
        }
        reader.wrap(buffer, 4, LAYOUT);
        final int[] starts = new int[5];
        for (int i = 0; reader.next(); i++)
        {
            starts[i] = reader.rowStart();
        }
        reader.wrapAt(buffer, 4, LAYOUT, 3, starts[3]);
        assertTrue(reader.next());
        assertEquals(3, reader.rowIndex());
        assertEquals(3, reader.getLong(4));
        assertTrue(reader.next());
        assertEquals(4, reader.getLong(4));
        assertFalse(reader.next());
    }

    @Test
    void sameRowsGiveTheSameBytesWhateverWasInTheBufferBefore()
    {
        final byte[][] images = new byte[2][];
        for (int round = 0; round < 2; round++)
        {
            final UnsafeBuffer target = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            final Random noise = new Random(round);
            for (int i = 0; i < target.capacity(); i++)
            {
                target.putByte(i, (byte)noise.nextInt());
            }
            encoder.wrap(target, 0, LAYOUT, 3, 1);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(1, 5);
            encoder.putBytes(8, new UnsafeBuffer("x".getBytes(StandardCharsets.UTF_8)), 0, 1);
            encoder.endRow();
            images[round] = new byte[encoder.length()];
            target.getBytes(0, images[round]);
        }
        assertEquals(java.util.Arrays.toString(images[0]), java.util.Arrays.toString(images[1]));
    }

    @Test
    void aFixedBufferThatIsTooSmallIsACallerBug()
    {
        encoder.wrap(new UnsafeBuffer(new byte[40]), 0, LAYOUT, 1, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.beginRow(RowSink.OP_INSERT));
    }
}
