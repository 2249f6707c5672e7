package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The server starts, answers /health and /ready, creates a table, takes a write and reads it back. */
class ServerSmokeTest
{
    @TempDir
    Path other;

    @TempDir
    Path dir;

    @Test
    void writeThenReadBack() throws Exception
    {
        try (TestServer s = TestServer.start(dir))
        {
            assertEquals(200, s.get("/health").statusCode());
            assertEquals(200, s.get("/ready").statusCode());
            final HttpResponse<String> created =
                s.query("create tag table T (name varchar(40) primary key, time datetime basetime, value double)");
            assertEquals(200, created.statusCode(), created.body());
            final HttpResponse<String> written =
                s.post("/db/write/T?timeformat=s", "text/csv", "a,1676432361,1.5\nb,1676432362,2.5\n");
            assertEquals(200, written.statusCode(), written.body());
            assertEquals("a,1676432361,1.5\nb,1676432362,2.5\n",
                s.rowsCsv("select * from T order by name", "timeformat", "s"));
        }
    }

    @Test
    void everyListenAddressAnswersTheSameServer() throws Exception
    {
        try (TestServer s = TestServer.start(other, c -> c.listen(new java.net.InetSocketAddress("127.0.0.1", 0))))
        {
            final var addresses = s.server().addresses();
            assertEquals(2, addresses.size(), addresses.toString());
            assertEquals(200, s.query("create table SHARED (msg varchar(20))").statusCode());
            try (RawHttp second = new RawHttp(addresses.get(1).getPort()))
            {
                assertEquals(200, second.send(RawHttp.post("/db/write/SHARED", "text/csv", "via-second\n")).read()
                    .status());
            }
            assertEquals("via-second\n", s.rowsCsv("select msg from SHARED"));
        }
    }
}
