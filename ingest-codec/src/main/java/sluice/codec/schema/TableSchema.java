package sluice.codec.schema;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable table schema with column lookup by name.
 * <p>
 * Lookup follows SQL identifier rules per column: a {@link Column#caseSensitive() case-sensitive} column (a quoted
 * name) matches only its exact bytes; any other column matches its name in any ASCII case. When both an exact and a
 * case-folded match exist, the exact one wins. {@link #indexOf(DirectBuffer, int, int)} works on UTF-8 bytes without
 * allocating (an open-addressing table keyed by the ASCII-folded name), so decoders can call it per key per row;
 * names with non-ASCII letters fall back to {@link String#equalsIgnoreCase} on a miss.
 */
public final class TableSchema
{
    public static final int NOT_FOUND = -1;

    private final String name;
    private final Column[] columns;
    private final byte[][] nameBytes;
    private final int[] positionalColumns;
    private final int[] slots;
    private final int slotMask;

    public TableSchema(final String name, final List<Column> columns)
    {
        this.name = name;
        this.columns = columns.toArray(new Column[0]);
        if (this.columns.length == 0)
        {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        nameBytes = new byte[this.columns.length][];
        final List<Integer> positional = new ArrayList<>();
        int capacity = 4;
        while (capacity < this.columns.length * 2)
        {
            capacity <<= 1;
        }
        slots = new int[capacity];
        java.util.Arrays.fill(slots, NOT_FOUND);
        slotMask = capacity - 1;
        for (int i = 0; i < this.columns.length; i++)
        {
            final Column column = this.columns[i];
            for (int j = 0; j < i; j++)
            {
                if (this.columns[j].name().equals(column.name()))
                {
                    throw new IllegalArgumentException("duplicate column name: " + column.name());
                }
            }
            nameBytes[i] = column.name().getBytes(StandardCharsets.UTF_8);
            if (!column.hidden())
            {
                positional.add(i);
            }
            int slot = foldedHash(nameBytes[i], 0, nameBytes[i].length) & slotMask;
            while (slots[slot] != NOT_FOUND)
            {
                slot = (slot + 1) & slotMask;
            }
            slots[slot] = i;
        }
        positionalColumns = positional.stream().mapToInt(Integer::intValue).toArray();
    }

    public static TableSchema of(final String name, final Column... columns)
    {
        return new TableSchema(name, List.of(columns));
    }

    public String name()
    {
        return name;
    }

    public int columnCount()
    {
        return columns.length;
    }

    public Column column(final int index)
    {
        return columns[index];
    }

    public List<Column> columns()
    {
        return Collections.unmodifiableList(java.util.Arrays.asList(columns));
    }

    /** Indices of the columns that positional input (CSV fields, JSON rows without a column list) fills, in order. */
    public int[] positionalColumns()
    {
        return positionalColumns.clone();
    }


    /** UTF-8 bytes of a column's name; callers must not modify them. */
    public byte[] nameBytes(final int index)
    {
        return nameBytes[index];
    }

    /** The column named {@code name} under the rules above, or {@link #NOT_FOUND}. */
    public int indexOf(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return indexOf(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
    }

    /** The column whose name is the UTF-8 {@code buffer[offset, offset + length)}, or {@link #NOT_FOUND}. */
    public int indexOf(final DirectBuffer buffer, final int offset, final int length)
    {
        int slot = foldedHash(buffer, offset, length) & slotMask;
        int folded = NOT_FOUND;
        int candidate;
        while ((candidate = slots[slot]) != NOT_FOUND)
        {
            final byte[] candidateName = nameBytes[candidate];
            if (candidateName.length == length)
            {
                if (exactEquals(candidateName, buffer, offset, length))
                {
                    return candidate;
                }
                if (folded == NOT_FOUND && !columns[candidate].caseSensitive() &&
                    foldedEquals(candidateName, buffer, offset, length))
                {
                    folded = candidate;
                }
            }
            slot = (slot + 1) & slotMask;
        }
        if (folded == NOT_FOUND && hasNonAscii(buffer, offset, length))
        {
            return indexOfUnicodeFolded(buffer.getStringWithoutLengthUtf8(offset, length));
        }
        return folded;
    }

    private int indexOfUnicodeFolded(final String name)
    {
        for (int i = 0; i < columns.length; i++)
        {
            if (!columns[i].caseSensitive() && columns[i].name().equalsIgnoreCase(name))
            {
                return i;
            }
        }
        return NOT_FOUND;
    }

    private static boolean exactEquals(final byte[] name, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (name[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean foldedEquals(final byte[] name, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (foldAscii(name[i]) != foldAscii(buffer.getByte(offset + i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNonAscii(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) < 0)
            {
                return true;
            }
        }
        return false;
    }

    private static int foldAscii(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static int foldedHash(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ foldAscii(buffer.getByte(offset + i))) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static int foldedHash(final byte[] bytes, final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ foldAscii(bytes[offset + i])) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append(" (");
        for (int i = 0; i < columns.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(columns[i]);
        }
        return sb.append(')').toString();
    }
}
