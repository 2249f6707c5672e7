package sluice.server.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static sluice.server.e2e.QueryE2e.failure;

/**
 * User SQL from {@code /db/query} cannot reach the file system or undo the lock-down (ARCHITECTURE.md "Storage":
 * {@code enable_external_access = false}, then {@code lock_configuration = true}), and the bulk-load path keeps
 * working under it. Every refused statement is an error in the statement: 400 with {@code "success":false}.
 */
class MachbaseQueryLockdownE2eTest
{
    private static final String MARKER = "sluice-lockdown-marker-7f3a9c";

    @TempDir
    static Path outside;
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    private static Path secretCsv;

    @BeforeAll
    static void start() throws Exception
    {
        secretCsv = outside.resolve("secret.csv");
        Files.writeString(secretCsv, "a,b\n" + MARKER + ",1\n", StandardCharsets.UTF_8);
        QueryE2e.createTag(server, "LOCKED");
    }

    private static void refused(final String sql) throws Exception
    {
        final HttpResponse<String> r = server.query(sql);
        failure(r, 400);
        assertFalse(r.body().contains(MARKER), () -> sql + " leaked the file: " + r.body());
    }

    private static String sqlString(final Path path)
    {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    @Test
    void readCsvOfEtcHostnameIsAnError() throws Exception
    {
        refused("select * from read_csv('/etc/hostname')");
        refused("select * from read_csv_auto('/etc/hostname')");
        refused("select * from read_text('/etc/hostname')");
    }

    @Test
    void noFunctionReadsAFile() throws Exception
    {
        final String file = sqlString(secretCsv);
        for (final String sql : List.of(
            "select * from read_csv(" + file + ")",
            "select * from read_csv(" + file + ", header = true)",
            "select * from " + file,
            "select content from read_text(" + file + ")",
            "select content from read_blob(" + file + ")",
            "select * from read_json(" + file + ")",
            "select * from read_parquet(" + file + ")",
            "select * from glob(" + sqlString(outside.resolve("*")) + ")",
            "select * from read_blob(" + sqlString(server.dataDir().resolve("*")) + ")"))
        {
            refused(sql);
        }
    }

    @Test
    void theSettingsCannotBeUndone() throws Exception
    {
        for (final String sql : List.of(
            "SET enable_external_access = true",
            "set enable_external_access=true",
            "SET GLOBAL enable_external_access = true",
            "RESET enable_external_access",
            "SET lock_configuration = false",
            "SET GLOBAL lock_configuration = false",
            "PRAGMA enable_external_access = true"))
        {
            refused(sql);
        }
        // Still locked afterwards.
        refused("select * from read_csv(" + sqlString(secretCsv) + ")");
    }

    @Test
    void noFileIsWrittenOrAttached() throws Exception
    {
        final Path copied = outside.resolve("copied.csv");
        final Path attached = outside.resolve("attached.db");
        refused("COPY (select 1 as x) TO " + sqlString(copied));
        refused("COPY LOCKED TO " + sqlString(copied) + " (FORMAT csv)");
        refused("EXPORT DATABASE " + sqlString(outside.resolve("export")));
        refused("ATTACH " + sqlString(attached) + " AS other");
        refused("INSTALL httpfs");
        refused("LOAD httpfs");
        assertFalse(Files.exists(copied), "COPY TO wrote a file");
        assertFalse(Files.exists(attached), "ATTACH created a database");
        assertFalse(Files.exists(outside.resolve("export")), "EXPORT DATABASE wrote a directory");
    }

    /** The bulk-load path (a table function fed from the rings) still works with external access off. */
    @Test
    void writesStillLoadUnderTheLockDown() throws Exception
    {
        refused("SET enable_external_access = true");
        final StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 500; i++)
        {
            csv.append("t").append(i % 3).append(',').append(1_700_000_000L + i).append(',').append(i).append('\n');
        }
        QueryE2e.write(server, "LOCKED?timeformat=s", "text/csv", csv.toString(), 500);
        QueryE2e.write(server, "LOCKED?timeformat=s&method=append", "text/csv", "late,1800000000,1\n", 1);
        QueryE2e.exec(server, "EXEC table_flush(LOCKED)", "executed.");
        assertEquals("501,124751\n", server.rowsCsv("select count(*), sum(value) from LOCKED"));
    }
}
