package sluice.server.machbase;

import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.util.List;
import java.util.Set;

/**
 * What {@code /db/query} lets through to DuckDB besides queries and DML. Tables are owned by the catalog (their
 * DDL goes through {@link MachbaseSql}), so statements that would change a table or schema behind its back, reach
 * outside the database, or touch Sluice's own {@code sluice_catalog} schema are refused with a 400 naming the
 * statement. (File access is also switched off in DuckDB itself; this guard keeps the catalog consistent.)
 */
final class MachbaseStatementGuard
{
    private static final String CATALOG_SCHEMA = "SLUICE_CATALOG";
    /** Objects that CREATE and DROP may name: none of them holds ingested rows. */
    private static final Set<String> FREE_OBJECTS =
        Set.of("VIEW", "INDEX", "UNIQUE", "SEQUENCE", "MACRO", "FUNCTION", "TYPE", "OR", "TEMP", "TEMPORARY");
    private static final Set<String> FREE_STATEMENTS = Set.of("SET", "RESET", "BEGIN", "START", "COMMIT",
        "ROLLBACK", "ABORT", "END", "CHECKPOINT", "FORCE", "VACUUM", "ANALYZE", "USE", "PREPARE", "EXECUTE",
        "DEALLOCATE");

    private MachbaseStatementGuard()
    {
    }

    /** @throws IllegalArgumentException with the 400 reason when the statement is not allowed. */
    static void check(final MachbaseStatement statement)
    {
        if (statement.isDdl())
        {
            return;
        }
        final List<SqlToken> tokens = SqlLexer.tokenize(statement.sql());
        if (statement.kind() != MachbaseStatement.Kind.FETCH)
        {
            for (final SqlToken token : tokens)
            {
                if (token.isName() && token.text().equals(CATALOG_SCHEMA))
                {
                    throw new IllegalArgumentException("the sluice_catalog schema is read-only");
                }
            }
        }
        if (statement.kind() != MachbaseStatement.Kind.EXECUTE || tokens.isEmpty())
        {
            return;
        }
        final String verb = tokens.get(0).text();
        final String object = tokens.size() > 1 ? tokens.get(1).text() : "";
        final boolean allowed = FREE_STATEMENTS.contains(verb) ||
            (verb.equals("CREATE") || verb.equals("DROP")) && FREE_OBJECTS.contains(object);
        if (!allowed)
        {
            throw new IllegalArgumentException("statement not supported through /db/query: " + verb +
                (object.isEmpty() ? "" : " " + object) + " (tables are created with CREATE [TAG] TABLE and " +
                "dropped with DROP TABLE)");
        }
    }
}
