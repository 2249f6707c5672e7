package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ack rule of {@code method=append} (ARCHITECTURE.md: "accepted" — the rows are in the memory-mapped ring): the
 * real server runs in its own JVM (sluice.server.Main, as {@code java -jar} runs it), takes appends, and is killed with
 * SIGKILL right after the last 200, with no chance to drain. A new server on the same data dir replays the rings:
 * every acknowledged row is there, exactly once; so are the idempotency ids of acknowledged Proton requests.
 */
class CrashE2eTest
{
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void acknowledgedAppendsSurviveKillNine() throws Exception
    {
        final ServerProcess server = ServerProcess.start(dir);
        long acknowledged = 0;
        try
        {
            final String base = server.base();
            final HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(base +
                "/db/query?q=" + TestServer.encode("create tag table CRASH (name varchar(40) primary key, " +
                "time datetime basetime, value double)"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            for (int request = 0; request < 200; request++)
            {
                final StringBuilder body = new StringBuilder();
                for (int row = 0; row < 50; row++)
                {
                    final long n = request * 50L + row;
                    body.append("crash,").append(1_700_000_000_000_000_000L + n).append(',').append(n).append('\n');
                }
                final HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base +
                    "/db/write/CRASH?method=append")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                acknowledged += 50;
            }
        }
        finally
        {
            server.kill();
        }
        try (TestServer s = TestServer.start(dir.resolve("data")))
        {
            assertEquals(200, s.query("EXEC table_flush(CRASH)").statusCode());
            final long n = acknowledged;
            assertEquals(n + "," + n + "," + (n - 1) + "," + (n * (n - 1) / 2) + "\n",
                s.rowsCsv("select count(*), count(distinct time), max(value)::BIGINT, sum(value)::BIGINT from CRASH"));
        }
    }

    /**
     * Proton's idempotency ids outlive a crash: requests acknowledged in async mode (their rows only in the ring, the
     * last ones surely not committed yet) are replayed with their ids, and a client that retries every one of them
     * after the restart ingests nothing twice.
     */
    @Test
    void protonIdempotencyIdsSurviveKillNine() throws Exception
    {
        final int requests = 200;
        final ServerProcess server = ServerProcess.start(dir);
        try
        {
            final String base = server.base();
            final HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/?query=" +
                TestServer.encode("CREATE STREAM keyed (n int64)"))).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            for (int request = 0; request < requests; request++)
            {
                assertEquals(200, keyedInsert(base, request).statusCode());
            }
        }
        finally
        {
            server.kill();
        }
        try (TestServer s = TestServer.start(dir.resolve("data")))
        {
            final String base = "http://127.0.0.1:" + s.port();
            for (int request = 0; request < requests; request++)
            {
                HttpResponse<String> r = keyedInsert(base, request);
                for (int tries = 0; r.statusCode() == 503 && tries < 100; tries++)
                {
                    // Still replaying the killed run's requests.
                    Thread.sleep(50);
                    r = keyedInsert(base, request);
                }
                assertEquals(200, r.statusCode(), r.body());
            }
            assertEquals(200, s.post("/proton/v1/ingest/streams/keyed?mode=sync", "application/json",
                "{\"columns\":[\"n\"],\"data\":[[-1]]}").statusCode());
            final long n = requests * 10L;
            assertEquals(n + "," + n + "," + (n * (n - 1) / 2) + "\n",
                s.rowsCsv("select count(*), count(distinct n), sum(n) from \"default\".keyed where n >= 0"));
        }
    }

    /** Request {@code i}: rows 10i..10i+9, idempotency id "batch-i", async (answered once in the ring). */
    private static HttpResponse<String> keyedInsert(final String base, final int i) throws Exception
    {
        final StringBuilder rows = new StringBuilder();
        for (int row = 0; row < 10; row++)
        {
            rows.append(row == 0 ? "[" : ",[").append(i * 10L + row).append(']');
        }
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/proton/v1/ingest/streams/keyed"))
            .header("x-timeplus-idempotent-id", "batch-" + i)
            .POST(HttpRequest.BodyPublishers.ofString("{\"columns\":[\"n\"],\"data\":[" + rows + "]}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
