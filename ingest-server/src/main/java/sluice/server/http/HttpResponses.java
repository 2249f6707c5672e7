package sluice.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Builds complete responses; the connection handler adds Content-Length and Connection. */
public final class HttpResponses
{
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    private HttpResponses()
    {
    }

    public static FullHttpResponse json(final HttpResponseStatus status, final String body)
    {
        return of(status, JSON, body);
    }

    public static FullHttpResponse text(final HttpResponseStatus status, final String body)
    {
        return of(status, TEXT, body);
    }

    public static FullHttpResponse of(final HttpResponseStatus status, final String contentType, final String body)
    {
        return of(status, contentType, Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    public static FullHttpResponse of(final HttpResponseStatus status, final String contentType, final ByteBuf body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    /** A 429 or 503 telling the client when to try again. */
    public static FullHttpResponse retryLater(
        final HttpResponseStatus status, final int retryAfterSeconds, final String contentType, final String body)
    {
        final FullHttpResponse response = of(status, contentType, body);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        return response;
    }
}
