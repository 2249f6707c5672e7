package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients, with a 1 s read timeout and a minimum body rate of 100 bytes/s: a body trickling in a byte at a time
 * (never silent for a read timeout) is cut off with 408 and leaves no row; a slow but steady body above the minimum
 * is stored; a client stalled inside its request head is disconnected by the idle timeout.
 */
class SlowClientE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass(c -> c.http()
        .readTimeoutNanos(TimeUnit.SECONDS.toNanos(1))
        .idleTimeoutNanos(TimeUnit.SECONDS.toNanos(2))
        .minBodyBytesPerSecond(100));

    @Test
    void aBodyTricklingAByteAtATimeIsCutOff() throws Exception
    {
        assertEquals(200, server.query("create table SLOW (id int, name varchar(20))").statusCode());
        final String rows = "1,a\n2,b\n3,c\n".repeat(100);
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/SLOW HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: " +
                rows.length() + "\r\n\r\n");
            final long start = System.nanoTime();
            RawHttp.Response answer = null;
            final byte[] bytes = rows.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length && answer == null; i++)
            {
                try
                {
                    http.output().write(bytes[i]);
                    http.output().flush();
                }
                catch (final java.io.IOException closed)
                {
                    break;
                }
                Thread.sleep(100);
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10))
                {
                    break;
                }
                if (i > 25)
                {
                    answer = http.read();
                }
            }
            assertTrue(answer != null, "no answer within 10 s");
            assertEquals(408, answer.status(), answer.body());
            assertTrue(answer.body().contains("below the minimum of 100 bytes/s"), answer.body());
        }
        assertEquals("0\n", server.rowsCsv("select count(*) from SLOW"));
    }

    @Test
    void aSlowButSteadyBodyIsStored() throws Exception
    {
        assertEquals(200, server.query("create table STEADY (id int, name varchar(20))").statusCode());
        final StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++)
        {
            rows.append(i).append(",steady-row-").append(i).append('\n');
        }
        final byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/STEADY?method=insert HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                "Content-Length: " + bytes.length + "\r\n\r\n");
            // About 400 bytes/s for some 3 s: above the minimum, over several read-timeout windows.
            for (int offset = 0; offset < bytes.length; offset += 40)
            {
                http.output().write(bytes, offset, Math.min(40, bytes.length - offset));
                http.output().flush();
                Thread.sleep(100);
            }
            final RawHttp.Response answer = http.read();
            assertEquals(200, answer.status(), answer.body());
        }
        assertEquals("60\n", server.rowsCsv("select count(*) from STEADY"));
    }

    @Test
    void aClientStalledInItsRequestHeadIsDisconnected() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/SLOW HTTP/1.1\r\nHost: x\r\nContent-Ty");
            final long start = System.nanoTime();
            assertTrue(http.closedByServer(), "the server should close the connection");
            final long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 10_000, "closed after " + waited + " ms");
        }
    }
}
