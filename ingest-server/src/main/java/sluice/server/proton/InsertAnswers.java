package sluice.server.proton;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.auth.Principal;
import sluice.server.http.HttpChannel;
import sluice.server.http.HttpResponses;
import sluice.server.http.ResponseStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The channel an {@code INSERT … VALUES} hands to the ingest endpoint: the whole body is already in memory, so flow
 * control is moot (pause and resume do nothing: the ingest exchange retries a full ring on its own), and its answers
 * are turned into ClickHouse's: an empty 200, or {@code Code: N. DB::Exception: …} with the same status and code.
 */
final class InsertAnswers implements HttpChannel
{
    private final HttpChannel channel;

    InsertAnswers(final HttpChannel channel)
    {
        this.channel = channel;
    }

    @Override
    public Principal principal()
    {
        return channel.principal();
    }

    @Override
    public EventLoop loop()
    {
        return channel.loop();
    }

    @Override
    public void respond(final FullHttpResponse response)
    {
        try
        {
            if (response.status().code() == HttpResponseStatus.OK.code())
            {
                final FullHttpResponse ok = HttpResponses.of(HttpResponseStatus.OK, "text/plain; charset=UTF-8", "");
                ok.headers().add(response.headers());
                ok.headers().set("content-type", "text/plain; charset=UTF-8").set("content-length", 0);
                channel.respond(ok);
                return;
            }
            final JsonNode error = ProtonErrors.JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
            final FullHttpResponse translated = ProtonSqlEndpoint.error(response.status(),
                error.path("code").asInt(ProtonErrors.INTERNAL), error.path("error_msg").asText());
            for (final String header : new String[] {"retry-after", "x-timeplus-query-id"})
            {
                final String value = response.headers().get(header);
                if (value != null)
                {
                    translated.headers().set(header, value);
                }
            }
            channel.respond(translated);
        }
        catch (final IOException e)
        {
            channel.respond(ProtonSqlEndpoint.error(response.status(), ProtonErrors.INTERNAL,
                response.content().toString(StandardCharsets.UTF_8)));
        }
        finally
        {
            response.release();
        }
    }

    @Override
    public ResponseStream stream(final HttpResponse head)
    {
        throw new UnsupportedOperationException("an INSERT is answered whole");
    }

    @Override
    public void pause()
    {
        // The body is complete in memory: there is no reading to stop.
    }

    @Override
    public void resume()
    {
        // See pause().
    }
}
