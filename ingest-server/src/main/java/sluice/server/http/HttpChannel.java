package sluice.server.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import sluice.server.auth.Principal;

/** What an {@link Exchange} sees of its connection. */
public interface HttpChannel
{
    /**
     * Who sent the current request ({@link Router#authenticate}, on first call): {@link Principal#EVERYONE} when auth
     * is off, null when it carried no valid credentials (the router lets such a request reach only public
     * endpoints). Event loop only.
     */
    Principal principal();

    /** The connection's event loop: exchanges run here, and per-loop resources (the ring) belong to it. */
    EventLoop loop();

    /**
     * Sends the answer to the current request, from any thread; only the first call per request counts. If the body
     * is not complete yet, the rest is read and dropped (up to a limit) or the connection is closed after the answer.
     */
    void respond(FullHttpResponse response);

    /**
     * Starts a streamed answer to the current request instead of {@link #respond}: {@code head}'s status and headers,
     * then the chunks written to the returned stream. The connection takes no further requests and closes when the
     * stream ends or the client leaves. From any thread.
     */
    ResponseStream stream(io.netty.handler.codec.http.HttpResponse head);

    /** Stops reading the connection after the current {@link Exchange#onContent} (event loop only). */
    void pause();

    /** Reads on after a {@link #pause()}; from any thread. */
    void resume();
}
