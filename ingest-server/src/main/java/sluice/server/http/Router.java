package sluice.server.http;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a request path to its endpoint: exact paths first, then the longest matching prefix (a prefix ends with
 * {@code /}). Unknown paths get 404 in plain text, a target whose percent escapes do not decode 400. Built at
 * start-up, read-only after.
 */
public final class Router
{
    private record Route(String path, boolean prefix, HttpEndpoint endpoint)
    {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Routes {@code path} exactly, or every path under it when it ends with {@code /} ({@code "/"} alone is exact). */
    public Router add(final String path, final HttpEndpoint endpoint)
    {
        routes.add(new Route(path, path.length() > 1 && path.endsWith("/"), endpoint));
        routes.sort(Comparator.comparing((Route r) -> r.prefix).thenComparing(r -> -r.path.length()));
        return this;
    }

    public Exchange open(final HttpRequest request, final HttpChannel channel)
    {
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path;
        try
        {
            path = uri.path();
            // Endpoints decode the parameters again where they need them; decoded here once so that an escape that
            // decodes to nothing ("%", "%2", "%zz") is the client's 400 and not an exception in an endpoint (issue 6).
            uri.parameters();
        }
        catch (final IllegalArgumentException e)
        {
            channel.respond(HttpResponses.text(HttpResponseStatus.BAD_REQUEST,
                "malformed request target: " + e.getMessage() + "\n"));
            return Exchanges.DISCARD;
        }
        for (final Route route : routes)
        {
            if (route.prefix ? path.startsWith(route.path) : path.equals(route.path))
            {
                return route.endpoint.open(request, channel);
            }
        }
        channel.respond(HttpResponses.text(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + "\n"));
        return Exchanges.DISCARD;
    }
}
