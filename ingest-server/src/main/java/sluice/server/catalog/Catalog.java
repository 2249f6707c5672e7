package sluice.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sluice.codec.bind.Dialect;
import sluice.codec.schema.Column;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.server.store.Database;
import sluice.server.store.Sql;
import sluice.server.store.TypeNames;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables Sluice knows, kept in memory for lookups on the event loops and persisted in
 * {@code sluice_catalog.tables} in the same DuckDB transaction as the table's own DDL (ARCHITECTURE.md "Catalog"),
 * so a crash never leaves one without the other. Lookups are lock-free; DDL is serialised.
 */
public final class Catalog
{
    private static final String TABLES = Sql.qualified(Database.CATALOG_SCHEMA, "tables");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Map<String, TableEntry> byKey = new ConcurrentHashMap<>();
    private final Map<Integer, TableEntry> byId = new ConcurrentHashMap<>();
    private int nextId = 1;

    public Catalog(final Database database)
    {
        this.database = database;
    }

    static String key(final String namespace, final String name)
    {
        return namespace + '\u0000' + name;
    }

    /** Creates the catalog table if needed and loads every entry. Call before {@link Database#lockDown()}. */
    public synchronized void load() throws SQLException
    {
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLES + " (id INTEGER PRIMARY KEY, " +
                "dialect VARCHAR NOT NULL, namespace VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, " +
                "ddl VARCHAR NOT NULL, definition JSON NOT NULL, created TIMESTAMP NOT NULL DEFAULT current_timestamp)");
            try (ResultSet rs = statement.executeQuery(
                "SELECT id, dialect, namespace, name, kind, ddl, definition FROM " + TABLES + " ORDER BY id"))
            {
                while (rs.next())
                {
                    final TableEntry entry = fromRow(rs);
                    put(entry);
                    nextId = Math.max(nextId, entry.id() + 1);
                }
            }
        }
    }

    public TableEntry find(final String namespace, final String name)
    {
        return byKey.get(key(namespace, name));
    }

    public TableEntry byId(final int id)
    {
        return byId.get(id);
    }

    public Collection<TableEntry> tables()
    {
        return byId.values();
    }

    /**
     * Creates the DuckDB schema (if needed) and table, and its catalog row, in one transaction. Returns the new
     * entry, or the existing one when {@code ifNotExists} and a table of that name exists.
     *
     * @throws TableExistsException when the table exists and {@code ifNotExists} is false.
     */
    public synchronized TableEntry create(
        final Dialect dialect, final String namespace, final String name, final String kind, final TableSchema schema,
        final String ddl, final Map<String, String> properties, final boolean ifNotExists) throws SQLException
    {
        final TableEntry existing = find(namespace, name);
        if (existing != null)
        {
            if (ifNotExists)
            {
                return existing;
            }
            throw new TableExistsException(namespace, name);
        }
        final TableEntry entry = TableEntry.of(nextId, dialect, namespace, name, kind, schema, ddl, properties);
        try (Connection connection = database.newConnection())
        {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLES +
                    " (id, dialect, namespace, name, kind, ddl, definition) VALUES (?, ?, ?, ?, ?, ?, ?)"))
            {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(namespace));
                statement.execute(createTableSql(entry));
                insert.setInt(1, entry.id());
                insert.setString(2, dialect.name());
                insert.setString(3, namespace);
                insert.setString(4, name);
                insert.setString(5, kind);
                insert.setString(6, ddl);
                insert.setString(7, definition(entry));
                insert.executeUpdate();
                connection.commit();
            }
            catch (final SQLException | RuntimeException e)
            {
                connection.rollback();
                throw e;
            }
        }
        nextId++;
        put(entry);
        return entry;
    }

    /** Drops the table and its catalog row in one transaction; false if there was no such table. */
    public synchronized boolean drop(final String namespace, final String name) throws SQLException
    {
        final TableEntry entry = find(namespace, name);
        if (entry == null)
        {
            return false;
        }
        try (Connection connection = database.newConnection())
        {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLES + " WHERE id = ?"))
            {
                statement.execute("DROP TABLE IF EXISTS " + Sql.qualified(namespace, name));
                delete.setInt(1, entry.id());
                delete.executeUpdate();
                connection.commit();
            }
            catch (final SQLException | RuntimeException e)
            {
                connection.rollback();
                throw e;
            }
        }
        byKey.remove(entry.key());
        byId.remove(entry.id());
        return true;
    }

    private void put(final TableEntry entry)
    {
        byKey.put(entry.key(), entry);
        byId.put(entry.id(), entry);
    }

    /** {@code CREATE TABLE "ns"."t" ("c" TYPE [NOT NULL], ...)}: defaults are applied at ingest, not by DuckDB. */
    static String createTableSql(final TableEntry entry)
    {
        final StringBuilder sb = new StringBuilder("CREATE TABLE ")
            .append(Sql.qualified(entry.namespace(), entry.name())).append(" (");
        final TableSchema schema = entry.schema();
        for (int c = 0; c < schema.columnCount(); c++)
        {
            final Column column = schema.column(c);
            sb.append(c == 0 ? "" : ", ").append(Sql.quote(column.name())).append(' ')
                .append(TypeNames.duckdb(column.type())).append(column.nullable() ? "" : " NOT NULL");
        }
        return sb.append(')').toString();
    }

    private static String definition(final TableEntry entry)
    {
        final ObjectNode root = JSON.createObjectNode();
        final ArrayNode columns = root.putArray("columns");
        for (final Column column : entry.schema().columns())
        {
            final ObjectNode c = columns.addObject();
            c.put("name", column.name());
            c.put("type", column.type().toString());
            c.put("nullable", column.nullable());
            c.put("caseSensitive", column.caseSensitive());
            c.put("hidden", column.hidden());
            c.put("primaryKey", column.primaryKey());
            final DefaultValue d = column.defaultValue();
            if (d != null && d != DefaultValue.NULL)
            {
                c.put("default", d.kind().name());
                if (d.kind() == DefaultValue.Kind.CONSTANT)
                {
                    // The converted value itself, so a restart restores it without re-parsing dialect literals.
                    c.put("defaultText", d.text());
                    c.put("defaultLong", d.longValue());
                    c.put("defaultHigh", d.highBits());
                    c.put("defaultDouble", d.doubleValue());
                    if (d.bytes() != null)
                    {
                        c.put("defaultBytes", java.util.Base64.getEncoder().encodeToString(d.bytes()));
                    }
                }
                else if (d.kind() == DefaultValue.Kind.COLUMN)
                {
                    c.put("defaultText", d.text());
                    c.put("defaultColumn", d.sourceColumn());
                }
            }
        }
        final ObjectNode properties = root.putObject("properties");
        entry.properties().forEach(properties::put);
        return root.toString();
    }

    private static TableEntry fromRow(final ResultSet rs) throws SQLException
    {
        try
        {
            final JsonNode root = JSON.readTree(rs.getString("definition"));
            final List<Column> columns = new ArrayList<>();
            for (final JsonNode c : root.get("columns"))
            {
                final Column.Builder b = Column.builder(c.get("name").asText(), SchemaText.type(c.get("type").asText()))
                    .nullable(c.get("nullable").asBoolean())
                    .caseSensitive(c.get("caseSensitive").asBoolean())
                    .hidden(c.get("hidden").asBoolean())
                    .primaryKey(c.get("primaryKey").asBoolean());
                if (c.has("default"))
                {
                    b.defaultValue(Defaults.restore(c));
                }
                columns.add(b.build());
            }
            final Map<String, String> properties = new HashMap<>();
            root.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
            final String name = rs.getString("name");
            return TableEntry.of(rs.getInt("id"), Dialect.valueOf(rs.getString("dialect")), rs.getString("namespace"),
                name, rs.getString("kind"), new TableSchema(name, columns), rs.getString("ddl"), properties);
        }
        catch (final java.io.IOException e)
        {
            throw new SQLException("corrupt catalog entry " + rs.getInt("id"), e);
        }
    }
}
