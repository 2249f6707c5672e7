package sluice.codec.testing;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.ErrorPolicy;
import sluice.codec.RowDecoder;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.json.FelderaJsonDecoder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.JsonRowsDecoder;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a {@link CodecCase} through the real decoder, encoder and reader, feeding the input in chunks as a split plan
 * says. Each chunk is copied into an off-heap buffer at a non-zero offset between guard bytes, and overwritten
 * after {@code decode} returns, so a decoder that keeps a reference to input bytes produces different output.
 * One runner reuses its decoders across runs, which also proves {@code reset}.
 */
public final class CaseRunner
{
    private static final int CHUNK_OFFSET = 13;
    private static final byte GARBAGE = (byte)'#';
    public static final Instant DEFAULT_REQUEST_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private final UnsafeBuffer chunkBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final ExpandableDirectByteBuffer batchBuffer = new ExpandableDirectByteBuffer(4096);
    private final RowBatchEncoder encoder = new RowBatchEncoder();
    private CsvDecoder csv;
    private JsonRowsDecoder jsonRows;
    private NdjsonDecoder ndjson;
    private FelderaJsonDecoder feldera;

    /** Whole input, byte by byte, every single split point, and for short inputs every pair of split points. */
    public void assertAllSplits(final CodecCase c)
    {
        final List<String> whole = run(c, new int[]{c.input.length});
        assertEquals(c.expected, whole, () -> c + ": whole input\n" + String.join("\n", whole));
        final int n = c.input.length;
        final int[] bytes = new int[n];
        java.util.Arrays.fill(bytes, 1);
        assertEquals(whole, run(c, bytes), () -> c + ": byte by byte");
        for (int split = 1; split < n; split++)
        {
            final int at = split;
            assertEquals(whole, run(c, new int[]{at, n - at}), () -> c + ": split at " + at);
        }
        if (n <= 80)
        {
            for (int a = 1; a < n; a++)
            {
                for (int b = a + 1; b < n; b++)
                {
                    final int fa = a;
                    final int fb = b;
                    assertEquals(whole, run(c, new int[]{a, b - a, n - b}), () -> c + ": split at " + fa + "," + fb);
                }
            }
        }
    }

    /** Feeds chunks of the given sizes (summing to the input length); returns rows, errors and the final status. */
    public List<String> run(final CodecCase c, final int[] chunkSizes)
    {
        final TableSchema schema = SchemaText.parse("t", c.schema);
        final RowLayout layout = new RowLayout(schema);
        encoder.wrap(batchBuffer, 0, layout, 1, 1);
        final RowDecoder decoder = decoder(c, schema);
        int position = 0;
        int status = RowDecoder.NEED_MORE;
        for (final int size : chunkSizes)
        {
            chunkBuffer.setMemory(0, CHUNK_OFFSET + size + 16, GARBAGE);
            chunkBuffer.putBytes(CHUNK_OFFSET, c.input, position, size);
            status = decoder.decode(chunkBuffer, CHUNK_OFFSET, size, encoder);
            chunkBuffer.setMemory(0, CHUNK_OFFSET + size + 16, GARBAGE);
            position += size;
            if (status == RowDecoder.ERROR)
            {
                break;
            }
        }
        if (status != RowDecoder.ERROR)
        {
            status = decoder.finish(encoder);
        }
        final List<String> out = new ArrayList<>(RowText.rows(batchBuffer, 0, layout));
        out.addAll(RowText.errors(decoder.errors()));
        out.add("= " + (status == RowDecoder.COMPLETE ? "COMPLETE" : "ERROR") +
            (decoder.recordsRejected() > 0 ? " rejected=" + decoder.recordsRejected() : "") +
            (decoder.errors().count() > decoder.errors().kept().size() ? " errors=" + decoder.errors().count() : ""));
        return out;
    }

