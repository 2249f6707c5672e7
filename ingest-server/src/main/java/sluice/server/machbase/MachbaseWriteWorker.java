package sluice.server.machbase;

import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.JsonRowsDecoder;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.schema.TableSchema;
import sluice.server.ingest.RequestIngest;

/**
 * The reusable parts of one {@code /db/write} in flight: a decoder per format and the request's path to the ring.
 * Pooled per event loop (decoders keep their buffers warm between requests); event-loop thread only.
 */
final class MachbaseWriteWorker
{
    final RequestIngest ingest;
    private final CsvDecoder csv = new CsvDecoder(new ValueBinder(Dialect.MACHBASE));
    private final JsonRowsDecoder json = new JsonRowsDecoder(new ValueBinder(Dialect.MACHBASE));
    private final NdjsonDecoder ndjson = new NdjsonDecoder(new ValueBinder(Dialect.MACHBASE));
    private final CsvConfig csvConfig = new CsvConfig().fieldCount(CsvConfig.FieldCount.EXACT);
    private final JsonConfig jsonConfig = new JsonConfig();

    MachbaseWriteWorker(final RequestIngest ingest)
    {
        this.ingest = ingest;
    }

    /** The decoder for this request's format, reset for {@code schema}. */
    RowDecoder decoder(
        final MachbaseWriteOptions options, final TableSchema schema, final int maxRecordBytes,
        final long requestTimeNanos)
    {
        switch (options.format())
        {
            case CSV:
                csvConfig.delimiter(options.delimiter()).header(options.header()).maxRecordBytes(maxRecordBytes);
                return csv.reset(schema, csvConfig, options.timeFormat(), requestTimeNanos);
            case NDJSON:
                jsonConfig.allowBareRows(false).maxValueBytes(maxRecordBytes);
                return ndjson.reset(schema, jsonConfig, options.timeFormat(), requestTimeNanos);
            default:
                // spec/machbase.md: a bare [[...],...] body is accepted with method=append.
                jsonConfig.allowBareRows(options.append()).maxValueBytes(maxRecordBytes);
                return json.reset(schema, JsonRowsDecoder.Layout.MACHBASE, jsonConfig, options.timeFormat(),
                    requestTimeNanos);
        }
    }
}
