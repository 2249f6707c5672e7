package sluice.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the small-request benchmark ({@code scripts/bench-small}): "a server that reads the whole body and
 * answers 200". Plain Netty 4.2 with {@code HttpServerCodec} and {@code HttpObjectAggregator}, every request answered
 * {@code 200 {"success":true}} with keep-alive, nothing decoded or stored. Sluice's req/s is reported as a ratio to
 * this server's, measured in the same run.
 * <p>
 * The threads mirror Sluice's {@code HttpServer}: one acceptor loop and {@code --io-threads} worker loops, epoll when
 * the native transport loads, NIO otherwise, {@code TCP_NODELAY} on accepted sockets. Loopback only.
 * <p>
 * Usage: {@code java -cp ingest-bench/target/benchmarks.jar sluice.bench.netty.BareNettyServer [--port P]
 * [--io-threads N] [--max-body-bytes B]}; {@code --port 0} (the default) picks a free port. Prints
 * {@code listening on 127.0.0.1:PORT (epoll, N io threads)} once bound and runs until killed.
 */
public final class BareNettyServer
{
    static final int DEFAULT_PORT = 0;
    static final int DEFAULT_IO_THREADS = 1;
    static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

    private BareNettyServer()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        int port = DEFAULT_PORT;
        int ioThreads = DEFAULT_IO_THREADS;
        int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--io-threads" -> ioThreads = Integer.parseInt(value(args, ++i));
                case "--max-body-bytes" -> maxBodyBytes = Integer.parseInt(value(args, ++i));
                case "-h", "--help" ->
                {
                    System.out.println("Usage: BareNettyServer [--port P] [--io-threads N] [--max-body-bytes B]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (ioThreads < 1)
        {
            throw new IllegalArgumentException("--io-threads must be at least 1");
        }

        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bare-accept"), io);
        final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("bare-io"), io);
        try
        {
            final Class<? extends ServerChannel> channelClass =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
            final Channel listener = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new BareNettyInitializer(maxBodyBytes))
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            final InetSocketAddress bound = (InetSocketAddress)listener.localAddress();
            System.out.println("listening on 127.0.0.1:" + bound.getPort() + " (" + (epoll ? "epoll" : "nio") + ", " +
                ioThreads + " io threads)");
            System.out.flush();
            listener.closeFuture().sync();
        }
        finally
        {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static String value(final String[] args, final int i)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
