package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each value coercion rule and each error row of spec/proton.md, one request each through
 * {@code POST /proton/v1/ingest/streams/co?mode=sync}, the stored value read back with {@code SELECT … FROM table(co)}
 * on {@code /?query=}.
 */
class ProtonCoercionE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void stream() throws Exception
    {
        final HttpResponse<String> r = server.post("/?query=" + TestServer.encode("CREATE STREAM co (k int32, " +
            "i int32, u uint8, f float64, s string, b bool, n nullable(int32), ns nullable(string), d date, " +
            "dt datetime, t datetime64(3), dec decimal(10, 2), a array(int32), m map(string, int32), id uuid, " +
            "dflt string DEFAULT 'x', z int64)"), "text/plain", new byte[0]);
        assertEquals(200, r.statusCode(), r.body());
    }

    static Stream<Arguments> accepted()
    {
        return Stream.of(
            Arguments.of("a quoted number into an integer", "i", "\"123\"", "123"),
            Arguments.of("true into an integer is 1", "i", "true", "1"),
            Arguments.of("a quoted number into a float", "f", "\"2.5\"", "2.5"),
            Arguments.of("a bare number into a string keeps its text", "s", "3.50", "3.50"),
            Arguments.of("bool takes 1", "b", "1", "true"),
            Arguments.of("bool takes false", "b", "false", "false"),
            Arguments.of("null into nullable is NULL", "n", "null", "\\N"),
            Arguments.of("\"\" into nullable is NULL", "n", "\"\"", "\\N"),
            // A nullable string keeps "" (an empty string is a value of the type, as in ClickHouse); null is NULL.
            Arguments.of("\"\" into nullable(string) stays an empty string", "ns", "\"\"", ""),
            Arguments.of("null into nullable(string) is NULL", "ns", "null", "\\N"),
            Arguments.of("null into a non-nullable column without DEFAULT is the type default", "i", "null", "0"),
            Arguments.of("null into a column with a DEFAULT is the DEFAULT", "dflt", "null", "x"),
            Arguments.of("datetime64 takes an epoch in ms, the unit guessed", "t", "1617280496789",
                "2021-04-01 12:34:56.789"),
            Arguments.of("datetime64 takes an epoch in ns, the unit guessed", "t", "1617280496789123456",
                "2021-04-01 12:34:56.789"),
            Arguments.of("datetime64 takes a best-effort string", "t", "\"2021-04\"", "2021-04-01 00:00:00"),
            Arguments.of("datetime takes epoch seconds", "dt", "1617280496", "2021-04-01 12:34:56"),
            Arguments.of("datetime takes a string", "dt", "\"2021-04-01 12:34:56\"", "2021-04-01 12:34:56"),
            Arguments.of("date takes a string", "d", "\"2021-04-01\"", "2021-04-01"),
            Arguments.of("decimal takes a string", "dec", "\"1.25\"", "1.25"),
            Arguments.of("decimal takes a number", "dec", "2.5", "2.50"),
            Arguments.of("array takes a JSON array", "a", "[1,2]", "[1, 2]"),
            Arguments.of("map takes a JSON object", "m", "{\"k\":1}", "{k=1}"),
            Arguments.of("uuid takes a string", "id", "\"123e4567-e89b-12d3-a456-426614174000\"",
                "123e4567-e89b-12d3-a456-426614174000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void valueIsCoerced(final String rule, final String column, final String json, final String stored)
        throws Exception
    {
        final int key = KEYS.incrementAndGet();
        final HttpResponse<String> r = ingest("{\"columns\":[\"k\",\"" + column + "\"],\"data\":[[" + key + "," + json +
            "]]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(stored + "\t0\n", server.get("/?query=" + TestServer.encode("SELECT " + column +
            ", z FROM table(co) WHERE k = " + key)).body(), "and z, left out, is its type default");
    }

    static Stream<Arguments> refused()
    {
        return Stream.of(
            Arguments.of("no data", "{\"columns\":[\"k\"]}", 400, 117, "Invalid Request, missing 'data' field"),
            Arguments.of("no columns", "{\"data\":[[1]]}", 400, 117, "Invalid Request, 'columns' field is missing"),
            Arguments.of("columns not an array", "{\"columns\":\"k\",\"data\":[[1]]}", 400, 117,
                "Invalid Request, 'columns' field is invalid"),
            Arguments.of("empty columns", "{\"columns\":[],\"data\":[[1]]}", 400, 117,
                "Invalid Request, 'columns' field is invalid"),
            Arguments.of("not JSON", "hello", 400, 117, null),
            Arguments.of("truncated", "{\"columns\":[\"k\"],\"data\":[[1", 400, 117, null),
            Arguments.of("unknown column", "{\"columns\":[\"k\",\"nope\"],\"data\":[[1,2]]}", 400, 16,
                "No such column nope in stream default.co"),
            Arguments.of("wrong arity", "{\"columns\":[\"k\",\"i\"],\"data\":[[1,2,3]]}", 400, 27, null),
            Arguments.of("a float into an integer", "{\"columns\":[\"k\",\"i\"],\"data\":[[1,1.5]]}", 400, 27, null),
            Arguments.of("overflow", "{\"columns\":[\"k\",\"i\"],\"data\":[[1,99999999999]]}", 400, 27, null),
            Arguments.of("a negative into an unsigned", "{\"columns\":[\"k\",\"u\"],\"data\":[[1,-1]]}", 400, 72,
                null),
            Arguments.of("a bool into a string", "{\"columns\":[\"k\",\"s\"],\"data\":[[1,true]]}", 400, 117, null),
            Arguments.of("an object into a string", "{\"columns\":[\"k\",\"s\"],\"data\":[[1,{}]]}", 400, 117, null),
            Arguments.of("an array into a string", "{\"columns\":[\"k\",\"s\"],\"data\":[[1,[1]]]}", 400, 117, null),
            // date and uuid take strings only: any other JSON type is refused as for string columns.
            Arguments.of("a number into a date", "{\"columns\":[\"k\",\"d\"],\"data\":[[1,20210401]]}", 400, 117,
                null),
            Arguments.of("a number into a uuid", "{\"columns\":[\"k\",\"id\"],\"data\":[[1,5]]}", 400, 117, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void errorIsAnsweredAndNothingLands(
        final String rule, final String body, final int status, final int code, final String message) throws Exception
    {
        final String before = server.rowsCsv("select count(*) from \"default\".co");
        final HttpResponse<String> r = ingest(body);
        assertEquals(status, r.statusCode(), r.body());
        final JsonNode error = JSON.readTree(r.body());
        assertEquals(code, error.get("code").asInt(), r.body());
        if (message != null)
        {
            assertEquals(message, error.get("error_msg").asText(), r.body());
        }
        assertTrue(error.get("request_id").asText().length() > 0, r.body());
        assertEquals(before, server.rowsCsv("select count(*) from \"default\".co"));
    }

    private static HttpResponse<String> ingest(final String body) throws Exception
    {
        return server.post("/proton/v1/ingest/streams/co?mode=sync", "application/json", body);
    }
}
