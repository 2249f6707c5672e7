package sluice.server.ring;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static sluice.server.ring.RingDescriptor.ALIGNMENT;
import static sluice.server.ring.RingDescriptor.CAPACITY_OFFSET;
import static sluice.server.ring.RingDescriptor.HEADER_LENGTH;
import static sluice.server.ring.RingDescriptor.HEAD_OFFSET;
import static sluice.server.ring.RingDescriptor.INCARNATION_OFFSET;
import static sluice.server.ring.RingDescriptor.LENGTH_OFFSET;
import static sluice.server.ring.RingDescriptor.MAGIC;
import static sluice.server.ring.RingDescriptor.MAGIC_OFFSET;
import static sluice.server.ring.RingDescriptor.RECORD_HEADER_LENGTH;
import static sluice.server.ring.RingDescriptor.TAIL_OFFSET;
import static sluice.server.ring.RingDescriptor.TYPE_OFFSET;
import static sluice.server.ring.RingDescriptor.TYPE_PADDING;

/**
 * A single-producer, single-consumer ring of records in a memory-mapped file ({@link RingDescriptor}): one per event
 * loop, written by that loop, read by the writer thread. The file survives a process crash, so records written and
 * not yet released are replayed on restart; {@link #force()} also makes them survive power loss.
 * <p>
 * Not Agrona's ring buffer: that one frees a record's space as soon as it is read, and ours must keep it until the
 * rows are committed ({@link #release}), which the consumer does separately from reading.
 * <p>
 * Thread rules: {@link #tryWrite} only from the producer thread; {@link #read}, {@link #release} and {@link #seek}
 * only from the consumer thread. The counters are published with ordered writes.
 */
public final class IngestRing implements AutoCloseable
{
    private final int index;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private final int mask;
    private final long incarnation;
    private long cachedHead;
    private long readPosition;

    private IngestRing(final int index, final MappedByteBuffer mapped, final int capacity, final long incarnation)
    {
        this.index = index;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.incarnation = incarnation;
        this.cachedHead = buffer.getLongVolatile(HEAD_OFFSET);
        this.readPosition = cachedHead;
    }

