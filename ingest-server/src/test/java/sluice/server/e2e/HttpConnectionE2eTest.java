package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP layer seen from a client socket: keep-alive across errors, pipelined requests answered in order, chunked
 * bodies, body limits for Content-Length and chunked bodies alike, gzip bombs, 100-continue.
 */
class HttpConnectionE2eTest
{
    private static final long MAX_BODY = 4 << 20;

    @RegisterExtension
    static final TestServer server = TestServer.perClass(c -> c.http().maxBodyBytes(MAX_BODY));

    @BeforeAll
    static void start() throws Exception
    {
        assertEquals(200, server.query(
            "create tag table T (name varchar(40) primary key, time datetime basetime, value double)").statusCode());
    }

    private static long count(final String name) throws Exception
    {
        return Long.parseLong(server.rowsCsv("select count(*) from T where name = '" + name + "'").trim());
    }

    @Test
    void connectionIsReusedAfterA400AndA404() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            final RawHttp.Response bad = http.send(RawHttp.post("/db/write/T", "text/csv", "ka1,notatime,1\n")).read();
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("TIME"), bad.body());
            assertEquals(404, http.send(RawHttp.post("/db/write/NOPE", "text/csv", "a,1,1\n")).read().status());
            final RawHttp.Response good = http.send(RawHttp.post("/db/write/T", "text/csv", "ka1,1,1\n")).read();
            assertEquals(200, good.status(), good.body());
        }
        assertEquals(1, count("ka1"));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception
    {
        final StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            requests.append(i % 3 == 1 ?
                RawHttp.post("/db/write/T", "text/csv", "pipe,bad" + i + ",1\n") :
                RawHttp.post("/db/write/T", "text/csv", "pipe," + i + "," + i + "\n"));
            if (i % 5 == 4)
            {
                requests.append(RawHttp.get("/health"));
            }
        }
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send(requests.toString());
            for (int i = 0; i < 20; i++)
            {
                final RawHttp.Response r = http.read();
                if (i % 3 == 1)
                {
                    assertEquals(400, r.status(), "request " + i + ": " + r.body());
                    assertTrue(r.body().contains("bad" + i), "request " + i + " answered out of order: " + r.body());
                }
                else
                {
                    assertEquals(200, r.status(), "request " + i + ": " + r.body());
                    assertTrue(r.body().contains("1 record(s)"), r.body());
                }
                if (i % 5 == 4)
                {
                    assertEquals("{\"status\":\"ok\"}", http.read().body());
                }
            }
        }
        assertEquals(20 - 7, count("pipe"));
    }

    @Test
    void chunkedBodyIsDecodedAsItStreams() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/T HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                "Transfer-Encoding: chunked\r\n\r\n");
            final String body = "chunk,1,1\nchunk,2,2\nchunk,3,3\n";
            // Chunks that split rows and fields.
            for (int i = 0; i < body.length(); i += 7)
            {
                final String piece = body.substring(i, Math.min(body.length(), i + 7));
                http.send(Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
            }
            final RawHttp.Response r = http.send("0\r\n\r\n").read();
            assertEquals(200, r.status(), r.body());
            assertTrue(r.body().contains("3 record(s)"), r.body());
        }
        assertEquals(3, count("chunk"));
    }

    @Test
    void contentLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            final RawHttp.Response r = http.send("POST /db/write/T HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n").read();
            assertEquals(413, r.status(), r.body());
            assertTrue(r.body().contains(Long.toString(MAX_BODY)), r.body());
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413AndNothingLands() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            http.send("POST /db/write/T HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n" +
                "Transfer-Encoding: chunked\r\n\r\n");
            final byte[] chunk = "big,1,1\n".repeat(8192).getBytes(StandardCharsets.UTF_8);
            final OutputStream out = http.output();
            RawHttp.Response r = null;
            try
            {
                for (long sent = 0; sent <= MAX_BODY + chunk.length; sent += chunk.length)
                {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            catch (final java.io.IOException closedEarly)
            {
                // The server may answer and close before everything is sent.
            }
            r = http.read();
            assertEquals(413, r.status(), r.body());
        }
        assertEquals(0, count("big"));
    }

    @Test
    void gzipBombIs413AndNothingLands() throws Exception
    {
        // 256 MiB of one repeated row compress to ~250 KiB: a ratio far past the limit of 200.
        final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed))
        {
            final byte[] rows = "bomb,1,1\n".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 256L << 20; written += rows.length)
            {
                gzip.write(rows);
            }
        }
        assertTrue(compressed.size() < MAX_BODY, "the bomb must pass the wire limit: " + compressed.size());
        final var r = server.post("/db/write/T", "text/csv", compressed.toByteArray(), "Content-Encoding", "gzip");
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"success\":false"), r.body());
        assertEquals(0, count("bomb"));
    }

    @Test
    void expectContinueGetsA100ThenTheAnswer() throws Exception
    {
        try (RawHttp http = new RawHttp(server.port()))
        {
            final String body = "cont,1,1\n";
            http.send("POST /db/write/T HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nExpect: 100-continue\r\n" +
                "Content-Length: " + body.length() + "\r\n\r\n");
            assertEquals(100, http.readOne().status());
            final RawHttp.Response r = http.send(body).read();
            assertEquals(200, r.status(), r.body());
            // An early refusal needs no body at all.
            final RawHttp.Response refused = http.send("POST /db/write/NOPE HTTP/1.1\r\nHost: x\r\n" +
                "Content-Type: text/csv\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n").readOne();
            assertEquals(404, refused.status(), refused.body());
        }
        assertEquals(1, count("cont"));
    }

    @Test
    void aRecordOverTheRecordLimitIs400NamingItsLineAndNothingLands() throws Exception
    {
        // TestServer's record limit is 1 MiB; the second line is 2 MB.
        final String body = "long,1,1\n" + "x".repeat(2_000_000) + ",2,2\nlong,3,3\n";
        final var r = server.post("/db/write/T", "text/csv", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("line 2") && r.body().contains("limit"), r.body());
        assertEquals(0, count("long"));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception
    {
        assertEquals(404, server.get("/no/such/path").statusCode());
        assertEquals(405, server.get("/db/write/T").statusCode());
    }

    /**
     * An answer given before a large body is read ends the connection, but lingers: the client can send the rest of
     * its body and then read the answer, instead of seeing its writes reset. Here a 404 (no such stream) to a 2.9 MB
     * body, more than the server drops to keep a connection, and a 413 to a 19 MB one, over this server's 4 MiB limit.
     */
    @Test
    void anEarlyAnswerToALargeBodyReachesAClientStillSending() throws Exception
    {
        final byte[] piece = "[1,\"x\"],".repeat(6_000).getBytes(StandardCharsets.US_ASCII);
        for (final int pieces : new int[] {60, 400})
        {
            try (RawHttp http = new RawHttp(server.port()))
            {
                http.send("POST /proton/v1/ingest/streams/no_such_stream HTTP/1.1\r\nHost: x\r\n" +
                    "Content-Type: application/json\r\nContent-Length: " + (long)piece.length * pieces + "\r\n\r\n");
                for (int i = 0; i < pieces; i++)
                {
                    http.output().write(piece);
                }
                http.output().flush();
                final RawHttp.Response answer = http.read();
                assertEquals(pieces == 60 ? 404 : 413, answer.status(), answer.body());
                assertTrue(http.closedByServer());
            }
        }
    }
}
