package sluice.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import sluice.server.auth.Principal;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTP/1.1 connection: routes each request to its endpoint's {@link Exchange}, streams the body into it, and
 * writes the answer. Reading is always explicit ({@code autoRead} is off, and a {@code FlowControlHandler} in front
 * hands over one message per read): the next message is read only when the exchange has not paused, and the next
 * request only after the current one is answered, so pipelined requests are answered in order and a full ring stops
 * the socket.
 * <p>
 * Limits: Content-Length above {@link HttpConfig#maxBodyBytes()} is answered 413 before any body is read; a chunked
 * body is counted and answered 413 as soon as it passes. An early answer (any 4xx sent before the body is in) keeps
 * the connection if the rest of the body is at most {@link HttpConfig#maxDiscardBytes()} and the client did not wait
 * for {@code 100 Continue}; otherwise the connection closes after the answer. A started request that sends nothing for
 * {@link HttpConfig#readTimeoutNanos()} gets 408, or is closed if it was answered early; an idle connection is
 * closed after {@link HttpConfig#idleTimeoutNanos()}.
 * <p>
 * When the server stops ({@link Connections#DRAIN}), an idle connection closes at once and one with a request under
 * way closes after answering it ({@code Connection: close}): a client is never cut off in the middle of a request it
 * has started sending, unless it takes longer than the stop's grace period. Event-loop thread only, except
 * {@link #respond} and {@link #resume}.
 */
final class HttpConnectionHandler extends ChannelInboundHandlerAdapter implements HttpChannel
{
    /** How long, and how much of the rest of a body, is read and dropped after an answer that ends the connection. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long LINGER_BYTES = 64L << 20;
    private static final Logger LOG = Logger.getLogger(HttpConnectionHandler.class.getName());

    private final Router router;
    /**
     * The current request, and its principal once asked for: authenticated lazily, so a public route (a health
     * check) never pays for a signature check, whatever token it carries.
     */
    private HttpRequest current;
    private Principal principal;
    private boolean authenticated;
    private final HttpConfig config;
    private final Connections connections;
    private ChannelHandlerContext ctx;

    private Exchange exchange;
    /** The request's head has been read and its last content has not. */
    private boolean inBody;
    /** The current request has its answer (sent or being sent). */
    private boolean answered;
    private boolean keepAlive;
    private boolean http10;
    private boolean expectContinue;
    /** Inside {@link #channelRead}: reads asked for meanwhile are issued at its end, never re-entrantly. */
    private boolean reading;
    /** A {@code read()} is outstanding: one message will come, and no second read may be asked before it. */
    private boolean readPending;
    private boolean paused;
    private boolean discarding;
    private boolean closing;
    /** The server is stopping: close once the current request (if any) is answered. */
    private boolean draining;
    /** A streamed answer is under way: no idle or read timeout applies, and the connection ends with it. */
    private Stream stream;
    private long bodyBytes;
    private long contentLength;
    private long discardedBytes;
    /** After an answer that ends the connection while the client may still be sending: reading only to drop. */
    private boolean lingering;
    private long lingeredBytes;
    private long lastReadNanos;
    /** The body rate is judged per read-timeout window of unpaused reading: its start and the bytes since. */
    private long rateWindowStartNanos;
    private long rateWindowBytes;

    HttpConnectionHandler(final Router router, final HttpConfig config, final Connections connections)
    {
        this.router = router;
        this.config = config;
        this.connections = connections;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        lastReadNanos = System.nanoTime();
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        if (connections.draining())
        {
            // Accepted just before the server stopped accepting, too late for the DRAIN event.
            onDrain();
            return;
        }
        readIfReady();
    }

    @Override
    public Principal principal()
    {
        if (!authenticated && current != null)
        {
            principal = router.authenticate(current);
            authenticated = true;
        }
        return principal;
    }

    @Override
    public EventLoop loop()
    {
        return ctx.channel().eventLoop();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        lastReadNanos = System.nanoTime();
        reading = true;
        readPending = false;
        try
        {
            if (closing)
            {
                if (lingering)
                {
                    linger(msg);
                }
                return;
            }
            if (msg instanceof HttpRequest request)
            {
                onRequest(request);
            }
            if (msg instanceof HttpContent content)
            {
                onContent(content);
            }
        }
        catch (final RuntimeException e)
        {
            LOG.log(Level.SEVERE, "request handling failed", e);
            failExchange(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
        finally
        {
            ReferenceCountUtil.release(msg);
            reading = false;
        }
        readIfReady();
    }

    /**
     * The socket read asked for is over. It may have produced no message (a request head split across reads, or
     * bytes the decoder keeps): the read is spent all the same, so ask for the next one or the connection stalls.
     */
    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        readPending = false;
        if (lingering)
        {
            ctx.read();
            return;
        }
        readIfReady();
    }

    private void onRequest(final HttpRequest request)
    {
        final DecoderResult result = request.decoderResult();
        exchange = null;
        inBody = true;
        answered = false;
        discarding = false;
        paused = false;
        bodyBytes = 0;
        startRateWindow();
        discardedBytes = 0;
        keepAlive = HttpUtil.isKeepAlive(request);
        http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        expectContinue = HttpUtil.is100ContinueExpected(request);
        contentLength = -1;
        if (result.isFailure())
        {
            final Throwable cause = result.cause();
            final HttpResponseStatus status = cause instanceof TooLongHttpHeaderException ?
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : cause instanceof TooLongHttpLineException ?
                HttpResponseStatus.REQUEST_URI_TOO_LONG : HttpResponseStatus.BAD_REQUEST;
            closing = true;
            sendAndClose(HttpResponses.text(status, "bad request: " + cause.getMessage() + "\n"));
            return;
        }
        // Only once the decoder has accepted the head: it refuses a Content-Length that is not a number that fits a
        // long, on which getContentLength would throw (a 500 the hostile-input fuzzer found, issue 6).
        contentLength = HttpUtil.getContentLength(request, -1L);
        if (contentLength > config.maxBodyBytes())
        {
            closing = true;
            sendAndClose(HttpResponses.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body of " + contentLength + " bytes exceeds the limit of " + config.maxBodyBytes() +
                    " bytes\n"));
            return;
        }
        current = request;
        principal = null;
        authenticated = false;
        exchange = router.open(request, this);
        if (expectContinue && !answered)
        {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER));
            expectContinue = false;
        }
    }

    private void onContent(final HttpContent content)
    {
        if (!inBody || exchange == null)
        {
            return;
        }
        if (content.decoderResult().isFailure())
        {
            failExchange(HttpResponseStatus.BAD_REQUEST, "malformed request body: " + content.decoderResult().cause());
            return;
        }
        final int length = content.content().readableBytes();
        bodyBytes += length;
        rateWindowBytes += length;
        final boolean last = content instanceof LastHttpContent;
        if (discarding || answered)
        {
            discardedBytes += length;
            if (discardedBytes > config.maxDiscardBytes() && answered)
            {
                // Too much to drop and stay open: end the connection, but without resetting it under the answer.
                closing = true;
                lingerThenClose();
                return;
            }
            if (discardedBytes > config.maxDiscardBytes())
            {
                closeNow();
                return;
            }
        }
        else if (bodyBytes > config.maxBodyBytes())
        {
            failExchange(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body exceeds the limit of " + config.maxBodyBytes() + " bytes");
            return;
        }
        else if (length > 0)
        {
            exchange.onContent(content.content());
        }
        if (last)
        {
            inBody = false;
            if (!answered && !discarding)
            {
                exchange.onEnd();
            }
            else if (answered)
            {
                finishRequest();
            }
        }
    }

    /** Ends the exchange with an error answer of our own (limits, timeouts, failures); the connection closes. */
    private void failExchange(final HttpResponseStatus status, final String message)
    {
        final Exchange current = exchange;
        if (current != null && !answered)
        {
            current.onClose();
        }
        if (!answered)
        {
            answered = true;
            closing = true;
            sendAndClose(HttpResponses.text(status, message + "\n"));
        }
        else
        {
            closeNow();
        }
    }

    @Override
    public void respond(final FullHttpResponse response)
    {
        final EventLoop loop = ctx.channel().eventLoop();
        if (!loop.inEventLoop())
        {
            loop.execute(() -> respond(response));
            return;
        }
        if (answered || closing || !ctx.channel().isActive())
        {
            ReferenceCountUtil.release(response);
            return;
        }
        answered = true;
        paused = false;
        boolean close = !keepAlive || draining;
        if (inBody)
        {
            // An early answer: drop the rest of the body if it is small enough, else close.
            final long remaining = contentLength >= 0 ? contentLength - bodyBytes : Long.MAX_VALUE;
            if (expectContinue || (contentLength >= 0 ? remaining > config.maxDiscardBytes() : false))
            {
                close = true;
            }
            discarding = true;
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (close)
        {
            closing = true;
            sendAndClose(response);
            return;
        }
        if (http10)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(response);
        if (!inBody)
        {
            finishRequest();
        }
        readIfReady();
    }

    @Override
    public ResponseStream stream(final io.netty.handler.codec.http.HttpResponse head)
    {
        final Stream created = new Stream();
        final EventLoop loop = ctx.channel().eventLoop();
        if (loop.inEventLoop())
        {
            startStream(created, head);
        }
        else
        {
            loop.execute(() -> startStream(created, head));
        }
        return created;
    }

    private void startStream(final Stream created, final io.netty.handler.codec.http.HttpResponse head)
    {
        if (answered || closing || !ctx.channel().isActive())
        {
            created.closed();
            return;
        }
        answered = true;
        paused = false;
        closing = true;
        discarding = inBody;
        stream = created;
        HttpUtil.setTransferEncodingChunked(head, true);
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(head);
    }

    /** The handler's side of a {@link ResponseStream}: writes hop to the event loop, so they keep their order. */
    private final class Stream implements ResponseStream
    {
        private volatile boolean open = true;
        private final java.util.List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void write(final io.netty.buffer.ByteBuf chunk)
        {
            final EventLoop loop = ctx.channel().eventLoop();
            if (!loop.inEventLoop())
            {
                loop.execute(() -> write(chunk));
                return;
            }
            if (!open || stream != this)
            {
                chunk.release();
                return;
            }
            ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(chunk));
        }

        @Override
        public void end()
        {
            final EventLoop loop = ctx.channel().eventLoop();
            if (!loop.inEventLoop())
            {
                loop.execute(this::end);
                return;
            }
            if (open && stream == this)
            {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            }
            closed();
        }

        @Override
        public boolean isOpen()
        {
            return open;
        }

        @Override
        public boolean isWritable()
        {
            return ctx.channel().isWritable();
        }

        @Override
        public void onClose(final Runnable action)
        {
            closeActions.add(action);
            if (!open && closeActions.remove(action))
            {
                action.run();
            }
        }

        void closed()
        {
            if (open)
            {
                open = false;
                for (final Runnable action : closeActions)
                {
                    if (closeActions.remove(action))
                    {
                        action.run();
                    }
                }
            }
        }
    }

    private void finishRequest()
    {
        exchange = null;
        discarding = false;
        answered = true;
        lastReadNanos = System.nanoTime();
        if (draining)
        {
            // Answered before the stop began, its body read since: no further request is taken.
            closeAfterWrites();
        }
    }

    @Override
    public void pause()
    {
        paused = true;
    }

    @Override
    public void resume()
    {
        final EventLoop loop = ctx.channel().eventLoop();
        if (!loop.inEventLoop())
        {
            loop.execute(this::resume);
            return;
        }
        if (paused)
        {
            paused = false;
            lastReadNanos = System.nanoTime();
            // Time spent paused is ours, not the client's: the rate is judged afresh.
            startRateWindow();
            readIfReady();
        }
    }

    /** Asks for the next message when the current request still streams unpaused, or is answered. */
    private void readIfReady()
    {
        if (reading || readPending || closing || !ctx.channel().isActive())
        {
            return;
        }
        if (inBody ? !paused || discarding : exchange == null || answered)
        {
            readPending = true;
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt == Connections.DRAIN)
        {
            onDrain();
            return;
        }
        if (!(evt instanceof IdleStateEvent))
        {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        final long silentNanos = System.nanoTime() - lastReadNanos;
        if (stream != null)
        {
            return;
        }
        if (inBody && answered)
        {
            // Answered early, dropping the rest of the body: a client that stops sending (a chunk declared 2 GiB
            // long, a Content-Length it never fills) held the connection for ever, as no timeout covered this state
            // (found by the hostile-input fuzzer, issue 6). The answer is out; only the connection is left to end.
            if (silentNanos >= config.readTimeoutNanos())
            {
                closeNow();
            }
        }
        else if (inBody && !paused)
        {
            if (silentNanos >= config.readTimeoutNanos())
            {
                failExchange(HttpResponseStatus.REQUEST_TIMEOUT,
                    "request timed out: no bytes for " + config.readTimeoutNanos() / 1_000_000 + " ms");
            }
            else
            {
                checkBodyRate();
            }
        }
        else if ((exchange == null || answered && !inBody) && silentNanos >= config.idleTimeoutNanos())
        {
            closeNow();
        }
    }

    /**
     * A body that trickles (a byte now and then, so never silent for a read timeout) holds a connection and an
     * ingest slot for ever: over each read-timeout window of unpaused reading it must bring the minimum rate's worth.
     */
    private void checkBodyRate()
    {
        final long minimum = config.minBodyBytesPerSecond();
        final long window = System.nanoTime() - rateWindowStartNanos;
        if (minimum == 0 || window < config.readTimeoutNanos())
        {
            return;
        }
        final long perSecond = rateWindowBytes * 1_000_000_000L / window;
        if (perSecond < minimum)
        {
            failExchange(HttpResponseStatus.REQUEST_TIMEOUT, "request body arrives at " + perSecond +
                " bytes/s, below the minimum of " + minimum + " bytes/s");
            return;
        }
        startRateWindow();
    }

    private void startRateWindow()
    {
        rateWindowStartNanos = System.nanoTime();
        rateWindowBytes = 0;
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closing = true;
        if (stream != null)
        {
            stream.closed();
        }
        if (exchange != null && !answered)
        {
            exchange.onClose();
        }
        exchange = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof TooLongFrameException)
        {
            failExchange(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, cause.getMessage());
            return;
        }
        LOG.log(Level.FINE, "connection error", cause);
        closeNow();
    }

    /**
     * The server is stopping. A streamed answer (egress) never ends by itself: it closes now. So does a connection
     * between requests (its last answer is flushed first). A request under way is finished and answered first.
     */
    private void onDrain()
    {
        draining = true;
        if (stream != null)
        {
            closeNow();
        }
        else if (!inBody && (exchange == null || answered))
        {
            closeAfterWrites();
        }
    }

    /** Closes once what was written is flushed (an answer still being sent is not cut). */
    private void closeAfterWrites()
    {
        if (!closing)
        {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Answers with {@code Connection: close}, then closes: at once, or lingering if the body is still coming. */
    private void sendAndClose(final FullHttpResponse response)
    {
        answered = true;
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        final boolean bodyComing = inBody;
        ctx.writeAndFlush(response).addListener(written ->
        {
            if (bodyComing && written.isSuccess())
            {
                lingerThenClose();
            }
            else
            {
                ctx.close();
            }
        });
    }

    /**
     * The answer is written, the client may still be sending its body: closing now, with its bytes unread, makes the
     * kernel reset the connection, and a client still writing would see the reset, never the answer (a 413, a 4xx
     * naming its bad row). So: end our side (FIN), keep reading and dropping for up to {@link #LINGER_NANOS} or
     * {@link #LINGER_BYTES}, then close. As a web server's lingering close.
     */
    private void lingerThenClose()
    {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive() || duplex.isInputShutdown())
        {
            ctx.close();
            return;
        }
        lingering = true;
        duplex.shutdownOutput();
        ctx.executor().schedule(() -> ctx.close(), LINGER_NANOS, TimeUnit.NANOSECONDS);
        ctx.read();
    }

    private void linger(final Object msg)
    {
        if (msg instanceof HttpContent content)
        {
            lingeredBytes += content.content().readableBytes();
        }
        if (lingeredBytes > LINGER_BYTES || msg instanceof LastHttpContent)
        {
            ctx.close();
        }
    }

    private void closeNow()
    {
        closing = true;
        if (exchange != null && !answered)
        {
            exchange.onClose();
            answered = true;
        }
        ctx.close();
    }
}
