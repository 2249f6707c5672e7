package sluice.server.ring;

/**
 * Layout of an ingest ring file: a header, then a circular data area of records. Little-endian, mapped into memory.
 * <pre>
 *   Header (one 4 KiB page; counters on their own cache lines)
 *    0       8               64              128             192
 *   +-------+-------+-------+---------------+---------------+-------
 *   | Magic | Capa- | Incar-| Tail (long)   | Head (long)   | ...
 *   |       | city  | nation|               |               |
 *   +-------+-------+-------+---------------+---------------+-------
 *
 *   Record (at position p, offset p &amp; (capacity - 1); 8-byte aligned)
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |         Record Length (header + payload, before padding)      |
 *   +---------------------------------------------------------------+
 *   |                          Record Type                          |
 *   +---------------------------------------------------------------+
 *   |                          Payload                             ...
 *   +---------------------------------------------------------------+
 * </pre>
 * Positions only grow (longs); {@code tail} is where the producer writes next and is published after the record is
 * complete, so a producer that dies mid-record leaves nothing visible. {@code head} is released by the consumer only
 * after the records before it are committed to storage, and the producer never writes past {@code head + capacity}:
 * until then the records stay in the file and can be replayed after a crash. A record that would cross the end of
 * the data area is preceded by a {@link #TYPE_PADDING} record filling the rest.
 */
public final class RingDescriptor
{
    public static final int MAGIC = 0x534C5231; // "SLR1"
    public static final int MAGIC_OFFSET = 0;
    public static final int CAPACITY_OFFSET = 8;
    public static final int INCARNATION_OFFSET = 16;
    public static final int TAIL_OFFSET = 64;
    public static final int HEAD_OFFSET = 128;
    public static final int HEADER_LENGTH = 4096;

    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 4;
    public static final int RECORD_HEADER_LENGTH = 8;
    public static final int ALIGNMENT = 8;

    public static final int TYPE_PADDING = 0;

    private RingDescriptor()
    {
    }

    public static int align(final int length)
    {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
