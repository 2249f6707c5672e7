package sluice.server.proton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.catalog.TableEntry;
import sluice.server.http.BufferedExchange;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpEndpoint;
import sluice.server.http.HttpResponses;
import sluice.server.query.QueryExecutor;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Proton's stream DDL over REST (spec/proton.md "Neighbouring endpoints"), in the {@code default} database:
 * <table>
 * <caption>routes</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>{@code POST /proton/v1/ddl/streams} {@code {"name","columns":[{"name","type","nullable?","default?"}],
 * "event_time_column?"}}</td><td>200 {@code {"request_id"}}; an existing stream 400 code 57; a malformed body or a
 * definition {@link ProtonStreamDdl#fromJson} rejects 400 code 117</td></tr>
 * <tr><td>{@code GET /proton/v1/ddl/streams}</td><td>200 {@code {"data":[{"name","columns":[{"name","type",
 * "nullable","default?"}]}],"request_id"}}, streams by name, {@code _tp_time} included</td></tr>
 * <tr><td>{@code DELETE /proton/v1/ddl/streams/{stream}}</td><td>200 {@code {"request_id"}}; unknown 404 code
 * 60</td></tr>
 * </table>
 * Other methods are 405 (code 117). Route both {@link #PATH} and {@code PATH + "/"} here. Create and drop run on the
 * query threads (DuckDB DDL blocks); the listing reads the catalog's memory on the event loop. Thread-safe.
 */
public final class ProtonDdlEndpoint implements HttpEndpoint
{
    public static final String PATH = "/proton/v1/ddl/streams";

    private final ProtonStreams streams;
    private final QueryExecutor executor;
    private final int maxBodyBytes;

    public ProtonDdlEndpoint(final ProtonStreams streams, final QueryExecutor executor, final int maxBodyBytes)
    {
        this.streams = streams;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final String requestId = ProtonRequestId.of(request);
        final String path = new QueryStringDecoder(request.uri()).path();
        final String rest = path.length() <= PATH.length() ? "" : path.substring(PATH.length() + 1);
        final HttpMethod method = request.method();
        if (rest.isEmpty())
        {
            if (method.equals(HttpMethod.GET))
            {
                return respond(channel, list(requestId));
            }
            if (method.equals(HttpMethod.POST))
            {
                return create(request, channel, requestId);
            }
            return notAllowed(channel, method, "GET, POST", requestId);
        }
        if (rest.indexOf('/') >= 0)
        {
            return respond(channel, ProtonErrors.error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                ProtonStreams.unknownMessage(ProtonStreams.DEFAULT_DATABASE, rest), requestId));
        }
        if (method.equals(HttpMethod.DELETE))
        {
            return drop(channel, rest, requestId);
        }
        return notAllowed(channel, method, "DELETE", requestId);
    }

    private FullHttpResponse list(final String requestId)
    {
        final ObjectNode root = ProtonErrors.JSON.createObjectNode();
        final ArrayNode data = root.putArray("data");
        for (final TableEntry entry : streams.list(ProtonStreams.DEFAULT_DATABASE))
        {
            final ProtonStream stream = ProtonStreams.describe(entry);
            final ObjectNode node = data.addObject();
            node.put("name", stream.name());
            final ArrayNode columns = node.putArray("columns");
            for (final ProtonColumn column : stream.columns())
            {
                final ObjectNode c = columns.addObject();
                c.put("name", column.name());
                c.put("type", column.type());
                c.put("nullable", column.nullable());
                if (column.defaultExpression() != null)
                {
                    c.put("default", column.defaultExpression());
                }
            }
            if (stream.eventTimeColumn() != null)
            {
                node.put(ProtonStreams.EVENT_TIME_COLUMN, stream.eventTimeColumn());
            }
        }
        root.put("request_id", requestId);
        return HttpResponses.of(HttpResponseStatus.OK, ProtonErrors.CONTENT_TYPE, root.toString());
    }

    private Exchange create(final HttpRequest request, final HttpChannel channel, final String requestId)
    {
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                final ProtonStream stream;
                try
                {
                    final JsonNode json = ProtonErrors.JSON.readTree(body);
                    stream = ProtonStreamDdl.fromJson(json);
                }
                catch (final IOException | IllegalArgumentException e)
                {
                    channel.respond(ProtonErrors.error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.INCORRECT_DATA,
                        e.getMessage(), requestId));
                    return;
                }
                submit(channel, requestId, () ->
                {
                    try
                    {
                        streams.create(stream);
                        return ProtonErrors.ok(requestId);
                    }
                    catch (final ProtonStreams.StreamExistsException e)
                    {
                        return ProtonErrors.error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.STREAM_EXISTS,
                            e.getMessage(), requestId);
                    }
                });
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return ProtonErrors.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ProtonErrors.INCORRECT_DATA,
                    message, requestId);
            }
        });
    }

    private Exchange drop(final HttpChannel channel, final String name, final String requestId)
    {
        submit(channel, requestId, () -> streams.drop(ProtonStreams.DEFAULT_DATABASE, name) ?
            ProtonErrors.ok(requestId) :
            ProtonErrors.error(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM,
                ProtonStreams.unknownMessage(ProtonStreams.DEFAULT_DATABASE, name), requestId));
        return Exchanges.DISCARD;
    }

    /** Blocking work that builds an answer. */
    @FunctionalInterface
    private interface Work
    {
        FullHttpResponse run() throws Exception;
    }

    /** Runs {@code work} on a query thread and sends what it returns. */
    private void submit(final HttpChannel channel, final String requestId, final Work work)
    {
        executor.submit(connection -> work.run()).whenComplete((response, error) ->
        {
            if (error == null)
            {
                channel.respond(response);
                return;
            }
            final Throwable cause = QueryExecutor.cause(error);
            if (cause instanceof RejectedExecutionException)
            {
                final FullHttpResponse busy = ProtonErrors.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ProtonErrors.TOO_MANY_REQUESTS, "too many requests queued", requestId);
                busy.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
                channel.respond(busy);
                return;
            }
            channel.respond(ProtonErrors.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ProtonErrors.INTERNAL,
                String.valueOf(cause.getMessage()), requestId));
        });
    }

    private static Exchange respond(final HttpChannel channel, final FullHttpResponse response)
    {
        channel.respond(response);
        return Exchanges.DISCARD;
    }

    private static Exchange notAllowed(
        final HttpChannel channel, final HttpMethod method, final String allowed, final String requestId)
    {
        final FullHttpResponse response = ProtonErrors.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
            ProtonErrors.INCORRECT_DATA, "method " + method + " not allowed here: use " + allowed, requestId);
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return respond(channel, response);
    }
}
