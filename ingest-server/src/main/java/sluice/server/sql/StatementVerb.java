package sluice.server.sql;

import java.util.List;
import java.util.Set;

/**
 * What a statement does, read from its tokens: its verb after leading parentheses, with {@code WITH} resolved to the
 * statement its common table expressions lead to ({@code WITH x AS (…) DELETE …} deletes) and {@code EXPLAIN ANALYZE}
 * kept apart from {@code EXPLAIN} (it runs what it explains). The query endpoints use it to tell statements that only
 * read from those that write. Pure functions.
 */
public final class StatementVerb
{
    /** Verbs of statements that only read (EXPLAIN without ANALYZE included). */
    private static final Set<String> READING = Set.of("SELECT", "VALUES", "FROM", "TABLE", "DESCRIBE", "DESC", "SHOW",
        "SUMMARIZE", "EXPLAIN", "WITH");

    private StatementVerb()
    {
    }

    /**
     * The verb, upper-cased: {@code SELECT}, {@code DELETE}, …, {@code EXPLAIN ANALYZE}; {@code WITH} for common table
     * expressions that lead to no statement keyword; null when the statement does not start with a keyword.
     */
    public static String of(final List<SqlToken> tokens)
    {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).isSymbol('('))
        {
            i++;
        }
        if (i == tokens.size() || tokens.get(i).type() != SqlToken.Type.IDENTIFIER)
        {
            return null;
        }
        final String verb = tokens.get(i).text();
        if (verb.equals("WITH"))
        {
            return afterCommonTableExpressions(tokens, i + 1);
        }
        if (verb.equals("EXPLAIN") && i + 1 < tokens.size() && tokens.get(i + 1).isKeyword("ANALYZE"))
        {
            return "EXPLAIN ANALYZE";
        }
        return verb;
    }

    /** True for a verb of {@link #of} that cannot change data or settings. */
    public static boolean onlyReads(final String verb)
    {
        return verb != null && READING.contains(verb);
    }

    /** The first top-level SELECT, INSERT, UPDATE or DELETE after WITH; "WITH" when none. */
    private static String afterCommonTableExpressions(final List<SqlToken> tokens, final int from)
    {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++)
        {
            final SqlToken token = tokens.get(i);
            if (token.isSymbol('('))
            {
                depth++;
            }
            else if (token.isSymbol(')'))
            {
                depth--;
            }
            else if (depth == 0 && (token.isKeyword("SELECT") || token.isKeyword("INSERT") ||
                token.isKeyword("UPDATE") || token.isKeyword("DELETE")))
            {
                return token.text();
            }
        }
        return "WITH";
    }
}
