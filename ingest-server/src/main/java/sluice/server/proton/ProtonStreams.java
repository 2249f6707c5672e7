package sluice.server.proton;

import sluice.codec.bind.Dialect;
import sluice.codec.schema.Column;
import sluice.codec.schema.DefaultValue;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Proton streams in the {@link Catalog}: a stream is a catalog table of dialect PROTON and kind {@value #KIND} whose
 * namespace is its database ({@code default} unless named), created from a {@link ProtonStream} (SQL or the DDL
 * endpoint's JSON, see {@link ProtonStreamDdl}).
 * <p>
 * Lookups read the catalog's memory and are safe on an event loop; {@link #create} and {@link #drop} run DuckDB DDL
 * and block, so call them on a query thread. Thread-safe.
 */
public final class ProtonStreams
{
    public static final String DEFAULT_DATABASE = "default";
    /** The catalog kind of a stream. */
    public static final String KIND = "STREAM";
    /** Catalog property: the column whose value fills {@code _tp_time} at ingest. */
    public static final String EVENT_TIME_COLUMN = "event_time_column";

    private final Catalog catalog;

    public ProtonStreams(final Catalog catalog)
    {
        this.catalog = catalog;
    }

    /**
     * Creates the stream; with {@code IF NOT EXISTS} an existing stream is returned as is.
     *
     * @throws StreamExistsException when it exists and {@code IF NOT EXISTS} was not given, or when the name is
     * taken by another dialect's table in the same namespace (a Machbase table in {@code main}, say).
     */
    public TableEntry create(final ProtonStream stream) throws SQLException
    {
        final TableEntry existing = catalog.find(stream.database(), stream.name());
        if (existing != null)
        {
            if (stream.ifNotExists() && isStream(existing))
            {
                return existing;
            }
            throw new StreamExistsException(stream.database(), stream.name());
        }
        final TableEntry sameFolded = findIgnoringCase(stream.database(), stream.name());
        if (sameFolded != null)
        {
            // DuckDB matches names case-insensitively, quoted or not, so s and S would be one table.
            throw new StreamExistsException(stream.database(), stream.name(), existsMessage(stream.database(),
                stream.name()) + " (as " + sameFolded.namespace() + "." + sameFolded.name() +
                ": names that differ only in case are one table in storage)");
        }
        try
        {
            return catalog.create(Dialect.PROTON, stream.database(), stream.name(), KIND, stream.schema(),
                stream.ddl(), stream.properties(), false);
        }
        catch (final sluice.server.catalog.TableExistsException e)
        {
            // Created by someone else between the look-up and the catalog's own (serialised) check.
            final TableEntry raced = find(stream.database(), stream.name());
            if (stream.ifNotExists() && raced != null)
            {
                return raced;
            }
            throw new StreamExistsException(stream.database(), stream.name());
        }
    }

    /** Drops a stream; false when {@code database.name} is not a stream. */
    public boolean drop(final String database, final String name) throws SQLException
    {
        return find(database, name) != null && catalog.drop(database, name);
    }

    /** The stream, or null when there is none (a table of another dialect in that namespace is not a stream). */
    public TableEntry find(final String database, final String name)
    {
        final TableEntry entry = catalog.find(database, name);
        return entry != null && isStream(entry) ? entry : null;
    }

    private TableEntry findIgnoringCase(final String database, final String name)
    {
        for (final TableEntry entry : catalog.tables())
        {
            if (entry.namespace().equalsIgnoreCase(database) && entry.name().equalsIgnoreCase(name))
            {
                return entry;
            }
        }
        return null;
    }

    /** The streams of {@code database}, by name. */
    public List<TableEntry> list(final String database)
    {
        final List<TableEntry> streams = new ArrayList<>();
        for (final TableEntry entry : catalog.tables())
        {
            if (isStream(entry) && entry.namespace().equals(database))
            {
                streams.add(entry);
            }
        }
        streams.sort(Comparator.comparing(TableEntry::name));
        return streams;
    }

    /**
     * The stream as Proton shows it: its stored DDL parsed again, which gives back the Proton type names the
     * canonical schema does not keep (ipv4 vs ipv6, low_cardinality, fixed_string, the DEFAULT as written).
     */
    public static ProtonStream describe(final TableEntry entry)
    {
        List<ProtonColumn> columns;
        try
        {
            columns = ProtonStreamDdl.parse(entry.ddl()).columns();
        }
        catch (final IllegalArgumentException e)
        {
            columns = null;
        }
        if (columns == null || columns.size() != entry.schema().columnCount())
        {
            // A DDL this version no longer reads: show the canonical types rather than fail the whole listing.
            columns = new ArrayList<>();
            for (final Column column : entry.schema().columns())
            {
                final DefaultValue d = column.defaultValue();
                columns.add(new ProtonColumn(column.name(), column.type().toString().toLowerCase(Locale.ROOT),
                    column.nullable(), d != null && d.kind() == DefaultValue.Kind.CONSTANT ? d.text() : null));
            }
        }
        return new ProtonStream(entry.namespace(), entry.name(), false, entry.schema(), eventTimeColumn(entry),
            entry.ddl(), columns);
    }

    /** The {@code event_time_column} setting of a stream, or null. */
    public static String eventTimeColumn(final TableEntry entry)
    {
        return entry.properties().get(EVENT_TIME_COLUMN);
    }

    /** Proton's message for an unknown stream (404, code 60). */
    public static String unknownMessage(final String database, final String name)
    {
        return "Stream " + database + "." + name + " doesn't exist";
    }

    /** Proton's message for CREATE of an existing stream (400, code 57). */
    public static String existsMessage(final String database, final String name)
    {
        return "Stream '" + database + "." + name + "' already exists.";
    }

    private static boolean isStream(final TableEntry entry)
    {
        return entry.dialect() == Dialect.PROTON && KIND.equals(entry.kind());
    }

    /** CREATE STREAM of a stream that exists; the message is Proton's ({@link #existsMessage}). */
    public static final class StreamExistsException extends SQLException
    {
        private static final long serialVersionUID = 1L;

        public StreamExistsException(final String database, final String name)
        {
            this(database, name, existsMessage(database, name));
        }

        public StreamExistsException(final String database, final String name, final String message)
        {
            super(message);
        }
    }
}
