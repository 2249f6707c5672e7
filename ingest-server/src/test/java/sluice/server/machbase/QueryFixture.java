package sluice.server.machbase;

import sluice.server.sql.SqlErrorCases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory DuckDB with the tables the query-writer tests read, and a helper that runs {@code /db/query}
 * options through {@link MachbaseQueryWriter} as the server will.
 * <ul>
 * <li>{@code EXAMPLE}: the seed's tag table (NAME, TIME, VALUE) with the rows of Neo's documentation.</li>
 * <li>{@code ALLTYPES}: one column of every DuckDB type the writer distinguishes, a row of typical values, a row of
 * NULLs, and rows of edge values (extremes, NaN and infinities, quoting, wide characters).</li>
 * <li>{@code FLOATS}: doubles and floats whose text forms differ between formats and precisions.</li>
 * </ul>
 */
final class QueryFixture implements AutoCloseable
{
    /** What every test's elapsed-time supplier returns: prints as {@code 1.234567ms}. */
    static final long ELAPSED_NANOS = 1_234_567L;

    private static final Path EXPECTED_DIR = Path.of("src/test/resources/machbase/query");

    private final Connection connection;

    QueryFixture() throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("CREATE TABLE EXAMPLE (NAME VARCHAR, TIME TIMESTAMP_NS, VALUE DOUBLE)");
            statement.execute("INSERT INTO EXAMPLE VALUES " +
                "('wave.sin', '2023-02-15 03:39:21', 0.111111), " +
                "('wave.sin', '2023-02-15 03:39:22.111111111', 0.222222), " +
                "('wave.sin', '2023-02-15 03:39:23.222222222', 0.333333), " +
                "('wave.sin', '2023-02-15 03:39:24.333333333', 0.444444), " +
                "('wave.sin', '2023-02-15 03:39:25.444444444', 0.555555)");
            statement.execute("CREATE TABLE ALLTYPES (ID INTEGER, B BOOLEAN, I8 TINYINT, I16 SMALLINT, I32 INTEGER, " +
                "I64 BIGINT, U8 UTINYINT, U16 USMALLINT, U32 UINTEGER, U64 UBIGINT, H HUGEINT, F FLOAT, D DOUBLE, " +
                "DEC DECIMAL(10,2), S VARCHAR, BL BLOB, J JSON, DT DATE, TM TIME, TS TIMESTAMP, TNS TIMESTAMP_NS, " +
                "TZ TIMESTAMPTZ, UU UUID, L INTEGER[])");
            statement.execute("INSERT INTO ALLTYPES VALUES " +
                "(1, true, -8, -16, -32, -64, 8, 16, 32, 64, -128, 1.5, 0.8563571936170834, 12.50, 'wave.sin', " +
                "'\\x01\\x02\\xFF'::BLOB, '{\"a\": [1, 2.5, \"x y\"],\n \"b\": null}', DATE '2023-02-15', " +
                "TIME '03:39:21.5', TIMESTAMP '2023-02-15 03:39:21.123456', " +
                "TIMESTAMP_NS '2023-02-15 03:39:22.111111111', TIMESTAMPTZ '2023-02-15 12:39:21.5+09', " +
                "'123e4567-e89b-12d3-a456-426614174000', [1, 2]), " +
                "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, " +
                "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), " +
                "(3, false, 127, 32767, 2147483647, 9223372036854775807, 255, 65535, 4294967295, " +
                "18446744073709551615, 170141183460469231731687303715884105727, 'nan', '-inf', -0.01, " +
                "'has, comma \"quoted\"\nnew line', ''::BLOB, '[1,2]', DATE '1970-01-01', TIME '00:00:00', " +
                "TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP_NS '1970-01-01 00:00:00.000000001', " +
                "TIMESTAMPTZ '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000', []), " +
                "(4, NULL, -128, -32768, -2147483648, -9223372036854775808, 0, 0, 0, 0, " +
                "-170141183460469231731687303715884105728, 'inf', 1e21, 99999999.99, ' 한글 テスト\tend', " +
                "'hello'::BLOB, '\"text\"', DATE '9999-12-31', TIME '23:59:59.999999', " +
                "TIMESTAMP '2262-04-11 23:47:16.854775', TIMESTAMP_NS '2262-04-11 23:47:16.854775806', " +
                "TIMESTAMPTZ '0001-01-01 00:00:00+00', NULL, [NULL, 3]), " +
                "(5, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, '-0.0', 0, '', NULL, '{}', DATE '2024-02-29', " +
                "TIME '12:00:00.000001', 'infinity'::TIMESTAMP, NULL, NULL, NULL, NULL)");
            statement.execute("CREATE TABLE FLOATS (ID INTEGER, D DOUBLE, F FLOAT)");
            statement.execute("INSERT INTO FLOATS VALUES " +
                "(1, 1.0, 1.0), (2, 0.1, 0.1), (3, 1e-7, 1e-7), (4, 1e21, 3.4028235e38), (5, '-0.0', '-0.0'), " +
                "(6, 123456.789, 123456.789), (7, 2.5, 2.5), (8, 0.125, 0.125), (9, 1.005, 1.005), " +
                "(10, 'nan', 'nan'), (11, 'inf', 'inf'), (12, '-inf', '-inf'), (13, 5e-324, 1e-45), " +
                "(14, -1234.5678, -1234.5678), (15, 9007199254740993, 16777217)");
        }
    }

    Connection connection()
    {
        return connection;
    }

    static MachbaseQueryOptions options(final String sql, final String... keyValues)
    {
        final Map<String, String> params = new HashMap<>();
        params.put("q", sql);
        for (int i = 0; i < keyValues.length; i += 2)
        {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return MachbaseQueryOptions.from(params);
    }

    /** Runs the options' statement with its bind parameters and returns the body the writer produces. */
    String body(final MachbaseQueryOptions options) throws SQLException, IOException
    {
        try (PreparedStatement statement = connection.prepareStatement(options.sql()))
        {
            final List<Object> params = options.params();
            for (int i = 0; i < params.size(); i++)
            {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = statement.executeQuery())
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                MachbaseQueryWriter.write(rs, options, out, () -> ELAPSED_NANOS);
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    String body(final String sql, final String... keyValues) throws SQLException, IOException
    {
        return body(options(sql, keyValues));
    }

    /**
     * The expected body in {@code machbase/query/<name>}. With {@code -Dmachbase.regenerate=true} the actual body
     * is written there instead (run from the module directory), for review before committing.
     */
    static String expected(final String name, final String actual)
    {
        if (Boolean.getBoolean("machbase.regenerate"))
        {
            try
            {
                Files.createDirectories(EXPECTED_DIR);
                Files.writeString(EXPECTED_DIR.resolve(name), actual, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return actual;
        }
        return SqlErrorCases.read("machbase/query/" + name);
    }

    @Override
    public void close() throws SQLException
    {
        connection.close();
    }
}
