package sluice.server.machbase;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.error.DecodeError;
import sluice.server.catalog.TableEntry;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpResponses;
import sluice.server.ingest.IngestExchange;

/**
 * One {@code /db/write} request, streamed into the ring by {@link IngestExchange}. The request is atomic: any error
 * aborts it (its rows never land) and answers with the first bad row. Success is answered after the END record
 * (method=append) or after the commit (method=insert, large requests, {@code --durability fsync}).
 */
final class MachbaseWriteExchange extends IngestExchange
{
    private final MachbaseWriteEndpoint endpoint;
    private final TableEntry table;
    private final MachbaseWriteOptions options;
    private final long startNanos;
    private MachbaseWriteWorker worker;

    MachbaseWriteExchange(
        final MachbaseWriteEndpoint endpoint, final HttpChannel channel, final MachbaseWriteWorker worker,
        final TableEntry table, final MachbaseWriteOptions options, final boolean waitForCommit,
        final long startNanos, final long requestTimeNanos)
    {
        super(channel, endpoint.backpressureTimeoutNanos());
        this.endpoint = endpoint;
        this.worker = worker;
        this.table = table;
        this.options = options;
        this.startNanos = startNanos;
        start(worker.ingest.begin(table,
            worker.decoder(options, table.schema(), endpoint.maxRecordBytes(), requestTimeNanos),
            options.gzip(), waitForCommit, this));
    }

    @Override
    protected void fail()
    {
        final String reason;
        HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
        if (ingest.failureMessage() != null)
        {
            reason = ingest.failureMessage();
            if (ingest.failureIsLimit())
            {
                status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            }
        }
        else
        {
            final DecodeError first = ingest.errors().first();
            reason = first == null ? "invalid request body" :
                MachbaseWriteErrors.reason(first, options.format(), table.schema());
        }
        abortAndRespond(MachbaseWriteEndpoint.error(status, reason, startNanos));
    }

    @Override
    protected void succeed(final long rows)
    {
        respond(HttpResponses.of(HttpResponseStatus.OK, MachbaseResponses.CONTENT_TYPE,
            MachbaseResponses.writeSuccess(rows, options.append(), System.nanoTime() - startNanos)));
    }

    @Override
    protected FullHttpResponse overloaded(final long waitedMillis)
    {
        return MachbaseWriteEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
            "ingest queue full for " + waitedMillis + " ms: storage is behind, retry later", startNanos);
    }

    @Override
    protected FullHttpResponse commitFailed(final String reason)
    {
        final boolean dropped = reason.contains("dropped");
        return MachbaseWriteEndpoint.error(dropped ? HttpResponseStatus.NOT_FOUND :
                HttpResponseStatus.INTERNAL_SERVER_ERROR,
            dropped ? "table '" + table.name() + "' does not exist" : reason, startNanos);
    }

    @Override
    protected void releaseResources()
    {
        final MachbaseWriteWorker w = worker;
        worker = null;
        endpoint.release(w);
    }
}
