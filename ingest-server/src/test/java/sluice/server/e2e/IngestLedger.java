package sluice.server.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What clients sent through the three APIs and which requests were acknowledged, and the check of that record against
 * the rows a (restarted) server stores: "nothing acknowledged is ever lost" (issue 6).
 * <p>
 * Every request has a unique key and every row a unique BIGINT id, {@code key << 16 | row}, so one {@code GROUP BY}
 * per table tells, for each request, how many of its rows are stored and whether any twice. The rules checked:
 * <ul>
 * <li>an acknowledged request (a 2xx) is stored exactly once, every row of it;</li>
 * <li>any other request (no answer, the connection cut by a crash, a 5xx) is stored whole or not at all;</li>
 * <li>no row is stored that no request sent, and no row twice;</li>
 * <li>every completion token Feldera issued resolves ({@code complete}) once the server is back;</li>
 * <li>every Proton request sent again with its idempotency id, as a client retries after a crash, is answered 200 and
 * is then stored exactly once: an acknowledged one (checked stored before the retry) gains nothing, an unacknowledged
 * one is stored by whichever of its two sends landed.</li>
 * </ul>
 * Thread-safe: client threads add requests while the test reads them between cycles.
 */
final class IngestLedger
{
    static final String MACHBASE_TABLE = "CYC";
    static final String PIPELINE = "crash";
    static final String FELDERA_TABLE = "t";
    static final String STREAM = "s";
    /** Bits of a row id below the request key. */
    static final int ROW_BITS = 16;

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final long DEADLINE_MILLIS = 60_000;

    /** Which API (and mode) a request went through; the first two share a Machbase table. */
    enum Api
    {
        MACHBASE_APPEND, MACHBASE_INSERT, FELDERA, PROTON
    }

    /** One request: its rows are {@code key << 16 | 0 .. rows - 1}, each with a payload of that many characters. */
    static final class Request
    {
        final long key;
        final Api api;
        final int rows;
        final int payloadLength;
        /** Answered 2xx. */
        volatile boolean acked;
        /** Feldera: the completion token of the 2xx. */
        volatile String token;
        /** Feldera: the token answered {@code complete} after a restart. */
        boolean tokenResolved;
        /** Proton: sent again with its idempotency id after a restart and answered 200: stored exactly once. */
        boolean resent;

        Request(final long key, final Api api, final int rows, final int payloadLength)
        {
            this.key = key;
            this.api = api;
            this.rows = rows;
            this.payloadLength = payloadLength;
        }

        String idempotencyId()
        {
            return "req-" + key;
        }

        /** Must be stored, every row once. */
        boolean mustBeStored()
        {
            return acked || resent;
        }

        @Override
        public String toString()
        {
            return api + " request " + Long.toHexString(key) + " (" + rows + " rows" + (acked ? ", acknowledged" : "") +
                (resent ? ", resent" : "") + ")";
        }
    }

    /** Figures of the checks so far. */
    static final class Figures
    {
        long requests;
        long acknowledged;
        /** Rows stored in the three tables at the last check, every one matched to its request. */
        long storedRows;
        long tokensResolved;
        long protonResent;

