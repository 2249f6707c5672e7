package sluice.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * One HTTP/1.1 request as {@link HttpFuzzE2eTest} builds and mutates it, in layers so a mutation can aim at one of
 * them: the request line, the header lines, the plain body, its gzip form, its framing (Content-Length or chunks), and
 * finally the bytes on the wire. The request line and headers are Latin-1 strings, one char per byte, so any byte
 * (NUL, 0xFF, half a UTF-8 sequence) can be put there; {@link #utf8AsBytes} turns text into that form.
 * <p>
 * Mutable, one thread: a fuzz lane builds one, mutates it and renders it.
 */
final class FuzzRequest
{
    /** How the body is delimited on the wire. */
    enum Framing
    {
        /** A Content-Length header computed at rendering (plus {@link Header#lengthDelta}). */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}, chunks of {@link #chunkSizes}. */
        CHUNKED,
        /** Neither: the server sees no body at all (or takes what follows as the next request). */
        NONE
    }

    /** A header line; {@code computedLength} ones get the body's length plus {@code lengthDelta} as value. */
    static final class Header
    {
        String name;
        String value;
        boolean computedLength;
        long lengthDelta;

        Header(final String name, final String value)
        {
            this.name = name;
            this.value = value;
        }

        Header copy()
        {
            final Header copy = new Header(name, value);
            copy.computedLength = computedLength;
            copy.lengthDelta = lengthDelta;
            return copy;
        }
    }

    /** One chunk as sent: its size line (normally the hex length) and data (normally the body's bytes). */
    static final class Chunk
    {
        String sizeLine;
        byte[] data;
        String terminator = "\r\n";

        Chunk(final String sizeLine, final byte[] data)
        {
            this.sizeLine = sizeLine;
            this.data = data;
        }
    }

    String method;
    String target;
    String version = "HTTP/1.1";
    final List<Header> headers = new ArrayList<>();
    byte[] body = new byte[0];
    boolean gzip;
    Framing framing = Framing.LENGTH;
    /** Sizes to cut the (compressed) body into when chunked; the rest goes in one last chunk. */
    final List<Integer> chunkSizes = new ArrayList<>();
    /** Applied in order to the compressed body (gzip corruption). */
    final List<UnaryOperator<byte[]>> gzipEdits = new ArrayList<>();
    /** Applied in order to the chunk list, the terminating zero chunk included (chunk-size lies, lost CRLFs). */
    final List<Consumer<List<Chunk>>> chunkEdits = new ArrayList<>();
    /** Text after the terminating zero-size chunk: trailers and the final CRLF. */
    String trailer = "\r\n";
    /** Applied in order to the finished wire bytes (flips, truncation, pipelined followers). */
    final List<UnaryOperator<byte[]>> wireEdits = new ArrayList<>();

    FuzzRequest(final String method, final String target)
    {
        this.method = method;
        this.target = target;
        header("Host", "127.0.0.1");
    }

    FuzzRequest header(final String name, final String value)
    {
        headers.add(new Header(name, value));
        return this;
    }

    FuzzRequest body(final String contentType, final String text)
    {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    FuzzRequest body(final String contentType, final byte[] bytes)
    {
        if (contentType != null)
        {
            header("Content-Type", contentType);
        }
        body = bytes;
        return this;
    }

    FuzzRequest gzip()
    {
        gzip = true;
        header("Content-Encoding", "gzip");
        return this;
    }

    /** Sends the body chunked, cut into chunks of about {@code size} bytes. */
    FuzzRequest chunked(final int size)
    {
        framing = Framing.CHUNKED;
        for (int i = 0; i < 64; i++)
        {
            chunkSizes.add(size);
        }
        return this;
    }

    /**
     * Adds the framing headers the body needs (Content-Length, computed at rendering, or Transfer-Encoding: chunked),
     * so that header mutations find them in {@link #headers}; call once the seed is built, before mutating.
     */
    FuzzRequest frame()
    {
        if (framing == Framing.LENGTH)
        {
            final Header length = new Header("Content-Length", null);
            length.computedLength = true;
            headers.add(length);
        }
        else if (framing == Framing.CHUNKED)
        {
            headers.add(new Header("Transfer-Encoding", "chunked"));
        }
        return this;
    }

    /** Text (a URL with unicode, a header value) as the Latin-1 string of its UTF-8 bytes. */
    static String utf8AsBytes(final String text)
    {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The body as it goes on the wire before framing: compressed when {@link #gzip}, then {@link #gzipEdits}. */
    byte[] payload()
    {
        if (!gzip)
        {
            return body;
        }
        byte[] compressed = gzip(body);
        for (final UnaryOperator<byte[]> edit : gzipEdits)
        {
            compressed = edit.apply(compressed);
        }
        return compressed;
    }

    static byte[] gzip(final byte[] plain)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out))
        {
            gz.write(plain);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The request as sent (rendering changes nothing: a request renders the same bytes every time). */
    byte[] render()
    {
        final byte[] payload = payload();
        final ByteArrayOutputStream wire = new ByteArrayOutputStream(payload.length + 256);
        latin1(wire, method + " " + target + " " + version + "\r\n");
        for (final Header h : headers)
        {
            final String value = h.computedLength ? Long.toString(payload.length + h.lengthDelta) : h.value;
            // A null value is a raw line (a header without a colon, an obs-fold continuation).
            latin1(wire, (value == null ? h.name : h.name + ": " + value) + "\r\n");
        }
        latin1(wire, "\r\n");
        if (framing == Framing.CHUNKED)
        {
            writeChunks(wire, payload);
        }
        else if (framing == Framing.LENGTH)
        {
            wire.writeBytes(payload);
        }
        byte[] bytes = wire.toByteArray();
        for (final UnaryOperator<byte[]> edit : wireEdits)
        {
            bytes = edit.apply(bytes);
        }
        return bytes;
    }

    private void writeChunks(final ByteArrayOutputStream wire, final byte[] payload)
    {
        final List<Chunk> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < payload.length; i++)
        {
            final int size = i < chunkSizes.size() ? Math.max(1, chunkSizes.get(i)) : payload.length - at;
            final int n = Math.min(size, payload.length - at);
            final byte[] data = new byte[n];
            System.arraycopy(payload, at, data, 0, n);
            chunks.add(new Chunk(Integer.toHexString(n), data));
            at += n;
        }
        chunks.add(new Chunk("0", new byte[0]));
        chunks.get(chunks.size() - 1).terminator = "";
        for (final Consumer<List<Chunk>> edit : chunkEdits)
        {
            edit.accept(chunks);
        }
        for (final Chunk chunk : chunks)
        {
            latin1(wire, chunk.sizeLine + "\r\n");
            wire.writeBytes(chunk.data);
            latin1(wire, chunk.terminator);
        }
        latin1(wire, trailer);
    }

    private static void latin1(final ByteArrayOutputStream out, final String text)
    {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The wire bytes for a failure message: printable ASCII as is, the rest escaped, long bodies cut. */
    static String describe(final byte[] wire)
    {
        final StringBuilder s = new StringBuilder();
        final int shown = Math.min(wire.length, 1500);
        for (int i = 0; i < shown; i++)
        {
            final int b = wire[i] & 0xFF;
            if (b == '\r')
            {
                s.append("\\r");
            }
            else if (b == '\n')
            {
                s.append("\\n\n");
            }
            else if (b == '\\')
            {
                s.append("\\\\");
            }
            else if (b >= 0x20 && b < 0x7F)
            {
                s.append((char)b);
            }
            else
            {
                s.append(String.format("\\x%02x", b));
            }
        }
        if (shown < wire.length)
        {
            s.append("... (").append(wire.length - shown).append(" more bytes)");
        }
        return s.toString();
    }
}
