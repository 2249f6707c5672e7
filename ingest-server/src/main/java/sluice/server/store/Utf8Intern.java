package sluice.server.store;

import org.agrona.DirectBuffer;

/**
 * Reuses {@code byte[]} copies of repeated string values. DuckDB's Java API takes strings as one {@code byte[]} per
 * value; sensor data repeats a small set of names and tags, so the writer keeps the last array seen per hash slot
 * and hands it out again when the bytes are the same. Collisions simply replace the slot. Writer thread only.
 */
final class Utf8Intern
{
    private static final int SLOTS = 1 << 14;
    private static final int MAX_INTERNED_LENGTH = 64;

    private final byte[][] slots = new byte[SLOTS][];

    byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_INTERNED_LENGTH)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            return copy;
        }
        int h = length;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + buffer.getByte(offset + i);
        }
        final int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
        final byte[] existing = slots[slot];
        if (existing != null && existing.length == length && sameBytes(existing, buffer, offset))
        {
            return existing;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        slots[slot] = copy;
        return copy;
    }

    private static boolean sameBytes(final byte[] bytes, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < bytes.length; i++)
        {
            if (bytes[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
