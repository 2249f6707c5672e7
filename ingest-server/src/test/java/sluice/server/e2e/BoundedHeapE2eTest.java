package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200 MB chunked CSV body streams through a server whose JVM has a small heap: the surefire execution
 * {@code bounded-heap} runs this class alone with {@code -Xmx96m}, so a server that gathered the body (or its rows)
 * in memory would fail with OutOfMemoryError. All rows land, with the right values.
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
}
