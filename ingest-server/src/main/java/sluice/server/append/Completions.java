package sluice.server.append;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their rows to be committed, by request id. The HTTP layer registers a {@link Waiter} before it
 * writes the request's END record; the writer calls {@link #committed} or {@link #failed} after the transaction, on
 * its own thread, and the waiter hands the answer to its event loop.
 */
public final class Completions
{
    /** Told the outcome of one request, on the writer thread: it must only hand work to another thread. */
    public interface Waiter
    {
        void onCommitted(long rows);

        void onFailed(String reason);
    }

    private final ConcurrentHashMap<Long, Waiter> waiters = new ConcurrentHashMap<>();

    public void register(final long requestId, final Waiter waiter)
    {
        waiters.put(requestId, waiter);
    }

    public void cancel(final long requestId)
    {
        waiters.remove(requestId);
    }

    void committed(final long requestId, final long rows)
    {
        final Waiter waiter = waiters.remove(requestId);
        if (waiter != null)
        {
            waiter.onCommitted(rows);
        }
    }

    void failed(final long requestId, final String reason)
    {
        final Waiter waiter = waiters.remove(requestId);
        if (waiter != null)
        {
            waiter.onFailed(reason);
        }
    }
}
