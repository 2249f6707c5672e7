package sluice.server.catalog;

import sluice.codec.bind.Dialect;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.TableSchema;

import java.util.Map;

/**
 * A table Sluice ingests into: its identity, where it lives in DuckDB, its canonical schema and the dialect facts
 * (e.g. Machbase's tag-table roles). Immutable; a DDL change makes a new entry.
 *
 * @param id         stable number, carried in row batches.
 * @param namespace  the DuckDB schema: {@code main} for Machbase, the database for Proton, the pipeline for Feldera.
 * @param name       the DuckDB table name, exactly as stored.
 * @param kind       dialect-specific: {@code TAG}, {@code LOG}, {@code STREAM}, {@code TABLE}.
 * @param ddl        the statement that created it, as the client sent it.
 * @param properties dialect facts, e.g. {@code tag.name}, {@code tag.time}, {@code event_time_column}.
 */
public record TableEntry(
    int id,
    Dialect dialect,
    String namespace,
    String name,
    String kind,
    TableSchema schema,
    RowLayout layout,
    String ddl,
    Map<String, String> properties)
{
    public TableEntry
    {
        properties = Map.copyOf(properties);
    }

    public static TableEntry of(
        final int id, final Dialect dialect, final String namespace, final String name, final String kind,
        final TableSchema schema, final String ddl, final Map<String, String> properties)
    {
        return new TableEntry(id, dialect, namespace, name, kind, schema, new RowLayout(schema), ddl, properties);
    }

    /** The catalog key: namespace and name as stored. */
    public String key()
    {
        return Catalog.key(namespace, name);
    }
}
