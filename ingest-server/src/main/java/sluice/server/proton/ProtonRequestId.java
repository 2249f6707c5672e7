package sluice.server.proton;

import io.netty.handler.codec.http.HttpRequest;

import java.util.UUID;

/**
 * A Proton request's id (spec/proton.md): the {@code x-timeplus-request-id} header, else {@code x-proton-request-id},
 * else a random UUID. It is echoed in every answer body.
 */
public final class ProtonRequestId
{
    public static final String TIMEPLUS_HEADER = "x-timeplus-request-id";
    public static final String PROTON_HEADER = "x-proton-request-id";

    private ProtonRequestId()
    {
    }

    public static String of(final HttpRequest request)
    {
        String id = request.headers().get(TIMEPLUS_HEADER);
        if (id == null || id.isEmpty())
        {
            id = request.headers().get(PROTON_HEADER);
        }
        return id == null || id.isEmpty() ? UUID.randomUUID().toString() : id;
    }
}
