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
 * live tail) is just {@code s} there, and one statement is all it may be: the text DuckDB gets is rebuilt from our
 * tokens, so what it reads is what we checked. Runs in database {@code default}.
 */
final class ProtonSelect
{
    private ProtonSelect()
    {
    }

    /**
     * The DuckDB text of the statement made of {@code tokens[0, end)} of {@code sql}, rebuilt from the tokens rather
     * than copied: strings re-quoted in DuckDB's way (the ClickHouse lexer reads {@code \\'} as a quote, DuckDB would
     * not, and what it then took for a string end could start a second statement), quoted names through
     * {@link Sql#quote}, comments dropped (DuckDB nests them, we do not), a space wherever the source had a gap.
     *
     * @throws IllegalArgumentException a {@code ;} before {@code end}, or a string with a NUL.
     */
    static String toDuckDb(final List<SqlToken> tokens, final String sql, final int end)
    {
        final StringBuilder out = new StringBuilder(sql.length() + 16);
        int previousEnd = -1;
        for (int i = 0; i < end; i++)
        {
            final SqlToken token = tokens.get(i);
            if (token.isSymbol(';'))
            {
                throw new IllegalArgumentException("Syntax error: multi-statements are not allowed (';' at position " +
                    token.position() + ")");
            }
            if (previousEnd >= 0 && token.offset() > previousEnd)
            {
                out.append(' ');
            }
            if (i + 3 < end && token.isKeyword("TABLE") && tokens.get(i + 1).isSymbol('(') &&
                tokens.get(i + 2).isName() && tokens.get(i + 3).isSymbol(')'))
            {
                // The name through the one quoting function, whatever its quoting was (DuckDB knows no backticks).
                final SqlToken name = tokens.get(i + 2);
                out.append(Sql.quote(name.type() == SqlToken.Type.IDENTIFIER ? name.source(sql) : name.text()));
                previousEnd = tokens.get(i + 3).endOffset();
                i += 3;
                continue;
            }
            append(out, token, sql);
            previousEnd = token.endOffset();
        }
        return out.toString();
    }

    private static void append(final StringBuilder out, final SqlToken token, final String sql)
    {
        switch (token.type())
        {
            case STRING:
                if (token.text().indexOf('\0') >= 0)
                {
                    throw new IllegalArgumentException("Syntax error: a string with a NUL character at position " +
                        token.position() + " is not supported");
                }
                out.append(Sql.literal(token.text()));
                break;
            case QUOTED_IDENTIFIER:
                out.append(Sql.quote(token.text()));
                break;
            default:
                out.append(token.source(sql));
                break;
        }
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
