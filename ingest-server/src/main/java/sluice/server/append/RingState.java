package sluice.server.append;

import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import sluice.server.ring.IngestRing;

/** The writer's bookkeeping for one ring: what is released, and what a replay must skip. Writer thread only. */
final class RingState
{
    final int index;
    final IngestRing ring;
    final long incarnation;
    long released;
    /** The release position the current commit will store. */
    long pendingRelease;
    boolean dirty;
    /** Requests committed in the current transaction that end after {@link #pendingRelease}. */
    final LongArrayList committedBeyond = new LongArrayList();
    final LongArrayList committedBeyondEnd = new LongArrayList();
    /** On replay: requests already committed whose records are read again. */
    final LongHashSet skip = new LongHashSet();
    /** Rows of this ring may be in ring_committed (so a commit must prune them); true at start to prune once. */
    boolean mayHaveCommitted = true;
    /** The lowest ring position held by a request waiting in the ready group (MAX_VALUE when none). */
    long readyMinHold = Long.MAX_VALUE;
    /** Where the records written before this start end; once read past, the replay is over. */
    long replayEnd;
    boolean replaying;

    RingState(final IngestRing ring)
    {
        this.index = ring.index();
        this.ring = ring;
        this.incarnation = ring.incarnation();
        this.released = ring.head();
    }
}
