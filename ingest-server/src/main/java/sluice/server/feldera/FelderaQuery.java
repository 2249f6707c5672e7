package sluice.server.feldera;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpResponses;
import sluice.server.query.JsonRows;
import sluice.server.query.QueryExecutor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;
import sluice.server.sql.StatementVerb;
import sluice.server.store.Sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /v0/pipelines/{p}/query?sql=…&format=text|json}: one read-only statement run in the pipeline's schema
 * (its tables and views by their plain names) on a query thread, with DuckDB's file access off. {@code json}: one
 * object per row, newline separated; {@code text} (the default): an ASCII table. Errors are 400 {@code
 * AdHocQueryError}.
 */
final class FelderaQuery
{
    private final QueryExecutor executor;

    FelderaQuery(final QueryExecutor executor)
    {
        this.executor = executor;
    }

    void run(final Pipeline pipeline, final QueryStringDecoder uri, final HttpChannel channel)
    {
        final List<String> sqls = uri.parameters().get("sql");
        final List<String> formats = uri.parameters().get("format");
        final String format = formats == null || formats.isEmpty() ? "text" : formats.get(0);
        if (sqls == null || sqls.isEmpty() || sqls.get(0).isBlank())
        {
            channel.respond(error("missing parameter 'sql'"));
            return;
        }
        if (!format.equals("text") && !format.equals("json"))
        {
            channel.respond(error("unsupported format '" + format + "': use text or json"));
            return;
        }
        final String sql = sqls.get(0);
        final String refusal = refusal(sql);
        if (refusal != null)
        {
            channel.respond(error(refusal));
            return;
        }
        executor.submit(connection ->
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("USE " + Sql.quote(pipeline.name()));
                try (ResultSet rs = statement.executeQuery(sql))
                {
                    return format.equals("json") ? json(rs) : text(rs);
                }
            }
            catch (final SQLException e)
            {
                return error(e.getMessage());
            }
        }).whenComplete((response, failure) ->
        {
            if (failure == null)
            {
                channel.respond(response);
            }
            else
            {
                final Throwable cause = QueryExecutor.cause(failure);
                channel.respond(cause instanceof RejectedExecutionException ?
                    FelderaIngressEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        FelderaErrors.OVERLOADED, "too many queries queued") : error(String.valueOf(cause.getMessage())));
            }
        });
    }

    /** Why {@code sql} may not run here, or null: one statement that only reads. */
    static String refusal(final String sql)
    {
        final List<SqlToken> tokens;
        try
        {
            tokens = SqlLexer.tokenize(sql);
        }
        catch (final IllegalArgumentException e)
        {
            return e.getMessage();
        }
        int statements = 0;
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++)
        {
            if (i == tokens.size() || tokens.get(i).isSymbol(';'))
            {
                if (i > start)
                {
                    statements++;
                    // WITH … DELETE deletes, EXPLAIN ANALYZE runs what it explains: the verb decides.
                    if (!StatementVerb.onlyReads(StatementVerb.of(tokens.subList(start, i))))
                    {
                        return "ad-hoc queries here only read: SELECT, WITH, VALUES, SHOW, DESCRIBE or EXPLAIN";
                    }
                }
                start = i + 1;
            }
        }
        if (statements != 1)
        {
            return "expected exactly one statement, found " + statements;
        }
        return null;
    }

    private static FullHttpResponse json(final ResultSet rs) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final StringBuilder out = new StringBuilder();
        while (rs.next())
        {
            out.append(JsonRows.row(rs, meta)).append('\n');
        }
        return HttpResponses.of(HttpResponseStatus.OK, "application/x-ndjson", out.toString());
    }

    /** An ASCII table in the shape of Arrow's pretty printer, which Feldera's text format uses. */
    private static FullHttpResponse text(final ResultSet rs) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int columns = meta.getColumnCount();
        final List<String[]> rows = new ArrayList<>();
        final int[] widths = new int[columns];
        final String[] header = new String[columns];
        for (int c = 0; c < columns; c++)
        {
            header[c] = meta.getColumnLabel(c + 1);
            widths[c] = header[c].length();
        }
        while (rs.next())
        {
            final String[] row = new String[columns];
            for (int c = 0; c < columns; c++)
            {
                final String value = rs.getString(c + 1);
                row[c] = value == null ? "" : value;
                widths[c] = Math.max(widths[c], row[c].length());
            }
            rows.add(row);
        }
        final StringBuilder out = new StringBuilder();
        rule(out, widths);
        line(out, widths, header);
        rule(out, widths);
        for (final String[] row : rows)
        {
            line(out, widths, row);
        }
        rule(out, widths);
        return HttpResponses.of(HttpResponseStatus.OK, "text/plain; charset=utf-8", out.toString());
    }

    private static void rule(final StringBuilder out, final int[] widths)
    {
        out.append('+');
        for (final int width : widths)
        {
            out.append("-".repeat(width + 2)).append('+');
        }
        out.append('\n');
    }

    private static void line(final StringBuilder out, final int[] widths, final String[] cells)
    {
        out.append('|');
        for (int c = 0; c < widths.length; c++)
        {
            out.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(" |");
        }
        out.append('\n');
    }

    private static FullHttpResponse error(final String message)
    {
        return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.QUERY_ERROR, message, Map.of());
    }
}
