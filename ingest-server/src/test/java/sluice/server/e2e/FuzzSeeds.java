package sluice.server.e2e;

import java.util.SplittableRandom;

/**
 * The valid requests {@link HttpFuzzE2eTest} starts from: every endpoint of the three APIs, bodies in each format
 * they take (CSV, Machbase JSON, NDJSON, Feldera's JSON update formats, Proton's columns+data), plain, gzip or chunked,
 * queries in each answer format, DDL. Rows written by request {@code k} carry {@code k} three times so a stored row can
 * be traced back to the request that wrote it even after a mutation changed some of its bytes:
 * <pre>
 *   Machbase FUZZ      NAME "m{k}.{r}"   TIME BASE + k s + r ms   VALUE k
 *   Feldera fz.events  id k              name "f{k}.{r}"          v k
 *   Proton fuzzs       id k              name "p{k}.{r}"          v k
 * </pre>
 */
final class FuzzSeeds
{
    /** Which table a seed writes rows into (for the all-or-nothing check). */
    enum Writes
    {
        NONE, MACHBASE, FELDERA, PROTON
    }

    /**
     * A valid request; {@code mustSucceed}: sent unmutated it is answered 2xx (some depend on an earlier request of the
     * run, such as a drop of what an earlier iteration created, and may fairly be 4xx).
     */
    record Seed(String name, FuzzRequest request, boolean mustSucceed, Writes writes)
    {
    }

    /** Machbase TIME of row 0 of request 0, in ms: 2023-11-14T22:13:20Z. */
    static final long BASE_MS = 1_700_000_000_000L;
    static final int KINDS = 37;

    private FuzzSeeds()
    {
    }