        @Override
        public String toString()
        {
            return requests + " requests (" + acknowledged + " acknowledged), " + storedRows + " stored rows " +
                "checked, " + tokensResolved + " completion tokens resolved, " + protonResent +
                " Proton requests resent";
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Figures figures = new Figures();

    /** Records a request before it is sent. */
    Request add(final long key, final Api api, final int rows, final int payloadLength)
    {
        final Request r = new Request(key, api, rows, payloadLength);
        synchronized (requests)
        {
            requests.add(r);
        }
        return r;
    }

    List<Request> requests()
    {
        synchronized (requests)
        {
            return new ArrayList<>(requests);
        }
    }

    Figures figures()
    {
        return figures;
    }

    /** The request key of client {@code client}'s {@code n}th request in cycle {@code cycle}. */
    static long key(final int cycle, final int client, final int n)
    {
        return (long)cycle << 32 | (long)client << 24 | n;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Bodies: a request's rows as CSV (Machbase, Feldera) or Proton's columns+data JSON.

    static String csv(final Request r)
    {
        final StringBuilder body = new StringBuilder(r.rows * (r.payloadLength + 22));
        for (int row = 0; row < r.rows; row++)
        {
            body.append(r.key << ROW_BITS | row).append(',');
            payload(body, r, row);
            body.append('\n');
        }
        return body.toString();
    }

    static String protonJson(final Request r)
    {
        final StringBuilder body = new StringBuilder(r.rows * (r.payloadLength + 26) + 40);
        body.append("{\"columns\":[\"id\",\"payload\"],\"data\":[");
        for (int row = 0; row < r.rows; row++)
        {
            body.append(row == 0 ? "[" : ",[").append(r.key << ROW_BITS | row).append(",\"");
            payload(body, r, row);
            body.append("\"]");
        }
        return body.append("]}").toString();
    }

    private static void payload(final StringBuilder body, final Request r, final int row)
    {
        final char c = (char)('a' + row % 26);
        for (int i = 0; i < r.payloadLength; i++)
        {
            body.append(c);
        }
    }

    /** The Proton ingest request of {@code r}, async (answered once the rows are in the ring), with its id. */
    static HttpRequest protonRequest(final String base, final Request r)
    {
        return HttpRequest.newBuilder(URI.create(base + "/proton/v1/ingest/streams/" + STREAM + "?mode=async"))
            .header("Content-Type", "application/json")
            .header("x-timeplus-idempotent-id", r.idempotencyId())
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(protonJson(r))).build();
    }

    /** The token of a Feldera ingress answer, or null. */
    static String token(final String body)
    {
        final Matcher m = TOKEN.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Set-up and checks against a running server.

    /** A Machbase log table, a running Feldera pipeline with one table (no key: no upserts) and a Proton stream. */
    static void createTables(final HttpClient client, final String base) throws Exception
    {
        expect(200, send(client, HttpRequest.newBuilder(URI.create(base + "/db/query?q=" + TestServer.encode(
            "create table " + MACHBASE_TABLE + " (id long, payload varchar(2000))"))).build()));
        expect(201, send(client, HttpRequest.newBuilder(URI.create(base + "/v0/pipelines/" + PIPELINE))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + PIPELINE + "\",\"program_code\":\"CREATE TABLE " +
                FELDERA_TABLE + " (id BIGINT NOT NULL, payload VARCHAR);\"}")).build()));
        expect(202, send(client, HttpRequest.newBuilder(URI.create(base + "/v0/pipelines/" + PIPELINE + "/start"))
            .POST(HttpRequest.BodyPublishers.noBody()).build()));
        expect(200, send(client, HttpRequest.newBuilder(URI.create(base + "/?query=" + TestServer.encode(
            "CREATE STREAM " + STREAM + " (id int64, payload string)"))).POST(HttpRequest.BodyPublishers.noBody())
            .build()));
    }

    /**
     * Checks every request recorded so far against a server started on the data dir the requests went to: waits
     * until it has replayed, resolves the new completion tokens, checks the stored rows, resends the Proton requests
     * not resent yet and checks the stream again. Throws an AssertionError listing every problem found.
     */
    void check(final String base) throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        final List<Request> all = requests();
        final List<String> problems = new ArrayList<>();
        awaitReady(client, base);
        resolveTokens(client, base, all, problems);
        flush(client, base);
        figures.storedRows = 0;
        checkStored(client, base, all, problems);
        final List<Request> toResend = new ArrayList<>();
        for (final Request r : all)
        {
            if (r.api == Api.PROTON && !r.resent)
            {
                toResend.add(r);
            }
        }
        resend(client, base, toResend, problems);
        flush(client, base);
        checkTable(client, base, "\"default\"." + STREAM, byTable(all, Api.PROTON, Api.PROTON), problems, false);
        figures.requests = all.size();
        figures.acknowledged = all.stream().filter(r -> r.acked).count();
        if (!problems.isEmpty())
        {
            throw new AssertionError(problems.size() + " problem(s), first ones:\n" +
                String.join("\n", problems.subList(0, Math.min(30, problems.size()))));
        }
    }

    private void checkStored(
        final HttpClient client, final String base, final List<Request> all, final List<String> problems)
        throws Exception
    {
        checkTable(client, base, MACHBASE_TABLE, byTable(all, Api.MACHBASE_APPEND, Api.MACHBASE_INSERT), problems,
            true);
        checkTable(client, base, PIPELINE + "." + FELDERA_TABLE, byTable(all, Api.FELDERA, Api.FELDERA), problems,
            true);
        checkTable(client, base, "\"default\"." + STREAM, byTable(all, Api.PROTON, Api.PROTON), problems, true);
    }

    private static Map<Long, Request> byTable(final List<Request> all, final Api a, final Api b)
    {
        final Map<Long, Request> sent = new HashMap<>();
        for (final Request r : all)
        {
            if (r.api == a || r.api == b)
            {
                sent.put(r.key, r);
            }
        }
        return sent;
    }

