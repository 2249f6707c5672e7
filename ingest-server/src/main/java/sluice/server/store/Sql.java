package sluice.server.store;

/**
 * The one way a name from a request reaches SQL text. Identifiers are always double-quoted with embedded quotes
 * doubled (the SQL standard and DuckDB's rule), so no name can end the identifier, start a statement or comment;
 * names that DuckDB cannot store (empty, NUL) are refused. Literals from requests never go into SQL we generate: they
 * are bind parameters (a user's own statement keeps its literals, re-spelled by {@link #literal} where its dialect
 * escapes them differently from DuckDB).
 */
public final class Sql
{
    private Sql()
    {
    }

    /** {@code "name"} with {@code "} doubled. */
    public static String quote(final String identifier)
    {
        if (identifier == null || identifier.isEmpty())
        {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0)
        {
            throw new IllegalArgumentException("an identifier must not contain NUL");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(final String schema, final String name)
    {
        return quote(schema) + '.' + quote(name);
    }

    /**
     * A string literal for SQL generated from our own constants and catalog text, and for re-spelling a literal of a
     * user's own statement in DuckDB's syntax (ProtonSelect: ClickHouse's backslash escapes resolved first). Never to
     * put request values into SQL we generate: those are bind parameters. The text must not hold NUL.
     */
    public static String literal(final String value)
    {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
