package sluice.server.proton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import sluice.server.query.QueryExecutor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /proton/v1/search} (Proton's SearchHandler): {@code {"query":"SELECT …","mode"?,"offset"?,
 * "page_size"?}} runs {@code SELECT * FROM (query) [LIMIT page_size OFFSET offset]} over the stored rows
 * ({@code table(s)} included) and answers {@code JSONCompact} ({@code {"meta","data":[[…]],"rows"}}), or the format
 * of the {@code default_format} query parameter. A malformed body is 400 with Proton's
 * {@code {"code","error_msg","request_id"}}; so is a bad query (Proton answers 500 there; it is the client's fault),
 * an unknown stream 404. {@code start_time}/{@code end_time} (Proton's time travel bounds) are accepted and ignored:
 * every stored row is searched.
 */
final class ProtonSearchEndpoint implements HttpEndpoint
{
    static final String PATH = "/proton/v1/search";
    private static final Set<String> MODES = Set.of("standard", "verbose", "table");

    private final QueryExecutor executor;
    private final int maxBodyBytes;

    ProtonSearchEndpoint(final QueryExecutor executor, final int maxBodyBytes)
    {
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final String requestId = ProtonRequestId.of(request);
        if (!HttpMethod.POST.equals(request.method()))
        {
            channel.respond(ProtonErrors.error(HttpResponseStatus.METHOD_NOT_ALLOWED, ProtonErrors.INCORRECT_DATA,
                "method " + request.method() + " not allowed: use POST", requestId));
            return Exchanges.DISCARD;
        }
        final List<String> formats = new QueryStringDecoder(request.uri()).parameters().get("default_format");
        final String format = formats == null || formats.isEmpty() || formats.get(0).isEmpty() ? "JSONCompact" :
            formats.get(0);
        if (!ClickHouseFormats.isKnown(format))
        {
            channel.respond(ProtonErrors.error(HttpResponseStatus.BAD_REQUEST, 73, "Unknown format " + format,
                requestId));
            return Exchanges.DISCARD;
        }
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                search(body, format, requestId, channel);
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return ProtonErrors.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ProtonErrors.INCORRECT_DATA,
                    message, requestId);
            }
        });
    }

    private void search(final byte[] body, final String format, final String requestId, final HttpChannel channel)
    {
        final String query;
        try
        {
            query = statement(body);
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(ProtonErrors.error(HttpResponseStatus.BAD_REQUEST, ProtonErrors.INCORRECT_DATA,
                e.getMessage(), requestId));
            return;
        }
        executor.submit(connection -> ProtonSelect.run(connection, query, format)).whenComplete((answer, failure) ->
        {
            if (failure == null)
            {
                answer.headers().set("x-timeplus-query-id", requestId);
                channel.respond(answer);
                return;
            }
            final ProtonFailure why = ProtonFailure.of(failure);
            channel.respond(ProtonErrors.error(why.status(), why.code(), why.message(), requestId));
        });
    }

    /**
     * The DuckDB statement for a search body, checked as Proton checks it.
     *
     * @throws IllegalArgumentException the message for a 400.
     */
    static String statement(final byte[] body)
    {
        final JsonNode request;
        try
        {
            request = ProtonErrors.JSON.readTree(body);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("Invalid Request, body is not JSON: " + e.getOriginalMessage());
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("Invalid Request, body is not JSON: " + e.getMessage());
        }
        if (request == null || !request.isObject())
        {
            throw new IllegalArgumentException("Invalid Request, body must be a JSON object");
        }
        final JsonNode query = request.get("query");
        if (query == null || !query.isTextual())
        {
            throw new IllegalArgumentException("Invalid Request, 'query' field is missing or not a string");
        }
        final JsonNode mode = request.get("mode");
        if (mode != null && !MODES.contains(mode.asText()))
        {
            throw new IllegalArgumentException("Invalid 'mode': " + mode.asText() +
                ", only support 'standard', 'verbose', 'table'");
        }
        final JsonNode offset = request.get("offset");
        final JsonNode pageSize = request.get("page_size");
        if ((offset == null) != (pageSize == null))
        {
            throw new IllegalArgumentException("Missing 'offset' or 'page_size'");
        }
        if (offset != null && (!offset.canConvertToLong() || !pageSize.canConvertToLong() || offset.asLong() < 0 ||
            pageSize.asLong() <= 0))
        {
            throw new IllegalArgumentException("Invalid 'offset' or 'page_size'");
        }
        final String sql = query.asText();
        final List<SqlToken> tokens = SqlLexer.tokenizeClickHouse(sql);
        if (tokens.isEmpty() || !tokens.get(0).isKeyword("SELECT") && !tokens.get(0).isKeyword("WITH"))
        {
            throw new IllegalArgumentException("Invalid Request, 'query' must be a SELECT");
        }
        final int end = tokens.get(tokens.size() - 1).isSymbol(';') ? tokens.size() - 1 : tokens.size();
        final String select = "SELECT * FROM (" + ProtonSelect.toDuckDb(tokens, sql, end) + ")";
        return offset == null ? select : select + " LIMIT " + pageSize.asLong() + " OFFSET " + offset.asLong();
    }
}
