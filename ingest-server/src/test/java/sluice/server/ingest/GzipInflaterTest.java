package sluice.server.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming gzip reader fed at every split point, pulled through windows of every size, and its limits. */
class GzipInflaterTest
{
    private static final byte[] FIRST = "name,time,value\nwave.sin,1676432361,0.5\n".repeat(20)
        .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = "second member: é ü 😀\n".repeat(7).getBytes(StandardCharsets.UTF_8);

    @Test
    void everySplitPointAndWindowGivesTheSameBytes() throws IOException
    {
        // Two members: one from the JDK, one with every optional header field.
        final byte[] body = concat(gzip(FIRST), gzipWithAllHeaderFields(SECOND));
        final byte[] expected = concat(FIRST, SECOND);
        for (int split = 0; split <= body.length; split++)
        {
            for (final int window : new int[] {1, 7, 4096})
            {
                final Result r = inflate(new int[] {split, body.length}, body, window, Long.MAX_VALUE, 200);
                assertEquals(null, r.error, "split " + split + " window " + window);
                assertArrayEquals(expected, r.output, "split " + split + " window " + window);
            }
        }
    }

    @Test
    void byteByByteInput() throws IOException
    {
        final byte[] body = gzipWithAllHeaderFields(FIRST);
        final int[] ends = new int[body.length];
        for (int i = 0; i < body.length; i++)
        {
            ends[i] = i + 1;
        }
        final Result r = inflate(ends, body, 3, Long.MAX_VALUE, 200);
        assertArrayEquals(FIRST, r.output);
    }

    @Test
    void plainBytesAreNotGzipEvenWhenShort()
    {
        final Result r = inflate(new int[] {7}, "notgzip".getBytes(StandardCharsets.US_ASCII), 64, 1 << 20, 200);
        assertEquals("not in gzip format", r.error);
        assertFalse(r.limit);
    }

    @Test
    void truncatedAndCorruptBodiesAreErrors() throws IOException
    {
        final byte[] body = gzip(FIRST);
        final Result truncated = inflate(new int[] {body.length - 3}, body, 64, 1 << 20, 200);
        assertEquals("truncated gzip body", truncated.error);
        final byte[] badCrc = body.clone();
        badCrc[body.length - 6] ^= 0x55;
        final Result crc = inflate(new int[] {body.length}, badCrc, 64, 1 << 20, 200);
        assertTrue(crc.error != null && crc.error.contains("CRC"), String.valueOf(crc.error));
        assertFalse(crc.limit);
        final Result empty = inflate(new int[] {0}, new byte[0], 64, 1 << 20, 200);
        assertEquals("empty gzip body", empty.error);
    }

    @Test
    void outputLimitStopsAtTheLimit() throws IOException
    {
        final byte[] body = gzip(FIRST);
        final Result r = inflate(new int[] {body.length}, body, 64, 100, 1_000_000);
        assertTrue(r.limit, String.valueOf(r.error));
        assertTrue(r.output.length <= 100, "output past the limit: " + r.output.length);
    }

    @Test
    void ratioLimitCatchesABombOnlyPastTheGrace() throws IOException
    {
        final byte[] zeros = new byte[8 << 20];
        final byte[] bomb = gzip(zeros);
        final Result r = inflate(new int[] {bomb.length}, bomb, 1 << 16, Long.MAX_VALUE, 200);
        assertTrue(r.limit, String.valueOf(r.error));
        assertTrue(r.output.length >= GzipInflater.RATIO_GRACE_BYTES, "refused before the grace: " + r.output.length);
        // The same ratio within the grace size passes.
        final byte[] small = gzip(new byte[(int)GzipInflater.RATIO_GRACE_BYTES / 2]);
        assertEquals(null, inflate(new int[] {small.length}, small, 1 << 16, Long.MAX_VALUE, 200).error);
    }

    private record Result(byte[] output, String error, boolean limit)
    {
    }

    /** Feeds the pieces of {@code body} ending at {@code ends}, pulling output through a window of that size. */
    private static Result inflate(final int[] ends, final byte[] body, final int window, final long maxOutput,
        final int maxRatio)
    {
        final GzipInflater inflater = new GzipInflater().reset(maxOutput, maxRatio);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer w = ByteBuffer.allocate(window);
        int start = 0;
        for (final int end : ends)
        {
            inflater.feed(ByteBuffer.wrap(Arrays.copyOfRange(body, start, end)));
            start = end;
            while (true)
            {
                w.clear();
                final int n = inflater.inflate(w);
                if (n == GzipInflater.ERROR)
                {
                    return new Result(out.toByteArray(), inflater.error(), inflater.limitExceeded());
                }
                if (n == GzipInflater.NEEDS_INPUT)
                {
                    break;
                }
                assertTrue(n > 0 && n <= window, "window overrun: " + n);
                out.write(w.array(), 0, n);
            }
        }
        final int end = inflater.finish();
        return new Result(out.toByteArray(), end == GzipInflater.FINISHED ? null : inflater.error(), false);
    }

    private static byte[] gzip(final byte[] data) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes))
        {
            gzip.write(data);
        }
        return bytes.toByteArray();
    }

    /** A member with FHCRC, FEXTRA, FNAME and FCOMMENT set (RFC 1952 2.3.1), written by hand. */
    private static byte[] gzipWithAllHeaderFields(final byte[] data)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte)0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
        out.writeBytes(new byte[] {5, 0, 'a', 'b', 'c', 'd', 'e'});
        out.writeBytes("post-data.csv\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        final CRC32 headerCrc = new CRC32();
        headerCrc.update(out.toByteArray());
        final long h = headerCrc.getValue();
        out.writeBytes(new byte[] {(byte)h, (byte)(h >>> 8)});
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        final byte[] buffer = new byte[4096];
        while (!deflater.finished())
        {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        final CRC32 crc = new CRC32();
        crc.update(data);
        final long c = crc.getValue();
        final int size = data.length;
        out.writeBytes(new byte[] {(byte)c, (byte)(c >>> 8), (byte)(c >>> 16), (byte)(c >>> 24),
            (byte)size, (byte)(size >>> 8), (byte)(size >>> 16), (byte)(size >>> 24)});
        return out.toByteArray();
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