    /** Seed {@code kind} (0 until {@link #KINDS}) for request {@code k} of fuzz lane {@code lane}. */
    static Seed seed(final int kind, final int k, final int lane, final SplittableRandom random)
    {
        final int rows = random.nextInt(1, 6);
        return switch (kind)
        {
            case 0, 1 -> machbase("csv", k, random, "/db/write/FUZZ", "text/csv", machbaseCsv(k, rows, false));
            case 2 -> machbase("csv append", k, random, "/db/write/FUZZ?method=append", "text/csv",
                machbaseCsv(k, rows, false));
            case 3 -> machbase("csv header=columns ms", k, random, "/db/write/FUZZ?header=columns&timeformat=ms",
                "text/csv", "VALUE,NAME,TIME\n" + machbaseCsv(k, rows, true));
            case 4, 5 -> machbase("json", k, random, "/db/write/FUZZ", "application/json", machbaseJson(k, rows));
            case 6 -> machbase("ndjson", k, random, "/db/write/FUZZ?timeformat=ms", "application/x-ndjson",
                machbaseNdjson(k, rows));
            case 7 -> read("machbase query", "GET", "/db/query?q=" + TestServer.encode(
                "select name, time, value from FUZZ where value >= " + (k / 2) + " order by time desc limit 3") +
                "&format=" + pick(random, "json", "csv", "box", "ndjson") + "&timeformat=" +
                TestServer.encode(pick(random, "ns", "ms", "Default", "2006-01-02 15:04:05.000")) + "&tz=" +
                pick(random, "UTC", "Asia/Seoul", "Local"), null, null);
            case 8 -> read("machbase query form", "POST", "/db/query", "application/x-www-form-urlencoded",
                "q=" + TestServer.encode("select count(*) from FUZZ") + "&format=csv");
            case 9 -> read("machbase query json", "POST", "/db/query", "application/json",
                "{\"q\":\"select name, value from FUZZ limit 2\",\"format\":\"json\",\"rownum\":true}");
            case 10 -> new Seed("machbase create", new FuzzRequest("GET", "/db/query?q=" + TestServer.encode(
                "create tag table FZT_" + k + " (name varchar(40) primary key, time datetime basetime, " +
                    "value double)")), true, Writes.NONE);
            case 11 -> new Seed("machbase drop", new FuzzRequest("GET", "/db/query?q=" + TestServer.encode(
                "drop table FZT_" + Math.max(0, k - 40))), false, Writes.NONE);
            case 12, 13 -> feldera("csv", k, random, "format=csv", feldera(k, rows, "%d,f%d.%d,%d\n", ""));
            case 14 -> feldera("insert_delete", k, random, "format=json&update_format=insert_delete",
                feldera(k, rows, "{\"insert\":{\"id\":%d,\"name\":\"f%d.%d\",\"v\":%d}}\n", ""));
            case 15 -> feldera("raw", k, random, "format=json&update_format=raw",
                feldera(k, rows, "{\"id\":%d,\"name\":\"f%d.%d\",\"v\":%d}\n", ""));
            case 16 -> feldera("array", k, random, "format=json&update_format=insert_delete&array=true",
                "[" + feldera(k, rows, "{\"insert\":[%d,\"f%d.%d\",%d]}", ",") + "]");
            case 17 -> feldera("debezium", k, random, "format=json&update_format=debezium",
                feldera(k, rows, "{\"payload\":{\"op\":\"c\",\"before\":null,\"after\":" +
                    "{\"id\":%d,\"name\":\"f%d.%d\",\"v\":%d}}}\n", ""));
            case 18 -> read("feldera list", "GET", pick(random, "/v0/pipelines", "/v0/pipelines/fz"), null, null);
            case 19 -> read("feldera query", "GET", "/v0/pipelines/fz/query?sql=" + TestServer.encode(
                "select count(*), max(id) from events") + "&format=" + pick(random, "json", "text"), null, null);
            case 20 -> new Seed("feldera completion", new FuzzRequest("GET",
                "/v0/pipelines/fz/completion_status?token=AQAAAAAAAAAAAAAAAQAAAAAAAAHI"), false, Writes.NONE);
            case 21 -> new Seed("feldera put", new FuzzRequest("PUT", "/v0/pipelines/fzp" + lane).body(
                "application/json", "{\"name\":\"fzp" + lane + "\",\"program_code\":\"CREATE TABLE t" + k +
                    " (a INT NOT NULL PRIMARY KEY, b VARCHAR, c TIMESTAMP); CREATE VIEW v AS SELECT a FROM t" + k +
                    ";\",\"description\":\"fuzz " + k + "\"}"), true, Writes.NONE);
            case 22 -> new Seed("feldera lifecycle", new FuzzRequest("POST",
                "/v0/pipelines/fzctl" + lane + "/" + pick(random, "start", "pause", "stop", "start")), true,
                Writes.NONE);
            case 23 -> new Seed("feldera egress", new FuzzRequest("POST", "/v0/pipelines/fz/egress/events?format=" +
                pick(random, "json", "csv") + "&send_snapshot=" + pick(random, "true", "false")), true, Writes.NONE);
            case 24, 25 -> proton("ingest", k, random, "/proton/v1/ingest/streams/fuzzs" +
                pick(random, "", "?mode=sync", "?mode=async"), "application/json",
                "{\"columns\":[\"id\",\"name\",\"v\"],\"data\":[" + proton(k, rows, "[%d,\"p%d.%d\",%d]") + "]}");
            case 26 -> proton("insert in url", k, random, "/?query=" + TestServer.encode(
                "INSERT INTO fuzzs (id, name, v) VALUES " + proton(k, rows, "(%d, 'p%d.%d', %d)")), null, "");
            case 27 -> proton("insert in body", k, random, "/?query=" + TestServer.encode(
                "INSERT INTO fuzzs (id, name, v) VALUES"), "text/plain", proton(k, rows, "(%d, 'p%d.%d', %d)"));
            case 28 -> read("proton select", "POST", "/", "text/plain",
                "SELECT id, name, v FROM table(fuzzs) WHERE id >= " + (k / 2) + " ORDER BY id DESC LIMIT 3 FORMAT " +
                    pick(random, "JSONEachRow", "JSON", "JSONCompact", "CSV", "CSVWithNames", "TabSeparated"));
            case 29 -> read("proton select url", "GET", "/?query=" + TestServer.encode(
                "SELECT count(*), max(id) FROM fuzzs"), null, null);
            case 30 -> read("proton search", "POST", "/proton/v1/search" + pick(random, "", "?default_format=CSV"),
                "application/json", "{\"query\":\"SELECT id, name FROM table(fuzzs) ORDER BY id DESC\"," +
                    "\"offset\":0,\"page_size\":" + (1 + k % 5) + "}");
            case 31 -> new Seed("proton ddl create", new FuzzRequest("POST", "/proton/v1/ddl/streams").body(
                "application/json", "{\"name\":\"pd" + k + "\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}," +
                    "{\"name\":\"s\",\"type\":\"nullable(string)\",\"default\":\"'d'\"},{\"name\":\"t\"," +
                    "\"type\":\"datetime64(3)\"}],\"event_time_column\":\"t\"}"), true, Writes.NONE);
            case 32 -> new Seed("proton ddl drop", new FuzzRequest("DELETE", "/proton/v1/ddl/streams/pd" +
                Math.max(0, k - 40)), false, Writes.NONE);
            case 33 -> new Seed("proton sql ddl", new FuzzRequest("POST", "/?query=" + TestServer.encode(
                random.nextBoolean() ? "CREATE STREAM IF NOT EXISTS ps" + k + " (a int, b string DEFAULT 'x', " +
                    "c array(int32))" : "DROP STREAM IF EXISTS ps" + Math.max(0, k - 20))), true, Writes.NONE);
            case 34 -> read("proton ddl list", "GET", "/proton/v1/ddl/streams", null, null);
            case 35 -> new Seed("feldera ingress, pipeline started, paused or stopped", new FuzzRequest("POST",
                "/v0/pipelines/fzctl" + lane + "/ingress/t?format=csv").body("text/csv", k + "\n" + (k + 1) + "\n"),
                false, Writes.NONE);
            default -> read("misc", "GET", pick(random, "/health", "/ready", "/proton/ping", "/proton/info", "/"),
                null, null);
        };
    }

