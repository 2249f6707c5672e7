package sluice.server.machbase;

import sluice.codec.schema.DataType;

import java.util.Objects;

/**
 * One column of a Machbase {@code CREATE [TAG] TABLE}, as declared. Immutable.
 * <ul>
 * <li>{@code name}: UPPERCASE (see {@link MachbaseSql} on identifiers).</li>
 * <li>{@code typeName}: the declared Machbase type, lower-case, with its length: {@code varchar(40)},
 * {@code double}, {@code ipv4}; aliases are kept as written ({@code int64}), so {@code ipv4} and {@code ipv6}
 * stay apart although both are {@link DataType#INET}.</li>
 * <li>{@code type}: {@link MachbaseTypes#dataType}.</li>
 * <li>{@code primaryKey}, {@code basetime}, {@code summarized}: the tag-table column properties.</li>
 * <li>{@code notNull}: declared {@code NOT NULL}; the tag name and base time are implicitly not null.</li>
 * </ul>
 */
public final class MachbaseColumnDef
{
    private final String name;
    private final String typeName;
    private final DataType type;
    private final boolean primaryKey;
    private final boolean basetime;
    private final boolean summarized;
    private final boolean notNull;

    public MachbaseColumnDef(
        final String name,
        final String typeName,
        final DataType type,
        final boolean primaryKey,
        final boolean basetime,
        final boolean summarized,
        final boolean notNull)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.type = Objects.requireNonNull(type, "type");
        this.primaryKey = primaryKey;
        this.basetime = basetime;
        this.summarized = summarized;
        this.notNull = notNull;
    }

    public String name()
    {
        return name;
    }

    public String typeName()
    {
        return typeName;
    }

    public DataType type()
    {
        return type;
    }

    public boolean primaryKey()
    {
        return primaryKey;
    }

    public boolean basetime()
    {
        return basetime;
    }

    public boolean summarized()
    {
        return summarized;
    }

    /** True when NULL is not allowed: declared NOT NULL, the PRIMARY KEY or the BASETIME column. */
    public boolean notNull()
    {
        return notNull || primaryKey || basetime;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof MachbaseColumnDef))
        {
            return false;
        }
        final MachbaseColumnDef that = (MachbaseColumnDef)o;
        return name.equals(that.name) && typeName.equals(that.typeName) && type.equals(that.type) &&
            primaryKey == that.primaryKey && basetime == that.basetime && summarized == that.summarized &&
            notNull == that.notNull;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, typeName, type, primaryKey, basetime, summarized, notNull);
    }

    /** DDL-like, as declared: {@code NAME varchar(40) PRIMARY KEY}. */
    @Override
    public String toString()
    {
        return name + ' ' + typeName + (primaryKey ? " PRIMARY KEY" : "") + (basetime ? " BASETIME" : "") +
            (summarized ? " SUMMARIZED" : "") + (notNull ? " NOT NULL" : "");
    }
}
