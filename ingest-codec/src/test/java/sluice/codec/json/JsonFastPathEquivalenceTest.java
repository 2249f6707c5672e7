package sluice.codec.json;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.ErrorPolicy;
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.codec.testing.RowText;
import sluice.codec.time.TimeFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON decoders' fast paths (whole rows and objects read without the lexer) must give what the lexer path
 * gives. A body fed whole takes the fast paths wherever it can; fed one byte at a time, every record goes through
 * the lexer. Seeded random records with escapes, unicode, exponents, leading zeros, out-of-range numbers, literals
 * and nested values must decode to the same rows and errors both ways.
 */
class JsonFastPathEquivalenceTest
{
    private static final String SCHEMA = "NAME VARCHAR NOT NULL, TIME TIMESTAMP_NS NOT NULL, VALUE FLOAT64, " +
        "STATUS INT32, TAG VARCHAR, N INT8";

    @Test
    void fastPathsDecodeWhatTheLexerDecodes()
    {
        final long seed = Long.getLong("sluice.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        final TableSchema schema = SchemaText.parse("t", SCHEMA);
        for (int round = 0; round < 400; round++)
        {
            final List<String[]> rows = new ArrayList<>();
            final int n = 1 + random.nextInt(12);
            for (int r = 0; r < n; r++)
            {
                rows.add(randomRow(random));
            }
            for (final String format : new String[]{"machbase", "proton", "ndjson"})
            {
                final byte[] body = body(format, rows).getBytes(StandardCharsets.UTF_8);
                final Dialect dialect = "proton".equals(format) ? Dialect.PROTON : Dialect.MACHBASE;
                final List<String> whole = decode(schema, dialect, format, body, body.length);
                final List<String> bytes = decode(schema, dialect, format, body, 1);
                assertEquals(bytes, whole, "seed " + seed + " " + format + ": " + new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    private static String[] randomRow(final Random random)
    {
        return new String[]{
            pick(random, "\"abc\"", "\"a\\\"b\"", "\"\\u00e9t\\u00e9\"", "\"h\u00e9llo\"", "\"\"", "7", "null"),
            pick(random, "1700000000000000000", "-5", "0", "01", "1.5", "99999999999999999999", "\"2024-01-01\"",
                "\"1700000000000000000\"", "1e3", "null"),
            pick(random, "195.1859", "-0.0", "0", "1e-7", "1E+300", "123456789012345678901", ".5", "-", "\"2.5\"",
                "true", "null", "0.30000000000000004"),
            pick(random, "12", "-2147483648", "2147483648", "3.0", "\"42\"", "false", "007", "null"),
            pick(random, "\"t\"", "[1,2]", "{\"x\":1}", "\"tab\\there\"", "null", "\"\u4e2d\""),
            pick(random, "127", "128", "-129", "0", "\"1\"", "null")};
    }

    private static String pick(final Random random, final String... values)
    {
        return values[random.nextInt(values.length)];
    }

    private static String body(final String format, final List<String[]> rows)
    {
        final String[] names = {"NAME", "TIME", "VALUE", "STATUS", "TAG", "N"};
        final StringBuilder sb = new StringBuilder();
        if ("ndjson".equals(format))
        {
            for (final String[] row : rows)
            {
                sb.append('{');
                for (int c = 0; c < row.length; c++)
                {
                    sb.append(c == 0 ? "" : ", ").append('"').append(names[c]).append("\": ").append(row[c]);
                }
                sb.append("}\n");
            }
            return sb.toString();
        }
        final StringBuilder rowsText = new StringBuilder("[");
        for (int r = 0; r < rows.size(); r++)
        {
            rowsText.append(r == 0 ? "\n  [" : ",\n  [").append(String.join(", ", rows.get(r))).append(']');
        }
        rowsText.append("]");
        final String columns = "[\"NAME\",\"TIME\",\"VALUE\",\"STATUS\",\"TAG\",\"N\"]";
        return "machbase".equals(format) ?
            "{\"data\":{\"columns\":" + columns + ",\"rows\":" + rowsText + "}}" :
            "{\"columns\":" + columns + ",\"data\":" + rowsText + "}";
    }

    private static List<String> decode(
        final TableSchema schema, final Dialect dialect, final String format, final byte[] body, final int chunk)
    {
        final RowLayout layout = new RowLayout(schema);
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(1024);
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, layout, 1, 1);
        final JsonConfig config = new JsonConfig().errorPolicy(ErrorPolicy.SKIP_RECORD);
        final RowDecoder decoder;
        if ("ndjson".equals(format))
        {
            decoder = new NdjsonDecoder(new ValueBinder(dialect)).reset(schema, config, TimeFormat.of("ns", "UTC"), 0);
        }
        else
        {
            decoder = new JsonRowsDecoder(new ValueBinder(dialect)).reset(schema,
                "proton".equals(format) ? JsonRowsDecoder.Layout.PROTON : JsonRowsDecoder.Layout.MACHBASE, config,
                dialect == Dialect.MACHBASE ? TimeFormat.of("ns", "UTC") : null, 0);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(body.length + 16));
        int status = RowDecoder.NEED_MORE;
        for (int at = 0; at < body.length && status != RowDecoder.ERROR; at += chunk)
        {
            final int n = Math.min(chunk, body.length - at);
            buffer.putBytes(3, body, at, n);
            status = decoder.decode(buffer, 3, n, encoder);
        }
        if (status != RowDecoder.ERROR)
        {
            status = decoder.finish(encoder);
        }
        final List<String> out = new ArrayList<>(RowText.rows(batch, 0, layout));
        out.addAll(RowText.errors(decoder.errors()));
        out.add(status == RowDecoder.COMPLETE ? "COMPLETE" : "ERROR");
        return out;
    }
}
