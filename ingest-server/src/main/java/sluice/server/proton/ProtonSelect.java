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
     * The DuckDB text of the statement made of {@code tokens[0, end)} of {@code sql}.
     *
     * @throws IllegalArgumentException a {@code ;} before {@code end}.
     */
    static String toDuckDb(final List<SqlToken> tokens, final String sql, final int end)
    {
        final StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < end; i++)
        {
            if (tokens.get(i).isSymbol(';'))
            {
                throw new IllegalArgumentException("Syntax error: multi-statements are not allowed (';' at position " +
                    tokens.get(i).position() + ")");
            }
            if (i + 3 < end && tokens.get(i).isKeyword("TABLE") && tokens.get(i + 1).isSymbol('(') &&
                tokens.get(i + 2).isName() && tokens.get(i + 3).isSymbol(')'))
            {
                rewritten.append(sql, copied, tokens.get(i).offset()).append(tokens.get(i + 2).source(sql));
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
