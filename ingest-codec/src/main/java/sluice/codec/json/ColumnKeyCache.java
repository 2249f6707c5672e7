package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import sluice.codec.schema.TableSchema;

/**
 * Column lookup for object keys that remembers, per key position within an object, the last key seen there and its
 * column. Records from one producer repeat their keys in the same order, so after the first record a lookup is one
 * byte comparison instead of a hash lookup. Misses fall back to {@link TableSchema#indexOf}. No allocation after
 * warm-up; one per decoder.
 */
final class ColumnKeyCache
{
    private static final int MAX_POSITIONS = 64;
    private static final int MAX_KEY_BYTES = 128;

    private final ExpandableArrayBuffer keys = new ExpandableArrayBuffer(MAX_POSITIONS * 16);
    private final int[] keyLength = new int[MAX_POSITIONS];
    private final int[] keyColumn = new int[MAX_POSITIONS];
    private TableSchema schema;

    ColumnKeyCache reset(final TableSchema schema)
    {
        this.schema = schema;
        java.util.Arrays.fill(keyLength, -1);
        return this;
    }

    /** Column of the key at {@code position} in its object, or {@link TableSchema#NOT_FOUND}. */
    int lookup(final int position, final DirectBuffer name, final int offset, final int length)
    {
        if (position < MAX_POSITIONS && keyLength[position] == length && sameBytes(position, name, offset, length))
        {
            return keyColumn[position];
        }
        final int column = schema.indexOf(name, offset, length);
        if (position < MAX_POSITIONS && length <= MAX_KEY_BYTES)
        {
            keys.putBytes(position * MAX_KEY_BYTES, name, offset, length);
            keyLength[position] = length;
            keyColumn[position] = column;
        }
        return column;
    }

    private boolean sameBytes(final int position, final DirectBuffer name, final int offset, final int length)
    {
        final int base = position * MAX_KEY_BYTES;
        for (int i = 0; i < length; i++)
        {
            if (keys.getByte(base + i) != name.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
