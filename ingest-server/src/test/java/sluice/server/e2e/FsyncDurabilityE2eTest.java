package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sluice.server.config.Durability;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --durability fsync}: even the modes that normally answer once the rows are in the ring (Machbase
 * {@code method=append}, Proton {@code async}, Feldera ingress) answer only after the commit and the sync, so rows are
 * visible to a query the moment their 200 arrives. Concurrent writers share commits (the writer's group commit).
 */
class FsyncDurabilityE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass(c -> c.durability(Durability.FSYNC));

    private static final int REQUESTS = 30;

    @BeforeAll
    static void tables() throws Exception
    {
        assertEquals(200, server.query("create table FS (k varchar(20), n int)").statusCode());
        assertEquals(200, server.post("/?query=", "text/plain", "CREATE STREAM fs (k string, n int)").statusCode());
        assertEquals(201, server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v0/pipelines/fs"))
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"fs\",\"program_code\":" +
                "\"CREATE TABLE t (k VARCHAR, n INT);\"}")).build()).statusCode());
        assertEquals(202, server.post("/v0/pipelines/fs/start", null, new byte[0]).statusCode());
    }

    @Test
    void everyAcknowledgedRowIsVisibleAtOnceInEveryApi() throws Exception
    {
        final ExecutorService clients = Executors.newFixedThreadPool(3);
        try
        {
            final List<Future<Integer>> done = new ArrayList<>();
            done.add(clients.submit(() -> writeAndRead("machbase", i -> server.post("/db/write/FS?method=append",
                "text/csv", "m" + i + "," + i + "\n"), "FS", "m")));
            done.add(clients.submit(() -> writeAndRead("proton", i -> server.post("/proton/v1/ingest/streams/fs",
                "application/json", "{\"columns\":[\"k\",\"n\"],\"data\":[[\"p" + i + "\"," + i + "]]}"),
                "\"default\".fs", "p")));
            done.add(clients.submit(() -> writeAndRead("feldera", i -> server.post(
                "/v0/pipelines/fs/ingress/t?format=csv", "text/csv", "f" + i + "," + i + "\n"), "fs.t", "f")));
            for (final Future<Integer> checked : done)
            {
                assertEquals(REQUESTS, checked.get(120, TimeUnit.SECONDS));
            }
        }
        finally
        {
            clients.shutdownNow();
        }
    }

    /** Sends {@code REQUESTS} one-row writes; after each 200 its row must already be readable. */
    private static int writeAndRead(final String api, final Write write, final String table, final String prefix)
        throws Exception
    {
        for (int i = 0; i < REQUESTS; i++)
        {
            final HttpResponse<String> r = write.send(i);
            assertEquals(200, r.statusCode(), api + ": " + r.body());
            assertEquals("1\n", server.rowsCsv("select count(*) from " + table + " where k = '" + prefix + i + "'"),
                api + " request " + i + " was answered before its row was committed");
        }
        return REQUESTS;
    }

    @FunctionalInterface
    private interface Write
    {
        HttpResponse<String> send(int i) throws Exception;
    }
}
