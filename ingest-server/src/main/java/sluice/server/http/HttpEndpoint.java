package sluice.server.http;

import io.netty.handler.codec.http.HttpRequest;

/** Takes requests for the paths it is routed (see {@link Router}). Thread-safe: every event loop calls it. */
@FunctionalInterface
public interface HttpEndpoint
{
    /**
     * Called on the event loop when a request's head has arrived. May answer at once through
     * {@code channel.respond} (the returned exchange then only sees the body being discarded, or nothing).
     */
    Exchange open(HttpRequest request, HttpChannel channel);
}