    /**
     * Opens ring {@code index} in {@code file}, creating it with {@code capacity} bytes of data (a power of two) if it
     * does not exist. An existing ring keeps its records and capacity; its incarnation is increased.
     */
    public static IngestRing open(final Path file, final int index, final int capacity) throws IOException
    {
        if (Integer.bitCount(capacity) != 1 || capacity < 64 * 1024)
        {
            throw new IllegalArgumentException("ring capacity must be a power of two of at least 64 KiB: " + capacity);
        }
        final File f = file.toFile();
        final MappedByteBuffer mapped;
        if (Files.exists(file))
        {
            mapped = IoUtil.mapExistingFile(f, "ingest ring " + index);
            final UnsafeBuffer header = new UnsafeBuffer(mapped);
            if (header.getInt(MAGIC_OFFSET) != MAGIC)
            {
                IoUtil.unmap(mapped);
                throw new IOException(file + " is not an ingest ring");
            }
            final int existing = header.getInt(CAPACITY_OFFSET);
            final long incarnation = header.getLong(INCARNATION_OFFSET) + 1;
            header.putLongVolatile(INCARNATION_OFFSET, incarnation);
            return new IngestRing(index, mapped, existing, incarnation);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        mapped = IoUtil.mapNewFile(f, HEADER_LENGTH + (long)capacity, true);
        final UnsafeBuffer header = new UnsafeBuffer(mapped);
        header.putInt(CAPACITY_OFFSET, capacity);
        header.putLong(INCARNATION_OFFSET, 1);
        header.putLong(TAIL_OFFSET, 0);
        header.putLong(HEAD_OFFSET, 0);
        header.putIntVolatile(MAGIC_OFFSET, MAGIC);
        return new IngestRing(index, mapped, capacity, 1);
    }

    public int index()
    {
        return index;
    }

    public int capacity()
    {
        return capacity;
    }

    /** Counts the restarts of this ring's file: completion tokens carry it. */
    public long incarnation()
    {
        return incarnation;
    }

    /** The largest payload one record may carry (an eighth of the ring, so a few requests fit at once). */
    public int maxPayloadLength()
    {
        return capacity / 8 - RECORD_HEADER_LENGTH;
    }

    /**
     * Space only control records (END, ABORT, PROMOTE; an END carries at most an idempotency key of
     * {@code RequestKeys.MAX_KEY_BYTES}) may use: a producer whose batches no longer fit can still end, abort or
     * promote its request, which is what lets the writer free the ring again. A sixty-fourth of the ring: a 32 MiB
     * ring's reserve holds some 900 keyed ENDs at the longest key, 32,000 without a key.
     */
    public int controlReserve()
    {
        return capacity / 64;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Producer.

    /**
     * Writes a record whose payload is the 16-byte header of {@link RingRecords} followed by {@code body}. Returns
     * false, having written nothing, when the ring has no room: the caller stops reading its channel and retries.
     * A BATCH record must also leave the {@link #controlReserve()} free, so a request can always be ended or aborted.
     */
    public boolean tryWrite(
        final int type, final long requestId, final int flags, final int sequence, final DirectBuffer body,
        final int bodyOffset, final int bodyLength)
    {
        final int recordLength = RECORD_HEADER_LENGTH + RingRecords.BODY_OFFSET + bodyLength;
        final int aligned = RingDescriptor.align(recordLength);
        if (aligned - RECORD_HEADER_LENGTH > maxPayloadLength() + ALIGNMENT)
        {
            throw new IllegalArgumentException("record of " + bodyLength + " bytes exceeds the ring's maximum");
        }
        long tail = buffer.getLong(TAIL_OFFSET);
        int offset = (int)(tail & mask);
        final int toEnd = capacity - offset;
        final int required = aligned > toEnd ? toEnd + aligned : aligned;
        final int limit = type == RingRecords.TYPE_BATCH ? capacity - controlReserve() : capacity;
        if (tail + required - cachedHead > limit)
        {
            cachedHead = buffer.getLongVolatile(HEAD_OFFSET);
            if (tail + required - cachedHead > limit)
            {
                return false;
            }
        }
        if (aligned > toEnd)
        {
            final int at = HEADER_LENGTH + offset;
            buffer.putInt(at + LENGTH_OFFSET, toEnd);
            buffer.putInt(at + TYPE_OFFSET, TYPE_PADDING);
            tail += toEnd;
            offset = 0;
        }
        final int at = HEADER_LENGTH + offset;
        buffer.putInt(at + LENGTH_OFFSET, recordLength);
        buffer.putInt(at + TYPE_OFFSET, type);
        final int payload = at + RECORD_HEADER_LENGTH;
        buffer.putLong(payload + RingRecords.REQUEST_ID_OFFSET, requestId);
        buffer.putInt(payload + RingRecords.FLAGS_OFFSET, flags);
        buffer.putInt(payload + RingRecords.SEQUENCE_OFFSET, sequence);
        if (bodyLength > 0)
        {
            buffer.putBytes(payload + RingRecords.BODY_OFFSET, body, bodyOffset, bodyLength);
        }
        buffer.putLongOrdered(TAIL_OFFSET, tail + aligned);
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Consumer.

    /** Hands up to {@code limit} records after the read position to {@code handler}; returns how many. */
    public int read(final RecordHandler handler, final int limit)
    {
        final long tail = buffer.getLongVolatile(TAIL_OFFSET);
        int count = 0;
        while (readPosition < tail && count < limit)
        {
            final int at = HEADER_LENGTH + (int)(readPosition & mask);
            final int length = buffer.getInt(at + LENGTH_OFFSET);
            final int type = buffer.getInt(at + TYPE_OFFSET);
            if (type == TYPE_PADDING)
            {
                readPosition += length;
                continue;
            }
            handler.onRecord(type, buffer, at + RECORD_HEADER_LENGTH, length - RECORD_HEADER_LENGTH, readPosition);
            readPosition += RingDescriptor.align(length);
            count++;
        }
        return count;
    }

    /** Frees the space before {@code position} (all of its records are committed or dropped). */
    public void release(final long position)
    {
        buffer.putLongOrdered(HEAD_OFFSET, position);
    }

    /** Starts reading at {@code position} (a replay's start); space before it is released. */
    public void seek(final long position)
    {
        readPosition = position;
        if (head() < position)
        {
            release(position);
        }
    }

    /** Where the next {@link #read} starts: after a restart, the last released position. */
    public long readPosition()
    {
        return readPosition;
    }

    /** The position after the last record written. */
    public long tail()
    {
        return buffer.getLongVolatile(TAIL_OFFSET);
    }

    public long head()
    {
        return buffer.getLongVolatile(HEAD_OFFSET);
    }

    /** Flushes the mapped file to the device (fsync). */
    public void force()
    {
        mapped.force();
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
