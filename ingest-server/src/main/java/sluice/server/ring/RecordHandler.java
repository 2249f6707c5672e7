package sluice.server.ring;

import org.agrona.DirectBuffer;

/** Receives ring records; the payload bytes are valid only during the call. */
@FunctionalInterface
public interface RecordHandler
{
    /**
     * @param position the record's position in the ring: {@link IngestRing#release} of a later position frees it.
     */
    void onRecord(int type, DirectBuffer buffer, int payloadOffset, int payloadLength, long position);
}
