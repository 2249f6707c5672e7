package sluice.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server: one acceptor thread and {@code ioThreads} event loops (native epoll where available, NIO
 * otherwise). Each event loop owns one ingest ring, so {@link #loops()} is fixed from construction: the caller maps
 * loops to rings, builds the {@link Router}, then {@link #bind}s.
 */
public final class HttpServer implements AutoCloseable
{
    private final HttpConfig config;
    private final boolean epoll;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Channel> listeners = new ArrayList<>();
    private final Connections connections = new Connections();

    public HttpServer(final HttpConfig config, final int ioThreads)
    {
        this.config = config;
        this.epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-accept"), io);
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("sluice-io"), io);
        for (final EventExecutor executor : workers)
        {
            loops.add((EventLoop)executor);
        }
    }

    /** The event loops, in ring order. */
    public List<EventLoop> loops()
    {
        return loops;
    }

    /** {@code epoll} or {@code nio}. */
    public String transport()
    {
        return epoll ? "epoll" : "nio";
    }

    /**
     * Listens on every address (port 0 picks a free port); returns the bound addresses in the same order.
     *
     * @param tls the server's TLS context when it serves HTTPS, else null.
     */
    public List<InetSocketAddress> bind(
        final Router router, final List<InetSocketAddress> addresses, final SslContext tls) throws InterruptedException
    {
        final Class<? extends ServerChannel> channelClass =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptor, workers)
            .channel(channelClass)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(new HttpInitializer(router, config, tls, connections));
        final List<InetSocketAddress> bound = new ArrayList<>();
        for (final InetSocketAddress address : addresses)
        {
            final Channel channel = bootstrap.bind(address).sync().channel();
            listeners.add(channel);
            bound.add((InetSocketAddress)channel.localAddress());
        }
        return bound;
    }

    /** Stops accepting; open connections keep being served until {@link #close()}. */
    public void stopAccepting()
    {
        for (final Channel listener : listeners)
        {
            listener.close().syncUninterruptibly();
        }
        listeners.clear();
    }

    /**
     * The first step of a stop: stops accepting and lets the requests under way finish. An idle connection closes at
     * once; one with a request under way (its body still streaming in, or its answer waiting for a commit) closes
     * once that request is answered, with {@code Connection: close}. Returns false if some were still open after
     * {@code timeoutNanos}; {@link #close()} then closes them with their requests unanswered.
     */
    public boolean drain(final long timeoutNanos)
    {
        stopAccepting();
        return connections.drain().awaitUninterruptibly(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the event loops, closing every connection still open (after {@link #drain}, normally none). */
    @Override
    public void close()
    {
        stopAccepting();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
