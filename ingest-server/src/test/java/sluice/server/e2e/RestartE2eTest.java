package sluice.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop the server, start a new one on the same data dir: tables, rows and the ability to write are all there. */
class RestartE2eTest
{
    @TempDir
    Path dir;

    @Test
    void tablesAndRowsSurviveARestart() throws Exception
    {
        try (TestServer s = TestServer.start(dir))
        {
            assertEquals(200, s.query("create tag table TAGS (name varchar(40) primary key, time datetime " +
                "basetime, value double, status integer)").statusCode());
            assertEquals(200, s.query("create table LOGS (msg varchar(100), level short)").statusCode());
            assertEquals(200, s.post("/db/write/TAGS?timeformat=s", "text/csv", "a,1676432361,1.5,1\n")
                .statusCode());
            // Appended rows are acknowledged once queued: the stop must drain them into the database.
            final StringBuilder many = new StringBuilder();
            double sum = 1.5;
            for (int i = 0; i < 5000; i++)
            {
                sum += i + 0.25;
                many.append("b,").append(1676432362L + i).append(',').append(i).append(".25,").append(i % 7)
                    .append('\n');
            }
            assertEquals(200, s.post("/db/write/TAGS?timeformat=s&method=append", "text/csv", many.toString())
                .statusCode());
            assertEquals(200, s.post("/db/write/LOGS", "application/x-ndjson",
                "{\"MSG\":\"hello\",\"LEVEL\":3}\n").statusCode());

            s.restart();

            assertEquals("5001," + new java.math.BigDecimal(sum).toPlainString() + "\n", s.rowsCsv("select count(*), sum(value) from TAGS"));
            assertEquals("a,1676432361,1.5,1\n", s.rowsCsv("select * from TAGS where name = 'a'", "timeformat", "s"));
            assertEquals("hello,3\n", s.rowsCsv("select msg, level from LOGS"));
            assertEquals(200, s.post("/db/write/TAGS?timeformat=s", "text/csv", "c,1676432361,2,2\n").statusCode());
            final var exists = s.query("create tag table TAGS (name varchar(40) primary key, time datetime basetime," +
                " value double)");
            assertEquals(400, exists.statusCode());
            assertTrue(exists.body().contains("\"success\":false"), exists.body());

            s.restart();

            assertEquals("5002\n", s.rowsCsv("select count(*) from TAGS"));
        }
    }
}
