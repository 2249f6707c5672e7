package sluice.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;

/** Exchanges every endpoint needs. */
public final class Exchanges
{
    /** For a request already answered: its body (if any) is dropped by the connection. */
    public static final Exchange DISCARD = new Exchange()
    {
        @Override
        public void onContent(final ByteBuf content)
        {
        }

        @Override
        public void onEnd()
        {
        }

        @Override
        public void onClose()
        {
        }
    };

    private Exchanges()
    {
    }

    /**
     * Reads the body, drops it, then sends {@code response}. For an answer known before the body that the client must
     * see whatever the body's size: answered at once, a body over the connection's discard limit would close the
     * connection under a client still sending it, which then gets a reset instead of the answer.
     */
    public static Exchange answerAfterBody(final HttpChannel channel, final FullHttpResponse response)
    {
        return new Exchange()
        {
            @Override
            public void onContent(final ByteBuf content)
            {
            }

            @Override
            public void onEnd()
            {
                channel.respond(response);
            }

            @Override
            public void onClose()
            {
                ReferenceCountUtil.release(response);
            }
        };
    }
}
