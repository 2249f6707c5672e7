package sluice.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each type rule of the CSV seed (seeds/feldera-csv-format.txt), sent through Feldera's ingress of a running server
 * and read back through its query endpoint: the values as stored, NULL and empty-field rules, special floats,
 * leading zeros and whitespace, sub-microsecond timestamps trimmed, JSON-array strings for arrays, VARIANT, extra
 * fields ignored, and the bad values reported as ParseErrors while the good rows land.
 */
class FelderaCsvTypesE2eTest
{
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "types";

    @BeforeAll
    static void pipeline() throws Exception
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("name", PIPELINE);
        body.put("program_code", "CREATE TABLE t (id INT NOT NULL, b BOOLEAN, i TINYINT, d DOUBLE, r REAL, " +
            "n DECIMAL(10,2), s VARCHAR, tm TIME, dt DATE, ts TIMESTAMP, a BIGINT ARRAY, aa VARCHAR ARRAY ARRAY, " +
            "v VARIANT);");
        final HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/v0/pipelines/" + PIPELINE))
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(202, server.post("/v0/pipelines/" + PIPELINE + "/start", null, new byte[0]).statusCode());
    }

    @Test
    void everyTypeRuleOfTheSeedReadsBack() throws Exception
    {
        final String csv =
            // The seed's examples, one per type.
            "1,true,-9,1e20,-1.40,12.53,abc,12:12:33,2024-02-25,2024-02-25 12:12:33,\"[1, 2]\"," +
                "\"[[ 'abc', '123'], ['c', 'sql']]\",\"{\"\"foo\"\": \"\"bar\"\"}\"\n" +
            // NaN in any case, Inf with a sign, nine sub-second digits, leading zeros skipped, an extra field.
            "2,false,127,nAn,-Inf,-1.4,\"a, b\",23:59:09.483221092,1-1-1,2024-02-25 12:12:33.123456789,[],[],1,extra\n" +
            // Nullable non-strings: empty field or NULL/null; a string: empty is '', NULL is NULL.
            "3,,,,null,NULL,,,,,,,\n" +
            "4,null,NULL,+inf,3e234,1e2,NULL, 1:2:3 , 0001-1-01 ,2024-02-25 12:12:33.5,,,\n";
        final HttpResponse<String> r = server.post(ingress(), "text/plain", csv);
        assertEquals(200, r.statusCode(), r.body());
        awaitComplete(JSON.readTree(r.body()).get("token").asText());

        final List<String> rows = rows("select id, b, i, d::VARCHAR as d, r::VARCHAR as r, n::VARCHAR as n, s, " +
            "tm::VARCHAR as tm, dt::VARCHAR as dt, ts::VARCHAR as ts, a::VARCHAR as a, aa::VARCHAR as aa, " +
            "v::VARCHAR as v from t order by id");
        assertEquals(List.of(
            "{\"id\":1,\"b\":true,\"i\":-9,\"d\":\"1e+20\",\"r\":\"-1.4\",\"n\":\"12.53\",\"s\":\"abc\"," +
                "\"tm\":\"12:12:33\",\"dt\":\"2024-02-25\",\"ts\":\"2024-02-25 12:12:33\",\"a\":\"[1, 2]\"," +
                "\"aa\":\"[[abc, 123], [c, sql]]\",\"v\":\"{\\\"foo\\\": \\\"bar\\\"}\"}",
            "{\"id\":2,\"b\":false,\"i\":127,\"d\":\"nan\",\"r\":\"-inf\",\"n\":\"-1.40\",\"s\":\"a, b\"," +
                "\"tm\":\"23:59:09.483221\",\"dt\":\"0001-01-01\",\"ts\":\"2024-02-25 12:12:33.123456\",\"a\":\"[]\"," +
                "\"aa\":\"[]\",\"v\":\"1\"}",
            "{\"id\":3,\"b\":null,\"i\":null,\"d\":null,\"r\":null,\"n\":null,\"s\":\"\",\"tm\":null,\"dt\":null," +
                "\"ts\":null,\"a\":null,\"aa\":null,\"v\":null}",
            "{\"id\":4,\"b\":null,\"i\":null,\"d\":\"inf\",\"r\":\"nan\",\"n\":\"100.00\",\"s\":null," +
                "\"tm\":\"01:02:03\",\"dt\":\"0001-01-01\",\"ts\":\"2024-02-25 12:12:33.5\",\"a\":null,\"aa\":null," +
                "\"v\":null}"), rows);
    }

    @Test
    void badValuesAreRejectedByFieldAndTheRestLands() throws Exception
    {
        final String csv = "10,maybe\n11,true,128\n12,true,1,1,1,1,x,12:00:00,1997-02-29\n" +
            "13,true,1,1,1,123456789012.5\n14,true,-128\n";
        final HttpResponse<String> r = server.post(ingress(), "text/plain", csv);
        assertEquals(400, r.statusCode(), r.body());
        final JsonNode body = JSON.readTree(r.body());
        assertEquals("ParseErrors", body.get("error_code").asText());
        assertTrue(body.get("message").asText().contains("1 records ingested, 4 rejected"), r.body());
        final List<String> fields = new ArrayList<>();
        for (final JsonNode error : body.get("details").get("errors"))
        {
            fields.add(error.get("event_number").asInt() + ":" + error.get("field").asText());
        }
        assertEquals(List.of("1:b", "2:i", "3:dt", "4:n"), fields, r.body());
        String last = null;
        for (int i = 0; i < 300; i++)
        {
            last = String.join("\n", rows("select id, i from t where id >= 10 order by id"));
            if (last.equals("{\"id\":14,\"i\":-128}"))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals("{\"id\":14,\"i\":-128}", last);
    }

    private static String ingress()
    {
        return "/v0/pipelines/" + PIPELINE + "/ingress/t?format=csv";
    }

    private static List<String> rows(final String sql) throws Exception
    {
        final HttpResponse<String> r = server.get("/v0/pipelines/" + PIPELINE + "/query?format=json&sql=" +
            TestServer.encode(sql));
        assertEquals(200, r.statusCode(), r.body());
        final List<String> rows = new ArrayList<>();
        for (final String line : r.body().split("\n"))
        {
            if (!line.isEmpty())
            {
                rows.add(line);
            }
        }
        return rows;
    }

    private static void awaitComplete(final String token) throws Exception
    {
        for (int i = 0; i < 500; i++)
        {
            final HttpResponse<String> r = server.get("/v0/pipelines/" + PIPELINE + "/completion_status?token=" +
                token);
            if (JSON.readTree(r.body()).get("status").asText().equals("complete"))
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("token never completed");
    }
}
