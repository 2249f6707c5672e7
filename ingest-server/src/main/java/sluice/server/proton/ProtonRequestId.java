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
        final String id = header(request, TIMEPLUS_HEADER, PROTON_HEADER);
        return id == null ? UUID.randomUUID().toString() : id;
    }

    /**
     * A header Proton accepts under two names ({@code x-timeplus-…} first, then {@code x-proton-…}); null when
     * neither is set or both are empty.
     */
    public static String header(final HttpRequest request, final String timeplusName, final String protonName)
    {
        final String value = request.headers().get(timeplusName);
        if (value != null && !value.isEmpty())
        {
            return value;
        }
        final String other = request.headers().get(protonName);
        return other == null || other.isEmpty() ? null : other;
    }
}
