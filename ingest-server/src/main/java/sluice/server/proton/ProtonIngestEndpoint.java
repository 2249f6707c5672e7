package sluice.server.proton;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import sluice.server.append.RequestKeys;
import sluice.server.catalog.TableEntry;
import sluice.server.config.Durability;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpConfig;
import sluice.server.http.HttpEndpoint;
import sluice.server.ingest.IngestLoops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /proton/v1/ingest/streams/{stream}} (spec/proton.md): checks the mode, the stream, the idempotency key
 * and the encoding before the body, then streams it through a pooled {@link ProtonIngestWorker}. The request id comes
 * from {@code x-timeplus-request-id} or {@code x-proton-request-id}, else a new UUID; a repeated
 * {@code x-timeplus-idempotent-id} (or {@code x-proton-idempotent-id}) of an accepted request is answered 200 again
 * and ingests nothing; a repeat while the first is still in flight gets 429 with Retry-After (answering 200 then could
 * acknowledge rows that end up not stored). Idempotency ids are kept per stream, stored with the rows of their
 * request ({@link RequestKeys}), so they are remembered across a restart.
 */
final class ProtonIngestEndpoint implements HttpEndpoint
{
    static final String PREFIX = "/proton/v1/ingest/streams/";

    private final IngestLoops ingest;
    private final ProtonStreams streams;
    private final HttpConfig http;
    private final int maxRecordBytes;
    private final FastThreadLocal<ArrayDeque<ProtonIngestWorker>> workers = new FastThreadLocal<>()
    {
        @Override
        protected ArrayDeque<ProtonIngestWorker> initialValue()
        {
            return new ArrayDeque<>();
        }
    };

