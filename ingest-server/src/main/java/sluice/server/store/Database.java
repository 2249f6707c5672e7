package sluice.server.store;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunctionBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded DuckDB database: one file under the data directory, opened once per process (DuckDB allows one
 * process per file). The writer thread owns {@link #writerConnection()}; every other user takes a connection from
 * {@link #newConnection()} (DuckDB's {@code duplicate()}, sharing the database).
 * <p>
 * Start-up order matters: settings, the {@code sluice_scan} table function and the {@code sluice_catalog} schema are
 * created first, then {@link #lockDown()} sets {@code enable_external_access = false} and
 * {@code lock_configuration = true} (database-wide), so user SQL from {@code /db/query} cannot read or write files or
 * undo the settings; the bulk-load path keeps working under them (notes/duckdb-java.md).
 */
public final class Database implements AutoCloseable
{
    public static final String FILE_NAME = "sluice.duckdb";
    /**
     * DuckDB checkpoints (compresses the WAL'd rows into the file) once its WAL reaches this size; its own default,
     * 16 MB, made small-request loads checkpoint every few seconds (measured: 256 MB gives 8% more requests/s and a
     * third less DuckDB CPU). The cost: up to this much WAL to replay when the file is opened after a crash.
     */
    public static final String DEFAULT_CHECKPOINT_THRESHOLD = "256MB";
    public static final String CATALOG_SCHEMA = "sluice_catalog";

    private final Path file;
    private final DuckDBConnection writer;
    private final BatchScanFunction scanFunction = new BatchScanFunction();
    private boolean lockedDown;

    private Database(final Path file, final DuckDBConnection writer)
    {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir}.
     *
     * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code "2GB"}.
     * @param threads     DuckDB's worker threads.
     */
    public static Database open(final Path dataDir, final String memoryLimit, final int threads)
        throws IOException, SQLException
    {
        return open(dataDir, memoryLimit, threads, DEFAULT_CHECKPOINT_THRESHOLD);
    }

    /**
     * @param checkpointThreshold DuckDB's {@code checkpoint_threshold}: WAL size that triggers a checkpoint.
     */
    public static Database open(final Path dataDir, final String memoryLimit, final int threads,
        final String checkpointThreshold) throws IOException, SQLException
    {
        Files.createDirectories(dataDir);
        final Path file = dataDir.resolve(FILE_NAME);
        final DuckDBConnection connection = (DuckDBConnection)DriverManager.getConnection("jdbc:duckdb:" + file);
        final Database database = new Database(file, connection);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET memory_limit = " + Sql.literal(memoryLimit));
            statement.execute("SET threads = " + threads);
            statement.execute("SET checkpoint_threshold = " + Sql.literal(checkpointThreshold));
            // Table-function scans must see our rows in order; the scan is single-threaded anyway.
            statement.execute("SET preserve_insertion_order = true");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(CATALOG_SCHEMA));
        }
        try (DuckDBTableFunctionBuilder builder = DuckDBFunctions.tableFunction())
        {
            builder.withName(BatchScanFunction.NAME)
                .withParameter(Long.class)
                .withFunction(database.scanFunction)
                .register(connection);
        }
        return database;
    }

    /** Disables file access and locks the configuration. Call once start-up SQL (catalog, schemas) is done. */
    public void lockDown() throws SQLException
    {
        try (Statement statement = writer.createStatement())
        {
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
        }
        lockedDown = true;
    }

    public boolean isLockedDown()
    {
        return lockedDown;
    }

    public Path file()
    {
        return file;
    }

    /** The writer thread's connection; nobody else may use it. */
    public DuckDBConnection writerConnection()
    {
        return writer;
    }

    /**
     * A new connection to the same database (for queries, DDL, and dedicated transactions), in autocommit mode; the
     * caller closes it. A duplicate inherits the writer connection's autocommit setting (off), so it is set here:
     * otherwise a user's INSERT through {@code /db/query} would answer "1 rows inserted." and be rolled back.
     */
    public Connection newConnection() throws SQLException
    {
        final Connection connection = writer.duplicate();
        connection.setAutoCommit(true);
        return connection;
    }

    public BatchScanFunction scanFunction()
    {
        return scanFunction;
    }

    @Override
    public void close() throws SQLException
    {
        writer.close();
    }
}
