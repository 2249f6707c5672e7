package sluice.server.machbase;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.error.DecodeError;
import sluice.server.append.Completions;
import sluice.server.catalog.TableEntry;
import sluice.server.http.Exchange;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpResponses;
import sluice.server.ingest.RequestIngest;

import java.util.concurrent.TimeUnit;

/**
 * One {@code /db/write} request: body chunks go through the worker's decoder into the ring as they arrive. The
 * request is atomic: any error aborts it (its rows never land) and answers with the first bad row. When the ring is
 * full the channel is paused and the write retried with a growing delay; past the backpressure timeout it is
 * answered 503 with {@code Retry-After}. Success is answered after the END record (method=append) or after the
 * commit (method=insert, large requests, {@code --durability fsync}). Event-loop thread, except the
 * {@link Completions.Waiter} callbacks.
 */
final class MachbaseWriteExchange implements Exchange, Completions.Waiter
{
    private static final long MIN_RETRY_MICROS = 50;
    private static final long MAX_RETRY_MICROS = 2_000;

    private final MachbaseWriteEndpoint endpoint;
    private final HttpChannel channel;
    private final TableEntry table;
    private final MachbaseWriteOptions options;
    private final long startNanos;
    private MachbaseWriteWorker worker;
    private RequestIngest ingest;
    private boolean bodyEnded;
    private boolean ending;
    private boolean blocked;
    private boolean done;
    private long blockedSinceNanos;
    private long retryMicros;

    MachbaseWriteExchange(
        final MachbaseWriteEndpoint endpoint, final HttpChannel channel, final MachbaseWriteWorker worker,
        final TableEntry table, final MachbaseWriteOptions options, final boolean waitForCommit,
        final long startNanos, final long requestTimeNanos)
    {
        this.endpoint = endpoint;
        this.channel = channel;
        this.worker = worker;
        this.table = table;
        this.options = options;
        this.startNanos = startNanos;
        this.ingest = worker.ingest.begin(table,
            worker.decoder(options, table.schema(), endpoint.maxRecordBytes(), requestTimeNanos),
            options.gzip(), waitForCommit, this);
    }

    @Override
    public void onContent(final ByteBuf content)
    {
        if (!done)
        {
            handle(ingest.onBody(content));
        }
    }

    @Override
    public void onEnd()
    {
        bodyEnded = true;
        if (!done && !blocked)
        {
            ending = true;
            handle(ingest.end());
        }
    }

    @Override
    public void onClose()
    {
        if (!done)
        {
            if (ingest != null)
            {
                ingest.abort();
            }
            finish();
        }
    }

    private void handle(final int status)
    {
        switch (status)
        {
            case RequestIngest.CONTINUE:
                if (blocked)
                {
                    blocked = false;
                    channel.resume();
                }
                if (bodyEnded && !ending)
                {
                    ending = true;
                    handle(ingest.end());
                }
                break;
            case RequestIngest.BLOCKED:
                if (!blocked)
                {
                    blocked = true;
                    blockedSinceNanos = System.nanoTime();
                    retryMicros = MIN_RETRY_MICROS;
                    channel.pause();
                }
                scheduleRetry();
                break;
            case RequestIngest.ENDED:
                blocked = false;
                final long rows = ingest.rows();
                final boolean waits = ingest.waitsForCommit();
                releaseWorker();
                if (!waits)
                {
                    succeed(rows);
                }
                break;
            default:
                fail();
                break;
        }
    }

    private void scheduleRetry()
    {
        if (System.nanoTime() - blockedSinceNanos > endpoint.backpressureTimeoutNanos())
        {
            ingest.abort();
            respond(MachbaseWriteEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "ingest queue full for " + TimeUnit.NANOSECONDS.toMillis(endpoint.backpressureTimeoutNanos()) +
                    " ms: storage is behind, retry later", startNanos));
            return;
        }
        channel.loop().schedule(this::retry, retryMicros, TimeUnit.MICROSECONDS);
        retryMicros = Math.min(MAX_RETRY_MICROS, retryMicros * 2);
    }

    private void retry()
    {
        if (!done)
        {
            handle(ingest.retry());
        }
    }

    private void fail()
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
        ingest.abort();
        respond(MachbaseWriteEndpoint.error(status, reason, startNanos));
    }

    private void succeed(final long rows)
    {
        respond(HttpResponses.of(HttpResponseStatus.OK, MachbaseResponses.CONTENT_TYPE,
            MachbaseResponses.writeSuccess(rows, options.append(), System.nanoTime() - startNanos)));
    }

    private void respond(final io.netty.handler.codec.http.FullHttpResponse response)
    {
        finish();
        channel.respond(response);
    }

    private void releaseWorker()
    {
        if (worker != null)
        {
            final MachbaseWriteWorker w = worker;
            worker = null;
            endpoint.release(w);
            ingest = null;
        }
    }

    private void finish()
    {
        if (!done)
        {
            done = true;
            if (worker != null)
            {
                releaseWorker();
            }
        }
    }

    // Completions.Waiter: on the writer thread.

    @Override
    public void onCommitted(final long rows)
    {
        channel.loop().execute(() ->
        {
            if (!done)
            {
                succeed(rows);
            }
        });
    }

    @Override
    public void onFailed(final String reason)
    {
        channel.loop().execute(() ->
        {
            if (!done)
            {
                respond(MachbaseWriteEndpoint.error(reason.contains("dropped") ? HttpResponseStatus.NOT_FOUND :
                    HttpResponseStatus.INTERNAL_SERVER_ERROR, reason.contains("dropped") ?
                    "table '" + table.name() + "' does not exist" : reason, startNanos));
            }
        });
    }
}
