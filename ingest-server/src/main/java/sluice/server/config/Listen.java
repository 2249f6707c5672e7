package sluice.server.config;

import java.net.InetSocketAddress;

/** Listen addresses as users write them: {@code HOST:PORT}, {@code :PORT} (loopback), {@code [::1]:PORT}. */
public final class Listen
{
    private Listen()
    {
    }

    public static InetSocketAddress parse(final String text)
    {
        final String value = text.trim();
        final int colon = value.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("listen address must be HOST:PORT or :PORT, not '" + text + "'");
        }
        String host = value.substring(0, colon);
        final int port;
        try
        {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("bad port in listen address '" + text + "'", e);
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range in listen address '" + text + "'");
        }
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        // ":5654" means loopback: Sluice binds to other interfaces only when asked by name (no API keys yet).
        return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
    }
}
