package sluice.server.http;

import io.netty.buffer.ByteBuf;

/**
 * A streamed answer (chunked transfer encoding) that ends with the connection: egress-style endpoints send chunks
 * for as long as the client listens. Every method may be called from any thread; writes keep their order.
 */
public interface ResponseStream
{
    /** Sends one chunk (takes ownership of {@code chunk}); dropped once the stream is closed. */
    void write(ByteBuf chunk);

    /** Ends the answer and closes the connection. */
    void end();

    /** False once the client is gone or {@link #end()} was called. */
    boolean isOpen();

    /** True while the connection's outbound buffer is below its high-water mark: producers may write more. */
    boolean isWritable();

    /** Runs {@code action} once when the stream closes (at once if it is closed already). */
    void onClose(Runnable action);
}
