package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * Issue 6, "nothing acknowledged is ever lost", under crashes: the real server runs in its own JVM with two event
 * loops (two rings), clients write through Machbase (append and insert), Feldera (CSV ingress, completion tokens) and
 * Proton (async, idempotency ids) at full speed, and the server is killed with SIGKILL at a random moment while
 * requests are in flight. A new server on the same data dir replays the rings; {@link IngestLedger#check} then holds
 * every acknowledged request to exactly once, every other to all or nothing, resolves the tokens and resends the
 * Proton requests. Several cycles run on the same data dir, so each replay also starts from what the previous
 * replays left (ring positions, committed-request lists, incarnations).
 * <p>
 * Seeded: the seed (printed) decides the kill moments and request sizes; {@code -Dcrash.seed=N} replays them (thread
 * timing still varies), {@code -Dcrash.cycles=N} runs longer (scripts/soak-crash).
 */
class CrashCyclesE2eTest
{
    /** Two rings, small enough that large requests are promoted and a busy ring fills. */
    static final String[] OPTIONS = {"--io-threads", "2", "--ring-size", "32MiB"};

    @TempDir
    Path dir;

    @Test
    void acknowledgedRowsSurviveRepeatedKillNine() throws Exception
    {
        final long seed = Long.getLong("crash.seed", System.nanoTime());
        final int cycles = Integer.getInteger("crash.cycles", 3);
        System.out.println("CrashCyclesE2eTest: seed " + seed + " (-Dcrash.seed=" + seed + " replays), " + cycles +
            " cycles");
        final Random random = new Random(seed);
        final IngestLedger ledger = new IngestLedger();
        final long started = System.nanoTime();
        ServerProcess server = ServerProcess.start(dir, OPTIONS);
        try
        {
            IngestLedger.createTables(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(), server.base());
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                final IngestClients clients = new IngestClients(server.base(), ledger, cycle, random.nextLong())
                    .start();
                final long loadMillis = 500 + random.nextInt(1500);
                Thread.sleep(loadMillis);
                server.kill();
                clients.awaitStopped();
                final long killed = System.nanoTime();
                server = ServerProcess.start(dir, OPTIONS);
                final long restarted = System.nanoTime();
                ledger.check(server.base());
                System.out.println("CrashCyclesE2eTest: cycle " + cycle + ": killed after " + loadMillis + " ms; " +
                    clients + "; restart " + (restarted - killed) / 1_000_000 + " ms, check " +
                    (System.nanoTime() - restarted) / 1_000_000 + " ms; so far " + ledger.figures());
            }
            System.out.println("CrashCyclesE2eTest: " + cycles + " cycles in " +
                (System.nanoTime() - started) / 1_000_000 + " ms: " + ledger.figures());
        }
        catch (final AssertionError | Exception e)
        {
            throw new AssertionError("seed " + seed + " (-Dcrash.seed=" + seed + "): " + e.getMessage() +
                "\nlast server log lines:\n" + server.logTail(), e);
        }
        finally
        {
            server.kill();
        }
    }
}