    /** One GROUP BY over the table: per request key, rows stored, distinct ids and the lowest and highest row. */
    private void checkTable(
        final HttpClient client, final String base, final String table, final Map<Long, Request> sent,
        final List<String> problems, final boolean count) throws Exception
    {
        final String csv = query(client, base, "select id // " + (1 << ROW_BITS) + ", count(*), count(distinct id), " +
            "min(id % " + (1 << ROW_BITS) + "), max(id % " + (1 << ROW_BITS) + ") from " + table + " group by 1");
        final Map<Long, long[]> stored = new HashMap<>();
        for (final String line : csv.split("\n"))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final String[] f = line.split(",");
            final long[] values = new long[4];
            for (int i = 0; i < 4; i++)
            {
                values[i] = Long.parseLong(f[i + 1]);
            }
            stored.put(Long.parseLong(f[0]), values);
        }
        for (final Map.Entry<Long, long[]> e : stored.entrySet())
        {
            final Request r = sent.get(e.getKey());
            final long[] v = e.getValue();
            if (count)
            {
                figures.storedRows += v[0];
            }
            if (r == null)
            {
                problems.add(table + ": " + v[0] + " rows of request " + Long.toHexString(e.getKey()) +
                    ", which no client sent");
            }
            else if (v[0] != v[1])
            {
                problems.add(table + ": " + r + " has duplicates: " + v[0] + " rows, " + v[1] + " distinct");
            }
            else if (v[0] != r.rows || v[2] != 0 || v[3] != r.rows - 1)
            {
                problems.add(table + ": " + r + " is stored in part: " + v[0] + " rows, rows " + v[2] + ".." + v[3]);
            }
        }
        for (final Request r : sent.values())
        {
            if (r.mustBeStored() && !stored.containsKey(r.key))
            {
                problems.add(table + ": " + r + " is lost");
            }
        }
    }

    /** Every token of an acknowledged Feldera request not resolved yet must answer {@code complete}. */
    private void resolveTokens(
        final HttpClient client, final String base, final List<Request> all, final List<String> problems)
        throws Exception
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        for (final Request r : all)
        {
            if (r.api != Api.FELDERA || !r.acked || r.tokenResolved)
            {
                continue;
            }
            final HttpRequest status = HttpRequest.newBuilder(URI.create(base + "/v0/pipelines/" + PIPELINE +
                "/completion_status?token=" + r.token)).build();
            HttpResponse<String> answer = send(client, status);
            while (answer.statusCode() == 200 && answer.body().contains("inprogress") &&
                System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
                answer = send(client, status);
            }
            if (answer.statusCode() != 200 || !answer.body().contains("\"complete\""))
            {
                problems.add(r + ": completion token " + r.token + " answers " + answer.statusCode() + " " +
                    answer.body());
            }
            else
            {
                r.tokenResolved = true;
                figures.tokensResolved++;
            }
        }
    }

    /** Proton requests sent again with their ids: 200 (after 503 while replaying, 429 while one is in flight). */
    private void resend(
        final HttpClient client, final String base, final List<Request> toResend, final List<String> problems)
        throws Exception
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        for (final Request r : toResend)
        {
            HttpResponse<String> answer = send(client, protonRequest(base, r));
            while ((answer.statusCode() == 503 || answer.statusCode() == 429) && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(20);
                answer = send(client, protonRequest(base, r));
            }
            if (answer.statusCode() == 200)
            {
                r.resent = true;
                figures.protonResent++;
            }
            else
            {
                problems.add(r + ": sent again with its idempotency id, answered " + answer.statusCode() + " " +
                    answer.body());
            }
        }
    }

    /** Until {@code /ready}: the rings of the last run are replayed and committed. */
    private static void awaitReady(final HttpClient client, final String base) throws Exception
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        final HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/ready")).build();
        while (send(client, ready).statusCode() != 200)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("server not ready after " + DEADLINE_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }

    /** {@code EXEC table_flush}: every request ended so far (in any ring) is committed and visible. */
    private static void flush(final HttpClient client, final String base) throws Exception
    {
        query(client, base, "EXEC table_flush(" + MACHBASE_TABLE + ")");
    }

    private static String query(final HttpClient client, final String base, final String sql) throws Exception
    {
        final HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(base + "/db/query?format=csv&" +
            "heading=false&q=" + TestServer.encode(sql))).timeout(Duration.ofSeconds(60)).build());
        expect(200, r);
        return r.body();
    }

    static HttpResponse<String> send(final HttpClient client, final HttpRequest request)
        throws IOException, InterruptedException
    {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(final int status, final HttpResponse<String> r)
    {
        if (r.statusCode() != status)
        {
            throw new AssertionError(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
