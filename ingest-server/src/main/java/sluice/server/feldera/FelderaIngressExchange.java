package sluice.server.feldera;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.error.DecodeError;
import sluice.codec.error.DecodeErrors;
import sluice.server.catalog.TableEntry;
import sluice.server.http.HttpChannel;
import sluice.server.ingest.IngestExchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code POST /v0/pipelines/{p}/ingress/{table}}, streamed into the ring by {@link IngestExchange}. As Feldera
 * does, bad records are skipped and the good ones ingested; the answer is then 400 {@code ParseErrors} listing the
 * bad ones (at most 1000, {@code num_errors} counts all) and saying how many were ingested. A body that cannot be
 * decoded further (malformed JSON) drops the whole request — we deviate: Feldera keeps what it read before. Success
 * is {@code {"token":…}} once the END record is in the ring (the rows then survive a crash), or after the commit with
 * {@code --durability fsync}.
 */
final class FelderaIngressExchange extends IngestExchange
{
    private final FelderaIngressEndpoint endpoint;
    private final TableEntry table;
    private FelderaIngressWorker worker;
    private CompletionToken token;
    private List<DecodeError> rejected = List.of();
    private long rejectedCount;

    FelderaIngressExchange(
        final FelderaIngressEndpoint endpoint, final HttpChannel channel, final FelderaIngressWorker worker,
        final TableEntry table, final FelderaIngressOptions options, final boolean waitForCommit,
        final long requestTimeNanos)
    {
        super(channel, endpoint.backpressureTimeoutNanos());
        this.endpoint = endpoint;
        this.worker = worker;
        this.table = table;
        start(worker.ingest.begin(table,
            worker.decoder(options, table.schema(), endpoint.maxRecordBytes(), requestTimeNanos),
            false, waitForCommit, this));
    }

    @Override
    protected void onEnded()
    {
        token = new CompletionToken(ingest.ring().index(), ingest.ring().incarnation(), ingest.endPosition());
        final DecodeErrors errors = ingest.errors();
        rejectedCount = errors.count();
        rejected = rejectedCount == 0 ? List.of() : new ArrayList<>(errors.kept());
    }

    @Override
    protected void succeed(final long rows)
    {
        if (rejectedCount == 0)
        {
            respond(FelderaErrors.json(HttpResponseStatus.OK, Map.of("token", token.encode())));
            return;
        }
        respond(parseErrors(rows + " records ingested, " + rejectedCount + " rejected", rejected, rejectedCount));
    }

    @Override
    protected void fail()
    {
        if (ingest.failureMessage() != null)
        {
            abortAndRespond(FelderaErrors.of(ingest.failureIsLimit() ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE :
                HttpResponseStatus.BAD_REQUEST, FelderaErrors.BAD_REQUEST, ingest.failureMessage()));
            return;
        }
        final DecodeErrors errors = ingest.errors();
        final List<DecodeError> kept = new ArrayList<>(errors.kept());
        final long count = errors.count();
        abortAndRespond(parseErrors("0 records ingested: the body could not be decoded past the error below, so " +
            "none of its records were kept", kept, count));
    }

    private static FullHttpResponse parseErrors(final String what, final List<DecodeError> kept, final long count)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final DecodeError error : kept)
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", error.message());
            entry.put("event_number", error.record());
            entry.put("field", error.columnName());
            entry.put("invalid_text", error.snippet());
            entry.put("tag", null);
            list.add(entry);
        }
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("num_errors", count);
        details.put("errors", list);
        return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.PARSE_ERRORS,
            "Errors parsing input data (" + count + " errors): " + what + ".", details);
    }

    @Override
    protected FullHttpResponse overloaded(final long waitedMillis)
    {
        final FullHttpResponse response = FelderaErrors.of(HttpResponseStatus.SERVICE_UNAVAILABLE,
            FelderaErrors.OVERLOADED, "ingest queue full for " + waitedMillis + " ms: storage is behind, retry later");
        response.headers().set(io.netty.handler.codec.http.HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    @Override
    protected FullHttpResponse commitFailed(final String reason)
    {
        if (reason.contains("dropped"))
        {
            return FelderaErrors.of(HttpResponseStatus.NOT_FOUND, FelderaErrors.UNKNOWN_TABLE,
                "table '" + table.name() + "' no longer exists", Map.of("stream_name", table.name()));
        }
        return FelderaErrors.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, FelderaErrors.STORAGE, reason);
    }

    @Override
    protected void releaseResources()
    {
        final FelderaIngressWorker w = worker;
        worker = null;
        endpoint.release(w);
    }
}
