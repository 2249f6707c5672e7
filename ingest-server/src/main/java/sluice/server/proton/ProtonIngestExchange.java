package sluice.server.proton;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.error.DecodeError;
import sluice.server.catalog.TableEntry;
import sluice.server.http.HttpChannel;
import sluice.server.ingest.IngestExchange;

/**
 * One {@code POST /proton/v1/ingest/streams/{stream}}, streamed into the ring by {@link IngestExchange}. All or
 * nothing: any error drops the request and answers Proton's error body naming the row. Success is
 * {@code {"request_id":…}} with the {@code x-timeplus-query-id} header, after the END record ({@code async},
 * {@code fire_and_forget}) or after the commit ({@code sync}, {@code ordered}, {@code --durability fsync}).
 */
final class ProtonIngestExchange extends IngestExchange
{
    private final ProtonIngestEndpoint endpoint;
    private final TableEntry stream;
    private final String requestId;
    private final String idempotencyId;
    private ProtonIngestWorker worker;

    ProtonIngestExchange(
        final ProtonIngestEndpoint endpoint, final HttpChannel channel, final ProtonIngestWorker worker,
        final TableEntry stream, final boolean gzip, final boolean waitForCommit, final String requestId,
        final String idempotencyId, final long requestTimeNanos)
    {
        super(channel, endpoint.backpressureTimeoutNanos());
        this.endpoint = endpoint;
        this.worker = worker;
        this.stream = stream;
        this.requestId = requestId;
        this.idempotencyId = idempotencyId;
        worker.ingest.begin(stream, worker.decoder(stream.schema(), endpoint.maxRecordBytes(), requestTimeNanos), gzip,
            waitForCommit, this);
        if (idempotencyId != null)
        {
            // Stored with the rows, so it is remembered exactly when they are, a restart included.
            worker.ingest.key(idempotencyId);
        }
        start(worker.ingest);
    }

    @Override
    protected void succeed(final long rows)
    {
        // A request that waited for its commit holds its key in flight until now: a retry meanwhile gets 429, not a
        // 200 for rows not yet visible.
        endpoint.finished(idempotencyId, true);
        respond(ProtonIngestEndpoint.ok(requestId));
    }

    @Override
    protected void fail()
    {
        endpoint.finished(idempotencyId, false);
        if (ingest.failureMessage() != null)
        {
            abortAndRespond(ProtonErrors.error(ingest.failureIsLimit() ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE :
                HttpResponseStatus.BAD_REQUEST, ProtonErrors.INCORRECT_DATA, ingest.failureMessage(), requestId));
            return;
        }
        final DecodeError first = ingest.errors().first();
        final ProtonIngestErrors error = first == null ?
            new ProtonIngestErrors(HttpResponseStatus.BAD_REQUEST, ProtonErrors.INCORRECT_DATA, "Invalid Request") :
            ProtonIngestErrors.of(first, stream);
        abortAndRespond(ProtonErrors.error(error.status(), error.code(), error.message(), requestId));
    }

    @Override
    protected FullHttpResponse overloaded(final long waitedMillis)
    {
        endpoint.finished(idempotencyId, false);
        final FullHttpResponse response = ProtonErrors.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
            ProtonErrors.TOO_MANY_REQUESTS, "ingest queue full for " + waitedMillis + " ms: retry later", requestId);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    @Override
    protected FullHttpResponse commitFailed(final String reason)
    {
        // The writer has freed the key already.
        if (reason.contains("dropped"))
        {
            return ProtonErrors.error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                "Stream " + stream.namespace() + "." + stream.name() + " doesn't exist", requestId);
        }
        return ProtonErrors.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ProtonErrors.INTERNAL, reason, requestId);
    }

    @Override
    protected void onEnded()
    {
        if (!ingest.waitsForCommit())
        {
            // Answered now: the rows are in the ring and land exactly once (or the commit fails, and the writer
            // frees the key again).
            endpoint.finished(idempotencyId, true);
        }
    }

    @Override
    protected void onAbandoned()
    {
        endpoint.finished(idempotencyId, false);
    }

    @Override
    protected void releaseResources()
    {
        final ProtonIngestWorker w = worker;
        worker = null;
        endpoint.release(w);
    }
}
