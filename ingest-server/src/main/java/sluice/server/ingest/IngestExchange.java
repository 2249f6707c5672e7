package sluice.server.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import sluice.server.append.Completions;
import sluice.server.http.Exchange;
import sluice.server.http.HttpChannel;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The streaming part every ingest endpoint shares: body chunks go through a {@link RequestIngest} into the ring as
 * they arrive; when the ring is full the channel is paused and the write retried with a growing delay (50 µs → 2 ms),
 * and past the backpressure timeout the request is dropped and answered by {@link #overloaded}. What a success or a
 * failure looks like is the dialect's: {@link #succeed}, {@link #fail}, {@link #commitFailed}. Event-loop thread,
 * except the {@link Completions.Waiter} callbacks, which hop to it.
 */
public abstract class IngestExchange implements Exchange, Completions.Waiter
{
    private static final long MIN_RETRY_MICROS = 50;
    private static final long MAX_RETRY_MICROS = 2_000;

    protected final HttpChannel channel;
    private final long backpressureTimeoutNanos;
    /** Null once the request has ended or failed and its resources went back ({@link #releaseResources}). */
    protected RequestIngest ingest;
    private boolean bodyEnded;
    private boolean ending;
    private boolean blocked;
    private boolean done;
    private long blockedSinceNanos;
    private long retryMicros;

    protected IngestExchange(final HttpChannel channel, final long backpressureTimeoutNanos)
    {
        this.channel = channel;
        this.backpressureTimeoutNanos = backpressureTimeoutNanos;
    }

    /** Starts streaming into {@code ingest} (already begun); call last in the subclass constructor. */
    protected final void start(final RequestIngest ingest)
    {
        this.ingest = ingest;
    }

    /** The request ended in the ring with {@code rows} rows and nobody waits for the commit, or it committed. */
    protected abstract void succeed(long rows);

    /**
     * Decoding, decompression or a limit failed ({@link RequestIngest#failureMessage()}, {@link
     * RequestIngest#errors()}): answer, normally after {@link #abortAndRespond}.
     */
    protected abstract void fail();

    /** The ring stayed full past the backpressure timeout (the request is already dropped). */
    protected abstract FullHttpResponse overloaded(long waitedMillis);

    /** The writer could not commit the request (e.g. its table was dropped). */
    protected abstract FullHttpResponse commitFailed(String reason);

    /** Gives back what the request held (its pooled worker, its concurrency slot); called once. */
    protected abstract void releaseResources();

    /** Called at ENDED before {@link #succeed} or waiting for the commit: e.g. note the ring position. */
    protected void onEnded()
    {
    }

    /** The client left before the request was answered; the rows are dropped unless the request had ended. */
    protected void onAbandoned()
    {
    }

    @Override
    public final void onContent(final ByteBuf content)
    {
        if (!done)
        {
            handle(ingest.onBody(content));
        }
    }

    @Override
    public final void onEnd()
    {
        bodyEnded = true;
        if (!done && !blocked)
        {
            ending = true;
            handle(ingest.end());
        }
    }

    @Override
    public final void onClose()
    {
        if (!done)
        {
            final boolean ended = ingest == null;
            if (!ended)
            {
                ingest.abort();
                onAbandoned();
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
                onEnded();
                release();
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
        if (System.nanoTime() - blockedSinceNanos > backpressureTimeoutNanos)
        {
            ingest.abort();
            respond(overloaded(TimeUnit.NANOSECONDS.toMillis(backpressureTimeoutNanos)));
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

    /** Drops the request's rows and answers. */
    protected final void abortAndRespond(final FullHttpResponse response)
    {
        ingest.abort();
        respond(response);
    }

    protected final void respond(final FullHttpResponse response)
    {
        finish();
        channel.respond(response);
    }

    protected final boolean isDone()
    {
        return done;
    }

    private void release()
    {
        if (ingest != null)
        {
            ingest = null;
            releaseResources();
        }
    }

    private void finish()
    {
        if (!done)
        {
            done = true;
            release();
        }
    }

    // Completions.Waiter: on the writer thread.

    @Override
    public final void onCommitted(final long rows)
    {
        hop(() ->
        {
            if (!done)
            {
                succeed(rows);
            }
        });
    }

    @Override
    public final void onFailed(final String reason)
    {
        hop(() ->
        {
            if (!done)
            {
                respond(commitFailed(reason));
            }
        });
    }

    /**
     * Hands the answer to the connection's event loop. A loop already shut down (a stop whose grace period ran out
     * closed the connection) refuses the task: nobody is left to answer, and the writer thread, which calls this,
     * must not die of it before it has drained the rings.
     */
    private void hop(final Runnable answer)
    {
        try
        {
            channel.loop().execute(answer);
        }
        catch (final RejectedExecutionException e)
        {
            // The connection is gone with its loop.
        }
    }
}
