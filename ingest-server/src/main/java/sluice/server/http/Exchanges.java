package sluice.server.http;

import io.netty.buffer.ByteBuf;

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
}
