package sluice.server.proton;

import io.netty.handler.codec.http.FullHttpResponse;
import sluice.server.sql.SqlToken;
import sluice.server.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A Proton {@code SELECT} run on DuckDB: {@code table(s)} (Proton's read of a stream's stored rows rather than its
 * live tail) is just {@code s} there, and one statement is all it may be, so a {@code ;} inside cannot smuggle in a
 * second one. Runs in database {@code default}.
 */
final class ProtonSelect
{
    private ProtonSelect()
    {
    }

    /**
     * The DuckDB text of the statement made of {@code tokens[0, end)} of {@code sql}: as written, except that strings
     * and {@code table(s)} names are re-spelled for DuckDB, so that DuckDB splits the text into the same tokens as the
     * ClickHouse lexer did (and so finds no second statement).
     *
     * @throws IllegalArgumentException a {@code ;} before {@code end}, or a string with a NUL.
     */
    static String toDuckDb(final List<SqlToken> tokens, final String sql, final int end)
    {
        final StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < end; i++)
        {
            final SqlToken token = tokens.get(i);
            if (token.isSymbol(';'))
            {
                throw new IllegalArgumentException("Syntax error: multi-statements are not allowed (';' at position " +
                    token.position() + ")");
            }
            if (token.type() == SqlToken.Type.STRING)
            {
                // Re-spelled in DuckDB's syntax. ClickHouse reads backslash escapes ('a\'' is a'), DuckDB does not,
                // so a string written that way hid a ';' from the check above and DuckDB ran what followed it as a
                // second statement: SELECT 'a\'; DROP TABLE t; --' dropped t (NameInjectionE2eTest, issue 6).
                if (token.text().indexOf('\0') >= 0)
                {
                    throw new IllegalArgumentException("Syntax error: a string with a NUL character at position " +
                        token.position() + " is not supported");
                }
                rewritten.append(sql, copied, token.offset()).append(Sql.literal(token.text()));
                copied = token.endOffset();
                continue;
            }
            if (i + 3 < end && tokens.get(i).isKeyword("TABLE") && tokens.get(i + 1).isSymbol('(') &&
                tokens.get(i + 2).isName() && tokens.get(i + 3).isSymbol(')'))
            {
                // The name through the one quoting function, not as written: a backtick name (ClickHouse's quoting,
                // which DuckDB does not know) went to DuckDB's lexer with its quotes and semicolons (issue 6).
                final SqlToken name = tokens.get(i + 2);
                rewritten.append(sql, copied, tokens.get(i).offset()).append(
                    Sql.quote(name.type() == SqlToken.Type.IDENTIFIER ? name.source(sql) : name.text()));
                copied = tokens.get(i + 3).endOffset();
                i += 3;
            }
        }
        final int stop = end == 0 ? 0 : tokens.get(end - 1).endOffset();
        rewritten.append(sql, copied, Math.max(copied, stop));
        return rewritten.toString();
    }

    /** Runs {@code query} (from {@link #toDuckDb}) and answers its rows in {@code format}. */
    static FullHttpResponse run(final Connection connection, final String query, final String format)
        throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("USE " + Sql.quote(ProtonStreams.DEFAULT_DATABASE));
            try (ResultSet rs = statement.executeQuery(query))
            {
                return ClickHouseFormats.answer(rs, format);
            }
        }
    }
}