    private RowDecoder decoder(final CodecCase c, final TableSchema schema)
    {
        final Map<String, String> o = c.options;
        final long requestTime = requestTimeNanos(c);
        final TimeFormat timeFormat = c.timeformat != null || c.tz != null ? TimeFormat.of(c.timeformat, c.tz) : null;
        final ErrorPolicy policy = ErrorPolicy.valueOf(o.getOrDefault("errorPolicy", "STOP"));
        switch (c.format)
        {
            case "csv":
            {
                if (csv == null || csvDialect != c.dialect)
                {
                    csv = new CsvDecoder(new ValueBinder(c.dialect));
                    csvDialect = c.dialect;
                }
                final CsvConfig config = new CsvConfig().errorPolicy(policy);
                o.forEach((k, v) -> csvOption(config, k, v));
                return csv.reset(schema, config, timeFormat, requestTime);
            }
            case "machbase-json":
            case "proton-json":
                if (jsonRows == null || jsonDialect != c.dialect)
                {
                    jsonRows = new JsonRowsDecoder(new ValueBinder(c.dialect));
                    jsonDialect = c.dialect;
                }
                return jsonRows.reset(schema, c.format.startsWith("proton") ?
                    JsonRowsDecoder.Layout.PROTON : JsonRowsDecoder.Layout.MACHBASE, jsonConfig(o, policy),
                    timeFormat, requestTime);
            case "ndjson":
                if (ndjson == null || ndjsonDialect != c.dialect)
                {
                    ndjson = new NdjsonDecoder(new ValueBinder(c.dialect));
                    ndjsonDialect = c.dialect;
                }
                return ndjson.reset(schema, jsonConfig(o, policy), timeFormat, requestTime);
            case "feldera-json":
                if (feldera == null)
                {
                    feldera = new FelderaJsonDecoder(new ValueBinder(c.dialect));
                }
                return feldera.reset(schema,
                    FelderaJsonDecoder.UpdateFormat.valueOf(o.getOrDefault("updateFormat", "INSERT_DELETE")),
                    Boolean.parseBoolean(o.getOrDefault("array", "false")), jsonConfig(o, policy), requestTime);
            default:
                throw new IllegalArgumentException("unknown format " + c.format);
        }
    }

    private sluice.codec.bind.Dialect csvDialect;
    private sluice.codec.bind.Dialect jsonDialect;
    private sluice.codec.bind.Dialect ndjsonDialect;

    static long requestTimeNanos(final CodecCase c)
    {
        final Instant t = c.requestTime != null ? Instant.parse(c.requestTime) : DEFAULT_REQUEST_TIME;
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static JsonConfig jsonConfig(final Map<String, String> o, final ErrorPolicy policy)
    {
        final JsonConfig config = new JsonConfig().errorPolicy(policy);
        if (o.containsKey("maxDepth"))
        {
            config.maxDepth(Integer.parseInt(o.get("maxDepth")));
        }
        if (o.containsKey("maxValueBytes"))
        {
            config.maxValueBytes(Integer.parseInt(o.get("maxValueBytes")));
        }
        config.allowBareRows(Boolean.parseBoolean(o.getOrDefault("allowBareRows", "false")));
        return config;
    }

    private static void csvOption(final CsvConfig config, final String key, final String value)
    {
        switch (key)
        {
            case "delimiter": config.delimiter(character(value)); break;
            case "header": config.header(CsvConfig.Header.valueOf(value)); break;
            case "quote": config.quote(character(value)); break;
            case "escape": config.escape(character(value)); break;
            case "doubleQuote": config.doubleQuote(Boolean.parseBoolean(value)); break;
            case "quoting": config.quoting(Boolean.parseBoolean(value)); break;
            case "comment": config.comment(character(value)); break;
            case "fieldCount": config.fieldCount(CsvConfig.FieldCount.valueOf(value)); break;
            case "trim": config.trim(CsvConfig.Trim.valueOf(value)); break;
            case "maxRecordBytes": config.maxRecordBytes(Integer.parseInt(value)); break;
            case "errorPolicy": break;
            default: throw new IllegalArgumentException("unknown CSV option " + key);
        }
    }

    private static char character(final String value)
    {
        switch (value)
        {
            case "TAB": return '\t';
            case "SPACE": return ' ';
            case "SEMICOLON": return ';';
            case "HASH": return '#';
            case "BACKSLASH": return '\\';
            case "QUOTE": return '"';
            case "APOSTROPHE": return '\'';
            default: return value.charAt(0);
        }
    }
}
