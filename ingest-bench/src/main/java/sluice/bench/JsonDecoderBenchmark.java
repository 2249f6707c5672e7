package sluice.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.JsonRowsDecoder;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Machbase JSON rows ({@code {"data":{"columns":[...],"rows":[[...]]}}}) and NDJSON decoded into typed row batches,
 * against Jackson databind reading the same body into maps and lists in the same run. Scores are rows per second.
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
@OperationsPerInvocation(JsonDecoderBenchmark.ROWS)
public class JsonDecoderBenchmark
{
    static final int ROWS = 100_000;

    @Param({"machbase-rows", "ndjson"})
    public String body;

    @Param({"65536"})
    public int chunkBytes;

    private byte[] bytes;
    private UnsafeBuffer direct;
    private TableSchema schema;
    private TimeFormat timeFormat;
    private JsonRowsDecoder rowsDecoder;
    private NdjsonDecoder ndjsonDecoder;
    private final JsonConfig config = new JsonConfig();
    private final RowBatchEncoder encoder = new RowBatchEncoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private ObjectReader mapReader;

    @Setup
    public void setup() throws IOException
    {
        final boolean rows = "machbase-rows".equals(body);
        bytes = rows ? BenchData.machbaseJson(ROWS, 42) : BenchData.ndjson(ROWS, 42);
        direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        direct.putBytes(0, bytes);
        schema = BenchData.schema("sensor4");
        timeFormat = TimeFormat.of("ns", "UTC");
        rowsDecoder = new JsonRowsDecoder(new ValueBinder(Dialect.MACHBASE));
        ndjsonDecoder = new NdjsonDecoder(new ValueBinder(Dialect.MACHBASE));
        mapReader = mapper.readerFor(Map.class);
        encoder.wrap(new ExpandableDirectByteBuffer(1 << 20), 0, new RowLayout(schema), 1, 1);
        if (sluice() != ROWS)
        {
            throw new IllegalStateException("decoded too few rows: " + rowsDecoder.errors() + ndjsonDecoder.errors());
        }
    }

    @Benchmark
    public long sluice()
    {
        final RowDecoder decoder = "machbase-rows".equals(body) ?
            rowsDecoder.reset(schema, JsonRowsDecoder.Layout.MACHBASE, config, timeFormat, 0) :
            ndjsonDecoder.reset(schema, config, timeFormat, 0);
        final int length = bytes.length;
        for (int offset = 0; offset < length; offset += chunkBytes)
        {
            decoder.decode(direct, offset, Math.min(chunkBytes, length - offset), encoder);
            encoder.reset();
        }
        decoder.finish(encoder);
        encoder.reset();
        return decoder.rowsDecoded();
    }

    @Benchmark
    public void jacksonDatabindBaseline(final Blackhole blackhole) throws IOException
    {
        if ("machbase-rows".equals(body))
        {
            final Map<?, ?> document = mapper.readValue(bytes, Map.class);
            final List<?> rows = (List<?>)((Map<?, ?>)document.get("data")).get("rows");
            blackhole.consume(rows.size());
            return;
        }
        try (MappingIterator<Map<String, Object>> it = mapReader.readValues(bytes))
        {
            while (it.hasNext())
            {
                blackhole.consume(it.next());
            }
        }
    }
}
