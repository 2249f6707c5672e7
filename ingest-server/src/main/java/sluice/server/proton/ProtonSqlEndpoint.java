package sluice.server.proton;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.auth.Scope;
import sluice.server.catalog.TableEntry;
import sluice.server.http.BufferedExchange;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpEndpoint;
import sluice.server.http.HttpResponses;
import sluice.server.query.QueryExecutor;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;
import sluice.server.sql.StatementVerb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * ClickHouse-style SQL over HTTP on Proton's port (spec/proton.md): {@code GET|POST /?query=…}, the POST body
 * appended to the query (or the whole query without one). {@code CREATE STREAM} and {@code DROP STREAM [IF EXISTS]}
 * change streams; {@code INSERT … VALUES} adds rows; {@code SELECT}/{@code WITH} read them, {@code table(s)} standing
 * for the stored rows of {@code s} ({@link ProtonSelect}), answered in a {@link ClickHouseFormats} format,
 * {@code TabSeparated} unless the query ends in {@code FORMAT name}. Errors are ClickHouse's text,
 * {@code Code: N. DB::Exception: …}.
 * {@code INSERT … VALUES} goes through the ingest API's path ({@link ProtonInsert}). Queries run in database
 * {@code default} with DuckDB's file access off.
 */
final class ProtonSqlEndpoint implements HttpEndpoint
{
    static final String PATH = "/";

    private final ProtonStreams streams;
    private final QueryExecutor executor;
    private final ProtonIngestEndpoint ingest;
    private final int maxBodyBytes;

    ProtonSqlEndpoint(
        final ProtonStreams streams, final QueryExecutor executor, final ProtonIngestEndpoint ingest,
        final int maxBodyBytes)
    {
        this.streams = streams;
        this.executor = executor;
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final List<String> params = new QueryStringDecoder(request.uri()).parameters().get("query");
        final String query = params == null || params.isEmpty() ? "" : params.get(0);
        if (!HttpMethod.POST.equals(request.method()))
        {
            run(request, query, channel);
            return Exchanges.DISCARD;
        }
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                final String text = new String(body, StandardCharsets.UTF_8);
                run(request, query.isEmpty() ? text : query + " " + text, channel);
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ProtonErrors.INCORRECT_DATA, message);
            }
        });
    }

    private void run(final HttpRequest request, final String sql, final HttpChannel channel)
    {
        final List<SqlToken> tokens;
        try
        {
            tokens = SqlLexer.tokenizeClickHouse(sql);
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
        final String verb = StatementVerb.of(tokens);
        final boolean reads = first.isKeyword("SELECT") || first.isKeyword("WITH");
        if (reads && !"SELECT".equals(verb) && !"WITH".equals(verb))
        {
            // WITH … INSERT/UPDATE/DELETE: the common table expressions lead to a write.
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, "Syntax error: WITH " +
                "here leads to a SELECT; got " + verb));
            return;
        }
        if (!reads && HttpMethod.GET.equals(request.method()))
        {
            // As ClickHouse: a GET only reads (a link or an <img> cannot change streams).
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.READONLY, "Cannot execute " +
                first.display() + " in readonly mode: a GET only runs SELECT; use POST"));
            return;
        }
        final Scope scope = first.isKeyword("CREATE") || first.isKeyword("DROP") ? Scope.ADMIN :
            first.isKeyword("INSERT") ? Scope.INGEST : Scope.QUERY;
        if (!channel.principal().may(scope))
        {
            channel.respond(error(HttpResponseStatus.FORBIDDEN, ProtonErrors.ACCESS_DENIED,
                channel.principal().lacks(scope)));
            return;
        }
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
        else if (first.isKeyword("INSERT"))
        {
            insert(request, tokens, sql, channel);
        }
        else
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR,
                "Syntax error: this endpoint runs CREATE STREAM, DROP STREAM, INSERT … VALUES and SELECT; got " +
                    first.display()));
        }
    }

    /**
     * {@code INSERT … VALUES}: the rows become the ingest API's body and go the same way (decoder, ring, commit), in
     * sync mode: answered once visible, all or nothing, errors naming the row.
     */
    private void insert(
        final HttpRequest request, final List<SqlToken> tokens, final String sql, final HttpChannel channel)
    {
        final ProtonInsert.Statement insert;
        final TableEntry stream;
        try
        {
            final ProtonInsert.Target target = ProtonInsert.target(sql, tokens);
            stream = streams.find(target.database(), target.stream());
            if (stream == null)
            {
                channel.respond(error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                    ProtonStreams.unknownMessage(target.database(), target.stream())));
                return;
            }
            insert = ProtonInsert.parse(sql, tokens, target, stream.schema(), Instant.now());
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, e.getMessage()));
            return;
        }
        final byte[] body = insert.body().getBytes(StandardCharsets.UTF_8);
        // The stream's name percent-encoded: Netty refuses a URI with a quote or a space in it, and a stream named
        // so (legal, quoted in CREATE STREAM) made every INSERT into it a 500 (NameInjectionE2eTest, issue 6).
        final DefaultHttpRequest rows = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
            ProtonIngestEndpoint.PREFIX + URLEncoder.encode(stream.name(), StandardCharsets.UTF_8).replace("+", "%20") +
                "?mode=sync", request.headers().copy());
        rows.headers().remove(HttpHeaderNames.CONTENT_ENCODING).set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        final Exchange exchange = ingest.ingest(rows, new InsertAnswers(channel), stream, true,
            ProtonRequestId.of(request));
        final ByteBuf content = Unpooled.wrappedBuffer(body);
        try
        {
            exchange.onContent(content);
        }
        finally
        {
            content.release();
        }
        exchange.onEnd();
    }

    private FullHttpResponse drop(final List<SqlToken> tokens, final String sql) throws SQLException
    {
        final SqlCursor in = new SqlCursor(tokens, 2);
        final boolean ifExists = in.acceptKeyword("IF");
        if (ifExists)
        {
            in.expectKeyword("EXISTS", "EXISTS");
        }
        String database = ProtonStreams.DEFAULT_DATABASE;
        String name = ProtonStreamDdl.name(in, sql, "a stream name");
        if (in.acceptSymbol('.'))
        {
            database = name;
            name = ProtonStreamDdl.name(in, sql, "a stream name");
        }
        in.acceptSymbol(';');
        in.expectEnd();
        if (!streams.drop(database, name) && !ifExists)
        {
            return error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                ProtonStreams.unknownMessage(database, name));
        }
        return empty();
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
        if (!ClickHouseFormats.isKnown(chosen))
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, 73, "Unknown format " + chosen));
            return;
        }
        final String query;
        try
        {
            query = ProtonSelect.toDuckDb(tokens, sql, end);
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, e.getMessage()));
            return;
        }
        submit(channel, connection -> ProtonSelect.run(connection, query, chosen));
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
            final ProtonFailure why = ProtonFailure.of(failure);
            channel.respond(error(why.status(), why.code(), why.message()));
        });
    }

    private static FullHttpResponse empty()
    {
        return HttpResponses.of(HttpResponseStatus.OK, "text/plain; charset=UTF-8", "");
    }

    static FullHttpResponse error(final HttpResponseStatus status, final int code, final String message)
    {
        return HttpResponses.of(status, "text/plain; charset=UTF-8",
            "Code: " + code + ". DB::Exception: " + message + "\n");
    }
}
