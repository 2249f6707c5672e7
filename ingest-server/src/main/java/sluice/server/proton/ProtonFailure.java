package sluice.server.proton;

import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.query.QueryExecutor;

import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

/**
 * Why a statement of the SQL or search endpoint failed, as a status and a ClickHouse error code; each endpoint writes
 * it its own way (ClickHouse's text, Proton's JSON). A bad statement is the client's fault (400; an unknown stream
 * 404), only our own failures are 5xx.
 */
record ProtonFailure(HttpResponseStatus status, int code, String message)
{
    static ProtonFailure of(final Throwable failure)
    {
        final Throwable cause = QueryExecutor.cause(failure);
        if (cause instanceof ProtonStreams.StreamExistsException)
        {
            return new ProtonFailure(HttpResponseStatus.BAD_REQUEST, ProtonErrors.STREAM_EXISTS, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException)
        {
            return new ProtonFailure(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, cause.getMessage());
        }
        if (cause instanceof RejectedExecutionException)
        {
            return new ProtonFailure(HttpResponseStatus.SERVICE_UNAVAILABLE, ProtonErrors.TOO_MANY_REQUESTS,
                "too many queries queued");
        }
        if (cause instanceof SQLException)
        {
            final String message = String.valueOf(cause.getMessage());
            final boolean missing = message.toLowerCase(Locale.ROOT).contains("does not exist");
            return missing ?
                new ProtonFailure(HttpResponseStatus.NOT_FOUND, ProtonErrors.UNKNOWN_STREAM, message) :
                new ProtonFailure(HttpResponseStatus.BAD_REQUEST, ProtonErrors.SYNTAX_ERROR, message);
        }
        return new ProtonFailure(HttpResponseStatus.INTERNAL_SERVER_ERROR, ProtonErrors.INTERNAL,
            String.valueOf(cause.getMessage()));
    }
}
