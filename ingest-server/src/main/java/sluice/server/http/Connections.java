package sluice.server.http;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * A server's open connections, so a stop can let the requests under way finish ({@link HttpServer#drain}). Each
 * connection joins when its pipeline is built (a closed one leaves by itself); {@link #drain()} sets the flag, then
 * sends {@link #DRAIN} down every pipeline. A connection registered after the flag was set reads it when it becomes
 * active instead, so none is missed. Thread-safe.
 */
final class Connections
{
    /** The user event each connection's handler gets when the server starts to stop. */
    static final Object DRAIN = new Object()
    {
        @Override
        public String toString()
        {
            return "DRAIN";
        }
    };

    private final ChannelGroup group = new DefaultChannelGroup("sluice-connections", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    void add(final Channel channel)
    {
        group.add(channel);
    }

    /** True once the server has started to stop: no new request is taken. */
    boolean draining()
    {
        return draining;
    }

    /** Tells every connection to close once idle; the future completes when all that are open now have closed. */
    ChannelGroupFuture drain()
    {
        draining = true;
        for (final Channel channel : group)
        {
            channel.pipeline().fireUserEventTriggered(DRAIN);
        }
        return group.newCloseFuture();
    }
}
