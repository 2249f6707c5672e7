package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, "Hostile input": a seeded mutation fuzzer over raw sockets. Each request starts as a valid one for some
 * endpoint of the three APIs ({@link FuzzSeeds}) and gets zero to three mutations ({@link HttpMutator}): request line,
 * headers, chunk framing, body bytes, gzip stream, wire bytes. Checked for every request:
 * <ul>
 * <li>the answer is never a 5xx, except 503 with Retry-After (overload) and Feldera's own 503
 * {@code PipelineInteractionNotDeployed} for ingress into a pipeline that is not running (docs/feldera.md);</li>
 * <li>it comes within {@link #ANSWER_TIMEOUT_MILLIS}, or the server closes the connection; a {@code Connection:
 * close} answer is followed by the close; a connection kept alive still answers a following request;</li>
 * <li>an unmutated request that must succeed is answered 2xx (the fuzzer really starts from valid requests);</li>
 * <li>every {@link #CONTROL_EVERY} requests of a lane, on fresh connections: {@code GET /health} is 200, and a small
 * write is answered 200 and reads back;</li>
 * <li>at the end, no stored row comes from a request that got a 4xx (requests are all-or-nothing; Feldera's
 * {@code ParseErrors} keeps the good records on purpose, so such an answer with records ingested counts as a
 * success). Rows are traced to their request by the three copies of its number they carry (FuzzSeeds).</li>
 * </ul>
 * Requests run in {@link #LANES} lanes at once, so requests the server must wait on (a body shorter than its
 * Content-Length, a missing last chunk: answered 408 or closed after the short timeouts set here) overlap. Request
 * {@code i} is drawn from its own random, seeded from the run's seed and {@code i}, so {@code -Dfuzz.seed=N} replays
 * the same requests, {@code -Dfuzz.iterations=N} sets how many, {@code -Dfuzz.only=i} sends request {@code i} alone.
 */
class HttpFuzzE2eTest
{
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 2000);
    private static final int ONLY = Integer.getInteger("fuzz.only", -1);
    private static final int LANES = 8;
    private static final int CONTROL_EVERY = 50;
    private static final int ANSWER_TIMEOUT_MILLIS = 15_000;
    private static final int MAX_FAILURES = 15;

    /** An answer's status in {@link #outcomes}: not sent yet, or no answer before the server closed. */
    private static final int NOT_SENT = -1;
    private static final int CLOSED = 0;
    /** Feldera's 400 ParseErrors with some records ingested: partial on purpose. */
    private static final int PARTIAL = 1;

    private static final Pattern MARKER = Pattern.compile("([mfp])(\\d+)\\.\\d+");

    @RegisterExtension
    static final TestServer server = TestServer.perClass(c -> c.http()
        .readTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(500))
        .idleTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(1000))
        .backpressureTimeoutNanos(TimeUnit.SECONDS.toNanos(1))
        .maxBodyBytes(2 << 20)
        .maxInitialLineBytes(8 << 10)
        .maxBufferedBodyBytes(64 << 10));

    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicIntegerArray outcomes = new AtomicIntegerArray(ITERATIONS);
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger controls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception
    {
        for (final String table : List.of("FUZZ", "CTRL"))
        {
            assertEquals(200, server.query("create tag table " + table +
                " (name varchar(100) primary key, time datetime basetime, value double)").statusCode());
        }
        put("fz", "CREATE TABLE events (id BIGINT, name VARCHAR, v DOUBLE);");
        assertEquals(202, server.post("/v0/pipelines/fz/start", null, new byte[0]).statusCode());
        for (int lane = 0; lane < LANES; lane++)
        {
            put("fzp" + lane, "CREATE TABLE t (a INT);");
            put("fzctl" + lane, "CREATE TABLE t (a INT);");
        }
        final HttpResponse<String> stream = server.post("/?query=" + TestServer.encode(
            "CREATE STREAM fuzzs (id int64, name string, v float64)"), null, new byte[0]);
        assertEquals(200, stream.statusCode(), stream.body());
    }

    private static void put(final String pipeline, final String program) throws Exception
    {
        final HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + pipeline))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + pipeline + "\",\"program_code\":\"" + program +
                "\"}")).build());
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void mutatedRequestsAreRefusedWithA4xxNeverA5xxOrAHang() throws Exception
    {
        System.out.println("HttpFuzzE2eTest: -Dfuzz.seed=" + SEED + " -Dfuzz.iterations=" + ITERATIONS +
            (ONLY >= 0 ? " -Dfuzz.only=" + ONLY : ""));
        for (int i = 0; i < ITERATIONS; i++)
        {
            outcomes.set(i, NOT_SENT);
        }
        final long startNanos = System.nanoTime();
        final ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try
        {
            final List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++)
            {
                final int l = lane;
                running.add(lanes.submit(() ->
                {
                    runLane(l);
                    return null;
                }));
            }
            for (final Future<?> f : running)
            {
                f.get();
            }
        }
        finally
        {
            lanes.shutdownNow();
        }
        final long fuzzMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        final int[] traced = checkAllOrNothing();
        System.out.println("HttpFuzzE2eTest: " + (ONLY >= 0 ? 1 : ITERATIONS) + " requests in " + fuzzMillis +
            " ms (" + LANES + " lanes), " + controls.get() + " control rounds; rows traced to their request: " +
            traced[0] + ", untraceable: " + traced[1] + "; answers: " + new TreeMap<>(statuses));
        assertTrue(failures.isEmpty(), () -> failures.size() + " failure(s), replay with -Dfuzz.seed=" + SEED +
            " -Dfuzz.iterations=" + ITERATIONS + "\n\n" + String.join("\n\n", failures));
    }

    /** What the fuzzer found (each was a 500 or a connection held for ever), pinned as plain cases. */
    @Test
    void theFuzzersFindsStayFixed() throws Exception
    {
        for (final String target : List.of("/db/query?q=select%2", "/?query=SELECT%201&timeformat=%",
            "/v0/pipelines/fz/query?sql=select%zz1", "/proton/v1/ddl/streams/%"))
        {
            try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
            {
                final RawHttp.Response r = http.send(RawHttp.get(target)).read();
                assertEquals(400, r.status(), target + ": " + r.body());
                assertTrue(r.body().startsWith("malformed request target: "), r.body());
            }
        }
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response r = http.send("POST /db/write/FUZZ HTTP/1.1\r\nHost: x\r\n" +
                "Content-Length: 99999999999999999999\r\n\r\nm,1,1\n").read();
            assertEquals(400, r.status(), r.body());
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response r = http.send(RawHttp.post("/db/query", "application/x-www-form-urlencoded",
                "q=select%2p1&format=csv")).read();
            assertEquals(400, r.status(), r.body());
            assertTrue(r.body().contains("\"reason\":\"malformed form body: "), r.body());
        }
        // Answered at once (a GET ignores its body), then the body stalls inside a chunk declared 2 GiB long: the
        // connection is closed after the read timeout instead of being held open.
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response r = http.send("GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked" +
                "\r\n\r\n7FFFFFFF\r\nabc").read();
            assertEquals(200, r.status(), r.body());
            final long startNanos = System.nanoTime();
            assertTrue(http.closedByServer());
            assertTrue(System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(5));
        }
    }

    private void runLane(final int lane) throws Exception
    {
        int sent = 0;
        for (int i = lane; i < ITERATIONS && failures.size() < MAX_FAILURES; i += LANES)
        {
            if (ONLY >= 0 && i != ONLY)
            {
                continue;
            }
            fuzzOne(i, lane);
            if (++sent % CONTROL_EVERY == 0)
            {
                control(lane, i);
            }
        }
        control(lane, ITERATIONS + lane);
    }

    private void fuzzOne(final int i, final int lane)
    {
        final SplittableRandom random = new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + i);
        final FuzzSeeds.Seed seed = FuzzSeeds.seed(random.nextInt(FuzzSeeds.KINDS), i, lane, random);
        final FuzzRequest request = seed.request().frame();
        final int mutations = random.nextInt(10) == 0 ? 0 : 1 + (random.nextInt(4) == 0 ? random.nextInt(1, 3) : 0);
        final List<String> log = new ArrayList<>();
        final byte[] wire;
        try
        {
            HttpMutator.mutate(request, random, mutations, log);
            wire = request.render();
        }
        catch (final RuntimeException e)
        {
            fail("request " + i + " (" + seed.name() + ", mutations " + log + ")", "the fuzzer failed: " + e,
                new byte[0]);
            return;
        }
        final String what = "request " + i + " (" + seed.name() + ", mutations " + log + ")";
        final boolean head = request.method.trim().startsWith("HEAD");
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            try
            {
                http.send(wire);
            }
            catch (final IOException e)
            {
                // The server may answer and close before the whole request is sent (a 431 for a huge header).
            }
            final RawHttp.Response response;
            try
            {
                response = http.read(!head);
            }
            catch (final SocketTimeoutException e)
            {
                fail(what, "no answer and no close within " + ANSWER_TIMEOUT_MILLIS + " ms", wire);
                return;
            }
            catch (final IOException e)
            {
                count("closed");
                outcomes.set(i, CLOSED);
                if (mutations == 0)
                {
                    fail(what, "a valid request was not answered: " + e, wire);
                }
                return;
            }
            record(i, seed, response);
            check(what, seed, mutations, wire, response);
            afterAnswer(what, wire, http, response, random);
        }
        catch (final IOException | RuntimeException e)
        {
            fail(what, "client failed: " + e, wire);
        }
    }

    private void record(final int i, final FuzzSeeds.Seed seed, final RawHttp.Response response)
    {
        final int status = response.status();
        count(Integer.toString(status));
        final boolean partial = seed.writes() == FuzzSeeds.Writes.FELDERA && status == 400 &&
            response.body().contains("\"ParseErrors\"") && !response.body().contains("): 0 records ingested");
        outcomes.set(i, partial ? PARTIAL : status);
    }

    private void check(final String what, final FuzzSeeds.Seed seed, final int mutations, final byte[] wire,
        final RawHttp.Response response)
    {
        final int status = response.status();
        if (status >= 500 && !(status == 503 && (response.headers().containsKey("retry-after") ||
            response.body().contains("\"PipelineInteractionNotDeployed\""))))
        {
            fail(what, "answered " + status + ": " + response.body(), wire);
        }
        else if (status < 200 || status >= 600)
        {
            fail(what, "answered with status " + status, wire);
        }
        else if (mutations == 0 && seed.mustSucceed() && status >= 300)
        {
            fail(what, "the unmutated request was refused " + status + ": " + response.body(), wire);
        }
    }

    /** A close announced is done; a connection kept open still serves a request. */
    private void afterAnswer(final String what, final byte[] wire, final RawHttp http,
        final RawHttp.Response response, final SplittableRandom random) throws IOException
    {
        if (response.headers().containsKey("transfer-encoding"))
        {
            return;
        }
        if ("close".equalsIgnoreCase(response.headers().get("connection")))
        {
            try
            {
                // Bytes may come first: the body of an answer to what we took for HEAD but the server could not parse.
                int bytes = 0;
                while (!http.closedByServer())
                {
                    if (++bytes > 1 << 20)
                    {
                        fail(what, "sent more than 1 MiB after a Connection: close answer", wire);
                        return;
                    }
                }
            }
            catch (final SocketTimeoutException e)
            {
                fail(what, "did not close within " + ANSWER_TIMEOUT_MILLIS + " ms after Connection: close", wire);
            }
            return;
        }
        if (random.nextInt(4) != 0)
        {
            return;
        }
        try
        {
            // What the server makes of any leftover bytes of the mutated request comes first: any non-5xx will do.
            final RawHttp.Response next = http.send(RawHttp.get("/health")).read();
            if (next.status() >= 500)
            {
                fail(what, "the next request on the connection was answered " + next.status() + ": " + next.body(),
                    wire);
            }
        }
        catch (final SocketTimeoutException e)
        {
            fail(what, "the connection kept alive did not answer the next request", wire);
        }
        catch (final IOException e)
        {
            // Closed after all (the leftover bytes were a bad request): fine.
        }
    }

    /** On fresh connections: health, then a small write that must be answered and read back. */
    private void control(final int lane, final int n) throws IOException
    {
        controls.incrementAndGet();
        final String where = "control after request " + n + " of lane " + lane;
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response health = http.send(RawHttp.get("/health")).read();
            if (health.status() != 200)
            {
                fail(where, "GET /health answered " + health.status() + ": " + health.body(), new byte[0]);
            }
        }
        final String name = "c" + lane + "." + n;
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response write = http.send(RawHttp.post("/db/write/CTRL?timeformat=ms", "text/csv",
                name + "," + (FuzzSeeds.BASE_MS + n) + "," + n + "\n")).read();
            if (write.status() != 200)
            {
                fail(where, "the control write answered " + write.status() + ": " + write.body(), new byte[0]);
                return;
            }
        }
        try (RawHttp http = new RawHttp(server.port(), ANSWER_TIMEOUT_MILLIS))
        {
            final RawHttp.Response read = http.send(RawHttp.get("/db/query?format=csv&heading=false&q=" +
                TestServer.encode("select count(*) from CTRL where name = '" + name + "'"))).read();
            if (read.status() != 200 || !read.body().startsWith("1\n"))
            {
                fail(where, "the control row reads back as " + read.status() + ": " + read.body(), new byte[0]);
            }
        }
    }

    /**
     * Waits until every request in the ring has settled (a Feldera token of a last write resolves once everything
     * before it in the ring is committed or dropped: TestServer runs one event loop, so one ring), then traces every
     * stored row to its request. Returns {traced, untraceable} row counts.
     */
    private int[] checkAllOrNothing() throws Exception
    {
        final HttpResponse<String> last = server.post("/v0/pipelines/fz/ingress/events?format=csv", "text/plain",
            "-1,settle,-1\n");
        assertEquals(200, last.statusCode(), last.body());
        final String token = last.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.get("/v0/pipelines/fz/completion_status?token=" + TestServer.encode(token)).body()
            .contains("complete"))
        {
            assertTrue(System.nanoTime() < deadline, "the last fuzz writes did not commit within 60 s");
            Thread.sleep(20);
        }
        final int[] counts = new int[2];
        trace(server.rowsCsv("select name, time, value from FUZZ", "timeformat", "ms"), 'm', counts);
        trace(server.rowsCsv("select name, id, v from fz.events"), 'f', counts);
        trace(server.rowsCsv("select name, id, v from \"default\".fuzzs"), 'p', counts);
        return counts;
    }

    private void trace(final String csv, final char api, final int[] counts)
    {
        for (final String line : csv.split("\n"))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final List<String> fields = csvFields(line);
            final int k = fields.size() == 3 ? requestOf(api, fields) : -1;
            if (k < 0 || k >= ITERATIONS)
            {
                counts[1]++;
                continue;
            }
            counts[0]++;
            final int outcome = outcomes.get(k);
            if (outcome != CLOSED && outcome != PARTIAL && (outcome < 200 || outcome >= 300))
            {
                fail("request " + k, "its row " + line + " is stored although it was answered " +
                    (outcome == NOT_SENT ? "never (not sent)" : Integer.toString(outcome)), new byte[0]);
            }
        }
    }

    /** The request number all three copies in a row agree on, or -1. */
    private static int requestOf(final char api, final List<String> fields)
    {
        final Matcher name = MARKER.matcher(fields.get(0));
        if (!name.matches() || name.group(1).charAt(0) != api || name.group(2).length() > 9)
        {
            return -1;
        }
        final long k = Long.parseLong(name.group(2));
        try
        {
            final long id = api == 'm' ? Math.floorDiv(Long.parseLong(fields.get(1)) - FuzzSeeds.BASE_MS, 1000) :
                Long.parseLong(fields.get(1));
            return id == k && Double.parseDouble(fields.get(2)) == k ? (int)k : -1;
        }
        catch (final NumberFormatException e)
        {
            return -1;
        }
    }

    /** One CSV line's fields (RFC 4180 quoting). */
    private static List<String> csvFields(final String line)
    {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private void count(final String status)
    {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private void fail(final String what, final String why, final byte[] wire)
    {
        failures.add(what + ": " + why + (wire.length == 0 ? "" : "\n--- sent:\n" + FuzzRequest.describe(wire)) +
            "\n---");
    }
}
