package sluice.server.feldera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import sluice.codec.bind.Dialect;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;
import sluice.server.store.Database;
import sluice.server.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Feldera pipelines: kept in memory for the event loops, persisted in {@code sluice_catalog.feldera_pipelines}.
 * A pipeline's tables are catalog tables in the DuckDB schema named after it (ARCHITECTURE.md "Namespaces"), created
 * when its program is PUT and kept across stop and start (Sluice stores data; unlike Feldera, stopping does not
 * discard it). Changing the program drops and re-creates only the tables whose DDL changed. Views are plain DuckDB
 * views in the same schema. Changes are serialised; reads are lock-free.
 */
final class Pipelines
{
    /** Thrown for a change that needs the pipeline stopped first. */
    static final class NotStoppedException extends Exception
    {
        private static final long serialVersionUID = 1L;

        NotStoppedException(final String name)
        {
            super("pipeline '" + name + "' must be stopped before its program is changed or it is deleted");
        }
    }

    static final String TABLE = Sql.qualified(Database.CATALOG_SCHEMA, "feldera_pipelines");
    /** Feldera's rule for pipeline names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** Schemas Sluice or DuckDB use for themselves: a pipeline of that name would share them. */
    private static final Set<String> RESERVED = Set.of("main", Database.CATALOG_SCHEMA, "information_schema",
        "pg_catalog", "temp", "system");

    private final Database database;
    private final Catalog catalog;
    private final Map<String, Pipeline> byName = new ConcurrentHashMap<>();

    Pipelines(final Database database, final Catalog catalog)
    {
        this.database = database;
        this.catalog = catalog;
    }

