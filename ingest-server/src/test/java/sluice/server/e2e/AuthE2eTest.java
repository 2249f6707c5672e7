package sluice.server.e2e;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sluice.server.auth.ApiKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bearer API keys and JWTs on all three APIs: 401 without or with bad credentials (in each API's error shape, with
 * {@code WWW-Authenticate: Bearer}), 403 without the scope, health checks open; keys configured in clear or as
 * SHA-256 hashes; HS256 and RS256 JWTs with their scopes, expiry and signature checked; Proton's
 * {@code x-timeplus-key}; Feldera input connectors still load through the server's own ingress; no secret in the log.
 */
class AuthE2eTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INGEST_KEY = "ingest-secret-0123456789";
    private static final String QUERY_KEY = "query-secret-0123456789";
    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String JWT_SECRET = "jwt-hs256-secret-0123456789-abcdefgh";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> LOG = new ArrayList<>();
    private static final Handler CAPTURE = new Handler()
    {
        @Override
        public void publish(final LogRecord record)
        {
            synchronized (LOG)
            {
                LOG.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    };

    @TempDir
    static Path dir;
    private static TestServer server;
    private static KeyPair rsa;

    @BeforeAll
    static void start() throws Exception
    {
        Logger.getLogger("").addHandler(CAPTURE);
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        final Path publicKey = dir.resolve("jwt-public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" +
            Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        server = TestServer.start(dir.resolve("data"), config -> config.security()
            .apiKey("loader:ingest:" + INGEST_KEY)
            .apiKey("dashboard:query:" + QUERY_KEY)
            // The admin key configured by its hash only.
            .apiKey("root:admin:sha256:" + ApiKeys.hash(ADMIN_KEY))
            .jwtSecret(JWT_SECRET)
            .jwtPublicKey(publicKey));
        assertEquals(201, send("PUT", "/v0/pipelines/p", ADMIN_KEY, "{\"name\":\"p\",\"program_code\":\"CREATE TABLE " +
            "t (id BIGINT, name VARCHAR);\"}").statusCode());
        assertEquals(202, send("POST", "/v0/pipelines/p/start", ADMIN_KEY, "").statusCode());
        assertEquals(200, send("GET", "/db/query?q=" + TestServer.encode("create table M (id int, name varchar(20))"),
            ADMIN_KEY, null).statusCode());
        assertEquals(200, send("POST", "/?query=", ADMIN_KEY, "CREATE STREAM s (id int, name string)").statusCode());
    }

    @AfterAll
    static void stop()
    {
        server.close();
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void healthChecksNeedNoCredentials() throws Exception
    {
        assertEquals(200, send("GET", "/health", null, null).statusCode());
        assertEquals(200, send("GET", "/ready", null, null).statusCode());
        assertEquals(200, send("GET", "/proton/ping", null, null).statusCode());
        // Not even looked at there: a bad or forged token on a public route is no reason to refuse it.
        assertEquals(200, send("GET", "/health", "eyJhbGciOiJSUzI1NiJ9.e30.bad-signature", null).statusCode());
    }

    @Test
    void missingOrBadCredentialsAre401InEachApisShape() throws Exception
    {
        for (final String key : new String[] {null, "not-a-key-0123456789", INGEST_KEY + "x"})
        {
            final HttpResponse<String> machbase = send("POST", "/db/write/M", key, "{\"data\":{\"columns\":[\"ID\"]," +
                "\"rows\":[[1]]}}");
            assertEquals(401, machbase.statusCode(), machbase.body());
            assertEquals("Bearer", machbase.headers().firstValue("www-authenticate").orElse(null));
            assertFalse(JSON.readTree(machbase.body()).get("success").asBoolean(), machbase.body());
            final HttpResponse<String> feldera = send("POST", "/v0/pipelines/p/ingress/t?format=csv", key, "1,a\n");
            assertEquals(401, feldera.statusCode(), feldera.body());
            assertEquals("Unauthorized", JSON.readTree(feldera.body()).get("error_code").asText(), feldera.body());
            final HttpResponse<String> proton = send("POST", "/proton/v1/ingest/streams/s", key,
                "{\"columns\":[\"id\"],\"data\":[[1]]}");
            assertEquals(401, proton.statusCode(), proton.body());
            assertEquals(516, JSON.readTree(proton.body()).get("code").asInt(), proton.body());
            final HttpResponse<String> sql = send("POST", "/?query=", key, "SELECT 1");
            assertEquals(401, sql.statusCode(), sql.body());
            assertTrue(sql.body().startsWith("Code: 516. DB::Exception: "), sql.body());
        }
        assertEquals("0\n", rows("select count(*) from \"default\".s"));
    }

    @Test
    void theIngestKeyWritesButNeitherReadsNorChangesTables() throws Exception
    {
        assertEquals(200, send("POST", "/db/write/M", INGEST_KEY, "{\"data\":{\"columns\":[\"ID\",\"NAME\"]," +
            "\"rows\":[[1,\"m\"]]}}").statusCode());
        assertEquals(200, send("POST", "/v0/pipelines/p/ingress/t?format=csv", INGEST_KEY, "1,f\n").statusCode());
        assertEquals(200, send("POST", "/proton/v1/ingest/streams/s?mode=sync", INGEST_KEY,
            "{\"columns\":[\"id\",\"name\"],\"data\":[[1,\"bearer\"]]}").statusCode());
        // Proton's own header carries the same keys.
        final HttpResponse<String> timeplusKey = CLIENT.send(HttpRequest.newBuilder(server.uri(
                "/proton/v1/ingest/streams/s?mode=sync")).header("x-timeplus-key", INGEST_KEY)
            .POST(HttpRequest.BodyPublishers.ofString("{\"columns\":[\"id\",\"name\"],\"data\":[[2,\"header\"]]}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, timeplusKey.statusCode(), timeplusKey.body());
        assertEquals(200, send("POST", "/?query=", INGEST_KEY, "INSERT INTO s VALUES (3, 'insert')").statusCode());
        assertEquals(200, send("GET", "/db/query?q=" + TestServer.encode("EXEC table_flush(M)"), INGEST_KEY, null)
            .statusCode());

        final HttpResponse<String> select = send("GET", "/db/query?q=" + TestServer.encode("select * from M"),
            INGEST_KEY, null);
        assertEquals(403, select.statusCode(), select.body());
        assertTrue(select.body().contains("'loader' lacks the query scope"), select.body());
        assertEquals(403, send("POST", "/?query=", INGEST_KEY, "SELECT * FROM s").statusCode());
        assertEquals(403, send("POST", "/proton/v1/search", INGEST_KEY, "{\"query\":\"SELECT 1\"}").statusCode());
        assertEquals(403, send("GET", "/v0/pipelines/p/query?sql=" + TestServer.encode("select 1"), INGEST_KEY, null)
            .statusCode());
        final HttpResponse<String> create = send("POST", "/?query=", INGEST_KEY, "CREATE STREAM nope (id int)");
        assertEquals(403, create.statusCode(), create.body());
        assertTrue(create.body().startsWith("Code: 497. DB::Exception: "), create.body());
        final HttpResponse<String> ddl = send("POST", "/proton/v1/ddl/streams", INGEST_KEY,
            "{\"name\":\"nope\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        assertEquals(403, ddl.statusCode(), ddl.body());
        assertEquals(497, JSON.readTree(ddl.body()).get("code").asInt(), ddl.body());
        assertEquals(403, send("GET", "/db/query?q=" + TestServer.encode("drop table M"), INGEST_KEY, null)
            .statusCode());
        assertEquals(403, send("POST", "/v0/pipelines/p/stop", INGEST_KEY, "").statusCode());
        assertEquals(403, send("DELETE", "/v0/pipelines/p", INGEST_KEY, null).statusCode());
        assertEquals("1,bearer\n2,header\n3,insert\n",
            rows("select id, name from \"default\".s where id < 10 order by id"));
    }

    @Test
    void theQueryKeyReadsButDoesNotWrite() throws Exception
    {
        assertEquals(200, send("GET", "/db/query?q=" + TestServer.encode("select count(*) from M"), QUERY_KEY, null)
            .statusCode());
        assertEquals(200, send("POST", "/?query=", QUERY_KEY, "SELECT count(*) FROM table(s)").statusCode());
        assertEquals(200, send("POST", "/proton/v1/search", QUERY_KEY, "{\"query\":\"SELECT 1\"}").statusCode());
        assertEquals(200, send("GET", "/v0/pipelines/p", QUERY_KEY, null).statusCode());
        assertEquals(200, send("GET", "/proton/v1/ddl/streams", QUERY_KEY, null).statusCode());
        final HttpResponse<String> write = send("POST", "/db/write/M", QUERY_KEY, "{\"data\":{\"columns\":[\"ID\"]," +
            "\"rows\":[[9]]}}");
        assertEquals(403, write.statusCode(), write.body());
        assertEquals(403, send("POST", "/v0/pipelines/p/ingress/t?format=csv", QUERY_KEY, "9,q\n").statusCode());
        assertEquals(403, send("POST", "/proton/v1/ingest/streams/s", QUERY_KEY, "{\"columns\":[\"id\"]," +
            "\"data\":[[9]]}").statusCode());
        assertEquals(403, send("POST", "/?query=", QUERY_KEY, "INSERT INTO s VALUES (9, 'q')").statusCode());
        // Statements that look like reads but write, or run what they name.
        final String before = rows("select count(*) from M");
        for (final String sql : new String[] {"delete from M returning id", "explain analyze delete from M",
            "with x as (select 1) delete from M", "pragma enable_profiling", "call checkpoint()"})
        {
            final HttpResponse<String> r = send("GET", "/db/query?q=" + TestServer.encode(sql), QUERY_KEY, null);
            assertEquals(403, r.statusCode(), sql + ": " + r.body());
        }
        assertEquals(400, send("GET", "/v0/pipelines/p/query?sql=" + TestServer.encode(
            "with x as (select 1) delete from t"), QUERY_KEY, null).statusCode());
        assertEquals("0\n", rows("select count(*) from \"default\".s where id = 9"));
        assertEquals(before, rows("select count(*) from M"));
    }

    @Test
    void jwtsCarryTheirScopesAndMustBeValid() throws Exception
    {
        final String hs256 = JWT.create().withSubject("sensor-7").withClaim("scope", "ingest query")
            .withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.HMAC256(JWT_SECRET));
        assertEquals(200, send("POST", "/proton/v1/ingest/streams/s?mode=sync", hs256,
            "{\"columns\":[\"id\",\"name\"],\"data\":[[20,\"jwt\"]]}").statusCode());
        assertEquals(200, send("POST", "/?query=", hs256, "SELECT count(*) FROM s WHERE id = 20").statusCode());
        final HttpResponse<String> notAdmin = send("POST", "/?query=", hs256, "DROP STREAM s");
        assertEquals(403, notAdmin.statusCode(), notAdmin.body());
        assertTrue(notAdmin.body().contains("'sensor-7' lacks the admin scope"), notAdmin.body());

        final String expired = JWT.create().withSubject("old").withClaim("scope", "admin")
            .withExpiresAt(Instant.now().minusSeconds(3600)).sign(Algorithm.HMAC256(JWT_SECRET));
        assertEquals(401, send("POST", "/?query=", expired, "SELECT 1").statusCode());
        final String forever = JWT.create().withSubject("no-exp").withClaim("scope", "admin")
            .sign(Algorithm.HMAC256(JWT_SECRET));
        assertEquals(401, send("POST", "/?query=", forever, "SELECT 1").statusCode(), "a JWT must expire");
        final String forged = JWT.create().withSubject("mallory").withClaim("scope", "admin")
            .withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.HMAC256("another-secret-of-at-least-32-bytes!"));
        assertEquals(401, send("POST", "/?query=", forged, "SELECT 1").statusCode());

        final String rs256 = JWT.create().withSubject("ops").withClaim("scopes", List.of("admin"))
            .withExpiresAt(Instant.now().plusSeconds(300))
            .sign(Algorithm.RSA256((RSAPublicKey)rsa.getPublic(), (RSAPrivateKey)rsa.getPrivate()));
        assertEquals(200, send("POST", "/?query=", rs256, "CREATE STREAM by_jwt (id int)").statusCode());
        assertEquals(200, send("POST", "/?query=", rs256, "DROP STREAM by_jwt").statusCode());
    }

    @Test
    void inputConnectorsIngestThroughTheServersOwnCredentials() throws Exception
    {
        final Path file = dir.resolve("rows.csv");
        Files.writeString(file, "100,from-file\n101,from-file\n");
        final String program = "CREATE TABLE c (id BIGINT, name VARCHAR) WITH ('connectors' = '[{\"transport\": " +
            "{\"name\": \"file_input\", \"config\": {\"path\": \"" + file + "\"}}, " +
            "\"format\": {\"name\": \"csv\"}}]');";
        assertEquals(201, send("PUT", "/v0/pipelines/conn", ADMIN_KEY, JSON.createObjectNode().put("name", "conn")
            .put("program_code", program).toString()).statusCode());
        assertEquals(202, send("POST", "/v0/pipelines/conn/start", ADMIN_KEY, "").statusCode());
        String count = "";
        for (int i = 0; i < 300 && !count.equals("2\n"); i++)
        {
            Thread.sleep(10);
            count = rows("select count(*) from conn.c");
        }
        assertEquals("2\n", count);
    }

    @Test
    void noSecretReachesTheLog()
    {
        synchronized (LOG)
        {
            for (final String line : LOG)
            {
                for (final String secret : new String[] {INGEST_KEY, QUERY_KEY, ADMIN_KEY, JWT_SECRET})
                {
                    assertFalse(line.contains(secret), line);
                }
            }
        }
    }

    /** Reads through /db/query with the admin key, as CSV. */
    private static String rows(final String sql) throws Exception
    {
        final HttpResponse<String> r = send("GET", "/db/query?format=csv&heading=false&q=" + TestServer.encode(sql),
            ADMIN_KEY, null);
        assertEquals(200, r.statusCode(), r.body());
        // Machbase's CSV ends with an empty line.
        return r.body().strip() + "\n";
    }

    private static HttpResponse<String> send(final String method, final String path, final String token,
        final String body) throws Exception
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null)
        {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null && body.startsWith("{"))
        {
            b.header("Content-Type", "application/json");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
