package sluice.server.proton;

import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.JsonRowsDecoder;
import sluice.codec.schema.TableSchema;
import sluice.server.ingest.RequestIngest;

/** A Proton ingest request's reusable parts: the columns+data decoder and the path to the ring. Pooled per loop. */
final class ProtonIngestWorker
{
    final RequestIngest ingest;
    private final JsonRowsDecoder json = new JsonRowsDecoder(new ValueBinder(Dialect.PROTON));
    private final JsonConfig config = new JsonConfig();

    ProtonIngestWorker(final RequestIngest ingest)
    {
        this.ingest = ingest;
    }

    RowDecoder decoder(final TableSchema schema, final int maxRecordBytes, final long requestTimeNanos)
    {
        config.maxValueBytes(maxRecordBytes);
        return json.reset(schema, JsonRowsDecoder.Layout.PROTON, config, null, requestTimeNanos);
    }
}
