package sluice.server.feldera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.auth.Access;
import sluice.server.http.BufferedExchange;
import sluice.server.http.Exchange;
import sluice.server.http.Exchanges;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpEndpoint;
import sluice.server.ingest.IngestLoops;
import sluice.server.query.QueryExecutor;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Feldera's pipeline API under {@code /v0/pipelines} (spec/feldera.md): list, PUT/GET/DELETE one pipeline,
 * {@code start}, {@code pause}, {@code stop}, {@code completion_status}, {@code query}, and {@code ingress/{table}}
 * (handed to {@link FelderaIngressEndpoint}). Anything that touches DuckDB runs on the query threads.
 */
final class PipelinesEndpoint implements HttpEndpoint
{
    static final String PATH = "/v0/pipelines";

    private final Pipelines pipelines;
    private final FelderaIngressEndpoint ingress;
    private final FelderaQuery query;
    private final FelderaEgress egress;
    private final QueryExecutor executor;
    private final IngestLoops ingest;
    private final InputConnectors connectors;
    private final int maxBodyBytes;

    PipelinesEndpoint(
        final Pipelines pipelines, final FelderaIngressEndpoint ingress, final FelderaQuery query,
        final FelderaEgress egress, final QueryExecutor executor, final IngestLoops ingest,
        final InputConnectors connectors,
        final int maxBodyBytes)
    {
        this.connectors = connectors;
        this.egress = egress;
        this.pipelines = pipelines;
        this.ingress = ingress;
        this.query = query;
        this.executor = executor;
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The scope a request needs: listing and reading pipelines, their queries and egress {@code query}; ingress and
     * completion tokens {@code ingest}; creating, changing, deleting, starting and stopping {@code admin}.
     */
    static Access access(final HttpRequest request)
    {
        final String path = new QueryStringDecoder(request.uri()).path();
        final String rest = path.length() <= PATH.length() + 1 ? "" : path.substring(PATH.length() + 1);
        final String[] parts = rest.split("/", -1);
        if (parts.length >= 2)
        {
            switch (parts[1])
            {
                case "ingress":
                case "completion_status":
                    return Access.INGEST;
                case "query":
                case "egress":
                    return Access.QUERY;
                default:
                    return Access.ADMIN;
            }
        }
        return request.method().equals(HttpMethod.GET) ? Access.QUERY : Access.ADMIN;
    }

    @Override
    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String rest = uri.path().substring(PATH.length());
        final String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
        final HttpMethod method = request.method();
        if (parts.length == 0)
        {
            if (method.equals(HttpMethod.GET))
            {
                final ArrayNode list = FelderaErrors.JSON.createArrayNode();
                pipelines.all().forEach(p -> list.add(describe(p)));
                return respond(channel, FelderaErrors.json(HttpResponseStatus.OK, list));
            }
            return notAllowed(channel, method, "GET");
        }
        final String name = parts[0];
        if (parts.length == 1)
        {
            if (method.equals(HttpMethod.GET))
            {
                final Pipeline pipeline = pipelines.get(name);
                return respond(channel, pipeline == null ? unknownPipeline(name) :
                    FelderaErrors.json(HttpResponseStatus.OK, describe(pipeline)));
            }
            if (method.equals(HttpMethod.PUT))
            {
                return put(request, channel, name);
            }
            if (method.equals(HttpMethod.DELETE))
            {
                return delete(channel, name);
            }
            return notAllowed(channel, method, "GET, PUT, DELETE");
        }
        final Pipeline pipeline = pipelines.get(name);
        if (pipeline == null)
        {
            return respond(channel, unknownPipeline(name));
        }
        final String action = parts[1];
        if (parts.length == 3 && action.equals("egress"))
        {
            if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET))
            {
                return notAllowed(channel, method, "POST");
            }
            egress.open(pipeline, parts[2], uri, channel);
            return Exchanges.DISCARD;
        }
        if (parts.length == 3 && action.equals("ingress"))
        {
            if (!method.equals(HttpMethod.POST))
            {
                return notAllowed(channel, method, "POST");
            }
            // path() is already percent-decoded: %22Name%22 arrives as "Name".
            return ingress.open(request, channel, pipeline, parts[2]);
        }
        if (parts.length != 2)
        {
            return respond(channel, noEndpoint(uri.path()));
        }
        switch (action)
        {
            case "start":
                return changeStatus(request, channel, name, Pipeline.Status.RUNNING);
            case "pause":
                return changeStatus(request, channel, name, Pipeline.Status.PAUSED);
            case "stop":
                return changeStatus(request, channel, name, Pipeline.Status.STOPPED);
            case "completion_status":
                return respond(channel, completionStatus(uri));
            case "query":
                if (!method.equals(HttpMethod.GET))
                {
                    return notAllowed(channel, method, "GET");
                }
                query.run(pipeline, uri, channel);
                return Exchanges.DISCARD;
            default:
                return respond(channel, noEndpoint(uri.path()));
        }
    }

    private Exchange put(final HttpRequest request, final HttpChannel channel, final String name)
    {
        final String invalid = Pipelines.invalidName(name);
        if (invalid != null)
        {
            return respond(channel, FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.BAD_REQUEST,
                invalid));
        }
        return new BufferedExchange(request, channel, maxBodyBytes, new BufferedExchange.BodyHandler()
        {
            @Override
            public void onBody(final HttpRequest request, final byte[] body, final HttpChannel channel)
            {
                final JsonNode json;
                try
                {
                    json = FelderaErrors.JSON.readTree(body);
                }
                catch (final IOException e)
                {
                    channel.respond(FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.BAD_REQUEST,
                        "the body is not JSON: " + e.getMessage()));
                    return;
                }
                if (json == null || !json.isObject() || !json.path("program_code").isTextual() ||
                    json.has("name") && !json.get("name").asText().equals(name))
                {
                    channel.respond(FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.BAD_REQUEST,
                        "expected {\"name\":\"" + name + "\",\"program_code\":\"...\",\"description\":\"...\"}"));
                    return;
                }
                final String description = json.path("description").asText("");
                final String programCode = json.get("program_code").asText();
                final boolean existed = pipelines.get(name) != null;
                submit(channel, () ->
                {
                    try
                    {
                        final Pipeline pipeline = pipelines.put(name, description, programCode);
                        return FelderaErrors.json(existed ? HttpResponseStatus.OK : HttpResponseStatus.CREATED,
                            describe(pipeline));
                    }
                    catch (final IllegalArgumentException e)
                    {
                        return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.PROGRAM_ERROR,
                            "SQL error in program_code: " + e.getMessage(), Map.of("pipeline_name", name));
                    }
                    catch (final java.sql.SQLException e)
                    {
                        return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.PROGRAM_ERROR,
                            "program_code rejected: " + e.getMessage(), Map.of("pipeline_name", name));
                    }
                    catch (final Pipelines.NotStoppedException e)
                    {
                        return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.NOT_STOPPED,
                            e.getMessage(), Map.of("pipeline_name", name));
                    }
                });
            }

            @Override
            public FullHttpResponse tooLarge(final String message)
            {
                return FelderaErrors.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, FelderaErrors.BAD_REQUEST,
                    message);
            }
        });
    }

    private Exchange delete(final HttpChannel channel, final String name)
    {
        submit(channel, () ->
        {
            try
            {
                return pipelines.delete(name) ? FelderaErrors.json(HttpResponseStatus.OK, Map.of()) :
                    unknownPipeline(name);
            }
            catch (final Pipelines.NotStoppedException e)
            {
                return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.NOT_STOPPED, e.getMessage(),
                    Map.of("pipeline_name", name));
            }
        });
        return Exchanges.DISCARD;
    }

    private Exchange changeStatus(
        final HttpRequest request, final HttpChannel channel, final String name, final Pipeline.Status status)
    {
        if (!request.method().equals(HttpMethod.POST))
        {
            return notAllowed(channel, request.method(), "POST");
        }
        submit(channel, () ->
        {
            final Pipeline pipeline = pipelines.setStatus(name, status);
            if (pipeline == null)
            {
                return unknownPipeline(name);
            }
            if (status == Pipeline.Status.RUNNING)
            {
                connectors.onStart(pipeline);
            }
            return FelderaErrors.json(HttpResponseStatus.ACCEPTED, Map.of());
        });
        return Exchanges.DISCARD;
    }

    private FullHttpResponse completionStatus(final QueryStringDecoder uri)
    {
        final List<String> tokens = uri.parameters().get("token");
        final CompletionToken token = tokens == null || tokens.isEmpty() ? null : CompletionToken.decode(tokens.get(0));
        if (token == null)
        {
            return FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.INVALID_PARAM,
                "missing or invalid completion token", Map.of("parameter", "token"));
        }
        if (token.ring() >= ingest.ringCount() || token.incarnation() > ingest.ringIncarnation(token.ring()))
        {
            // The ring that issued it is gone (data dir replaced, fewer event loops): nothing to resolve against.
            return FelderaErrors.of(HttpResponseStatus.GONE, FelderaErrors.RESTARTED,
                "the completion token was issued by a pipeline run whose ingest state no longer exists");
        }
        return FelderaErrors.json(HttpResponseStatus.OK,
            Map.of("status", ingest.isSettled(token.ring(), token.position()) ? "complete" : "inprogress"));
    }

    /** Blocking work that builds an answer. */
    @FunctionalInterface
    private interface Work
    {
        FullHttpResponse run() throws Exception;
    }

    /** Runs {@code work} on a query thread (DDL and catalog changes block) and sends what it returns. */
    private void submit(final HttpChannel channel, final Work work)
    {
        executor.submit(connection -> work.run()).whenComplete((response, error) ->
        {
            if (error == null)
            {
                channel.respond(response);
                return;
            }
            final Throwable cause = QueryExecutor.cause(error);
            channel.respond(cause instanceof RejectedExecutionException ?
                FelderaIngressEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE, FelderaErrors.OVERLOADED,
                    "too many requests queued") :
                FelderaErrors.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, FelderaErrors.STORAGE,
                    String.valueOf(cause.getMessage())));
        });
    }

    static ObjectNode describe(final Pipeline pipeline)
    {
        final ObjectNode node = FelderaErrors.JSON.createObjectNode();
        node.put("name", pipeline.name());
        node.put("description", pipeline.description());
        node.put("created_at", DateTimeFormatter.ISO_INSTANT.format(pipeline.createdAt()));
        node.put("version", pipeline.version());
        node.put("program_code", pipeline.programCode());
        node.put("program_status", "Success");
        node.put("deployment_status", pipeline.status().wire);
        node.put("deployment_desired_status", pipeline.status().wire);
        if (pipeline.connectorErrors().isEmpty())
        {
            node.putNull("deployment_error");
        }
        else
        {
            final ObjectNode error = node.putObject("deployment_error");
            error.put("message", "input connectors failed: " + String.join(", ",
                pipeline.connectorErrors().keySet()));
            error.put("error_code", "InputConnectorError");
            error.set("details", FelderaErrors.JSON.valueToTree(pipeline.connectorErrors()));
        }
        final ArrayNode tables = node.putArray("tables");
        pipeline.program().tables().forEach(t -> tables.add(t.name()));
        final ArrayNode views = node.putArray("views");
        pipeline.program().views().forEach(v -> views.add(v.name()));
        return node;
    }

    private static Exchange respond(final HttpChannel channel, final FullHttpResponse response)
    {
        channel.respond(response);
        return Exchanges.DISCARD;
    }

    private static Exchange notAllowed(final HttpChannel channel, final HttpMethod method, final String allowed)
    {
        final FullHttpResponse response = FelderaErrors.of(HttpResponseStatus.METHOD_NOT_ALLOWED,
            FelderaErrors.METHOD_NOT_ALLOWED, "method " + method + " not allowed here: use " + allowed);
        response.headers().set(io.netty.handler.codec.http.HttpHeaderNames.ALLOW, allowed);
        return respond(channel, response);
    }

    static FullHttpResponse unknownPipeline(final String name)
    {
        return FelderaErrors.of(HttpResponseStatus.NOT_FOUND, FelderaErrors.UNKNOWN_PIPELINE,
            "Unknown pipeline name '" + name + "'", Map.of("pipeline_name", name));
    }

    private static FullHttpResponse noEndpoint(final String path)
    {
        return FelderaErrors.of(HttpResponseStatus.NOT_FOUND, FelderaErrors.NO_ENDPOINT, "no such endpoint: " + path);
    }
}
