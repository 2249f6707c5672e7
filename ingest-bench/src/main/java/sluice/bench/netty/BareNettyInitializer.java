package sluice.bench.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The one place the baseline's pipeline is built:
 * <pre>
 *   HttpServerCodec       HTTP/1.1 framing with Netty's default limits
 *   HttpObjectAggregator  the whole body in one FullHttpRequest (answers 100-continue, 413 past maxBodyBytes)
 *   BareOkHandler         200 {"success":true}, keep-alive
 * </pre>
 */
final class BareNettyInitializer extends ChannelInitializer<SocketChannel>
{
    private final int maxBodyBytes;

    BareNettyInitializer(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void initChannel(final SocketChannel channel)
    {
        final ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("aggregator", new HttpObjectAggregator(maxBodyBytes));
        pipeline.addLast("ok", BareOkHandler.INSTANCE);
    }
}
