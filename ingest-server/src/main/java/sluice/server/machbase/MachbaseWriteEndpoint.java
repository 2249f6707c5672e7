package sluice.server.machbase;

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
import sluice.server.http.HttpResponses;
import sluice.server.ingest.IngestLoops;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * {@code POST /db/write/{TABLE}}: resolves the table and the parameters from the request head, then streams the
 * body through a pooled {@link MachbaseWriteWorker} ({@link MachbaseWriteExchange}). Everything that can be refused
 * before the body is: unknown table (404), bad parameters (400), a Content-Encoding other than gzip (415), too many
 * concurrent writes (429), storage down (503).
 */
final class MachbaseWriteEndpoint implements sluice.server.http.HttpEndpoint
{
    static final String PREFIX = "/db/write/";

    private final IngestLoops ingest;
    private final HttpConfig http;
    private final int maxRecordBytes;
    private final FastThreadLocal<ArrayDeque<MachbaseWriteWorker>> workers = new FastThreadLocal<>()
    {
        @Override
        protected ArrayDeque<MachbaseWriteWorker> initialValue()
        {
            return new ArrayDeque<>();
        }
    };

    MachbaseWriteEndpoint(final IngestLoops ingest, final HttpConfig http, final int maxRecordBytes)
    {
        this.ingest = ingest;
        this.http = http;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final long startNanos = System.nanoTime();
        if (!HttpMethod.POST.equals(request.method()))
        {
            final FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method " + request.method() + " not allowed: use POST", startNanos);
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            channel.respond(response);
            return Exchanges.DISCARD;
        }
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final String name = query.path().substring(PREFIX.length()).toUpperCase(Locale.ROOT);
        final TableEntry table = ingest.catalog().find(MachbaseApi.NAMESPACE, name);
        if (table == null)
        {
            channel.respond(error(HttpResponseStatus.NOT_FOUND, "table '" + name + "' does not exist", startNanos));
            return Exchanges.DISCARD;
        }
        final MachbaseWriteOptions options;
        try
        {
            options = MachbaseWriteOptions.parse(request, query);
        }
        catch (final MachbaseWriteOptions.UnsupportedEncodingError e)
        {
            channel.respond(error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), startNanos));
            return Exchanges.DISCARD;
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), startNanos));
            return Exchanges.DISCARD;
        }
        if (ingest.writerFailure() != null)
        {
            channel.respond(retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "storage is unavailable: " + ingest.writerFailure().getMessage(), startNanos));
            return Exchanges.DISCARD;
        }
        if (!ingest.tryEnter())
        {
            channel.respond(retryLater(HttpResponseStatus.TOO_MANY_REQUESTS,
                "too many concurrent writes (limit " + http.maxConcurrentIngests() + ")", startNanos));
            return Exchanges.DISCARD;
        }
        MachbaseWriteWorker worker = workers.get().poll();
        if (worker == null)
        {
            worker = new MachbaseWriteWorker(ingest.newRequestIngest(channel.loop()));
        }
        final boolean waitForCommit = !options.append() || ingest.durability() == Durability.FSYNC;
        return new MachbaseWriteExchange(this, channel, worker, table, options, waitForCommit, startNanos,
            System.currentTimeMillis() * 1_000_000L);
    }

    int maxRecordBytes()
    {
        return maxRecordBytes;
    }

    long backpressureTimeoutNanos()
    {
        return http.backpressureTimeoutNanos();
    }

    /** Gives a worker back to its loop's pool and frees the request's concurrency slot (event loop only). */
    void release(final MachbaseWriteWorker worker)
    {
        if (worker != null)
        {
            workers.get().push(worker);
        }
        ingest.exit();
    }

    static FullHttpResponse error(final HttpResponseStatus status, final String reason, final long startNanos)
    {
        return HttpResponses.of(status, MachbaseResponses.CONTENT_TYPE,
            MachbaseResponses.error(reason, System.nanoTime() - startNanos));
    }

    static FullHttpResponse retryLater(final HttpResponseStatus status, final String reason, final long startNanos)
    {
        return HttpResponses.retryLater(status, 1, MachbaseResponses.CONTENT_TYPE,
            MachbaseResponses.error(reason, System.nanoTime() - startNanos));
    }
}
