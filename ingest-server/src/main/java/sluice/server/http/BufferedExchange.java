package sluice.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

import java.io.ByteArrayOutputStream;

/**
 * For small bodies handled whole (query forms, DDL): collects the body up to a limit, then hands it over. Past the
 * limit the handler's 413 answer is sent at once and the rest of the body dropped.
 */
public final class BufferedExchange implements Exchange
{
    /** What to do with the complete body; called on the event loop. */
    public interface BodyHandler
    {
        void onBody(HttpRequest request, byte[] body, HttpChannel channel);

        /** The answer when the body passes the limit. */
        FullHttpResponse tooLarge(String message);
    }

    private final HttpRequest request;
    private final HttpChannel channel;
    private final int maxBytes;
    private final BodyHandler handler;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean refused;

    public BufferedExchange(
        final HttpRequest request, final HttpChannel channel, final int maxBytes, final BodyHandler handler)
    {
        this.request = request;
        this.channel = channel;
        this.maxBytes = maxBytes;
        this.handler = handler;
    }

    @Override
    public void onContent(final ByteBuf content)
    {
        if (refused)
        {
            return;
        }
        if (body.size() + content.readableBytes() > maxBytes)
        {
            refused = true;
            channel.respond(handler.tooLarge("request body exceeds " + maxBytes + " bytes"));
            return;
        }
        final byte[] bytes = new byte[content.readableBytes()];
        content.readBytes(bytes);
        body.writeBytes(bytes);
    }

    @Override
    public void onEnd()
    {
        if (!refused)
        {
            handler.onBody(request, body.toByteArray(), channel);
        }
    }

    @Override
    public void onClose()
    {
        refused = true;
    }
}
