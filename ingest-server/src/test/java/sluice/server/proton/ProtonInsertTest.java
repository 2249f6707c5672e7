package sluice.server.proton;

import org.junit.jupiter.api.Test;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code INSERT … VALUES} into the ingest API's JSON body: literals, functions, the column list and the errors. */
class ProtonInsertTest
{
    private static final TableSchema SCHEMA = SchemaText.parse("s",
        "id INT32 NOT NULL QUOTED, name VARCHAR NOT NULL QUOTED, _tp_time TIMESTAMP(3,UTC) NOT NULL QUOTED DEFAULT NOW");
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123Z");

    @Test
    void literalsBecomeJson()
    {
        assertEquals("{\"columns\":[\"id\",\"name\"],\"data\":[[1,\"a'b\\\\c\\nA\"],[-2,null],[0.5,true]," +
                "[7,1000.0],[1e3,\"x\"],[[1,[2,3]],{\"k\":1,\"2\":\"v\"}]]}",
            body("INSERT INTO s (id, name) VALUES (1, 'a\\'b\\\\c\\n\\x41'), (-2, NULL), (.5, TRUE), (007, 1000.0), " +
                "(1.e3, 'x'), ([1, (2, 3)], {'k': 1, 2: 'v'})"));
        assertEquals("{\"columns\":[\"id\",\"name\"],\"data\":[[1,\"a\"]]}", body("insert into s values (1, 'a');"));
        // \xHH escapes are bytes, and consecutive ones spell UTF-8, as ClickHouse reads them.
        assertEquals("{\"columns\":[\"id\",\"name\"],\"data\":[[1,\"\u4e2d!\"]]}",
            body("INSERT INTO s (id, name) VALUES (1, '\\xE4\\xB8\\xAD\\x21')"));
        assertEquals("{\"columns\":[\"id\",\"name\",\"_tp_time\"],\"data\":[[1,\"a\",\"2026-11-21T10:00:00.123Z\"]]}",
            body("INSERT INTO s VALUES (1, 'a', now64(3, 'UTC'))"), "every column given: _tp_time too");
        assertEquals("{\"columns\":[\"id\",\"name\"],\"data\":[[\"5\",\"2026-11-21\"],[2,\"2021-04-01\"]]}",
            body("INSERT INTO s (id, name) VALUES (to_int32('5'), today()), (cast(2 AS int32), " +
                "to_date('2021-04-01'))"));
        assertEquals("{\"columns\":[\"Id\",\"na me\"],\"data\":[[1,2]]}",
            body("INSERT INTO default.s (`Id`, \"na me\") VALUES (1, 2)"));
    }

    @Test
    void errorsNameThePosition()
    {
        assertError("INSERT s VALUES (1)", "syntax error at position 8 near \"S\": expected INTO");
        assertError("INSERT INTO s (id) (1)", "syntax error at position 20 near \"(\": expected VALUES");
        assertError("INSERT INTO s VALUES", "syntax error at end of statement: expected a row in parentheses " +
            "after VALUES");
        assertError("INSERT INTO s VALUES (1, DEFAULT)", "Syntax error: cannot read \"DEFAULT\" at position 26 as a " +
            "value: VALUES takes literals, now(), today(), to_…(literal) and cast(literal AS type)");
        assertError("INSERT INTO s VALUES (1, 1 + 2)", "syntax error at position 28 near \"+\": expected ')'");
        assertError("INSERT INTO s VALUES (1, lower('A'))", "Syntax error: function lower at position 26 is not " +
            "supported in VALUES: use a literal, now(), today(), to_…(literal) or cast(literal AS type)");
        assertError("INSERT INTO s VALUES (1, to_start_of_hour(now()))", "Syntax error: function to_start_of_hour at " +
            "position 26 is not supported in VALUES: use a literal, now(), today(), to_…(literal) or " +
            "cast(literal AS type)");
        assertError("INSERT INTO s VALUES (1, 'a') garbage", "syntax error at position 31 near \"GARBAGE\": " +
            "expected end of statement");
        assertError("INSERT INTO s VALUES (1, {x: 1})", "Syntax error: a map key must be a string or a number, not " +
            "\"X\" at position 27");
        assertError("INSERT INTO s FORMAT JSONEachRow", "Syntax error: only INSERT … VALUES is supported here, not " +
            "\"FORMAT\" at position 15 (use /proton/v1/ingest/streams/s for bulk rows)");
    }

    private static String body(final String sql)
    {
        final List<SqlToken> tokens = SqlLexer.tokenizeClickHouse(sql);
        return ProtonInsert.parse(sql, tokens, ProtonInsert.target(sql, tokens), SCHEMA, NOW).body();
    }

    private static void assertError(final String sql, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> body(sql)).getMessage(), sql);
    }
}
