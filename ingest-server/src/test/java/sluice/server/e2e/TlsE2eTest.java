package sluice.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with a PEM certificate and key ({@code --tls-cert}, {@code --tls-key}): a self-signed pair made here with the
 * JDK's keytool, a client that trusts it writes and reads through all three APIs, plain HTTP to the port gets no
 * answer, and Feldera input connectors post to the server's own HTTPS ingress.
 */
class TlsE2eTest
{
    private static final String KEY = "tls-test-key-0123456789";

    @TempDir
    static Path dir;
    private static TestServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception
    {
        final Path keystore = dir.resolve("server.p12");
        final String keytoolPath = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        final Process keytool = new ProcessBuilder(keytoolPath,
            "-genkeypair", "-alias", "sluice", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, "changeit".toCharArray());
        }
        final Certificate certificate = store.getCertificate("sluice");
        final Path cert = dir.resolve("cert.pem");
        final Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("sluice", "changeit".toCharArray()).getEncoded()));

        server = TestServer.start(dir.resolve("data"), config -> config.security().tls(cert, key)
            .apiKey("all:admin:" + KEY));
        final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("sluice", certificate);
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void allThreeApisAnswerOverHttps() throws Exception
    {
        assertEquals(200, send("GET", "/health", null).statusCode());
        assertEquals(200, send("POST", "/?query=", "CREATE STREAM s (id int, name string)").statusCode());
        assertEquals(200, send("POST", "/proton/v1/ingest/streams/s?mode=sync",
            "{\"columns\":[\"id\",\"name\"],\"data\":[[1,\"secure\"]]}").statusCode());
        assertEquals(200, send("GET", "/db/query?q=" + TestServer.encode("create table M (id int)"), null)
            .statusCode());
        assertEquals(200, send("POST", "/db/write/M?method=insert", "{\"data\":{\"columns\":[\"ID\"],\"rows\":[[7]]}}")
            .statusCode());
        assertEquals("1\tsecure\n", send("POST", "/?query=", "SELECT id, name FROM table(s)").body());
        final HttpResponse<String> machbase = send("GET", "/db/query?format=csv&heading=false&q=" +
            TestServer.encode("select id from M"), null);
        assertEquals("7", machbase.body().strip());
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer()
    {
        final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void inputConnectorsPostToTheServersOwnHttpsIngress() throws Exception
    {
        final Path file = dir.resolve("rows.csv");
        Files.writeString(file, "1,a\n2,b\n3,c\n");
        final String program = "CREATE TABLE c (id BIGINT, name VARCHAR) WITH ('connectors' = '[{\"transport\": " +
            "{\"name\": \"file_input\", \"config\": {\"path\": \"" + file + "\"}}, " +
            "\"format\": {\"name\": \"csv\"}}]');";
        assertEquals(201, send("PUT", "/v0/pipelines/conn", "{\"name\":\"conn\",\"program_code\":" +
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(program) + "}").statusCode());
        assertEquals(202, send("POST", "/v0/pipelines/conn/start", "").statusCode());
        String count = "";
        for (int i = 0; i < 300 && !count.equals("3"); i++)
        {
            Thread.sleep(10);
            count = send("GET", "/db/query?format=csv&heading=false&q=" + TestServer.encode(
                "select count(*) from conn.c"), null).body().strip();
        }
        assertEquals("3", count, List.of(send("GET", "/v0/pipelines/conn", null).body()).toString());
    }

    private static HttpResponse<String> send(final String method, final String path, final String body)
        throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + KEY)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