    ProtonIngestEndpoint(
        final IngestLoops ingest, final ProtonStreams streams, final HttpConfig http, final int maxRecordBytes)
    {
        this.ingest = ingest;
        this.streams = streams;
        this.http = http;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final String requestId = ProtonRequestId.of(request);
        if (!HttpMethod.POST.equals(request.method()))
        {
            return answer(channel, ProtonErrors.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                ProtonErrors.INCORRECT_DATA, "method " + request.method() + " not allowed: use POST", requestId));
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final List<String> modes = uri.parameters().get("mode");
        final String mode = modes == null || modes.isEmpty() ? "async" : modes.get(0);
        final boolean sync;
        switch (mode)
        {
            case "async":
            case "fire_and_forget":
                sync = false;
                break;
            case "sync":
            case "ordered":
                sync = true;
                break;
            default:
                return answer(channel, ProtonErrors.error(HttpResponseStatus.BAD_REQUEST,
                    ProtonErrors.UNSUPPORTED_MODE, "No support ingest mode: " + mode, requestId));
        }
        final String name = uri.path().substring(PREFIX.length());
        final TableEntry stream = streams.find(ProtonApi.DEFAULT_DATABASE, name);
        if (stream == null)
        {
            return answer(channel, ProtonErrors.error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                "Stream " + ProtonApi.DEFAULT_DATABASE + "." + name + " doesn't exist", requestId));
        }
        return ingest(request, channel, stream, sync, requestId);
    }

    /**
     * Ingests the body of {@code request} into {@code stream}, whose mode is decided: also the path of an
     * {@code INSERT … VALUES} from the SQL endpoint, which hands its rows over as this API's body.
     */
    Exchange ingest(
        final HttpRequest request, final HttpChannel channel, final TableEntry stream, final boolean sync,
        final String requestId)
    {
        final String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity")
            .toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity") && !encoding.equals("gzip"))
        {
            return answer(channel, ProtonErrors.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                ProtonErrors.INCORRECT_DATA, "unsupported Content-Encoding " + encoding + ": use gzip", requestId));
        }
        final String idempotencyHeader =
            ProtonRequestId.header(request, "x-timeplus-idempotent-id", "x-proton-idempotent-id");
        String idempotencyId = null;
        if (idempotencyHeader != null)
        {
            if (ingest.writerFailure() != null)
            {
                return answer(channel, retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "storage is unavailable: " + ingest.writerFailure().getMessage(), requestId));
            }
            // Proton keeps idempotency ids per stream.
            idempotencyId = keyOf(stream, idempotencyHeader);
            if (idempotencyId.getBytes(StandardCharsets.UTF_8).length > RequestKeys.MAX_KEY_BYTES)
            {
                return answer(channel, ProtonErrors.error(HttpResponseStatus.BAD_REQUEST,
                    ProtonErrors.INCORRECT_DATA, "idempotency id too long: with the stream's name it must fit in " +
                        RequestKeys.MAX_KEY_BYTES + " bytes", requestId));
            }
            if (!ingest.replayDone())
            {
                return answer(channel, retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "replaying the requests of the last run: idempotency ids are known once it is done",
                    requestId));
            }
            switch (ingest.keys().claim(idempotencyId))
            {
                case ACCEPTED:
                    // After the body: a retry of a large request (a client's after a crash) answered at once would
                    // have its connection closed under it and see a reset, never this 200, and retry forever.
                    return Exchanges.answerAfterBody(channel, ok(requestId));
                case IN_FLIGHT:
                    return answer(channel, retryLater(HttpResponseStatus.TOO_MANY_REQUESTS,
                        "a request with idempotency id " + idempotencyHeader + " is in flight", requestId));
                default:
                    break;
            }
        }
        return start(channel, stream, encoding, sync, requestId, idempotencyId);
    }

    private Exchange start(
        final HttpChannel channel, final TableEntry stream, final String encoding,
        final boolean sync, final String requestId, final String idempotencyId)
    {
        if (ingest.writerFailure() != null)
        {
            finished(idempotencyId, false);
            return answer(channel, retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "storage is unavailable: " + ingest.writerFailure().getMessage(), requestId));
        }
        if (!ingest.tryEnter())
        {
            finished(idempotencyId, false);
            return answer(channel, retryLater(HttpResponseStatus.TOO_MANY_REQUESTS,
                "too many concurrent writes (limit " + http.maxConcurrentIngests() + ")", requestId));
        }
        ProtonIngestWorker worker = workers.get().poll();
        if (worker == null)
        {
            worker = new ProtonIngestWorker(ingest.newRequestIngest(channel.loop()));
        }
        return new ProtonIngestExchange(this, channel, worker, stream, encoding.equals("gzip"),
            sync || ingest.durability() == Durability.FSYNC, requestId, idempotencyId,
            System.currentTimeMillis() * 1_000_000L);
    }

    /**
     * The request with this idempotency key is over: acknowledged (repeats are answered without ingesting) or not
     * (the key is free again for a retry). A commit that fails later frees the key in the writer.
     */
    void finished(final String idempotencyId, final boolean accepted)
    {
        if (idempotencyId != null)
        {
            ingest.keys().finished(idempotencyId, accepted);
        }
    }

    /**
     * The stored key of an idempotency id: Proton's ids are per stream, and other APIs may key requests too. The
     * stream's name is length-prefixed, so no name and id pair reads as another ({@code a:b}+{@code c} vs
     * {@code a}+{@code b:c}).
     */
    static String keyOf(final TableEntry stream, final String idempotencyId)
    {
        final String name = stream.namespace() + "." + stream.name();
        return "proton:" + name.length() + ":" + name + ":" + idempotencyId;
    }

    int maxRecordBytes()
    {
        return maxRecordBytes;
    }

    long backpressureTimeoutNanos()
    {
        return http.backpressureTimeoutNanos();
    }

    void release(final ProtonIngestWorker worker)
    {
        if (worker != null)
        {
            workers.get().push(worker);
        }
        ingest.exit();
    }

    static FullHttpResponse ok(final String requestId)
    {
        final FullHttpResponse response = ProtonErrors.ok(requestId);
        response.headers().set("x-timeplus-query-id", requestId);
        return response;
    }

    private static FullHttpResponse retryLater(
        final HttpResponseStatus status, final String message, final String requestId)
    {
        final FullHttpResponse response = ProtonErrors.error(status, ProtonErrors.TOO_MANY_REQUESTS, message,
            requestId);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    private static Exchange answer(final HttpChannel channel, final FullHttpResponse response)
    {
        channel.respond(response);
        return Exchanges.DISCARD;
    }
}
