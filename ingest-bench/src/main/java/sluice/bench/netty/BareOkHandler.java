package sluice.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Answers every aggregated request {@code 200 {"success":true}} (the body Machbase Neo's write API answers with) and
 * keeps the connection open unless the client asked to close it. Stateless, so one instance serves every channel.
 * The body is a read-only view of one unpooled buffer, so an answer allocates only its headers and the view.
 */
@ChannelHandler.Sharable
final class BareOkHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final BareOkHandler INSTANCE = new BareOkHandler();

    private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
        Unpooled.directBuffer(16).writeBytes("{\"success\":true}".getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    private static final String CONTENT_LENGTH = Integer.toString(BODY.readableBytes());

    private BareOkHandler()
    {
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final FullHttpResponse response =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set(HttpHeaderNames.CONTENT_LENGTH, CONTENT_LENGTH);
        // RFC 9112 section 9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive", echoed back.
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive)
        {
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
