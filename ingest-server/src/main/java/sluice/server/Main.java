package sluice.server;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.error.DecodeError;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code sluice.jar}. Until the HTTP server lands (issue 3) it runs the codec on a file or stdin:
 * the rows of a Machbase-style sensor table (NAME, TIME, VALUE) decoded from CSV or NDJSON, printed one per line,
 * and every error with its line, record and column.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
    description = "Decodes sensor rows (NAME,TIME,VALUE) from CSV or NDJSON on stdin with the Sluice codec. " +
        "The HTTP server arrives in a later version.")
public final class Main implements Callable<Integer>
{
    @Option(names = "--format", defaultValue = "csv", description = "csv or ndjson (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--timeformat", defaultValue = "ns",
        description = "Machbase timeformat: ns, us, ms, s, Default, RFC3339, a Go layout... (default: ${DEFAULT-VALUE})")
    private String timeformat;

    @Option(names = "--tz", defaultValue = "UTC", description = "time zone of layouts (default: ${DEFAULT-VALUE})")
    private String tz;

    @Option(names = "--header", defaultValue = "NONE", description = "CSV header: NONE, SKIP, COLUMNS")
    private CsvConfig.Header header;

    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws IOException
    {
        final TableSchema schema = TableSchema.of("EXAMPLE",
            Column.builder("NAME", DataType.VARCHAR).nullable(false).primaryKey(true).build(),
            Column.builder("TIME", DataType.TIMESTAMP_NS).nullable(false).build(),
            Column.of("VALUE", DataType.FLOAT64));
        final TimeFormat timeFormat = TimeFormat.of(timeformat, tz);
        final long now = System.currentTimeMillis() * 1_000_000L;
        final ValueBinder binder = new ValueBinder(Dialect.MACHBASE);
        final RowDecoder decoder = "ndjson".equals(format) ?
            new NdjsonDecoder(binder).reset(schema, new JsonConfig(), timeFormat, now) :
            new CsvDecoder(binder).reset(schema, new CsvConfig().header(header)
                .fieldCount(CsvConfig.FieldCount.EXACT), timeFormat, now);
        final RowLayout layout = new RowLayout(schema);
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(64 * 1024);
        final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, layout, 0, 0);
        final RowBatchReader reader = new RowBatchReader();
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        final byte[] chunk = new byte[64 * 1024];
        final UnsafeBuffer chunkBuffer = new UnsafeBuffer(chunk);
        final InputStream in = System.in;
        int status = RowDecoder.NEED_MORE;
        int n;
        while (status == RowDecoder.NEED_MORE && (n = in.read(chunk)) > 0)
        {
            status = decoder.decode(chunkBuffer, 0, n, encoder);
            print(reader.wrap(batch, 0, layout), out);
            encoder.reset();
        }
        if (status == RowDecoder.NEED_MORE)
        {
            status = decoder.finish(encoder);
            print(reader.wrap(batch, 0, layout), out);
        }
        for (final DecodeError error : decoder.errors().kept())
        {
            out.println("error: " + error.message());
        }
        out.println(decoder.rowsDecoded() + " row(s) decoded, " + decoder.errors().count() + " error(s)");
        out.flush();
        return status == RowDecoder.COMPLETE ? 0 : 1;
    }

    private static void print(final RowBatchReader reader, final PrintStream out)
    {
        while (reader.next())
        {
            final long nanos = reader.getLong(1);
            out.println(reader.getString(0) + "\t" +
                Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)) +
                "\t" + (reader.isNull(2) ? "NULL" : String.valueOf(reader.getDouble(2))));
        }
    }
}