    /** Creates the registry table if needed and loads every pipeline. Call before {@link Database#lockDown()}. */
    synchronized void load() throws SQLException
    {
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR PRIMARY KEY, " +
                "description VARCHAR NOT NULL, program_code VARCHAR NOT NULL, status VARCHAR NOT NULL, " +
                "created_at TIMESTAMP NOT NULL, version BIGINT NOT NULL, connector_errors JSON NOT NULL, " +
                "connectors_loaded BIGINT NOT NULL)");
            try (ResultSet rs = statement.executeQuery("SELECT name, description, program_code, status, created_at, " +
                "version, connector_errors, connectors_loaded FROM " + TABLE + " ORDER BY name"))
            {
                while (rs.next())
                {
                    final String name = rs.getString(1);
                    final Map<String, String> errors = FelderaErrors.JSON.readValue(rs.getString(7),
                        new TypeReference<Map<String, String>>()
                        {
                        });
                    byName.put(name, new Pipeline(name, rs.getString(2), rs.getString(3),
                        FelderaProgram.parse(rs.getString(3)), Pipeline.Status.fromWire(rs.getString(4)),
                        rs.getTimestamp(5).toInstant(), rs.getLong(6), errors, rs.getLong(8)));
                }
            }
            catch (final JsonProcessingException e)
            {
                throw new SQLException("corrupt connector errors in " + TABLE, e);
            }
        }
    }

    Pipeline get(final String name)
    {
        return byName.get(name);
    }

    Collection<Pipeline> all()
    {
        final List<Pipeline> list = new ArrayList<>(byName.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /** Null if {@code name} may name a pipeline, else why not. */
    static String invalidName(final String name)
    {
        if (!NAME.matcher(name).matches())
        {
            return "pipeline name '" + name + "' must be 1 to 100 letters, digits, '_' or '-'";
        }
        if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT)))
        {
            return "pipeline name '" + name + "' is reserved";
        }
        return null;
    }

    /**
     * Creates or replaces a pipeline. Its program is parsed first (IllegalArgumentException: nothing changed), then
     * its tables and views are brought in line with it.
     *
     * @return the pipeline now stored.
     * @throws NotStoppedException the pipeline exists and is not stopped.
     * @throws SQLException        DuckDB refused a table or view (e.g. a view over a missing table).
     */
    synchronized Pipeline put(final String name, final String description, final String programCode)
        throws NotStoppedException, SQLException
    {
        final Pipeline old = byName.get(name);
        if (old != null && old.status() != Pipeline.Status.STOPPED)
        {
            throw new NotStoppedException(name);
        }
        final FelderaProgram program = FelderaProgram.parse(programCode);
        if (old != null)
        {
            dropViews(name, old.program());
        }
        syncTables(name, program);
        createViews(name, program);
        final Pipeline pipeline = new Pipeline(name, description, programCode, program, Pipeline.Status.STOPPED,
            old == null ? Instant.now() : old.createdAt(), old == null ? 1 : old.version() + 1, Map.of(), 0);
        store(pipeline);
        return pipeline;
    }

    /** Drops a stopped pipeline with its tables, views and schema; false if there is none. */
    synchronized boolean delete(final String name) throws NotStoppedException, SQLException
    {
        final Pipeline old = byName.get(name);
        if (old == null)
        {
            return false;
        }
        if (old.status() != Pipeline.Status.STOPPED)
        {
            throw new NotStoppedException(name);
        }
        dropViews(name, old.program());
        for (final TableEntry entry : tablesOf(name))
        {
            catalog.drop(name, entry.name());
        }
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement())
        {
            statement.execute("DROP SCHEMA IF EXISTS " + Sql.quote(name));
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?"))
            {
                delete.setString(1, name);
                delete.executeUpdate();
            }
        }
        byName.remove(name);
        return true;
    }

    synchronized Pipeline setStatus(final String name, final Pipeline.Status status) throws SQLException
    {
        final Pipeline old = byName.get(name);
        if (old == null || old.status() == status)
        {
            return old;
        }
        final Pipeline pipeline = old.withStatus(status);
        store(pipeline);
        return pipeline;
    }

    /** Records that the connectors of {@code version} ran; ignored if the program changed meanwhile. */
    synchronized Pipeline connectorsLoaded(final String name, final long version, final Map<String, String> errors)
        throws SQLException
    {
        final Pipeline old = byName.get(name);
        if (old == null || old.version() != version)
        {
            return old;
        }
        final Pipeline pipeline = old.withConnectorsLoaded(errors);
        store(pipeline);
        return pipeline;
    }

    /** The catalog entry of a pipeline table named as a URL names it ({@code "Quoted"} exact, else any case). */
    TableEntry table(final Pipeline pipeline, final String urlName)
    {
        final String stored = FelderaProgram.canonicalName(urlName);
        return catalog.find(pipeline.name(), stored);
    }

    private List<TableEntry> tablesOf(final String namespace)
    {
        final List<TableEntry> tables = new ArrayList<>();
        for (final TableEntry entry : catalog.tables())
        {
            if (entry.dialect() == Dialect.FELDERA && entry.namespace().equals(namespace))
            {
                tables.add(entry);
            }
        }
        return tables;
    }

    /** Drops tables that left the program or whose DDL changed, and creates the missing ones. */
    private void syncTables(final String namespace, final FelderaProgram program) throws SQLException
    {
        final Map<String, FelderaTable> wanted = new HashMap<>();
        for (final FelderaTable table : program.tables())
        {
            wanted.put(table.name(), table);
        }
        for (final TableEntry entry : tablesOf(namespace))
        {
            final FelderaTable table = wanted.get(entry.name());
            if (table == null || !table.ddl().equals(entry.ddl()))
            {
                catalog.drop(namespace, entry.name());
            }
        }
        for (final FelderaTable table : program.tables())
        {
            if (catalog.find(namespace, table.name()) == null)
            {
                final Map<String, String> properties = new HashMap<>();
                properties.put("quoted", Boolean.toString(table.quoted()));
                if (table.connectorsJson() != null)
                {
                    properties.put("connectors", table.connectorsJson());
                }
                catalog.create(Dialect.FELDERA, namespace, table.name(), "TABLE", table.schema(), table.ddl(),
                    properties, false);
            }
        }
    }

    private void createViews(final String namespace, final FelderaProgram program) throws SQLException
    {
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement())
        {
            for (final FelderaView view : program.views())
            {
                // The SELECT is the pipeline's own SQL; DuckDB binds it in the view's schema, with file access off.
                statement.execute("CREATE OR REPLACE VIEW " + Sql.qualified(namespace, view.name()) + " AS " +
                    view.query());
            }
        }
    }

    private void dropViews(final String namespace, final FelderaProgram program) throws SQLException
    {
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement())
        {
            for (final FelderaView view : program.views())
            {
                statement.execute("DROP VIEW IF EXISTS " + Sql.qualified(namespace, view.name()));
            }
        }
    }

    private void store(final Pipeline pipeline) throws SQLException
    {
        try (Connection connection = database.newConnection())
        {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE +
                    " (name, description, program_code, status, created_at, version, connector_errors, " +
                    "connectors_loaded) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
            {
                delete.setString(1, pipeline.name());
                delete.executeUpdate();
                insert.setString(1, pipeline.name());
                insert.setString(2, pipeline.description());
                insert.setString(3, pipeline.programCode());
                insert.setString(4, pipeline.status().wire);
                insert.setTimestamp(5, Timestamp.from(pipeline.createdAt()));
                insert.setLong(6, pipeline.version());
                insert.setString(7, FelderaErrors.JSON.writeValueAsString(pipeline.connectorErrors()));
                insert.setLong(8, pipeline.connectorsLoaded());
                insert.executeUpdate();
                connection.commit();
            }
            catch (final SQLException | RuntimeException | JsonProcessingException e)
            {
                connection.rollback();
                throw e instanceof SQLException ? (SQLException)e : new SQLException(e);
            }
        }
        byName.put(pipeline.name(), pipeline);
    }
}