    private static Seed read(
        final String name, final String method, final String target, final String contentType, final String body)
    {
        final FuzzRequest request = new FuzzRequest(method, target);
        if (body != null)
        {
            request.body(contentType, body);
        }
        return new Seed(name, request, true, Writes.NONE);
    }

    private static Seed machbase(final String name, final int k, final SplittableRandom random, final String target,
        final String contentType, final String body)
    {
        return new Seed("machbase " + name,
            encoded(new FuzzRequest("POST", target).body(contentType, body), true, random), true, Writes.MACHBASE);
    }

    private static Seed feldera(
        final String name, final int k, final SplittableRandom random, final String params, final String body)
    {
        final FuzzRequest request = new FuzzRequest("POST", "/v0/pipelines/fz/ingress/events?" + params)
            .body(random.nextBoolean() ? null : "text/plain", body);
        return new Seed("feldera " + name, encoded(request, false, random), true, Writes.FELDERA);
    }

    private static Seed proton(final String name, final int k, final SplittableRandom random, final String target,
        final String contentType, final String body)
    {
        final FuzzRequest request = new FuzzRequest("POST", target).body(contentType, body);
        if (random.nextInt(4) == 0)
        {
            request.header("x-timeplus-idempotent-id", "fuzz-" + k);
        }
        return new Seed("proton " + name, encoded(request, target.startsWith("/proton/"), random), true,
            Writes.PROTON);
    }

    /**
     * Gzip (a quarter of the writes to endpoints that take {@code Content-Encoding: gzip}: Machbase's write and
     * Proton's ingest) and chunked framing (a third), chosen by the seed's random.
     */
    private static FuzzRequest encoded(final FuzzRequest request, final boolean gzipOk, final SplittableRandom random)
    {
        if (gzipOk && random.nextInt(4) == 0)
        {
            request.gzip();
        }
        if (random.nextInt(3) == 0)
        {
            request.chunked(random.nextInt(1, 200));
        }
        return request;
    }

    private static String machbaseCsv(final int k, final int rows, final boolean valueFirst)
    {
        final StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            final long timeMs = BASE_MS + k * 1000L + r;
            if (valueFirst)
            {
                s.append(k).append(",m").append(k).append('.').append(r).append(',').append(timeMs).append('\n');
            }
            else
            {
                s.append('m').append(k).append('.').append(r).append(',').append(timeMs * 1_000_000L).append(',')
                    .append(k).append('\n');
            }
        }
        return s.toString();
    }

    private static String machbaseJson(final int k, final int rows)
    {
        final StringBuilder s = new StringBuilder("{\"data\":{\"columns\":[\"NAME\",\"TIME\",\"VALUE\"],\"rows\":[");
        for (int r = 0; r < rows; r++)
        {
            s.append(r == 0 ? "" : ",").append("[\"m").append(k).append('.').append(r).append("\",")
                .append((BASE_MS + k * 1000L + r) * 1_000_000L).append(',').append(k).append(']');
        }
        return s.append("]}}").toString();
    }

    private static String machbaseNdjson(final int k, final int rows)
    {
        final StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            s.append("{\"NAME\":\"m").append(k).append('.').append(r).append("\",\"TIME\":")
                .append(BASE_MS + k * 1000L + r).append(",\"VALUE\":").append(k).append("}\n");
        }
        return s.toString();
    }

    /** Rows of the Feldera table from a format with placeholders id, k, r, v. */
    private static String feldera(final int k, final int rows, final String format, final String separator)
    {
        final StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            s.append(r == 0 ? "" : separator).append(String.format(format, k, k, r, k));
        }
        return s.toString();
    }

    private static String proton(final int k, final int rows, final String format)
    {
        return feldera(k, rows, format, ", ");
    }

    private static String pick(final SplittableRandom random, final String... values)
    {
        return values[random.nextInt(values.length)];
    }
}
