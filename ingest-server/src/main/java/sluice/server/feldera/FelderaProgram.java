package sluice.server.feldera;

import java.util.List;
import java.util.Locale;

/**
 * The tables and views of a Feldera pipeline's {@code program_code} (spec/feldera.md, "Pipelines"), parsed from the
 * subset of Feldera SQL (docs.feldera.com, "SQL Grammar") that an ingestion server needs:
 * <pre>
 * program      = [ statement ] { ';' [ statement ] }
 * statement    = CREATE TABLE name '(' element { ',' element } [ ',' ] ')' [ WITH properties ]
 *              | CREATE [ LOCAL | MATERIALIZED ] VIEW name [ '(' name { ',' name } ')' ] [ WITH properties ] AS query
 * element      = name type { NOT NULL | NULL | PRIMARY KEY | DEFAULT literal | INTERNED
 *                          | FOREIGN KEY REFERENCES name '(' name ')' | LATENESS expr | WATERMARK expr }
 *              | [ CONSTRAINT name ] PRIMARY KEY '(' name { ',' name } ')'
 *              | [ CONSTRAINT name ] FOREIGN KEY '(' names ')' REFERENCES name '(' names ')'
 * properties   = '(' 'key' '=' 'value' { ',' 'key' '=' 'value' } ')'     -- 'connectors' holds a JSON array
 * </pre>
 * Comments ({@code --} to end of line, {@code /* *}{@code /}) may appear anywhere. Types: {@link FelderaTypes};
 * defaults: {@link FelderaDefault}; keys and ignored constraints: {@link FelderaTableParser}. Names: unquoted ones
 * are stored lowercase, {@code "quoted"} ones exactly, then compare exactly; a table and a view may not share a
 * name, nor two columns of one table. Columns are nullable unless NOT NULL or part of the primary key.
 * <p>
 * Every other statement (CREATE FUNCTION, CREATE TYPE, CREATE INDEX, DECLARE RECURSIVE VIEW, LATENESS, INSERT, ...),
 * and every syntax or rule error, is an {@link IllegalArgumentException} whose message names the statement and a
 * 1-based character position in the program text, e.g. {@code CREATE TABLE t: column x: unknown type FOO at position
 * 40}; callers answer 400. Immutable; {@link #parse} is thread-safe.
 *
 * @param tables in program order.
 * @param views in program order.
 */
public record FelderaProgram(List<FelderaTable> tables, List<FelderaView> views)
{
    public FelderaProgram
    {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
    }

    /**
     * Parses a pipeline's program. An empty or comment-only program has no tables and no views.
     *
     * @throws IllegalArgumentException as described in the class comment; also for a null program.
     */
    public static FelderaProgram parse(final String programCode)
    {
        if (programCode == null)
        {
            throw new IllegalArgumentException("program_code is missing");
        }
        return new FelderaProgramParser(programCode).parse();
    }

    /**
     * The stored name a table or view name given in a URL refers to, the way Feldera resolves
     * {@code /ingress/{table}}: {@code "Name"} (the URL's {@code %22Name%22}, already decoded) means exactly
     * {@code Name}; anything else is folded to lowercase, so it finds a table declared unquoted in any case.
     */
    public static String canonicalName(final String urlName)
    {
        if (urlName.length() >= 2 && urlName.charAt(0) == '"' && urlName.charAt(urlName.length() - 1) == '"')
        {
            return urlName.substring(1, urlName.length() - 1);
        }
        return urlName.toLowerCase(Locale.ROOT);
    }

    /** The table a URL names ({@link #canonicalName}), or null. */
    public FelderaTable table(final String urlName)
    {
        final String name = canonicalName(urlName);
        for (final FelderaTable table : tables)
        {
            if (table.name().equals(name))
            {
                return table;
            }
        }
        return null;
    }

    /** The view a URL names ({@link #canonicalName}), or null. */
    public FelderaView view(final String urlName)
    {
        final String name = canonicalName(urlName);
        for (final FelderaView view : views)
        {
            if (view.name().equals(name))
            {
                return view;
            }
        }
        return null;
    }
}
