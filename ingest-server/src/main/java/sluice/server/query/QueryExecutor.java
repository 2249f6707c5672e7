package sluice.server.query;

import io.netty.util.concurrent.DefaultThreadFactory;
import sluice.server.store.Database;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL off the event loops: queries and DDL take milliseconds to minutes, and an event loop must never wait.
 * Every task gets a fresh connection ({@code duplicate()}, cheap), so nothing a statement leaves behind (an open
 * transaction, a session setting) reaches the next one. The queue is bounded: when it is full, the task fails with
 * {@link RejectedExecutionException} and the endpoint answers 503.
 */
public final class QueryExecutor implements AutoCloseable
{
    /** Work done with a connection on a query thread. */
    @FunctionalInterface
    public interface SqlTask<T>
    {
        T run(Connection connection) throws Exception;
    }

    private static final int MAX_QUEUED = 1024;

    private final Database database;
    private final ExecutorService pool;

    public QueryExecutor(final Database database, final int threads)
    {
        this.database = database;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED), new DefaultThreadFactory("sluice-query", true));
    }

    /** Runs {@code task} on a query thread; the future completes there (hop to your event loop to answer). */
    public <T> CompletableFuture<T> submit(final SqlTask<T> task)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        try
        {
            pool.execute(() ->
            {
                try (Connection connection = database.newConnection())
                {
                    result.complete(task.run(connection));
                }
                catch (final Throwable t)
                {
                    result.completeExceptionally(t);
                }
            });
        }
        catch (final RejectedExecutionException e)
        {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * What a task failed with, as a {@code whenComplete} callback sees it: dependent stages wrap it in a
     * {@link java.util.concurrent.CompletionException}, the future {@link #submit} returns does not.
     */
    public static Throwable cause(final Throwable failure)
    {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ?
            failure.getCause() : failure;
    }

    @Override
    public void close()
    {
        pool.shutdown();
        try
        {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS))
            {
                pool.shutdownNow();
            }
        }
        catch (final InterruptedException e)
        {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
