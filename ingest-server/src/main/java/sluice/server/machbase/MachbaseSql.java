package sluice.server.machbase;

import sluice.server.auth.Scope;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;
import sluice.server.sql.StatementVerb;

import java.util.List;

/**
 * Classifies the SQL text of a {@code /db/query} request and parses the Machbase statements Sluice runs itself
 * (spec/machbase.md "Tables"); everything else goes to DuckDB as written.
 * <pre>
 * CREATE TAG TABLE [IF NOT EXISTS] name ( column, ... ) [table options]
 * CREATE TABLE [IF NOT EXISTS] name ( column, ... ) [table options]         -- a log table
 *   column        = name type [PRIMARY KEY] [BASETIME] [SUMMARIZED] [NOT NULL | NULL] [PROPERTY ( ... )]
 *   type          = short | ushort | integer | int | uinteger | long | ulong | float | double | datetime
 *                 | varchar [( n )] | text | binary | ipv4 | ipv6 | json   (+ aliases, see MachbaseTypes)
 *   table options = { METADATA is rejected | WITH ROLLUP [( unit )] [EXTENSION] | TABLESPACE name
 *                   | NAME = value }                                        -- accepted and ignored
 * DROP TABLE [IF EXISTS] name [CASCADE | RESTRICT]
 * EXEC table_flush ( name | 'name' | "name" )
 * </pre>
 * Rules:
 * <ul>
 * <li>Keywords and identifiers are case-insensitive; names are stored UPPERCASE, as Machbase does. Quoted
 * identifiers ({@code "x"}) keep their characters but are upper-cased too: quoting only lets a name contain
 * spaces or look like a keyword, it does not make it case-sensitive (Machbase has no case-sensitive names, and
 * {@code /db/write} matches columns case-insensitively anyway). {@code schema.table} keeps the last part: Sluice has
 * one namespace.</li>
 * <li>A tag table needs exactly one PRIMARY KEY column (varchar or text: the tag name) and exactly one BASETIME
 * column (datetime); at most one SUMMARIZED column, numeric. A log table takes none of the three.</li>
 * <li>{@code CREATE TABLE … AS}, {@code CREATE OR REPLACE TABLE}, {@code CREATE TEMP TABLE} and Machbase's
 * VOLATILE and LOOKUP tables are rejected (the server owns table schemas); other CREATE and DROP statements
 * (VIEW, INDEX, SEQUENCE, ...) go to DuckDB.</li>
 * <li>One statement per request: a trailing {@code ;} is fine, a second statement is an error.</li>
 * <li>Other statements are classified by their first keyword (after any opening parentheses; for WITH, the first
 * SELECT, INSERT, UPDATE or DELETE after the common table expressions): SELECT, WITH, VALUES, FROM, TABLE,
 * DESCRIBE, DESC, SHOW, SUMMARIZE, EXPLAIN, PRAGMA and CALL fetch rows; INSERT, UPDATE and DELETE report a count
 * unless they have RETURNING, which makes them fetch; anything else is EXECUTE.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s whose message names the offending token and its 1-based character
 * position ({@code syntax error at position 31 near "foo": expected a column type}); callers answer 400. Stateless
 * and thread-safe.
 */
public final class MachbaseSql
{
    private MachbaseSql()
    {
    }

    /**
     * @param sql the {@code q} parameter.
     * @throws IllegalArgumentException {@code sql text is empty} for null, blank or comment-only text; a syntax or
     * rule error in Machbase DDL; more than one statement.
     */
    public static MachbaseStatement parse(final String sql)
    {
        if (sql == null)
        {
            throw new IllegalArgumentException("sql text is empty");
        }
        final List<SqlToken> tokens = SqlLexer.tokenize(sql);
        int end = 0;
        while (end < tokens.size() && !tokens.get(end).isSymbol(';'))
        {
            end++;
        }
        for (int i = end; i < tokens.size(); i++)
        {
            if (!tokens.get(i).isSymbol(';'))
            {
                throw new IllegalArgumentException(
                    "only one statement per request is supported: another starts at position " +
                        tokens.get(i).position());
            }
        }
        if (end == 0)
        {
            throw new IllegalArgumentException("sql text is empty");
        }
        final List<SqlToken> statement = tokens.subList(0, end);
        final SqlToken first = statement.get(0);
        if (first.isKeyword("CREATE"))
        {
            return new MachbaseDdl(sql, new SqlCursor(statement, 1)).create();
        }
        if (first.isKeyword("DROP"))
        {
            return new MachbaseDdl(sql, new SqlCursor(statement, 1)).drop();
        }
        if (first.isKeyword("EXEC") || first.isKeyword("EXECUTE"))
        {
            return new MachbaseDdl(sql, new SqlCursor(statement, 1)).exec();
        }
        return classify(sql, statement);
    }

    private static MachbaseStatement classify(final String sql, final List<SqlToken> tokens)
    {
        final String verb = StatementVerb.of(tokens);
        if (verb == null)
        {
            return MachbaseStatement.passThrough(MachbaseStatement.Kind.EXECUTE, Scope.ADMIN, sql);
        }
        switch (verb)
        {
            case "INSERT":
                return dml(sql, tokens, MachbaseStatement.Kind.INSERT);
            case "UPDATE":
                return dml(sql, tokens, MachbaseStatement.Kind.UPDATE);
            case "DELETE":
                return dml(sql, tokens, MachbaseStatement.Kind.DELETE);
            case "PRAGMA":
            case "CALL":
            case "EXPLAIN ANALYZE":
                // Rows come back, but PRAGMA and CALL can change settings and EXPLAIN ANALYZE runs what it explains.
                return MachbaseStatement.passThrough(MachbaseStatement.Kind.FETCH, Scope.ADMIN, sql);
            default:
                return StatementVerb.onlyReads(verb) ?
                    MachbaseStatement.passThrough(MachbaseStatement.Kind.FETCH, Scope.QUERY, sql) :
                    MachbaseStatement.passThrough(MachbaseStatement.Kind.EXECUTE, Scope.ADMIN, sql);
        }
    }

    /** INSERT, UPDATE, DELETE: a count, or rows when RETURNING asks for them; writing either way. */
    private static MachbaseStatement dml(
        final String sql, final List<SqlToken> tokens, final MachbaseStatement.Kind kind)
    {
        for (final SqlToken token : tokens)
        {
            if (token.isKeyword("RETURNING"))
            {
                return MachbaseStatement.passThrough(MachbaseStatement.Kind.FETCH, Scope.INGEST, sql);
            }
        }
        return MachbaseStatement.passThrough(kind, Scope.INGEST, sql);
    }
}
