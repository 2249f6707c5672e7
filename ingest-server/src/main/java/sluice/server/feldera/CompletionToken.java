package sluice.server.feldera;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Feldera's opaque completion token, here a ring position: the request's END record lies before {@code position} in
 * ring {@code ring}, written by run {@code incarnation} of that ring. The request is complete once the writer's
 * settled position of the ring passes it. Ring files keep their positions across restarts, so a token keeps
 * resolving after one (spec/feldera.md "Completion tokens"). Text form: URL-safe base64 of 8-byte version, ring,
 * incarnation and position, so clients cannot mistake it for something to parse.
 */
record CompletionToken(int ring, long incarnation, long position)
{
    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Integer.BYTES + 2 * Long.BYTES;

    String encode()
    {
        final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
        bytes.put(VERSION).putInt(ring).putLong(incarnation).putLong(position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The token, or null if {@code text} is not one of ours. */
    static CompletionToken decode(final String text)
    {
        final byte[] bytes;
        try
        {
            bytes = Base64.getUrlDecoder().decode(text);
        }
        catch (final IllegalArgumentException e)
        {
            return null;
        }
        if (bytes.length != BYTES || bytes[0] != VERSION)
        {
            return null;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        final int ring = buffer.getInt();
        final long incarnation = buffer.getLong();
        final long position = buffer.getLong();
        return ring < 0 || incarnation < 1 || position < 0 ? null : new CompletionToken(ring, incarnation, position);
    }
}
