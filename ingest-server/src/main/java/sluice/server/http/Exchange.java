package sluice.server.http;

import io.netty.buffer.ByteBuf;

/**
 * One request's handling after its head arrived: it receives the body as it streams and answers through
 * {@link HttpChannel#respond}, at any time (before the body is complete for early errors). Called on the
 * connection's event loop only, one method at a time.
 */
public interface Exchange
{
    /**
     * A piece of the body. The buffer is released after the call: retain what must outlive it. To stop the flow,
     * call {@link HttpChannel#pause()} before returning and {@link HttpChannel#resume()} later.
     */
    void onContent(ByteBuf content);

    /** The body is complete (every piece was passed to {@link #onContent}). */
    void onEnd();

    /**
     * The exchange is over without its answer having been sent by it: the connection closed, a timeout or a limit
     * answered for it. Release everything; a later {@link HttpChannel#respond} is ignored.
     */
    void onClose();
}
