package sluice.codec.schema;

import java.util.Objects;

/**
 * One column of a {@link TableSchema}.
 * <ul>
 * <li>{@code name}: as declared, exact case.</li>
 * <li>{@code caseSensitive}: true for a quoted SQL identifier (Feldera {@code "Name"}) and for dialects whose
 * identifiers are case-sensitive (Proton); false for unquoted identifiers, which match in any ASCII case.</li>
 * <li>{@code hidden}: not part of positional input (Machbase {@code _ARRIVAL_TIME}, Proton {@code _tp_time}); a
 * hidden column is only filled by name or by its default.</li>
 * <li>{@code defaultValue}: what a missing value becomes; {@link DefaultValue#NULL} for nullable columns without an
 * explicit default, null for a NOT NULL column without one (missing is then an error).</li>
 * </ul>
 */
public final class Column
{
    private final String name;
    private final DataType type;
    private final boolean nullable;
    private final boolean caseSensitive;
    private final boolean hidden;
    private final boolean primaryKey;
    private final DefaultValue defaultValue;

    private Column(final Builder b)
    {
        this.name = Objects.requireNonNull(b.name, "name");
        this.type = Objects.requireNonNull(b.type, "type");
        this.nullable = b.nullable;
        this.caseSensitive = b.caseSensitive;
        this.hidden = b.hidden;
        this.primaryKey = b.primaryKey;
        this.defaultValue = b.defaultValue != null ? b.defaultValue : (b.nullable ? DefaultValue.NULL : null);
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("column name must not be empty");
        }
    }

    public static Builder builder(final String name, final DataType type)
    {
        return new Builder(name, type);
    }

    /** A nullable, case-insensitive column without an explicit default. */
    public static Column of(final String name, final DataType type)
    {
        return builder(name, type).build();
    }

    public String name()
    {
        return name;
    }

    public DataType type()
    {
        return type;
    }

    public TypeKind kind()
    {
        return type.kind();
    }

    public boolean nullable()
    {
        return nullable;
    }

    public boolean caseSensitive()
    {
        return caseSensitive;
    }

    public boolean hidden()
    {
        return hidden;
    }

    public boolean primaryKey()
    {
        return primaryKey;
    }

    /** Null when a missing value is an error. */
    public DefaultValue defaultValue()
    {
        return defaultValue;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Column))
        {
            return false;
        }
        final Column that = (Column)o;
        return nullable == that.nullable && caseSensitive == that.caseSensitive && hidden == that.hidden &&
            primaryKey == that.primaryKey && name.equals(that.name) && type.equals(that.type) &&
            Objects.equals(defaultValue, that.defaultValue);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, type, nullable, caseSensitive, hidden, primaryKey);
    }

    @Override
    public String toString()
    {
        return (caseSensitive ? '"' + name + '"' : name) + ' ' + type + (nullable ? "" : " NOT NULL") +
            (defaultValue == null || defaultValue == DefaultValue.NULL ? "" : " " + defaultValue) +
            (hidden ? " HIDDEN" : "") + (primaryKey ? " PRIMARY KEY" : "");
    }

    /** Chained setters; defaults: nullable, case-insensitive, visible, not a key, no explicit default. */
    public static final class Builder
    {
        private final String name;
        private final DataType type;
        private boolean nullable = true;
        private boolean caseSensitive;
        private boolean hidden;
        private boolean primaryKey;
        private DefaultValue defaultValue;

        private Builder(final String name, final DataType type)
        {
            this.name = name;
            this.type = type;
        }

        public Builder nullable(final boolean nullable)
        {
            this.nullable = nullable;
            return this;
        }

        public Builder caseSensitive(final boolean caseSensitive)
        {
            this.caseSensitive = caseSensitive;
            return this;
        }

        public Builder hidden(final boolean hidden)
        {
            this.hidden = hidden;
            return this;
        }

        public Builder primaryKey(final boolean primaryKey)
        {
            this.primaryKey = primaryKey;
            return this;
        }

        public Builder defaultValue(final DefaultValue defaultValue)
        {
            this.defaultValue = defaultValue;
            return this;
        }

        public Column build()
        {
            return new Column(this);
        }
    }
}
