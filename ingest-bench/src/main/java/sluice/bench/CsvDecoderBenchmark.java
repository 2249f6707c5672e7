package sluice.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Typed CSV decoding into row batches, against FastCSV splitting the same bytes into Strings (no types) in the same
 * run. Scores are rows per second; {@code -prof gc} gives bytes per row as {@code gc.alloc.rate.norm}.
 * <p>
 * Sluice reads the body from an off-heap buffer in {@code chunkBytes} pieces, as Netty delivers it, and hands the
 * batch on (resets the encoder) after every chunk, as the server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 5, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms1g", "-Xmx1g",
    // Agrona's production setting, as the server runs (the tests keep bounds checks on).
    "-Dagrona.disable.bounds.checks=true"})
@OperationsPerInvocation(CsvDecoderBenchmark.ROWS)
public class CsvDecoderBenchmark
{
    static final int ROWS = 100_000;

    @Param({"sensor4", "mixed12"})
    public String dataset;

    @Param({"65536"})
    public int chunkBytes;

    private byte[] bytes;
    private UnsafeBuffer body;
    private TableSchema schema;
    private CsvConfig config;
    private TimeFormat timeFormat;
    private CsvDecoder decoder;
    private final RowBatchEncoder encoder = new RowBatchEncoder();

    @Setup
    public void setup()
    {
        bytes = BenchData.csv(dataset, ROWS, 42);
        body = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        body.putBytes(0, bytes);
        schema = BenchData.schema(dataset);
        final boolean sensor = "sensor4".equals(dataset);
        decoder = new CsvDecoder(new ValueBinder(sensor ? Dialect.MACHBASE : Dialect.FELDERA));
        config = new CsvConfig().fieldCount(sensor ? CsvConfig.FieldCount.EXACT : CsvConfig.FieldCount.FLEXIBLE);
        timeFormat = sensor ? TimeFormat.of("ns", "UTC") : null;
        encoder.wrap(new ExpandableDirectByteBuffer(1 << 20), 0, new RowLayout(schema), 1, 1);
        if (sluice() != ROWS)
        {
            throw new IllegalStateException("decoded " + decoder.rowsDecoded() + " rows: " + decoder.errors());
        }
    }

    @Benchmark
    public long sluice()
    {
        decoder.reset(schema, config, timeFormat, 0);
        final int length = bytes.length;
        for (int offset = 0; offset < length; offset += chunkBytes)
        {
            decoder.decode(body, offset, Math.min(chunkBytes, length - offset), encoder);
            encoder.reset();
        }
        decoder.finish(encoder);
        encoder.reset();
        return decoder.rowsDecoded();
    }

    @Benchmark
    public void fastCsvBaseline(final Blackhole blackhole) throws IOException
    {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new ByteArrayInputStream(bytes)))
        {
            for (final CsvRecord record : reader)
            {
                for (int i = 0, n = record.getFieldCount(); i < n; i++)
                {
                    blackhole.consume(record.getField(i));
                }
            }
        }
    }
}
