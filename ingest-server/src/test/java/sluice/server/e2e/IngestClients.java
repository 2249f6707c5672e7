package sluice.server.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads writing through the three APIs at once, as fast as the server answers: Machbase
 * {@code method=append} and {@code method=insert}, Feldera CSV ingress and Proton async ingest with an idempotency id.
 * Each request is recorded in the {@link IngestLedger} before it is sent and marked acknowledged on a 2xx. Most
 * requests are small (1–200 rows); one in {@value #LARGE_ONE_IN} is over 8 MiB, so it is promoted to a transaction of
 * its own and its rows leave the ring before its END (the path a crash mid-commit hits).
 * <p>
 * A client stops at the first I/O error: the server is gone (killed, or stopping and refusing connections), and a
 * request cut by it counts as not acknowledged. Sizes come from a seeded Random per client; timings do not.
 */
final class IngestClients
{
    /** Threads per API and mode: two, so several requests of each kind are in flight when the server dies. */
    static final int THREADS_PER_API = 2;
    /** One request in this many is large. */
    static final int LARGE_ONE_IN = 150;
    private static final int LARGE_ROWS = 9_000;
    private static final int LARGE_PAYLOAD = 1_000;

    private final String base;
    private final IngestLedger ledger;
    private final int cycle;
    private final long seed;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong large = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable unexpected;

    IngestClients(final String base, final IngestLedger ledger, final int cycle, final long seed)
    {
        this.base = base;
        this.ledger = ledger;
        this.cycle = cycle;
        this.seed = seed;
    }

    /** {@link #THREADS_PER_API} threads per API and mode. */
    IngestClients start()
    {
        for (final IngestLedger.Api api : IngestLedger.Api.values())
        {
            for (int i = 0; i < THREADS_PER_API; i++)
            {
                final int client = api.ordinal() * THREADS_PER_API + i;
                final Thread t = new Thread(() -> run(client, api), "client-" + api + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
        return this;
    }

    /** Stops sending (requests under way are let finish) and waits for every client; fails if one hangs. */
    void stop() throws InterruptedException
    {
        stopping = true;
        awaitStopped();
    }

    /** Waits for the clients to stop by themselves (the server is gone); fails if one hangs or failed otherwise. */
    void awaitStopped() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (final Thread t : threads)
        {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive())
            {
                throw new AssertionError(t.getName() + " did not stop");
            }
        }
        if (unexpected != null)
        {
            throw new AssertionError("a client failed", unexpected);
        }
    }

    @Override
    public String toString()
    {
        return sent.get() + " requests sent (" + large.get() + " large), " + acknowledged.get() + " acknowledged, " +
            refused.get() + " answered otherwise";
    }

    private void run(final int clientIndex, final IngestLedger.Api api)
    {
        final Random random = new Random(seed * 31 + clientIndex);
        try
        {
            for (int n = 0; !stopping; n++)
            {
                final boolean isLarge = random.nextInt(LARGE_ONE_IN) == 0;
                final IngestLedger.Request r = ledger.add(IngestLedger.key(cycle, clientIndex, n), api,
                    isLarge ? LARGE_ROWS : 1 + random.nextInt(200), isLarge ? LARGE_PAYLOAD : 8 + random.nextInt(56));
                sent.incrementAndGet();
                if (isLarge)
                {
                    large.incrementAndGet();
                }
                final HttpResponse<String> answer = client.send(request(api, r),
                    HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2)
                {
                    if (api == IngestLedger.Api.FELDERA)
                    {
                        r.token = IngestLedger.token(answer.body());
                        if (r.token == null)
                        {
                            throw new IllegalStateException("no token in " + answer.body());
                        }
                    }
                    r.acked = true;
                    acknowledged.incrementAndGet();
                }
                else
                {
                    // 503 (ring full too long, replaying) or 429: not acknowledged, the rows all or none.
                    refused.incrementAndGet();
                }
            }
        }
        catch (final HttpTimeoutException e)
        {
            // A server that is up answers within the timeout; one that is gone refuses or resets.
            unexpected = e;
        }
        catch (final IOException e)
        {
            // The server is gone: the request under way is not acknowledged.
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException e)
        {
            unexpected = e;
        }
    }

    private HttpRequest request(final IngestLedger.Api api, final IngestLedger.Request r)
    {
        switch (api)
        {
            case MACHBASE_APPEND:
                return csv("/db/write/" + IngestLedger.MACHBASE_TABLE + "?method=append", r);
            case MACHBASE_INSERT:
                return csv("/db/write/" + IngestLedger.MACHBASE_TABLE + "?method=insert", r);
            case FELDERA:
                return csv("/v0/pipelines/" + IngestLedger.PIPELINE + "/ingress/" + IngestLedger.FELDERA_TABLE +
                    "?format=csv", r);
            default:
                return IngestLedger.protonRequest(base, r);
        }
    }

    private HttpRequest csv(final String path, final IngestLedger.Request r)
    {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/csv")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(IngestLedger.csv(r))).build();
    }
}
