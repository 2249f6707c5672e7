package sluice.server.feldera;

import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Splits a Feldera {@code program_code} into statements at {@code ;} (the lexer has already set aside those inside
 * literals and comments), hands CREATE TABLE to {@link FelderaTableParser}, parses CREATE VIEW itself, and refuses
 * every other statement. Tables and views share one namespace. Not thread-safe: one per parse.
 */
final class FelderaProgramParser
{
    /** Words that may come between CREATE/DECLARE and what is created, for naming a refused statement. */
    private static final Set<String> MODIFIERS =
        Set.of("CREATE", "DECLARE", "OR", "REPLACE", "LOCAL", "MATERIALIZED", "RECURSIVE", "LINEAR", "TEMPORARY");

    private final String sql;
    private final List<FelderaTable> tables = new ArrayList<>();
    private final List<FelderaView> views = new ArrayList<>();
    /** Stored name to the position where it was declared. */
    private final Map<String, Integer> declared = new HashMap<>();

    FelderaProgramParser(final String sql)
    {
        this.sql = sql;
    }

    FelderaProgram parse()
    {
        final List<SqlToken> tokens = SqlLexer.tokenize(sql);
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++)
        {
            if (i == tokens.size() || tokens.get(i).isSymbol(';'))
            {
                if (i > start)
                {
                    statement(tokens.subList(start, i));
                }
                start = i + 1;
            }
        }
        return new FelderaProgram(tables, views);
    }

    private void statement(final List<SqlToken> tokens)
    {
        final SqlToken first = tokens.get(0);
        final String ddl = sql.substring(first.offset(), tokens.get(tokens.size() - 1).endOffset());
        final SqlCursor in = new SqlCursor(tokens, 0);
        if (in.acceptKeyword("CREATE"))
        {
            if (in.acceptKeyword("TABLE"))
            {
                final FelderaTable table = describingErrors(tokens, "CREATE TABLE", 2,
                    () -> new FelderaTableParser(sql, in).parse(ddl));
                declare(table.name(), table.quoted(), tokens.get(2).position());
                tables.add(table);
                return;
            }
            final FelderaView.Kind kind = in.acceptKeyword("LOCAL") ? FelderaView.Kind.LOCAL :
                in.acceptKeyword("MATERIALIZED") ? FelderaView.Kind.MATERIALIZED : FelderaView.Kind.STANDARD;
            if (in.acceptKeyword("VIEW"))
            {
                final int nameIndex = kind == FelderaView.Kind.STANDARD ? 2 : 3;
                final FelderaView view = describingErrors(tokens, "CREATE " +
                    (kind == FelderaView.Kind.STANDARD ? "" : kind.name() + " ") + "VIEW", nameIndex,
                    () -> view(in, kind, tokens, ddl));
                declare(view.name(), view.quoted(), tokens.get(nameIndex).position());
                views.add(view);
                return;
            }
        }
        throw new IllegalArgumentException("unsupported statement " + leadingWords(tokens) + " at position " +
            first.position() + ": a program may only contain CREATE TABLE and CREATE VIEW statements");
    }

    /**
     * Runs {@code parser}, prefixing any error with the statement it is about ({@code CREATE TABLE t: ...}), since
     * a program holds many.
     */
    private <T> T describingErrors(
        final List<SqlToken> tokens, final String what, final int nameIndex, final Supplier<T> parser)
    {
        try
        {
            return parser.get();
        }
        catch (final IllegalArgumentException ex)
        {
            final SqlToken name = nameIndex < tokens.size() ? tokens.get(nameIndex) : null;
            final String subject = name != null && name.isName() ?
                what + " " + name.source(sql) : what + " at position " + tokens.get(0).position();
            throw new IllegalArgumentException(subject + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code name [( column, ... )] [WITH (properties)] AS query}. The properties would configure the view's output
     * connectors, which Sluice does not run, so they are checked and dropped.
     */
    private FelderaView view(
        final SqlCursor in, final FelderaView.Kind kind, final List<SqlToken> tokens, final String ddl)
    {
        final FelderaName name = FelderaName.read(in, sql, "a view name");
        final List<String> columns = new ArrayList<>();
        if (in.acceptSymbol('('))
        {
            do
            {
                final FelderaName column = FelderaName.read(in, sql, "a column name");
                if (columns.contains(column.name()))
                {
                    throw new IllegalArgumentException(
                        "duplicate column name " + column.display() + " at position " + column.position());
                }
                columns.add(column.name());
            }
            while (in.acceptSymbol(','));
            in.expectSymbol(')', "',' or ')'");
        }
        if (in.acceptKeyword("WITH"))
        {
            FelderaProperties.read(in, new LinkedHashMap<>());
        }
        in.expectKeyword("AS", "AS");
        final SqlToken queryStart = in.peek();
        if (queryStart == null)
        {
            throw in.syntax("a query after AS");
        }
        final String query = sql.substring(queryStart.offset(), tokens.get(tokens.size() - 1).endOffset());
        return new FelderaView(name.name(), name.quoted(), kind, columns, query, ddl);
    }

    private void declare(final String name, final boolean quoted, final int position)
    {
        final Integer previous = declared.putIfAbsent(name, position);
        if (previous != null)
        {
            throw new IllegalArgumentException("duplicate table or view name " + (quoted ? '"' + name + '"' : name) +
                " at position " + position + " (first declared at position " + previous + ")");
        }
    }

    /** The statement's opening keywords, e.g. {@code CREATE FUNCTION} or {@code DECLARE RECURSIVE VIEW}. */
    private static String leadingWords(final List<SqlToken> tokens)
    {
        final StringBuilder words = new StringBuilder();
        for (final SqlToken token : tokens)
        {
            if (token.type() != SqlToken.Type.IDENTIFIER)
            {
                break;
            }
            words.append(words.length() == 0 ? "" : " ").append(token.text());
            if (!MODIFIERS.contains(token.text()))
            {
                break;
            }
        }
        return words.length() == 0 ? tokens.get(0).display() : words.toString();
    }
}
