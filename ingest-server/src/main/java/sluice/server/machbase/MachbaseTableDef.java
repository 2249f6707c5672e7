package sluice.server.machbase;

import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The table a Machbase {@code CREATE TAG TABLE} or {@code CREATE TABLE} declares, validated by
 * {@link MachbaseSql}: names are UPPERCASE and unique; a tag table has exactly one PRIMARY KEY column (varchar or
 * text) and exactly one BASETIME column (datetime), at most one SUMMARIZED column (numeric); a log table has none
 * of these. Immutable.
 */
public final class MachbaseTableDef
{
    /**
     * The hidden column every log table gets (spec/machbase.md "Tables"): the ingest time, filled by the server,
     * invisible to positional input.
     */
    public static final String ARRIVAL_TIME = "_ARRIVAL_TIME";

    private final String name;
    private final boolean tag;
    private final List<MachbaseColumnDef> columns;

    public MachbaseTableDef(final String name, final boolean tag, final List<MachbaseColumnDef> columns)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.tag = tag;
        this.columns = List.copyOf(columns);
    }

    /** UPPERCASE table name. */
    public String name()
    {
        return name;
    }

    /** True for a tag table, false for a log table. */
    public boolean tag()
    {
        return tag;
    }

    /** The declared columns in order, without the hidden {@link #ARRIVAL_TIME}. */
    public List<MachbaseColumnDef> columns()
    {
        return columns;
    }

    /** The PRIMARY KEY (tag name) column of a tag table, null for a log table. */
    public MachbaseColumnDef primaryKey()
    {
        for (final MachbaseColumnDef column : columns)
        {
            if (column.primaryKey())
            {
                return column;
            }
        }
        return null;
    }

    /** The BASETIME column of a tag table, null for a log table. */
    public MachbaseColumnDef basetime()
    {
        for (final MachbaseColumnDef column : columns)
        {
            if (column.basetime())
            {
                return column;
            }
        }
        return null;
    }

    /**
     * The codec schema: one case-insensitive column per declared column (the tag name and base time NOT NULL,
     * the tag name marked as the key), and for a log table a hidden, NOT NULL {@link #ARRIVAL_TIME}
     * {@link DataType#TIMESTAMP_NS} column defaulting to {@link DefaultValue#NOW}. Machbase hides it from
     * {@code SELECT *}; DuckDB cannot hide a column, so it is placed last, where it disturbs positional readers of
     * {@code SELECT *} least (a documented deviation). Hidden columns take no positional input.
     */
    public TableSchema toTableSchema()
    {
        final List<Column> schemaColumns = new ArrayList<>(columns.size() + 1);
        for (final MachbaseColumnDef column : columns)
        {
            schemaColumns.add(Column.builder(column.name(), column.type())
                .nullable(!column.notNull())
                .primaryKey(column.primaryKey())
                .build());
        }
        if (!tag)
        {
            schemaColumns.add(Column.builder(ARRIVAL_TIME, DataType.TIMESTAMP_NS)
                .nullable(false)
                .hidden(true)
                .defaultValue(DefaultValue.NOW)
                .build());
        }
        return new TableSchema(name, schemaColumns);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof MachbaseTableDef))
        {
            return false;
        }
        final MachbaseTableDef that = (MachbaseTableDef)o;
        return name.equals(that.name) && tag == that.tag && columns.equals(that.columns);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, tag, columns);
    }

    @Override
    public String toString()
    {
        return (tag ? "TAG TABLE " : "TABLE ") + name + " " + columns;
    }
}
