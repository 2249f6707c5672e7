package sluice.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The one place the connection pipeline is built:
 * <pre>
 *   SslHandler            TLS, when the server has a certificate
 *   IdleStateHandler      ticks while the socket is silent (timeouts are judged by the connection handler)
 *   HttpServerCodec       HTTP/1.1 framing; chunked bodies decoded as they stream, never aggregated
 *   FlowControlHandler    one message per read(), so reading stays under the connection handler's control
 *   HttpConnectionHandler routing, body streaming, limits, answers in request order
 * </pre>
 */
final class HttpInitializer extends ChannelInitializer<SocketChannel>
{
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Router router;
    private final HttpConfig config;
    private final SslContext tls;
    private final Connections connections;

    HttpInitializer(final Router router, final HttpConfig config, final SslContext tls, final Connections connections)
    {
        this.router = router;
        this.config = config;
        this.tls = tls;
        this.connections = connections;
    }

    @Override
    protected void initChannel(final SocketChannel channel)
    {
        final long tickNanos =
            Math.max(MIN_TICK_NANOS, Math.min(config.readTimeoutNanos(), config.idleTimeoutNanos()) / 4);
        final ChannelPipeline pipeline = channel.pipeline();
        if (tls != null)
        {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        pipeline.addLast("idle", new IdleStateHandler(tickNanos, 0, 0, TimeUnit.NANOSECONDS));
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(config.maxInitialLineBytes())
            .setMaxHeaderSize(config.maxHeaderBytes())
            .setMaxChunkSize(config.maxChunkBytes())));
        pipeline.addLast("flow", new FlowControlHandler());
        pipeline.addLast("connection", new HttpConnectionHandler(router, config, connections));
        connections.add(channel);
    }
}
