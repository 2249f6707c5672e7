package sluice.server.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.server.auth.Access;
import sluice.server.auth.Authenticator;
import sluice.server.auth.Principal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps a request path to its endpoint: exact paths first, then the longest matching prefix (a prefix ends with
 * {@code /}). Unknown paths get 404 in plain text, a target whose percent escapes do not decode 400. Before an
 * endpoint sees a request, the route's {@link Access} is checked against the principal the connection authenticated
 * ({@link #authenticate}): 401 without valid credentials, 403 without the scope, each in the error shape of the API
 * (its {@link Denial}, by the longest path prefix). Built at start-up, read-only after.
 */
public final class Router
{
    private record Route(String path, boolean prefix, Function<HttpRequest, Access> access, HttpEndpoint endpoint)
    {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Denial> denials = new HashMap<>();
    private final Authenticator authenticator;

    public Router(final Authenticator authenticator)
    {
        this.authenticator = authenticator;
    }

    /** Routes {@code path} exactly, or every path under it when it ends with {@code /} ({@code "/"} alone is exact). */
    public Router add(final String path, final Access access, final HttpEndpoint endpoint)
    {
        return add(path, request -> access, endpoint);
    }

    /** As {@link #add(String, Access, HttpEndpoint)}, the access decided per request (by method, by sub-path). */
    public Router add(final String path, final Function<HttpRequest, Access> access, final HttpEndpoint endpoint)
    {
        routes.add(new Route(path, path.length() > 1 && path.endsWith("/"), access, endpoint));
        routes.sort(Comparator.comparing((Route r) -> r.prefix).thenComparing(r -> -r.path.length()));
        return this;
    }

    /** How an API under {@code prefix} answers 401 and 403. */
    public Router denials(final String prefix, final Denial denial)
    {
        denials.put(prefix, denial);
        return this;
    }

    /** The principal of a request: {@link Principal#EVERYONE} when auth is off, null for missing or bad credentials. */
    Principal authenticate(final HttpRequest request)
    {
        return authenticator.authenticate(request);
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
                final Access access = route.access.apply(request);
                if (access == Access.PUBLIC)
                {
                    // Not even authenticated: a health check pays no signature check, whatever token it carries.
                    return route.endpoint.open(request, channel);
                }
                final Principal who = channel.principal();
                if (who == null)
                {
                    return deny(request, channel, path, HttpResponseStatus.UNAUTHORIZED,
                        "missing or invalid credentials: send Authorization: Bearer <API key or JWT>");
                }
                if (access.scope() != null && !who.may(access.scope()))
                {
                    return deny(request, channel, path, HttpResponseStatus.FORBIDDEN, who.lacks(access.scope()));
                }
                return route.endpoint.open(request, channel);
            }
        }
        channel.respond(HttpResponses.text(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + "\n"));
        return Exchanges.DISCARD;
    }

    /** The denial of the API whose prefix of {@code path} is longest; plain JSON when none registered one. */
    private Exchange deny(
        final HttpRequest request, final HttpChannel channel, final String path, final HttpResponseStatus status,
        final String message)
    {
        String longest = null;
        for (final String prefix : denials.keySet())
        {
            if (path.startsWith(prefix) && (longest == null || prefix.length() > longest.length()))
            {
                longest = prefix;
            }
        }
        final FullHttpResponse response = longest == null ?
            HttpResponses.json(status, "{\"error\":" + quote(message) + "}") :
            denials.get(longest).response(request, status, message);
        if (status.equals(HttpResponseStatus.UNAUTHORIZED))
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        channel.respond(response);
        return Exchanges.DISCARD;
    }

    /** A JSON string of our own message (a key's or a JWT subject's name in it): quotes, backslashes, controls. */
    private static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
