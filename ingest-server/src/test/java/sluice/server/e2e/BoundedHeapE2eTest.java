package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large bodies stream through a server whose JVM has a small heap: the surefire execution {@code bounded-heap} runs
 * this class alone with {@code -Xmx96m}, so a server that gathered a body (or its rows) in memory, or let its buffers
 * grow with the number of requests, would fail with OutOfMemoryError. All rows land, with the right values.
 */
class BoundedHeapE2eTest
{
    private static final long BODY_BYTES = 200L * 1000 * 1000;

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabyteChunkedCsvStreamsThrough() throws Exception
    {
        final long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        assertTrue(maxHeap < 128L << 20, "run with a small -Xmx (surefire execution bounded-heap): " + maxHeap);
        try (TestServer s = TestServer.start(dir, c -> c.ringBytes(64 << 20)))
        {
            assertEquals(200, s.query(
                "create tag table BIG (name varchar(40) primary key, time datetime basetime, value double)")
                .statusCode());
            long rows = 0;
            long sumOfValues = 0;
            try (RawHttp http = new RawHttp(s.port()))
            {
                http.send("POST /db/write/BIG?method=append HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                    "Transfer-Encoding: chunked\r\n\r\n");
                final OutputStream out = new BufferedOutputStream(http.output(), 1 << 16);
                final StringBuilder chunk = new StringBuilder(70_000);
                long sent = 0;
                final long t0 = 1_700_000_000_000_000_000L;
                while (sent < BODY_BYTES)
                {
                    chunk.setLength(0);
                    while (chunk.length() < 60_000)
                    {
                        final long value = rows % 1000;
                        chunk.append("sensor-").append(rows % 997).append(',').append(t0 + rows).append(',')
                            .append(value).append(".5\n");
                        sumOfValues += value;
                        rows++;
                    }
                    final byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += bytes.length;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                final RawHttp.Response r = http.read();
                assertEquals(200, r.status(), r.body());
                assertTrue(r.body().contains(rows + " record(s) appended"), r.body());
            }
            assertEquals(200, s.query("EXEC table_flush(BIG)").statusCode());
            // sum(value) = sum of the integer parts + 0.5 per row; compared exactly as text of a rounded number.
            final String[] got = s.rowsCsv("select count(*), sum(value - 0.5)::BIGINT, min(time) = " +
                "make_timestamp_ns(1700000000000000000), max(time) = make_timestamp_ns(" + (1_700_000_000_000_000_000L +
                rows - 1) + ") from BIG").trim().split(",");
            assertEquals(Long.toString(rows), got[0]);
            assertEquals(Long.toString(sumOfValues), got[1]);
            assertEquals("true", got[2]);
            assertEquals("true", got[3]);
        }
    }

    /**
     * Six concurrent chunked writes of ~30 MB each, two per API (Machbase CSV appends, Proton JSON, Feldera CSV),
     * through one 32 MiB ring: the ring fills, the connections are paused and resumed, and neither the heap nor
     * Netty's direct memory (bounded by -Xmx too) runs out. Every write is stored whole.
     */
    @Test
    void aFloodOfConcurrentLargeWritesStaysBounded() throws Exception
    {
        final long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        assertTrue(maxHeap < 128L << 20, "run with a small -Xmx (surefire execution bounded-heap): " + maxHeap);
        final int rowsPerWrite = 1_500_000;
        try (TestServer s = TestServer.start(dir, c -> c.ringBytes(32 << 20)))
        {
            assertEquals(200, s.query("create table FLOOD (k varchar(8), n bigint)").statusCode());
            assertEquals(200, s.post("/?query=", "text/plain", "CREATE STREAM flood (k string, n int64)").statusCode());
            assertEquals(201, s.send(HttpRequest.newBuilder(s.uri("/v0/pipelines/flood"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"flood\",\"program_code\":" +
                    "\"CREATE TABLE t (k VARCHAR, n BIGINT);\"}")).build()).statusCode());
            assertEquals(202, s.post("/v0/pipelines/flood/start", null, new byte[0]).statusCode());
            final ExecutorService clients = Executors.newFixedThreadPool(6);
            try
            {
                final List<Future<RawHttp.Response>> answers = new ArrayList<>();
                for (int w = 0; w < 6; w++)
                {
                    final int writer = w;
                    answers.add(clients.submit(() -> flood(s.port(), writer, rowsPerWrite)));
                }
                for (final Future<RawHttp.Response> answer : answers)
                {
                    final RawHttp.Response r = answer.get(300, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), r.body());
                }
            }
            finally
            {
                clients.shutdownNow();
            }
            assertEquals(200, s.query("EXEC table_flush(FLOOD)").statusCode());
            assertEquals(200, s.post("/proton/v1/ingest/streams/flood?mode=sync", "application/json",
                "{\"columns\":[\"k\",\"n\"],\"data\":[[\"end\",0]]}").statusCode());
            final long n = rowsPerWrite;
            final String perWriter = n + "," + n * (n - 1) / 2 + "\n";
            for (int w = 0; w < 6; w++)
            {
                final String table = w % 3 == 0 ? "FLOOD" : w % 3 == 1 ? "\"default\".flood" : "flood.t";
                assertEquals(perWriter, s.rowsCsv("select count(*), sum(n) from " + table + " where k = 'w" + w + "'"),
                    "writer " + w);
            }
        }
    }

    /** Writer {@code w}'s chunked body, generated as it is sent: Machbase, Proton or Feldera by {@code w % 3}. */
    private static RawHttp.Response flood(final int port, final int w, final int rows) throws Exception
    {
        try (RawHttp http = new RawHttp(port))
        {
            final String path = w % 3 == 0 ? "/db/write/FLOOD?method=append" : w % 3 == 1 ?
                "/proton/v1/ingest/streams/flood" : "/v0/pipelines/flood/ingress/t?format=csv";
            http.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + (w % 3 == 1 ? "application/json" :
                "text/csv") + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            final OutputStream out = new BufferedOutputStream(http.output(), 1 << 16);
            final StringBuilder chunk = new StringBuilder(70_000);
            if (w % 3 == 1)
            {
                chunk.append("{\"columns\":[\"k\",\"n\"],\"data\":[");
            }
            for (int row = 0; row < rows; row++)
            {
                if (w % 3 == 1)
                {
                    chunk.append(row == 0 ? "[\"w" : ",[\"w").append(w).append("\",").append(row).append(']');
                }
                else
                {
                    chunk.append('w').append(w).append(',').append(row).append('\n');
                }
                if (chunk.length() >= 60_000 || row == rows - 1)
                {
                    if (row == rows - 1 && w % 3 == 1)
                    {
                        chunk.append("]}");
                    }
                    final byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    chunk.setLength(0);
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return http.read();
        }
    }
}
