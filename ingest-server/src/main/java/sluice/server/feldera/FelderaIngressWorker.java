package sluice.server.feldera;

import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.csv.CsvDecoder;
import sluice.codec.json.FelderaJsonDecoder;
import sluice.codec.json.JsonConfig;
import sluice.codec.ErrorPolicy;
import sluice.codec.schema.TableSchema;
import sluice.server.ingest.RequestIngest;

/**
 * The reusable parts of one Feldera ingress request in flight: a CSV and a JSON-events decoder with Feldera's value
 * rules, and the request's path to the ring. Pooled per event loop; event-loop thread only.
 */
final class FelderaIngressWorker
{
    final RequestIngest ingest;
    private final CsvDecoder csv = new CsvDecoder(new ValueBinder(Dialect.FELDERA));
    private final FelderaJsonDecoder json = new FelderaJsonDecoder(new ValueBinder(Dialect.FELDERA));
    private final JsonConfig jsonConfig = new JsonConfig().errorPolicy(ErrorPolicy.SKIP_RECORD);

    FelderaIngressWorker(final RequestIngest ingest)
    {
        this.ingest = ingest;
    }

    RowDecoder decoder(
        final FelderaIngressOptions options, final TableSchema schema, final int maxRecordBytes,
        final long requestTimeNanos)
    {
        if (options.json())
        {
            jsonConfig.maxValueBytes(maxRecordBytes);
            return json.reset(schema, options.updateFormat(), options.array(), jsonConfig, requestTimeNanos);
        }
        return csv.reset(schema, options.csv(), null, requestTimeNanos);
    }
}
