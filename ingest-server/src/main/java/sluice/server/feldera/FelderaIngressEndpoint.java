package sluice.server.feldera;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
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
import sluice.server.ingest.IngestLoops;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v0/pipelines/{p}/ingress/{table}}: checks what can be refused before the body (unknown table 404,
 * bad parameters 400, a stopped pipeline 503, too many concurrent writes 429, storage down 503), waits while the
 * pipeline is paused (reading nothing; past the backpressure timeout 503) unless {@code force=true}, then streams
 * the body through a pooled {@link FelderaIngressWorker}.
 */
final class FelderaIngressEndpoint
{
    private static final long PAUSED_POLL_MILLIS = 20;

    private final IngestLoops ingest;
    private final HttpConfig http;
    private final int maxRecordBytes;
    private final Pipelines pipelines;
    private final FastThreadLocal<ArrayDeque<FelderaIngressWorker>> workers = new FastThreadLocal<>()
    {
        @Override
        protected ArrayDeque<FelderaIngressWorker> initialValue()
        {
            return new ArrayDeque<>();
        }
    };

    FelderaIngressEndpoint(
        final IngestLoops ingest, final HttpConfig http, final int maxRecordBytes, final Pipelines pipelines)
    {
        this.ingest = ingest;
        this.http = http;
        this.maxRecordBytes = maxRecordBytes;
        this.pipelines = pipelines;
    }

    Exchange open(
        final HttpRequest request, final HttpChannel channel, final Pipeline pipeline, final String tableName)
    {
        final TableEntry table = pipelines.table(pipeline, tableName);
        if (table == null)
        {
            channel.respond(FelderaErrors.of(HttpResponseStatus.NOT_FOUND, FelderaErrors.UNKNOWN_TABLE,
                "Pipeline '" + pipeline.name() + "' has no table named '" + tableName + "'.",
                Map.of("stream_name", tableName)));
            return Exchanges.DISCARD;
        }
        final FelderaIngressOptions options;
        try
        {
            options = FelderaIngressOptions.parse(new QueryStringDecoder(request.uri()), maxRecordBytes);
        }
        catch (final FelderaIngressOptions.BadParameter e)
        {
            channel.respond(FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, e.errorCode, e.getMessage()));
            return Exchanges.DISCARD;
        }
        if (pipeline.status() == Pipeline.Status.STOPPED)
        {
            channel.respond(notDeployed(pipeline.name()));
            return Exchanges.DISCARD;
        }
        if (ingest.writerFailure() != null)
        {
            channel.respond(retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE, FelderaErrors.STORAGE,
                "storage is unavailable: " + ingest.writerFailure().getMessage()));
            return Exchanges.DISCARD;
        }
        if (pipeline.status() == Pipeline.Status.PAUSED && !options.force())
        {
            return new PausedExchange(request, channel, pipeline.name(), table, options);
        }
        return start(channel, table, options);
    }

    private Exchange start(final HttpChannel channel, final TableEntry table, final FelderaIngressOptions options)
    {
        if (!ingest.tryEnter())
        {
            channel.respond(retryLater(HttpResponseStatus.TOO_MANY_REQUESTS, FelderaErrors.OVERLOADED,
                "too many concurrent writes (limit " + http.maxConcurrentIngests() + ")"));
            return Exchanges.DISCARD;
        }
        FelderaIngressWorker worker = workers.get().poll();
        if (worker == null)
        {
            worker = new FelderaIngressWorker(ingest.newRequestIngest(channel.loop()));
        }
        return new FelderaIngressExchange(this, channel, worker, table, options,
            ingest.durability() == Durability.FSYNC, System.currentTimeMillis() * 1_000_000L);
    }

    int maxRecordBytes()
    {
        return maxRecordBytes;
    }

    long backpressureTimeoutNanos()
    {
        return http.backpressureTimeoutNanos();
    }

    void release(final FelderaIngressWorker worker)
    {
        if (worker != null)
        {
            workers.get().push(worker);
        }
        ingest.exit();
    }

    static FullHttpResponse notDeployed(final String pipeline)
    {
        return FelderaErrors.of(HttpResponseStatus.SERVICE_UNAVAILABLE, FelderaErrors.NOT_DEPLOYED,
            "Pipeline '" + pipeline + "' is not running: start it first.", Map.of("pipeline_name", pipeline));
    }

    static FullHttpResponse retryLater(final HttpResponseStatus status, final String code, final String message)
    {
        final FullHttpResponse response = FelderaErrors.of(status, code, message);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    /**
     * A request to a paused pipeline: reads none of the body (TCP holds the client back) and checks the pipeline
     * every 20 ms; once it runs, the body streams as usual; if it stops, or stays paused past the backpressure
     * timeout, the answer is 503.
     */
    private final class PausedExchange implements Exchange
    {
        private final String pipeline;
        private final TableEntry table;
        private final FelderaIngressOptions options;
        private final HttpChannel channel;
        private final long deadlineNanos;
        private final java.util.List<io.netty.buffer.ByteBuf> early = new java.util.ArrayList<>();
        private Exchange started;
        private boolean ended;
        private boolean closed;

        PausedExchange(
            final HttpRequest request, final HttpChannel channel, final String pipeline, final TableEntry table,
            final FelderaIngressOptions options)
        {
            this.channel = channel;
            this.pipeline = pipeline;
            this.table = table;
            this.options = options;
            this.deadlineNanos = System.nanoTime() + http.backpressureTimeoutNanos();
            channel.pause();
            channel.loop().schedule(this::check, PAUSED_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void check()
        {
            if (closed)
            {
                releaseEarly();
                return;
            }
            final Pipeline now = pipelines.get(pipeline);
            if (now == null || now.status() == Pipeline.Status.STOPPED)
            {
                closed = true;
                releaseEarly();
                channel.respond(notDeployed(pipeline));
                channel.resume();
                return;
            }
            if (now.status() == Pipeline.Status.RUNNING)
            {
                started = start(channel, table, options);
                for (final io.netty.buffer.ByteBuf content : early)
                {
                    started.onContent(content);
                    content.release();
                }
                early.clear();
                channel.resume();
                if (ended)
                {
                    started.onEnd();
                }
                return;
            }
            if (System.nanoTime() > deadlineNanos)
            {
                closed = true;
                releaseEarly();
                channel.respond(retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE, FelderaErrors.NOT_DEPLOYED,
                    "Pipeline '" + pipeline + "' stayed paused for " +
                        TimeUnit.NANOSECONDS.toMillis(http.backpressureTimeoutNanos()) + " ms; resume it or " +
                        "ingest with force=true."));
                channel.resume();
                return;
            }
            channel.loop().schedule(this::check, PAUSED_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onContent(final io.netty.buffer.ByteBuf content)
        {
            if (started != null)
            {
                started.onContent(content);
            }
            else if (!closed)
            {
                // Read before the pause took effect: kept (retained) and handed over once the pipeline runs.
                early.add(content.retain());
            }
        }

        @Override
        public void onEnd()
        {
            if (started != null)
            {
                started.onEnd();
            }
            else
            {
                ended = true;
            }
        }

        private void releaseEarly()
        {
            early.forEach(io.netty.buffer.ByteBuf::release);
            early.clear();
        }

        @Override
        public void onClose()
        {
            closed = true;
            releaseEarly();
            if (started != null)
            {
                started.onClose();
            }
        }
    }
}
