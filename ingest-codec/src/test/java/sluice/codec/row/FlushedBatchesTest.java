package sluice.codec.row;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server writes a batch out whenever it is big enough, between two input chunks, while the decoder may be in
 * the middle of a row (decoders keep a row open across chunks). {@link RowBatchEncoder#flushed()} must carry that
 * row into the next batch: for every split point and every flush threshold, the rows read from all the batches are
 * the rows of the whole input decoded at once.
 */
class FlushedBatchesTest
{
    private static final TableSchema SCHEMA = TableSchema.of("T",
        Column.builder("NAME", DataType.VARCHAR).nullable(false).build(),
        Column.of("TIME", DataType.TIMESTAMP_NS),
        Column.of("VALUE", DataType.FLOAT64),
        Column.of("NOTE", DataType.VARCHAR));
    private static final RowLayout LAYOUT = new RowLayout(SCHEMA);

    @Test
    void csvRowsOpenAcrossAFlushAreCarried()
    {
        final StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            csv.append("sensor-").append(i).append(',').append(1_676_432_361_000_000_000L + i).append(',')
                .append(i * 1.25).append(",\"note ").append("x".repeat(i * 3)).append("\"\n");
        }
        check(csv.toString(), () -> new CsvDecoder(new ValueBinder(Dialect.MACHBASE)).reset(SCHEMA,
            new CsvConfig().fieldCount(CsvConfig.FieldCount.EXACT), TimeFormat.of("ns", "UTC"), 0));
    }

    @Test
    void ndjsonRowsOpenAcrossAFlushAreCarried()
    {
        final StringBuilder json = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            json.append("{\"NAME\":\"s").append(i).append("\",\"TIME\":").append(1_676_432_361_000_000_000L + i)
                .append(",\"VALUE\":").append(i / 4.0).append(",\"NOTE\":\"").append("y".repeat(i * 5))
                .append("\"}\n");
        }
        check(json.toString(), () -> new NdjsonDecoder(new ValueBinder(Dialect.MACHBASE)).reset(SCHEMA,
            new JsonConfig(), TimeFormat.of("ns", "UTC"), 0));
    }

    private static void check(final String input, final Supplier<RowDecoder> decoders)
    {
        final byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        final List<String> whole = decode(bytes, new int[] {bytes.length}, Integer.MAX_VALUE, decoders.get());
        assertEquals(input.lines().count(), whole.size());
        for (int split = 1; split < bytes.length; split++)
        {
            for (final int threshold : new int[] {1, 40, 200})
            {
                final List<String> rows = decode(bytes, new int[] {split, bytes.length}, threshold, decoders.get());
                assertEquals(whole, rows, "split at " + split + ", flush at " + threshold + " bytes");
            }
        }
    }

    /** Decodes the input in pieces ending at {@code ends}, flushing after each piece when the batch is large. */
    private static List<String> decode(final byte[] input, final int[] ends, final int flushAt,
        final RowDecoder decoder)
    {
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(64);
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, LAYOUT, 1, 1);
        final List<String> rows = new ArrayList<>();
        int start = 0;
        for (final int end : ends)
        {
            final UnsafeBuffer piece = new UnsafeBuffer(input, start, end - start);
            assertTrue(decoder.decode(piece, 0, end - start, encoder) != RowDecoder.ERROR, decoder.errors().toString());
            if (encoder.length() >= flushAt)
            {
                read(batch, encoder, rows);
                encoder.flushed();
            }
            start = end;
        }
        assertTrue(decoder.finish(encoder) != RowDecoder.ERROR, decoder.errors().toString());
        read(batch, encoder, rows);
        return rows;
    }

    /** Copies the batch's complete rows out (as the ring write does) and reads them back. */
    private static void read(final ExpandableDirectByteBuffer batch, final RowBatchEncoder encoder,
        final List<String> rows)
    {
        final byte[] copy = new byte[encoder.length()];
        batch.getBytes(0, copy);
        final RowBatchReader reader = new RowBatchReader().wrap(new UnsafeBuffer(copy), 0, LAYOUT);
        assertEquals(encoder.rowCount(), reader.rowCount());
        while (reader.next())
        {
            assertFalse(reader.isNull(0));
            rows.add(reader.getString(0) + "|" + reader.getLong(1) + "|" + reader.getDouble(2) + "|" +
                (reader.isNull(3) ? "NULL" : reader.getString(3)));
        }
    }
}
