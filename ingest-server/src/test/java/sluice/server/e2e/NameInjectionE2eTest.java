package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6: a table, stream, pipeline or column name taken from a URL or a body cannot inject SQL (the project rule:
 * names reach SQL text only through {@code sluice.server.store.Sql.quote}), and no query endpoint can read or write
 * files. Every hostile name goes through every API that takes a name, and is either refused with a 4xx that says why,
 * or stored under exactly that name and usable under it; after every request the sentinel table still has its three
 * rows and no table named {@code INJECTED…} exists (the names try to drop the one and create the other).
 * <p>
 * Found here and fixed: a ClickHouse string's backslash escape hid a {@code ;} from Proton's one-statement check, and
 * DuckDB ran the rest as a second statement ({@code SELECT 'a\'; DROP TABLE t; --'} on {@code /?query=} dropped t;
 * ProtonSelect now re-spells strings for DuckDB); {@code INSERT INTO} a stream whose name needs quoting was a 500
 * (the name went unencoded into an internal URI).
 */
class NameInjectionE2eTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of(
        "t\"; DROP TABLE SENTINEL; --",
        "t'; DROP TABLE SENTINEL; --",
        "t`; DROP TABLE SENTINEL; --",
        "t; DROP TABLE SENTINEL",
        "t\"; CREATE TABLE main.INJECTED (x INT); --",
        "t'); CREATE TABLE main.INJECTED2 (x INT); --",
        "t -- comment",
        "t /* comment",
        "t */ x",
        "t\\\"; DROP TABLE SENTINEL; --",
        "t\\",
        "ü名",
        "a.b",
        "\"\"",
        "Mixed Case");

    @TempDir
    static Path outside;
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void start() throws Exception
    {
        QueryE2e.createTag(server, "SENTINEL");
        QueryE2e.write(server, "SENTINEL?timeformat=s", "text/csv", "a,1700000000,1\nb,1700000001,2\nc,1700000002,3\n",
            3);
        intact("the start");
    }

    /** The sentinel keeps its rows and no injected table exists. */
    private static void intact(final String after) throws Exception
    {
        assertEquals("3,6\n", server.rowsCsv("select count(*), sum(value) from main.SENTINEL"),
            () -> "the sentinel changed after " + after);
        assertEquals("0\n", server.rowsCsv("select count(*) from information_schema.tables " +
            "where upper(table_name) like 'INJECTED%'"), () -> "a second statement ran after " + after);
    }

    /** A double-quoted SQL identifier (the test's own quoting, to write the hostile name into its SQL). */
    private static String ident(final String name)
    {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(final String text)
    {
        return '\'' + text.replace("'", "''") + '\'';
    }

    private static String json(final String text)
    {
        try
        {
            return JSON.writeValueAsString(text);
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** 4xx, or else 2xx; never a 5xx. Returns whether it was accepted. */
    private static boolean refusedOrAccepted(final String what, final HttpResponse<String> r)
    {
        assertTrue(r.statusCode() < 500, () -> what + ": " + r.statusCode() + " " + r.body());
        if (r.statusCode() >= 400)
        {
            assertFalse(r.body().isBlank(), () -> what + ": a refusal must say why");
            return false;
        }
        assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, () -> what + ": " + r.statusCode() + " " + r.body());
        return true;
    }

    private static void refused(final String what, final HttpResponse<String> r)
    {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, () -> what + ": " + r.statusCode() + " " + r.body());
    }

    private static void ok(final String what, final HttpResponse<String> r)
    {
        assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, () -> what + ": " + r.statusCode() + " " + r.body());
    }

    private static long tablesNamed(final String schema, final String name) throws Exception
    {
        return Long.parseLong(server.rowsCsv("select count(*) from information_schema.tables where table_schema = " +
            literal(schema) + " and table_name = " + literal(name)).trim());
    }

    @Test
    void machbaseTableAndColumnNames() throws Exception
    {
        for (final String name : NAMES)
        {
            final String upper = name.toUpperCase(Locale.ROOT);
            final HttpResponse<String> missing = server.post("/db/write/" + TestServer.encode(name), "text/csv",
                "a,1,1\n");
            assertEquals(404, missing.statusCode(), missing.body());
            assertTrue(missing.body().contains("does not exist"), missing.body());
            intact("a write to " + name);
            final HttpResponse<String> column = server.post("/db/write/SENTINEL", "application/json",
                "{\"data\":{\"columns\":[\"name\",\"time\"," + json(name) + "],\"rows\":[[\"z\",1,1]]}}");
            assertEquals(400, column.statusCode(), column.body());
            intact("a column named " + name);
            final HttpResponse<String> header = server.post("/db/write/SENTINEL?header=columns", "text/csv",
                "name,time," + csvField(name) + "\nz,1,1\n");
            assertEquals(400, header.statusCode(), header.body());
            intact("a CSV header naming " + name);
            // Quoted in the DDL, the name is a name: Machbase folds it to upper case.
            if (!refusedOrAccepted("create " + name, server.query("create tag table " + ident(name) + " " +
                QueryE2e.TAG_COLUMNS)))
            {
                intact("create " + name);
                continue;
            }
            intact("create " + name);
            assertEquals(1, tablesNamed("main", upper), name);
            ok("write to " + name, server.post("/db/write/" + TestServer.encode(name) + "?timeformat=s", "text/csv",
                "x,1700000000,7\n"));
            assertEquals("1,7\n", server.rowsCsv("select count(*), sum(value) from " + ident(upper)), name);
            intact("a write into " + name);
            ok("drop " + name, server.query("drop table " + ident(name)));
            assertEquals(0, tablesNamed("main", upper), name);
            intact("drop " + name);
        }
        // A log table with the hostile names as columns, written by name from JSON.
        final StringBuilder columns = new StringBuilder("create table NAMED (");
        final List<String> distinct = new ArrayList<>();
        for (final String name : NAMES)
        {
            if (!distinct.contains(name.toUpperCase(Locale.ROOT)))
            {
                distinct.add(name.toUpperCase(Locale.ROOT));
                columns.append(distinct.size() == 1 ? "" : ", ").append(ident(name)).append(" varchar(40)");
            }
        }
        ok("create NAMED", server.query(columns.append(')').toString()));
        final StringBuilder body = new StringBuilder("{\"data\":{\"columns\":[");
        for (int i = 0; i < distinct.size(); i++)
        {
            body.append(i == 0 ? "" : ",").append(json(distinct.get(i)));
        }
        body.append("],\"rows\":[[");
        for (int i = 0; i < distinct.size(); i++)
        {
            body.append(i == 0 ? "" : ",").append(json("v" + i));
        }
        ok("write NAMED", server.post("/db/write/NAMED", "application/json", body.append("]]}}").toString()));
        assertEquals("v0,v" + (distinct.size() - 1) + "\n", server.rowsCsv("select " + ident(distinct.get(0)) + ", " +
            ident(distinct.get(distinct.size() - 1)) + " from NAMED"));
        intact("the table with hostile column names");
    }

    private static String csvField(final String text)
    {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Test
    void felderaPipelineTableAndColumnNames() throws Exception
    {
        for (final String name : NAMES)
        {
            final HttpResponse<String> pipeline = server.send(HttpRequest.newBuilder(
                server.uri("/v0/pipelines/" + TestServer.encode(name))).PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"program_code\":\"CREATE TABLE t (x INT);\"}")).build());
            refused("pipeline " + name, pipeline);
            intact("pipeline " + name);
            final String program = "CREATE TABLE " + ident(name) + " (" + ident(name) + " INT, y VARCHAR); " +
                "CREATE VIEW " + ident(name + " view") + " AS SELECT " + ident(name) + " FROM " + ident(name) + ";";
            final HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/names"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"program_code\":" + json(program) + "}")).build());
            intact("program " + program);
            if (!refusedOrAccepted("program " + program, put))
            {
                continue;
            }
            assertEquals(1, tablesNamed("names", name), name);
            assertEquals(1, tablesNamed("names", name + " view"), name);
            ok("start", server.post("/v0/pipelines/names/start", null, new byte[0]));
            // Feldera's URL form of a case-sensitive name is "name" in quotes; a name holding a quote cannot be
            // written that way: refused with a 404 naming it.
            final HttpResponse<String> ingress = server.post("/v0/pipelines/names/ingress/" +
                TestServer.encode('"' + name + '"') + "?format=json&update_format=raw", "application/json",
                "{" + json(name) + ": 5, \"y\": \"v\"}");
            intact("ingress into " + name);
            if (refusedOrAccepted("ingress into " + name, ingress))
            {
                awaitToken(JSON.readTree(ingress.body()).get("token").asText());
                final HttpResponse<String> query = server.get("/v0/pipelines/names/query?format=json&sql=" +
                    TestServer.encode("select " + ident(name) + " from " + ident(name + " view")));
                assertEquals(200, query.statusCode(), query.body());
                assertEquals("{" + json(name) + ":5}", query.body().trim(), name);
            }
            else
            {
                assertTrue(name.contains("\"") || name.contains("/"), () -> name + ": " + ingress.body());
            }
            ok("stop", server.post("/v0/pipelines/names/stop", null, new byte[0]));
            intact("stop with " + name);
        }
        refused("a view reading a file", server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/files"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"program_code\":" + json("CREATE TABLE t (x INT); " +
                "CREATE VIEW v AS SELECT * FROM read_csv('/etc/hostname');") + "}")).build()));
        intact("a view reading a file");
    }

    private static void awaitToken(final String token) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.get("/v0/pipelines/names/completion_status?token=" + TestServer.encode(token)).body()
            .contains("\"complete\""))
        {
            assertTrue(System.nanoTime() < deadline, "token " + token + " did not complete");
            Thread.sleep(10);
        }
    }

    @Test
    void protonStreamAndColumnNames() throws Exception
    {
        for (final String name : NAMES)
        {
            final HttpResponse<String> missing = server.post("/proton/v1/ingest/streams/" + TestServer.encode(name),
                "application/json", "{\"columns\":[\"x\"],\"data\":[[1]]}");
            assertEquals(404, missing.statusCode(), missing.body());
            intact("ingest into " + name);
            // ClickHouse's quoting (backticks) and the standard one: the same stream.
            final String backticks = '`' + name.replace("`", "``") + '`';
            final HttpResponse<String> created = server.post("/?query=" + TestServer.encode("CREATE STREAM " +
                backticks + " (" + ident(name) + " int32)"), null, new byte[0]);
            intact("CREATE STREAM " + backticks);
            if (!refusedOrAccepted("CREATE STREAM " + backticks, created))
            {
                continue;
            }
            assertEquals(1, tablesNamed("default", name), name);
            ok("INSERT INTO " + name, server.post("/?query=" + TestServer.encode("INSERT INTO " + ident(name) +
                " (" + backticks + ") VALUES (7)"), null, new byte[0]));
            intact("INSERT INTO " + name);
            ok("ingest into " + name, server.post("/proton/v1/ingest/streams/" + TestServer.encode(name) +
                "?mode=sync", "application/json", "{\"columns\":[" + json(name) + "],\"data\":[[8]]}"));
            intact("ingest into " + name);
            final HttpResponse<String> select = server.get("/?query=" + TestServer.encode("SELECT sum(" +
                ident(name) + ") FROM table(" + backticks + ")"));
            assertEquals("15\n", select.body(), name);
            ok("DROP STREAM " + name, server.post("/?query=" + TestServer.encode("DROP STREAM " + ident(name)), null,
                new byte[0]));
            assertEquals(0, tablesNamed("default", name), name);
            intact("DROP STREAM " + name);
        }
        for (final String name : NAMES)
        {
            final String stream = name + " d";
            final HttpResponse<String> created = server.post("/proton/v1/ddl/streams", "application/json",
                "{\"name\":" + json(stream) + ",\"columns\":[{\"name\":" + json(name) + ",\"type\":\"int\"}]}");
            intact("the DDL endpoint with " + stream);
            if (!refusedOrAccepted("the DDL endpoint with " + stream, created))
            {
                continue;
            }
            final Map<String, String> listed = new LinkedHashMap<>();
            for (final JsonNode s : JSON.readTree(server.get("/proton/v1/ddl/streams").body()).get("data"))
            {
                listed.put(s.get("name").asText(), s.get("columns").get(0).get("name").asText());
            }
            assertEquals(name, listed.get(stream), () -> stream + " in " + listed);
            final HttpResponse<String> dropped = server.send(HttpRequest.newBuilder(server.uri(
                "/proton/v1/ddl/streams/" + TestServer.encode(stream))).DELETE().build());
            intact("DELETE " + stream);
            if (!refusedOrAccepted("DELETE " + stream, dropped))
            {
                // A name with a '/' has no URL of its own here; SQL drops it.
                assertTrue(stream.contains("/"), () -> stream + ": " + dropped.body());
                ok("DROP STREAM " + stream, server.post("/?query=" + TestServer.encode("DROP STREAM " +
                    ident(stream)), null, new byte[0]));
            }
            assertEquals(0, tablesNamed("default", stream), stream);
        }
    }

    /**
     * Each query endpoint takes one statement, and a string cannot hide a {@code ;} from that check however its
     * dialect escapes quotes (ClickHouse: backslashes; DuckDB: none).
     */
    @Test
    void aStringCannotHideASecondStatement() throws Exception
    {
        put("strings", "CREATE TABLE t (x INT);");
        for (final String sql : List.of(
            "SELECT 'a\\'; DROP TABLE main.SENTINEL; --'",
            "SELECT 'a\\'; CREATE TABLE main.INJECTED (x INT); --'",
            "SELECT 'a\\') ; CREATE TABLE main.INJECTED (x INT); --'",
            "SELECT E'a\\'; CREATE TABLE main.INJECTED (x INT); --'",
            "SELECT 1 /* /* */ ; CREATE TABLE main.INJECTED (x INT); -- */",
            "SELECT $$a$$; CREATE TABLE main.INJECTED (x INT)",
            "SELECT `a; CREATE TABLE main.INJECTED (x INT); --`",
            "SELECT \"a\"\"; CREATE TABLE main.INJECTED (x INT); --\""))
        {
            for (final Map.Entry<String, Query> endpoint : queryEndpoints().entrySet())
            {
                refusedOrAccepted(endpoint.getKey() + " " + sql, endpoint.getValue().run(sql));
                intact(endpoint.getKey() + " " + sql);
            }
            refusedOrAccepted("a view " + sql, put("strings", "CREATE TABLE t (x INT); CREATE VIEW v AS " + sql +
                ";"));
            intact("a view " + sql);
        }
        // ClickHouse reads the backslash escape: the string is the whole text, as Proton answers it.
        assertEquals("a'; DROP TABLE main.SENTINEL; --\n", server.get("/?query=" + TestServer.encode(
            "SELECT 'a\\'; DROP TABLE main.SENTINEL; --'")).body());
    }

    @FunctionalInterface
    private interface Query
    {
        HttpResponse<String> run(String sql) throws Exception;
    }

    /** Every endpoint that runs SQL from a request, each way it takes it. */
    private static Map<String, Query> queryEndpoints()
    {
        final Map<String, Query> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /db/query", sql -> server.query(sql));
        endpoints.put("POST /db/query form", sql -> server.post("/db/query", "application/x-www-form-urlencoded",
            "q=" + TestServer.encode(sql)));
        endpoints.put("POST /db/query json", sql -> server.post("/db/query", "application/json",
            "{\"q\":" + json(sql) + "}"));
        endpoints.put("GET /?query=", sql -> server.get("/?query=" + TestServer.encode(sql)));
        endpoints.put("POST / body", sql -> server.post("/", "text/plain", sql));
        endpoints.put("POST /proton/v1/search", sql -> server.post("/proton/v1/search", "application/json",
            "{\"query\":" + json(sql) + "}"));
        endpoints.put("GET /v0/pipelines/strings/query", sql -> server.get("/v0/pipelines/strings/query?sql=" +
            TestServer.encode(sql)));
        return endpoints;
    }

    private static HttpResponse<String> put(final String pipeline, final String program) throws Exception
    {
        return server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + pipeline))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"program_code\":" + json(program) + "}")).build());
    }

    /**
     * No query endpoint reads or writes a file or undoes the lock-down (MachbaseQueryLockdownE2eTest has the same
     * for {@code /db/query} alone): 4xx, nothing of the file in the answer, nothing written.
     */
    @Test
    void noQueryEndpointReachesFiles() throws Exception
    {
        put("strings", "CREATE TABLE t (x INT);");
        final String marker = "sluice-injection-marker-5e1d";
        final Path secret = outside.resolve("secret.csv");
        Files.writeString(secret, "a\n" + marker + "\n", StandardCharsets.UTF_8);
        final Path written = outside.resolve("x");
        final Path tmpX = Path.of("/tmp/sluice-name-injection-" + ProcessHandle.current().pid() + "-x");
        final String file = literal(secret.toString());
        final List<String> statements = new ArrayList<>();
        for (final String target : List.of(written.toString(), tmpX.toString()))
        {
            statements.add("COPY (SELECT 1) TO " + literal(target));
            statements.add("COPY main.SENTINEL TO " + literal(target) + " (FORMAT csv)");
            statements.add("EXPORT DATABASE " + literal(target));
            statements.add("ATTACH " + literal(target) + " AS other");
            statements.add("SELECT * FROM read_csv(" + file + ") UNION ALL SELECT 1; COPY (SELECT 1) TO " +
                literal(target));
        }
        statements.addAll(List.of(
            "SELECT * FROM read_csv('/etc/hostname')",
            "SELECT * FROM read_csv(" + file + ")",
            "SELECT * FROM read_csv_auto(" + file + ")",
            "SELECT content FROM read_text(" + file + ")",
            "SELECT content FROM read_blob(" + file + ")",
            "SELECT * FROM " + file,
            "SELECT * FROM glob(" + literal(outside.resolve("*").toString()) + ")",
            "WITH f AS (SELECT * FROM read_text(" + file + ")) SELECT * FROM f",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "SET GLOBAL enable_external_access = true",
            "RESET enable_external_access",
            "SET lock_configuration = false",
            "PRAGMA enable_external_access = true",
            "PRAGMA lock_configuration = false"));
        for (final String sql : statements)
        {
            for (final Map.Entry<String, Query> endpoint : queryEndpoints().entrySet())
            {
                final HttpResponse<String> r = endpoint.getValue().run(sql);
                refused(endpoint.getKey() + " " + sql, r);
                assertFalse(r.body().contains(marker), () -> endpoint.getKey() + " " + sql + " leaked: " + r.body());
                assertFalse(Files.exists(written), () -> endpoint.getKey() + " " + sql + " wrote " + written);
                assertFalse(Files.exists(tmpX), () -> endpoint.getKey() + " " + sql + " wrote " + tmpX);
            }
            intact(sql);
        }
        // Still locked afterwards.
        assertEquals("false\n", server.rowsCsv("SELECT current_setting('enable_external_access')"));
    }
}
