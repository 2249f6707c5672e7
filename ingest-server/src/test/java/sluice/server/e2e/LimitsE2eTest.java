package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timeouts and the concurrency gate, with short settings: a request that stalls gets 408, an idle keep-alive
 * connection is closed, a write beyond the concurrent-ingest limit gets 429 with Retry-After while health checks
 * still answer.
 */
class LimitsE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass(c -> c.http()
        .readTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(1500))
        .idleTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(2000))
        .maxConcurrentIngests(1));

    @BeforeAll
    static void start() throws Exception
    {
        assertEquals(200, server.query(
            "create tag table L (name varchar(40) primary key, time datetime basetime, value double)").statusCode());
        assertEquals(201, server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v0/pipelines/limits"))
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"limits\",\"program_code\":\"CREATE TABLE f (x INT);\"}")).build()).statusCode());
        assertEquals(202, server.post("/v0/pipelines/limits/start", null, new byte[0]).statusCode());
    }

    @Test
    void feldera429IsApiConnectionLimitWithRetryAfter() throws Exception
    {
        try (RawHttp first = new RawHttp(server.port()); RawHttp second = new RawHttp(server.port()))
        {
            first.send("POST /v0/pipelines/limits/ingress/f HTTP/1.1\r\nHost: x\r\n" +
                "Transfer-Encoding: chunked\r\n\r\n2\r\n1\n\r\n");
            Thread.sleep(100);
            final RawHttp.Response refused =
                second.send(RawHttp.post("/v0/pipelines/limits/ingress/f", "text/plain", "2\n")).read();
            assertEquals(429, refused.status(), refused.body());
            assertTrue(refused.body().startsWith("{\"message\":") &&
                refused.body().contains("\"error_code\":\"ApiConnectionLimit\""), refused.body());
            assertTrue(refused.headers().containsKey("retry-after"), refused.headers().toString());
            final RawHttp.Response done = first.send("0\r\n\r\n").read();
            assertEquals(200, done.status(), done.body());
            assertTrue(done.body().startsWith("{\"token\":"), done.body());
        }
    }

    @Test
    void aStalledBodyGets408AndNothingLands() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/L HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 100\r\n\r\n" +
                "stall,1,1\n");
            final long start = System.nanoTime();
            final RawHttp.Response r = http.read();
            assertEquals(408, r.status(), r.body());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "408 came too late");
        }
        assertEquals("0\n", server.rowsCsv("select count(*) from L where name = 'stall'"));
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            assertEquals(200, http.send(RawHttp.get("/health")).read().status());
            // Nothing more is sent: the server closes after its idle timeout.
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aWriteBeyondTheConcurrencyLimitGets429WithRetryAfter() throws Exception
    {
        try (RawHttp first = new RawHttp(server.port()); RawHttp second = new RawHttp(server.port()))
        {
            // The first write holds the only slot while its chunked body is open.
            first.send("POST /db/write/L HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                "Transfer-Encoding: chunked\r\n\r\n9\r\ngate,1,1\n\r\n");
            Thread.sleep(100);
            final RawHttp.Response refused = second.send(RawHttp.post("/db/write/L", "text/csv", "gate,2,2\n")).read();
            assertEquals(429, refused.status(), refused.body());
            assertTrue(refused.headers().containsKey("retry-after"), refused.headers().toString());
            assertEquals(200, second.send(RawHttp.get("/health")).read().status());
            final RawHttp.Response done = first.send("0\r\n\r\n").read();
            assertEquals(200, done.status(), done.body());
            // The slot is free again.
            assertEquals(200, second.send(RawHttp.post("/db/write/L", "text/csv", "gate,3,3\n")).read().status());
        }
        assertEquals("2\n", server.rowsCsv("select count(*) from L where name = 'gate'"));
    }

    @Test
    void anOversizedHeaderIs431AndAnOversizedRequestLine414() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            final RawHttp.Response header = http.send("POST /db/write/L HTTP/1.1\r\nHost: x\r\nX-Filler: " +
                "a".repeat(20_000) + "\r\nContent-Length: 9\r\n\r\nhuge,1,1\n").read();
            assertEquals(431, header.status(), header.body());
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(server.port()))
        {
            final RawHttp.Response line = http.send("GET /db/query?q=" + "x".repeat(70_000) + " HTTP/1.1\r\n" +
                "Host: x\r\n\r\n").read();
            assertEquals(414, line.status(), line.body());
        }
        assertEquals("0\n", server.rowsCsv("select count(*) from L where name = 'huge'"));
        assertEquals(200, server.get("/health").statusCode());
    }
}
