package sluice.server.proton;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.http.BufferedExchange;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpEndpoint;
import sluice.server.http.HttpResponses;
import sluice.server.query.JsonRows;
import sluice.server.query.QueryExecutor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;
import sluice.server.store.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

/**
 * ClickHouse-style SQL over HTTP on Proton's port (spec/proton.md): {@code GET|POST /?query=…}, the POST body
 * appended to the query (or the whole query without one). {@code CREATE STREAM} and {@code DROP STREAM [IF EXISTS]}
 * change streams; {@code SELECT}/{@code WITH} read them, {@code table(s)} standing for the stored rows of {@code s},
 * answered as {@code TabSeparated} (default), {@code JSON}, {@code JSONEachRow}, {@code CSV} or {@code CSVWithNames}
 * when the query ends in {@code FORMAT name}. Errors are ClickHouse's text, {@code Code: N. DB::Exception: …}.
 * Queries run in database {@code default} with DuckDB's file access off. Not yet: {@code INSERT … VALUES}.
 */
final class ProtonSqlEndpoint implements HttpEndpoint
{
    static final String PATH = "/";

    private final ProtonStreams streams;
    private final QueryExecutor executor;
    private final int maxBodyBytes;

    ProtonSqlEndpoint(final ProtonStreams streams, final QueryExecutor executor, final int maxBodyBytes)
    {
        this.streams = streams;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final List<String> params = new QueryStringDecoder(request.uri()).parameters().get("query");
        final String query = params == null || params.isEmpty() ? "" : params.get(0);
        if (!HttpMethod.POST.equals(request.method()))
        {
            run(query, channel);
            return Exchanges.DISCARD;
        }
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                final String text = new String(body, StandardCharsets.UTF_8);
                run(query.isEmpty() ? text : query + " " + text, channel);
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ProtonErrors.INCORRECT_DATA, message);
            }
        });
    }

    private void run(final String sql, final HttpChannel channel)
    {
        final List<SqlToken> tokens;
        try
        {
            tokens = SqlLexer.tokenize(sql);
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, e.getMessage()));
            return;
        }
        if (tokens.isEmpty())
        {
            channel.respond(HttpResponses.of(HttpResponseStatus.OK, "text/plain; charset=UTF-8", "Ok.\n"));
            return;
        }
        final SqlToken first = tokens.get(0);
        if (first.isKeyword("CREATE"))
        {
            submit(channel, connection ->
            {
                final ProtonStream stream = ProtonStreamDdl.parse(sql);
                streams.create(stream);
                return empty();
            });
        }
        else if (first.isKeyword("DROP") && tokens.size() >= 3 && tokens.get(1).isKeyword("STREAM"))
        {
            submit(channel, connection -> drop(tokens, sql));
        }
        else if (first.isKeyword("SELECT") || first.isKeyword("WITH"))
        {
            select(tokens, sql, channel);
        }
        else
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR,
                "Syntax error: this endpoint runs CREATE STREAM, DROP STREAM and SELECT; got " + first.display()));
        }
    }

    private FullHttpResponse drop(final List<SqlToken> tokens, final String sql) throws SQLException
    {
        int i = 2;
        boolean ifExists = false;
        if (tokens.size() > i + 1 && tokens.get(i).isKeyword("IF") && tokens.get(i + 1).isKeyword("EXISTS"))
        {
            ifExists = true;
            i += 2;
        }
        String database = ProtonStreams.DEFAULT_DATABASE;
        if (i >= tokens.size() || !tokens.get(i).isName())
        {
            throw new IllegalArgumentException("Syntax error: expected a stream name in " + sql);
        }
        String name = name(tokens.get(i), sql);
        if (tokens.size() > i + 2 && tokens.get(i + 1).isSymbol('.'))
        {
            database = name;
            name = name(tokens.get(i + 2), sql);
            i += 2;
        }
        final int end = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(';') ? i + 2 : i + 1;
        if (end != tokens.size())
        {
            throw new IllegalArgumentException("Syntax error: unexpected " + tokens.get(i + 1).display() +
                " after the stream name");
        }
        if (!streams.drop(database, name) && !ifExists)
        {
            return error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                ProtonStreams.unknownMessage(database, name));
        }
        return empty();
    }

    /** Proton names are case-sensitive: the name as written, quotes removed. */
    private static String name(final SqlToken token, final String sql)
    {
        final String source = token.source(sql);
        if (token.type() == SqlToken.Type.QUOTED_IDENTIFIER)
        {
            final char quote = source.charAt(0);
            return source.substring(1, source.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
        }
        return source;
    }

    private void select(final List<SqlToken> tokens, final String sql, final HttpChannel channel)
    {
        String format = "TabSeparated";
        int end = tokens.size();
        if (end > 0 && tokens.get(end - 1).isSymbol(';'))
        {
            end--;
        }
        if (end >= 2 && tokens.get(end - 2).isKeyword("FORMAT") && tokens.get(end - 1).isName())
        {
            format = tokens.get(end - 1).source(sql);
            end -= 2;
        }
        final String chosen = format;
        if (!List.of("TabSeparated", "TSV", "JSON", "JSONEachRow", "CSV", "CSVWithNames").contains(chosen))
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, 73, "Unknown format " + chosen));
            return;
        }
        // table(s) reads the stored rows of stream s: in DuckDB that is just s.
        final StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < end; i++)
        {
            if (i + 3 < end && tokens.get(i).isKeyword("TABLE") && tokens.get(i + 1).isSymbol('(') &&
                tokens.get(i + 2).isName() && tokens.get(i + 3).isSymbol(')'))
            {
                rewritten.append(sql, copied, tokens.get(i).offset()).append(tokens.get(i + 2).source(sql));
                copied = tokens.get(i + 3).endOffset();
                i += 3;
            }
        }
        final int stop = end == tokens.size() ? sql.length() : tokens.get(end - 1).endOffset();
        rewritten.append(sql, copied, Math.max(copied, stop));
        final String query = rewritten.toString();
        submit(channel, connection ->
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("USE " + Sql.quote(ProtonStreams.DEFAULT_DATABASE));
                try (ResultSet rs = statement.executeQuery(query))
                {
                    return format(rs, chosen);
                }
            }
        });
    }

    private static FullHttpResponse format(final ResultSet rs, final String format) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int columns = meta.getColumnCount();
        final StringBuilder out = new StringBuilder();
        switch (format)
        {
            case "JSONEachRow":
                while (rs.next())
                {
                    out.append(JsonRows.row(rs, meta)).append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "application/x-ndjson; charset=UTF-8", out.toString());
            case "JSON":
                final com.fasterxml.jackson.databind.node.ObjectNode root = ProtonErrors.JSON.createObjectNode();
                final com.fasterxml.jackson.databind.node.ArrayNode metaNode = root.putArray("meta");
                for (int c = 1; c <= columns; c++)
                {
                    metaNode.addObject().put("name", meta.getColumnLabel(c)).put("type", meta.getColumnTypeName(c));
                }
                final com.fasterxml.jackson.databind.node.ArrayNode data = root.putArray("data");
                int rows = 0;
                while (rs.next())
                {
                    data.add(JsonRows.row(rs, meta));
                    rows++;
                }
                root.put("rows", rows);
                return HttpResponses.of(HttpResponseStatus.OK, "application/json; charset=UTF-8", root + "\n");
            case "CSV":
            case "CSVWithNames":
                if (format.equals("CSVWithNames"))
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        out.append(c == 1 ? "" : ",").append(csv(meta.getColumnLabel(c)));
                    }
                    out.append('\n');
                }
                while (rs.next())
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        final String value = rs.getString(c);
                        out.append(c == 1 ? "" : ",").append(value == null ? "\\N" : csv(value));
                    }
                    out.append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "text/csv; charset=UTF-8", out.toString());
            default:
                while (rs.next())
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        final String value = rs.getString(c);
                        out.append(c == 1 ? "" : "\t").append(value == null ? "\\N" : tsv(value));
                    }
                    out.append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "text/tab-separated-values; charset=UTF-8",
                    out.toString());
        }
    }

    /** ClickHouse's CSV: a value is quoted when it holds a delimiter, a quote or a line break. */
    private static String csv(final String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
        {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** ClickHouse's TabSeparated escapes: backslash, tab and line breaks. */
    private static String tsv(final String value)
    {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private void submit(final HttpChannel channel, final QueryExecutor.SqlTask<FullHttpResponse> work)
    {
        executor.submit(work).whenComplete((response, failure) ->
        {
            if (failure == null)
            {
                channel.respond(response);
                return;
            }
            final Throwable cause = QueryExecutor.cause(failure);
            if (cause instanceof ProtonStreams.StreamExistsException)
            {
                channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.STREAM_EXISTS, cause.getMessage()));
            }
            else if (cause instanceof IllegalArgumentException)
            {
                channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, cause.getMessage()));
            }
            else if (cause instanceof RejectedExecutionException)
            {
                channel.respond(error(HttpResponseStatus.SERVICE_UNAVAILABLE, ProtonErrors.TOO_MANY_REQUESTS,
                    "too many queries queued"));
            }
            else if (cause instanceof SQLException)
            {
                final String message = String.valueOf(cause.getMessage());
                final boolean missing = message.toLowerCase(Locale.ROOT).contains("does not exist");
                channel.respond(error(missing ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST,
                    missing ? ProtonErrors.UNKNOWN_STREAM : ProtonErrors.SYNTAX_ERROR, message));
            }
            else
            {
                channel.respond(error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ProtonErrors.INTERNAL,
                    String.valueOf(cause.getMessage())));
            }
        });
    }

    private static FullHttpResponse empty()
    {
        return HttpResponses.of(HttpResponseStatus.OK, "text/plain; charset=UTF-8", "");
    }

    private static FullHttpResponse error(final HttpResponseStatus status, final int code, final String message)
    {
        return HttpResponses.of(status, "text/plain; charset=UTF-8",
            "Code: " + code + ". DB::Exception: " + message + "\n");
    }
}
