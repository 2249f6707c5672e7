package sluice.server.proton;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import sluice.server.catalog.TableEntry;
import sluice.server.config.Durability;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpConfig;
import sluice.server.http.HttpEndpoint;
import sluice.server.ingest.IngestLoops;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /proton/v1/ingest/streams/{stream}} (spec/proton.md): checks the mode, the stream, the idempotency key
 * and the encoding before the body, then streams it through a pooled {@link ProtonIngestWorker}. The request id comes
 * from {@code x-timeplus-request-id} or {@code x-proton-request-id}, else a new UUID; a repeated
 * {@code x-timeplus-idempotent-id} (or {@code x-proton-idempotent-id}) of an accepted request is answered 200 again
 * and ingests nothing; a repeat while the first is still in flight gets 429 with Retry-After (answering 200 then could
 * acknowledge rows that end up not stored). Idempotency keys are remembered in memory (the last 100,000), not yet
 * across a restart.
 */
final class ProtonIngestEndpoint implements HttpEndpoint
{
    static final String PREFIX = "/proton/v1/ingest/streams/";
    private static final int REMEMBERED_KEYS = 100_000;

    private final IngestLoops ingest;
    private final ProtonStreams streams;
    private final HttpConfig http;
    private final int maxRecordBytes;
    /** Idempotency key → accepted (true) or in flight (false); the oldest accepted keys are forgotten first. */
    private final Map<String, Boolean> keys = new LinkedHashMap<>(16, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > REMEMBERED_KEYS;
        }
    };
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
        final String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity")
            .toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity") && !encoding.equals("gzip"))
        {
            return answer(channel, ProtonErrors.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                ProtonErrors.INCORRECT_DATA, "unsupported Content-Encoding " + encoding + ": use gzip", requestId));
        }
        final String idempotencyId =
            ProtonRequestId.header(request, "x-timeplus-idempotent-id", "x-proton-idempotent-id");
        if (idempotencyId != null)
        {
            final Boolean known;
            synchronized (keys)
            {
                known = keys.putIfAbsent(idempotencyId, Boolean.FALSE);
            }
            if (Boolean.TRUE.equals(known))
            {
                return answer(channel, ok(requestId));
            }
            if (known != null)
            {
                return answer(channel, retryLater(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "a request with idempotency id " + idempotencyId + " is in flight", requestId));
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
     * (the key is free again for a retry).
     */
    void finished(final String idempotencyId, final boolean accepted)
    {
        if (idempotencyId != null)
        {
            synchronized (keys)
            {
                if (accepted)
                {
                    keys.put(idempotencyId, Boolean.TRUE);
                }
                else
                {
                    keys.remove(idempotencyId, Boolean.FALSE);
                }
            }
        }
    }

    /** The request with this key did not store its rows after all: a retry must ingest them. */
    void forget(final String idempotencyId)
    {
        if (idempotencyId != null)
        {
            synchronized (keys)
            {
                keys.remove(idempotencyId);
            }
        }
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
