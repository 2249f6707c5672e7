package sluice.server.machbase;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.auth.Scope;
import sluice.server.http.BufferedExchange;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpEndpoint;
import sluice.server.http.HttpResponses;
import sluice.server.query.QueryExecutor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET|POST /db/query}: parameters from the query string, a urlencoded form or a JSON object (spec/machbase.md),
 * the statement run on a query thread by {@link MachbaseQueryRunner}, the answer sent from there. Any other POST
 * content type is 415 {@code unsupported content-type: X}.
 */
final class MachbaseQueryEndpoint implements HttpEndpoint
{
    static final String PATH = "/db/query";

    private final QueryExecutor executor;
    private final MachbaseQueryRunner runner;
    private final int maxBodyBytes;

    MachbaseQueryEndpoint(final QueryExecutor executor, final MachbaseQueryRunner runner, final int maxBodyBytes)
    {
        this.executor = executor;
        this.runner = runner;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final long startNanos = System.nanoTime();
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (HttpMethod.GET.equals(request.method()))
        {
            run(parameters(query.parameters()), null, channel, startNanos);
            return Exchanges.DISCARD;
        }
        if (!HttpMethod.POST.equals(request.method()))
        {
            final FullHttpResponse response = MachbaseWriteEndpoint.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                "method " + request.method() + " not allowed: use GET or POST", startNanos);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            channel.respond(response);
            return Exchanges.DISCARD;
        }
        final CharSequence mime = HttpUtil.getMimeType(request);
        final String mediaType = mime == null ? "" : mime.toString().toLowerCase(Locale.ROOT);
        final boolean json = mediaType.equals("application/json");
        if (!json && !mediaType.equals(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString()))
        {
            channel.respond(MachbaseWriteEndpoint.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported content-type: " + (mime == null ? "none" : mime), startNanos));
            return Exchanges.DISCARD;
        }
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                final String text = new String(body, StandardCharsets.UTF_8);
                final Map<String, String> params = parameters(query.parameters());
                if (json)
                {
                    run(params, text, channel, startNanos);
                }
                else
                {
                    try
                    {
                        params.putAll(parameters(new QueryStringDecoder(text, false).parameters()));
                    }
                    catch (final IllegalArgumentException e)
                    {
                        // A percent escape that does not decode ("%2p"): the client's 400, not a 500 (issue 6).
                        channel.respond(MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST,
                            "malformed form body: " + e.getMessage(), startNanos));
                        return;
                    }
                    run(params, null, channel, startNanos);
                }
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return MachbaseWriteEndpoint.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, message, startNanos);
            }
        });
    }

    /** Parses the options on the event loop (cheap, and a 400 needs no thread) and runs the statement off it. */
    private void run(
        final Map<String, String> params, final String jsonBody, final HttpChannel channel, final long startNanos)
    {
        final MachbaseQueryOptions options;
        final MachbaseStatement statement;
        try
        {
            if (jsonBody != null)
            {
                final Map<String, String> merged = new HashMap<>(params);
                merged.putAll(MachbaseJson.objectOfTexts(jsonBody));
                options = MachbaseQueryOptions.from(merged);
            }
            else
            {
                options = MachbaseQueryOptions.from(params);
            }
            statement = MachbaseSql.parse(options.sql());
            MachbaseStatementGuard.check(statement);
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), startNanos));
            return;
        }
        final Scope scope = statement.scope();
        if (!channel.principal().may(scope))
        {
            channel.respond(MachbaseWriteEndpoint.error(HttpResponseStatus.FORBIDDEN, channel.principal().lacks(scope),
                startNanos));
            return;
        }
        executor.submit(connection -> runner.run(connection, statement, options, startNanos))
            .whenComplete((answer, failure) ->
            {
                if (failure == null)
                {
                    channel.respond(answer);
                    return;
                }
                final Throwable cause = QueryExecutor.cause(failure);
                channel.respond(cause instanceof RejectedExecutionException ?
                    MachbaseWriteEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "too many queries waiting", startNanos) :
                    MachbaseWriteEndpoint.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "internal error: " + cause, startNanos));
            });
    }

    /** First value of each parameter; names as given (MachbaseQueryOptions folds their case). */
    private static Map<String, String> parameters(final Map<String, List<String>> decoded)
    {
        final Map<String, String> params = new HashMap<>();
        decoded.forEach((name, values) ->
        {
            if (!values.isEmpty())
            {
                params.put(name, values.get(0));
            }
        });
        return params;
    }

    static FullHttpResponse body(
        final HttpResponseStatus status, final String contentType, final byte[] body, final boolean gzip)
    {
        final FullHttpResponse response = HttpResponses.of(status, contentType, Unpooled.wrappedBuffer(body));
        if (gzip)
        {
            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        return response;
    }
}
