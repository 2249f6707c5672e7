package sluice.server.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} hides: pipelining, chunked bodies sent by hand,
 * a connection reused after an error, a server that closes. Responses are read by Content-Length.
 */
final class RawHttp implements AutoCloseable
{
    /** One response: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, String body)
    {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(final int port) throws IOException
    {
        this(port, 60_000);
    }

    /** With reads that give up ({@code SocketTimeoutException}) after {@code timeoutMillis}. */
    RawHttp(final int port, final int timeoutMillis) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    RawHttp send(final String text) throws IOException
    {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    OutputStream output()
    {
        return out;
    }

    /** A POST head with Content-Length and the body. */
    static String post(final String path, final String contentType, final String body)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType +
            "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String get(final String path)
    {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Reads the next response; skips interim {@code 100 Continue} answers unless asked for them. */
    Response read() throws IOException
    {
        return read(true);
    }

    /** {@link #read()}, reading the final answer's body only when {@code withBody} (see {@link #readOne(boolean)}). */
    Response read(final boolean withBody) throws IOException
    {
        while (true)
        {
            final Response response = readOne(withBody);
            if (response.status() != 100)
            {
                return response;
            }
        }
    }

    Response readOne() throws IOException
    {
        return readOne(true);
    }

    /**
     * Reads one response; without {@code withBody} only its head (the answer to a HEAD request, which has a
     * Content-Length but no body). A chunked (streamed) answer's body is never read: its head is returned.
     */
    Response readOne(final boolean withBody) throws IOException
    {
        final String statusLine = line();
        if (statusLine == null)
        {
            throw new IOException("connection closed before a response");
        }
        final int status = Integer.parseInt(statusLine.split(" ")[1]);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line())
        {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        final int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
        final byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * True when the server has closed the connection (reads end of stream, or a reset). A server that keeps the
     * connection open silently past the read timeout is not taken for one that closed: that throws.
     */
    boolean closedByServer() throws IOException
    {
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException e)
        {
            throw e;
        }
        catch (final IOException e)
        {
            return true;
        }
    }

    private String line() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0)
        {
            if (b == '\n')
            {
                final String s = bytes.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
