package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More data in flight than the ring holds: five concurrent ~20 MB writes (inserts and appends) into one 32 MiB ring
 * on one event loop, so requests are promoted to their own transactions and may find the ring full, pause their
 * connections and resume. Every request is answered 200 and every row lands exactly once; a concurrent request with
 * a bad last row lands nothing.
 */
class BackpressureE2eTest
{
    private static final int ROWS_PER_REQUEST = 400_000;

    @TempDir
    Path dir;

    @Test
    void concurrentWritesLargerThanTheRingAllLandExactlyOnce() throws Exception
    {
        try (TestServer s = TestServer.start(dir, c -> c.ringBytes(32 << 20)))
        {
            assertEquals(200, s.query("create tag table BP (name varchar(40) primary key, time datetime basetime, " +
                "value double)").statusCode());
            final ExecutorService clients = Executors.newFixedThreadPool(5);
            try
            {
                final List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int client = 0; client < 4; client++)
                {
                    final byte[] body = rows("c" + client, ROWS_PER_REQUEST, false);
                    final String method = client % 2 == 0 ? "append" : "insert";
                    answers.add(clients.submit(() -> s.post("/db/write/BP?method=" + method, "text/csv", body)));
                }
                final byte[] bad = rows("bad", ROWS_PER_REQUEST, true);
                final Future<HttpResponse<String>> refused =
                    clients.submit(() -> s.post("/db/write/BP?method=append", "text/csv", bad));
                for (final Future<HttpResponse<String>> answer : answers)
                {
                    final HttpResponse<String> r = answer.get();
                    assertEquals(200, r.statusCode(), r.body());
                    assertTrue(r.body().contains(ROWS_PER_REQUEST + " record(s)"), r.body());
                }
                final HttpResponse<String> r = refused.get();
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains("line " + ROWS_PER_REQUEST), r.body());
            }
            finally
            {
                clients.shutdownNow();
            }
            assertEquals(200, s.query("EXEC table_flush(BP)").statusCode());
            final long n = ROWS_PER_REQUEST;
            assertEquals("bad,0\nc0," + n + "\nc1," + n + "\nc2," + n + "\nc3," + n + "\n",
                s.rowsCsv("select prefix, (select count(*) from BP where name like prefix || '-%') from " +
                    "(values ('c0'), ('c1'), ('c2'), ('c3'), ('bad')) v(prefix) order by prefix"));
            assertEquals(4 * n + "\n", s.rowsCsv("select count(distinct (name, time)) from BP"));
        }
    }

    /** {@code rows} CSV lines of one client; with {@code badLast}, the last line's time is not a number. */
    private static byte[] rows(final String client, final int rows, final boolean badLast)
    {
        final StringBuilder csv = new StringBuilder(rows * 48);
        for (int i = 0; i < rows; i++)
        {
            csv.append(client).append('-').append(i % 100).append(',');
            if (badLast && i == rows - 1)
            {
                csv.append("not-a-time");
            }
            else
            {
                csv.append(1_700_000_000_000_000_000L + i);
            }
            csv.append(',').append(i).append(".25\n");
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
