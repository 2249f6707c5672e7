package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown (ARCHITECTURE.md "graceful shutdown that drains rings and commits before exit"): SIGTERM while
 * clients write through the three APIs. The server stops accepting, lets the requests under way finish and answers
 * them, drains the rings into the database and exits with status 0 within a bounded time. A request whose body was
 * half sent when the signal came is completed and answered 200 (one per API, over raw sockets, the rest of the body
 * sent once the server refuses new connections). After a restart {@link IngestLedger#check} holds every acknowledged request to exactly once
 * and every other to all or nothing, and the rings hold nothing to replay.
 */
class ShutdownE2eTest
{
    /** How long a stop may take: the in-flight requests' grace period plus the drain, with room for a slow machine. */
    private static final long EXIT_MILLIS = 30_000;
    private static final int PROBE_CLIENT = 100;

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesRequestsInFlightDrainsAndExitsZero() throws Exception
    {
        final long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("ShutdownE2eTest: seed " + seed);
        final Random random = new Random(seed);
        final IngestLedger ledger = new IngestLedger();
        ServerProcess server = ServerProcess.start(dir, CrashCyclesE2eTest.OPTIONS);
        try
        {
            IngestLedger.createTables(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(), server.base());
            final IngestClients clients = new IngestClients(server.base(), ledger, 0, random.nextLong()).start();
            Thread.sleep(500 + random.nextInt(1000));
            final List<Probe> probes = new ArrayList<>();
            for (final IngestLedger.Api api : IngestLedger.Api.values())
            {
                probes.add(new Probe(server.port(), ledger.add(IngestLedger.key(0, PROBE_CLIENT + api.ordinal(), 0),
                    api, 500, 40)));
            }
            final long signalled = System.nanoTime();
            server.signalTerm();
            awaitRefused(server.port());
            for (final Probe probe : probes)
            {
                probe.finish();
            }
            final int exit = server.terminate(EXIT_MILLIS);
            final long stopMillis = (System.nanoTime() - signalled) / 1_000_000;
            clients.awaitStopped();
            assertEquals(0, exit, "exit status after SIGTERM (-1: still running after " + EXIT_MILLIS + " ms)");
            final String log = server.logTail();
            assertTrue(log.contains("stopped"), log);
            server = ServerProcess.start(dir, CrashCyclesE2eTest.OPTIONS);
            assertFalse(server.logTail().contains("replaying"), "a graceful stop left records to replay:\n" +
                server.logTail());
            ledger.check(server.base());
            System.out.println("ShutdownE2eTest: stopped in " + stopMillis + " ms; " + clients + "; " +
                ledger.figures());
        }
        catch (final AssertionError | Exception e)
        {
            throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\nlast server log lines:\n" +
                server.logTail(), e);
        }
        finally
        {
            server.kill();
        }
    }

    /** Until the server refuses connections: it has started to stop, and the probes' requests are under way. */
    private static void awaitRefused(final int port) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            try
            {
                new Socket("127.0.0.1", port).close();
            }
            catch (final ConnectException e)
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server still accepts connections 20 s after SIGTERM");
    }

    /** One request over a raw socket: the head and half the body now, the rest in {@link #finish()}. */
    private static final class Probe
    {
        private final RawHttp http;
        private final IngestLedger.Request request;
        private final byte[] body;

        Probe(final int port, final IngestLedger.Request request) throws Exception
        {
            this.http = new RawHttp(port);
            this.request = request;
            final String path;
            switch (request.api)
            {
                case MACHBASE_APPEND:
                    path = "/db/write/" + IngestLedger.MACHBASE_TABLE + "?method=append";
                    break;
                case MACHBASE_INSERT:
                    path = "/db/write/" + IngestLedger.MACHBASE_TABLE + "?method=insert";
                    break;
                case FELDERA:
                    path = "/v0/pipelines/" + IngestLedger.PIPELINE + "/ingress/" + IngestLedger.FELDERA_TABLE +
                        "?format=csv";
                    break;
                default:
                    path = "/proton/v1/ingest/streams/" + IngestLedger.STREAM + "?mode=async";
                    break;
            }
            body = (request.api == IngestLedger.Api.PROTON ? IngestLedger.protonJson(request) :
                IngestLedger.csv(request)).getBytes(StandardCharsets.UTF_8);
            final String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + (request.api ==
                IngestLedger.Api.PROTON ? "application/json" : "text/csv") + "\r\n" +
                "Content-Length: " + body.length + "\r\n" + (request.api == IngestLedger.Api.PROTON ?
                "x-timeplus-idempotent-id: " + request.idempotencyId() + "\r\n" : "") + "\r\n";
            http.send(head);
            http.send(Arrays.copyOf(body, body.length / 2));
        }

        /** Sends the rest of the body; the request must be answered 2xx. */
        void finish() throws Exception
        {
            try (RawHttp h = http)
            {
                h.send(Arrays.copyOfRange(body, body.length / 2, body.length));
                final RawHttp.Response r = h.read();
                assertEquals(200, r.status(), request + ": " + r.body());
                if (request.api == IngestLedger.Api.FELDERA)
                {
                    request.token = IngestLedger.token(r.body());
                }
                request.acked = true;
            }
        }
    }
}
