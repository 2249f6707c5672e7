package sluice.codec.csv;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.ErrorPolicy;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
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
 * The CSV decoder's parse-while-scanning paths ({@link CsvFastPath}) must bind exactly what the general path
 * ({@link ValueBinder#bindText}) binds, and fail exactly where it fails. Seeded random values of every fast kind,
 * near-misses included (leading zeros, 19 and 20 digits, too many fraction digits, NULL words, signs), are decoded
 * as CSV and bound one by one, and the rows and error codes compared.
 */
class CsvFastPathEquivalenceTest
{
    private static final String SCHEMA = "s VARCHAR, n VARCHAR NOT NULL, i8 INT8, i32 INT32, i64 INT64, u16 UINT16, " +
        "f FLOAT32, d FLOAT64, dec DECIMAL(9,3), b BOOLEAN, t TIMESTAMP_NS";

    @Test
    void fastPathsBindWhatTheGeneralPathBinds()
    {
        final long seed = Long.getLong("sluice.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        for (final Dialect dialect : new Dialect[]{Dialect.FELDERA, Dialect.MACHBASE})
        {
            final TableSchema schema = SchemaText.parse("t", SCHEMA);
            for (int round = 0; round < 300; round++)
            {
                final List<String[]> rows = new ArrayList<>();
                for (int r = 0; r < 20; r++)
                {
                    rows.add(randomRow(random));
                }
                assertEquals(bindOneByOne(schema, dialect, rows), decodeAsCsv(schema, dialect, rows),
                    "seed " + seed + " dialect " + dialect + " rows " + describe(rows));
            }
        }
    }

    private static String[] randomRow(final Random random)
    {
        return new String[]{
            pick(random, "abc", "NULL", "null", "", "héllo", "x y", "\u4e2d\u6587"),
            pick(random, "v", "NULL", "", "long text value here"),
            integer(random, 4),
            integer(random, 11),
            integer(random, 21),
            pick(random, "0", "65535", "65536", "-1", "00042", integer(random, 6)),
            number(random),
            number(random),
            pick(random, "1.5", "-1234.567", "1234.5678", "123456.7", "1234567.8", "0.001", "-0", "000012.3", "1.",
                number(random)),
            pick(random, "true", "false", "TRUE", "1", "0", "t", "", "NULL"),
            pick(random, "1700000000000000000", "-5", "99999999999999999999", integer(random, 20), "", "1e9")};
    }

    private static String integer(final Random random, final int maxDigits)
    {
        final StringBuilder sb = new StringBuilder();
        if (random.nextInt(4) == 0)
        {
            sb.append(random.nextBoolean() ? '-' : '+');
        }
        final int digits = 1 + random.nextInt(maxDigits);
        for (int i = 0; i < digits; i++)
        {
            sb.append((char)('0' + random.nextInt(10)));
        }
        return random.nextInt(20) == 0 ? sb.append('x').toString() : sb.toString();
    }

    private static String number(final Random random)
    {
        switch (random.nextInt(6))
        {
            case 0: return integer(random, 20);
            case 1: return integer(random, 8) + "." + integer(random, 12).replace("-", "").replace("+", "");
            case 2: return Double.toString(random.nextDouble() * 1e6);
            case 3: return String.format(java.util.Locale.ROOT, "%.4f", random.nextDouble() * 400 - 50);
            case 4: return pick(random, "NaN", "-Inf", "1e300", ".5", "5.", "0.000000000000000000001", "-0.0");
            default: return Float.toString(random.nextFloat() * 1000);
        }
    }

    private static String pick(final Random random, final String... values)
    {
        return values[random.nextInt(values.length)];
    }

    /** The reference: every field through bindText, a row per record, errors as codes. */
    private static List<String> bindOneByOne(
        final TableSchema schema, final Dialect dialect, final List<String[]> rows)
    {
        final ValueBinder binder = new ValueBinder(dialect).reset(schema, TimeFormat.of("ns", "UTC"), 0);
        final RowLayout layout = new RowLayout(schema);
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(4096);
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, layout, 1, 1);
        binder.sink(encoder);
        final List<String> errors = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++)
        {
            binder.beginRow(RowSink.OP_INSERT);
            ErrorCode failed = ErrorCode.NONE;
            int failedField = -1;
            final String[] fields = rows.get(r);
            for (int f = 0; f < fields.length && failed == ErrorCode.NONE; f++)
            {
                final byte[] bytes = fields[f].getBytes(StandardCharsets.UTF_8);
                failed = binder.bindText(f, new UnsafeBuffer(bytes), 0, bytes.length);
                failedField = f;
            }
            if (failed == ErrorCode.NONE)
            {
                failed = binder.endRow();
                failedField = -1;
            }
            else
            {
                binder.abortRow();
            }
            if (failed != ErrorCode.NONE)
            {
                errors.add("record " + (r + 1) + " " + failed + " field " + failedField);
            }
        }
        final List<String> out = new ArrayList<>(RowText.rows(batch, 0, layout));
        out.addAll(errors);
        return out;
    }

    private static List<String> decodeAsCsv(final TableSchema schema, final Dialect dialect, final List<String[]> rows)
    {
        final StringBuilder csv = new StringBuilder();
        for (final String[] fields : rows)
        {
            csv.append(String.join(",", fields)).append('\n');
        }
        final byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer body = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length + 8));
        body.putBytes(0, bytes);
        final CsvDecoder decoder = new CsvDecoder(new ValueBinder(dialect));
        decoder.reset(schema, new CsvConfig().errorPolicy(ErrorPolicy.SKIP_RECORD), TimeFormat.of("ns", "UTC"), 0);
        final RowLayout layout = new RowLayout(schema);
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(4096);
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, layout, 1, 1);
        decoder.decode(body, 0, bytes.length, encoder);
        decoder.finish(encoder);
        final List<String> out = new ArrayList<>(RowText.rows(batch, 0, layout));
        decoder.errors().kept().forEach(e -> out.add("record " + e.record() + " " + e.code() + " field " +
            (e.fieldIndex() >= 0 ? e.fieldIndex() : -1)));
        return out;
    }

    private static String describe(final List<String[]> rows)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String[] fields : rows)
        {
            sb.append('\n').append(String.join(",", fields));
        }
        return sb.toString();
    }
}
