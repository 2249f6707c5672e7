package sluice.server.e2e;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst larger than the ring: eight concurrent ~12 MB writes (Machbase appends and inserts, Proton async and sync)
 * into one 32 MiB ring. A write that finds the ring full past the backpressure timeout is answered 503 with
 * Retry-After and leaves no row behind; every write answered 200 lands whole, exactly once; nothing else is answered.
 * Meanwhile {@code /health} and {@code /ready} keep answering (each check within the client's default timeout).
 */
class OverloadE2eTest
{
    private static final int ROWS = 250_000;
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    /**
     * With 1 ms of patience some writes must be refused (96 MB cannot pass a 32 MiB ring without waiting); with the
     * default 30 s every one is stored. Either way: 200 and whole, or 503 and nothing.
     */
    @ParameterizedTest(name = "backpressure timeout {0} ms")
    @ValueSource(longs = {1, 30_000})
    void aBurstIsAnswered503OrStoredWholeAndHealthStaysUp(final long timeoutMillis) throws Exception
    {
        try (TestServer s = TestServer.start(dir, c ->
        {
            c.ringBytes(32 << 20);
            c.http().backpressureTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }))
        {
            assertEquals(200, s.query("create table OV (src varchar(16), n bigint)").statusCode());
            assertEquals(200, s.post("/?query=", "text/plain", "CREATE STREAM ov (src string, n int64)")
                .statusCode());
            final AtomicBoolean loading = new AtomicBoolean(true);
            final AtomicInteger healthChecks = new AtomicInteger();
            final AtomicLong slowestHealthMillis = new AtomicLong();
            final ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
            try
            {
                final Future<?> health = threads.submit(() ->
                {
                    while (loading.get())
                    {
                        final long start = System.nanoTime();
                        assertEquals(200, s.get(healthChecks.get() % 2 == 0 ? "/health" : "/ready").statusCode());
                        slowestHealthMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                        healthChecks.incrementAndGet();
                        Thread.sleep(20);
                    }
                    return null;
                });
                final List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++)
                {
                    final int writer = w;
                    answers.add(threads.submit(() -> write(s, writer)));
                }
                final List<Integer> stored = new ArrayList<>();
                int refused = 0;
                for (int w = 0; w < WRITERS; w++)
                {
                    final HttpResponse<String> r = answers.get(w).get(120, TimeUnit.SECONDS);
                    if (r.statusCode() == 200)
                    {
                        stored.add(w);
                    }
                    else
                    {
                        assertEquals(503, r.statusCode(), r.body());
                        assertEquals("1", r.headers().firstValue("retry-after").orElse(null), r.body());
                        refused++;
                    }
                }
                loading.set(false);
                health.get(30, TimeUnit.SECONDS);
                assertTrue(healthChecks.get() > 0);
                if (timeoutMillis < 10)
                {
                    assertTrue(refused > 0, "a 1 ms wait refuses some of the burst");
                }
                else
                {
                    assertEquals(WRITERS, stored.size(), "30 s of patience stores the whole burst");
                }
                System.out.println("overload: " + stored.size() + " write(s) stored, " + refused + " refused with " +
                    "503; " + healthChecks.get() + " health checks, the slowest " + slowestHealthMillis.get() + " ms");
                assertEquals(200, s.query("EXEC table_flush(OV)").statusCode());
                // Sync writes after the burst: everything acknowledged before is committed by now.
                assertEquals(200, s.post("/proton/v1/ingest/streams/ov?mode=sync", "application/json",
                    "{\"columns\":[\"src\",\"n\"],\"data\":[[\"done\",0]]}").statusCode());
                for (int w = 0; w < WRITERS; w++)
                {
                    final String table = w % 2 == 0 ? "OV" : "\"default\".ov";
                    final String expected = stored.contains(w) ? ROWS + "," + ROWS + "\n" : "0,0\n";
                    assertEquals(expected, s.rowsCsv("select count(*), count(distinct n) from " + table +
                        " where src = 'w" + w + "'"), "writer " + w + (stored.contains(w) ? " (200)" : " (503)"));
                }
            }
            finally
            {
                loading.set(false);
                threads.shutdownNow();
            }
        }
    }

    /** Writer {@code w}: even ones Machbase CSV (append, insert), odd ones Proton JSON (async, sync). */
    private static HttpResponse<String> write(final TestServer s, final int w) throws Exception
    {
        final StringBuilder body = new StringBuilder(ROWS * 24);
        if (w % 2 == 0)
        {
            for (int i = 0; i < ROWS; i++)
            {
                body.append('w').append(w).append(',').append(i).append('\n');
            }
            return s.post("/db/write/OV?method=" + (w % 4 == 0 ? "append" : "insert"), "text/csv",
                body.toString().getBytes(StandardCharsets.UTF_8));
        }
        body.append("{\"columns\":[\"src\",\"n\"],\"data\":[");
        for (int i = 0; i < ROWS; i++)
        {
            body.append(i == 0 ? "[\"w" : ",[\"w").append(w).append("\",").append(i).append(']');
        }
        body.append("]}");
        return s.post("/proton/v1/ingest/streams/ov" + (w % 4 == 1 ? "" : "?mode=sync"), "application/json",
            body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
