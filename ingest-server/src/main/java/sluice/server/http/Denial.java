package sluice.server.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** A 401 or 403 in the error shape of the API the request was for (each registers one for its paths). */
@FunctionalInterface
public interface Denial
{
    FullHttpResponse response(HttpRequest request, HttpResponseStatus status, String message);
}
