package sluice.server.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in a JVM of its own ({@code sluice.server.Main} on the test class path, as {@code java -jar} runs
 * it), so a test can kill it with SIGKILL (no shutdown hook, no drain: what a crash leaves) or stop it with SIGTERM
 * (the shutdown hook) and start another on the same data dir. Its log is drained by a daemon thread, or the process
 * would block on a full pipe; the last {@value #LOG_LINES} lines are kept for failure messages.
 * <p>
 * Its data dir is {@code dir/data} and its {@code java.io.tmpdir} {@code dir/tmp}, in the test's temp dir: DuckDB's
 * JDBC driver unpacks its 70 MB native library to the tmpdir at every start and deletes it only at a normal exit, so
 * each SIGKILL would leave one in /tmp. Starts dominate these tests' time on a small machine, and they check
 * correctness, not speed: the server JVM runs with C1 only and the serial GC, which start it about a third faster.
 */
final class ServerProcess
{
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int LOG_LINES = 200;

    private final Process process;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final int port;
    private Thread drain;

    private ServerProcess(final Process process) throws Exception
    {
        this.process = process;
        this.port = awaitPort();
    }

    /**
     * Starts a server on {@code dir/data} listening on an ephemeral loopback port; returns once it listens. Small
     * rings and DuckDB memory, as the in-JVM {@link TestServer} has; {@code options} ({@code name, value} pairs)
     * replace these defaults or add to them.
     */
    static ServerProcess start(final Path dir, final String... options) throws Exception
    {
        final Path tmp = Files.createDirectories(dir.resolve("tmp"));
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("--listen", "127.0.0.1:0");
        settings.put("--data-dir", dir.resolve("data").toString());
        settings.put("--ring-size", "64MiB");
        settings.put("--max-record", "1MiB");
        settings.put("--duckdb-memory", "512MB");
        settings.put("--io-threads", "1");
        for (int i = 0; i < options.length; i += 2)
        {
            settings.put(options[i], options[i + 1]);
        }
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), "sluice.server.Main"));
        settings.forEach((name, value) ->
        {
            command.add(name);
            command.add(value);
        });
        return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    int port()
    {
        return port;
    }

    String base()
    {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError("server survived SIGKILL for 30 s");
        }
    }

    /**
     * SIGTERM, through the process handle: {@link Process#destroy()} would also close our end of the server's output,
     * and its last log lines (how the stop went) would be lost.
     */
    void signalTerm()
    {
        process.toHandle().destroy();
    }

    /** SIGTERM; the exit code, or -1 if the process is still running after {@code timeoutMillis}. */
    int terminate(final long timeoutMillis) throws InterruptedException
    {
        signalTerm();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS))
        {
            return -1;
        }
        // Its last lines may still be in the pipe.
        drain.join(10_000);
        return process.exitValue();
    }

    /** The last lines the server logged, for a failure message. */
    String logTail()
    {
        synchronized (log)
        {
            return String.join("\n", log);
        }
    }

    private void keep(final String line)
    {
        synchronized (log)
        {
            if (log.size() == LOG_LINES)
            {
                log.removeFirst();
            }
            log.addLast(line);
        }
    }

    /** Reads the log until the startup line names the port, then hands the rest to a daemon thread. */
    private int awaitPort() throws Exception
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine())
        {
            keep(line);
            final Matcher m = LISTENING.matcher(line);
            if (m.find())
            {
                drain = new Thread(() -> reader.lines().forEach(this::keep), "server-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("server did not start:\n" + logTail());
    }
}
