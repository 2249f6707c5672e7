package sluice.server.proton;

import sluice.codec.schema.TableSchema;

import java.util.List;
import java.util.Map;

/**
 * A parsed {@code CREATE STREAM} (or the DDL endpoint's JSON): everything the catalog needs to create the stream,
 * and what listings show. Immutable.
 *
 * @param database        the database, {@link ProtonStreams#DEFAULT_DATABASE} unless the name was qualified; the
 *                        catalog namespace.
 * @param name            the stream name, exact case.
 * @param ifNotExists     {@code IF NOT EXISTS} was given.
 * @param schema          the canonical schema: the declared columns in order, then {@code _tp_time} unless
 *                        declared. Every column is case-sensitive; not nullable unless {@code nullable(T)}.
 * @param eventTimeColumn the {@code SETTINGS event_time_column} column whose value fills {@code _tp_time} at ingest;
 *                        null when not set.
 * @param ddl             the statement as sent, or for the JSON form an equivalent {@code CREATE STREAM}; stored in
 *                        the catalog, and re-parsed by {@link ProtonStreams#describe} for the Proton type names.
 * @param columns         the columns in schema order as Proton shows them.
 */
public record ProtonStream(
    String database,
    String name,
    boolean ifNotExists,
    TableSchema schema,
    String eventTimeColumn,
    String ddl,
    List<ProtonColumn> columns)
{
    public ProtonStream
    {
        columns = List.copyOf(columns);
    }

    /** The catalog properties: {@code event_time_column} when set. */
    public Map<String, String> properties()
    {
        return eventTimeColumn == null ? Map.of() : Map.of(ProtonStreams.EVENT_TIME_COLUMN, eventTimeColumn);
    }

    /** {@code database.name}, as Proton's messages print a stream. */
    public String qualifiedName()
    {
        return database + "." + name;
    }
}
