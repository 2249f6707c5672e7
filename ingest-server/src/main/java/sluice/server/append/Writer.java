package sluice.server.append;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import sluice.codec.row.RowBatchDescriptor;
import sluice.server.catalog.Catalog;
import sluice.server.ring.IngestRing;
import sluice.server.ring.RingDescriptor;
import sluice.server.ring.RingRecords;
import sluice.server.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes to DuckDB (DuckDB allows one writer per file, and appends from several threads do not
 * scale, ARCHITECTURE.md). It drains every ring, stages each request's rows until its END record (an ABORT drops
 * them), and commits ended requests together: one transaction per pass under load (group commit), as soon as the
 * rings are empty when idle, at least every {@code maxGroupDelay}. Only then are the rings released past those rows,
 * and waiting clients told ({@link Completions}).
 * <p>
 * A request its producer PROMOTEs (too large to wait whole in the ring, or blocked by a full one) gets a transaction
 * of its own: its rows are loaded as they arrive, in slices of a sixteenth of the ring or whenever the writer is
 * idle, so it never holds much ring space and never blocks other requests. Its producer waits for the commit before
 * answering, because the rows are no longer in the ring to replay. On start the writer resumes each ring where the
 * last committed transaction left it and skips requests it already committed: every request is applied exactly once.
 */
public final class Writer implements Runnable, AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(Writer.class.getName());
    private static final int READ_LIMIT = 256;

    /** Group commit and large-request settings. */
    public record Config(long maxGroupDelayNanos, long maxGroupRows, boolean fsync)
    {
        public static Config defaults()
        {
            return new Config(TimeUnit.MILLISECONDS.toNanos(5), 2_000_000, false);
        }
    }

    /** How much longer than the group-commit delay a group of appends (nobody waiting) may gather. */
    private static final int APPEND_GROUP_FACTOR = 10;
    /** Between commits of inserts when they keep coming (see {@link #commitDue}). */
    private static final long MIN_COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Database database;
    private final TableLoader loader;
    private final RingState[] rings;
    private final Completions completions;
    private final RequestKeys keys;
    private final Config config;
    private final Long2ObjectHashMap<StagedRequest> open = new Long2ObjectHashMap<>();
    private final List<StagedRequest> ready = new ArrayList<>();
    private final List<RingState> ringList = new ArrayList<>();
    private final AtomicLongArray releasedPositions;
    /** Per ring: every request whose END was read before this position is committed (or failed). */
    private final AtomicLongArray settledPositions;

    /**
     * Naps of 0.25–1 ms instead of spinning: the rings hold plenty and commits are grouped over milliseconds anyway,
     * so polling every few microseconds buys nothing and, on a small machine, takes CPU the event loops need.
     */
    private final IdleStrategy idle = new BackoffIdleStrategy(1, 1, 250_000, 1_000_000);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    /** An {@code EXEC table_flush} waits: commit the group as soon as the rings are drained. */
    private volatile boolean flushRequested;
    private volatile Throwable failure;
    /** Every ring's replay is over and the requests it read are committed (or dropped): their keys are known. */
    private volatile boolean replayDone;
    private volatile ChangeListener changes;
    /** While computing the release of a commit: a commit is under way; it leaves some ready requests out. */
    private boolean commitInProgress;
    private boolean commitLeavesSomeReady;
    private long readyRows;
    private int readyWaiters;
    private long lastCommitNanos;
    private long oldestReadyNanos;
    private int currentRing;

    public Writer(
        final Database database, final Catalog catalog, final IngestRing[] rings, final Completions completions,
        final RequestKeys keys, final Config config) throws SQLException
    {
        this.database = database;
        this.loader = new TableLoader(database, catalog);
        this.completions = completions;
        this.keys = keys;
        this.config = config;
        this.rings = new RingState[rings.length];
        this.releasedPositions = new AtomicLongArray(rings.length);
        this.settledPositions = new AtomicLongArray(rings.length);
        for (int i = 0; i < rings.length; i++)
        {
            this.rings[i] = new RingState(rings[i]);
            ringList.add(this.rings[i]);
        }
        resumeRings();
    }

    /** The DuckDB side, for tests that count its statements. */
    TableLoader loader()
    {
        return loader;
    }

    /** Creates the writer's bookkeeping tables; call before the database is locked down. */
    public static void prepare(final Database database) throws SQLException
    {
        TableLoader.createTables(database);
    }

    /**
     * Positions every ring after what the last committed transaction consumed, and loads the requests it must not
     * apply again. A ring file newer than the stored state (deleted, recreated) starts from its own head.
     */
    private void resumeRings() throws SQLException
    {
        try (Connection c = database.newConnection(); Statement s = c.createStatement())
        {
            for (final RingState state : rings)
            {
                long start = state.ring.head();
                try (PreparedStatement q = c.prepareStatement(
                    "SELECT released, incarnation FROM " + TableLoader.RING_STATE + " WHERE ring = ?"))
                {
                    q.setInt(1, state.index);
                    try (ResultSet rs = q.executeQuery())
                    {
                        if (!rs.next())
                        {
                            // The row every commit then UPDATEs (an upsert per commit costs milliseconds).
                            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " +
                                TableLoader.RING_STATE + " (ring, released, incarnation) VALUES (?, ?, ?)"))
                            {
                                insert.setInt(1, state.index);
                                insert.setLong(2, start);
                                insert.setLong(3, state.incarnation);
                                insert.executeUpdate();
                            }
                        }
                        else if (rs.getLong(2) < state.incarnation)
                        {
                            start = Math.max(start, rs.getLong(1));
                        }
                    }
                }
                try (PreparedStatement q = c.prepareStatement(
                    "SELECT request_id FROM " + TableLoader.RING_COMMITTED + " WHERE ring = ? AND end_position > ?"))
                {
                    q.setInt(1, state.index);
                    q.setLong(2, start);
                    try (ResultSet rs = q.executeQuery())
                    {
                        while (rs.next())
                        {
                            state.skip.add(rs.getLong(1));
                        }
                    }
                }
                final long resumeAt = start;
                state.ring.seek(resumeAt);
                state.replayEnd = state.ring.tail();
                state.replaying = state.replayEnd > resumeAt;
                state.released = resumeAt;
                releasedPositions.set(state.index, resumeAt);
                if (state.ring.tail() > resumeAt)
                {
                    LOG.info(() -> "ring " + state.index + ": replaying " + (state.ring.tail() - resumeAt) +
                        " bytes written before the last stop, " + state.skip.size() + " request(s) already committed");
                }
            }
            assert s != null;
        }
    }

    /** The position before which ring {@code ring}'s records are committed (or dropped); for completion tokens. */
    public long releasedPosition(final int ring)
    {
        return releasedPositions.get(ring);
    }

    @Override
    public void run()
    {
        try
        {
            while (true)
            {
                int work = 0;
                boolean drained = true;
                for (final RingState state : rings)
                {
                    currentRing = state.index;
                    final int n = state.ring.read(this::onRecord, READ_LIMIT);
                    work += n;
                    drained &= n < READ_LIMIT;
                    if (state.replaying && state.ring.readPosition() >= state.replayEnd)
                    {
                        endReplay(state);
                    }
                }
                if (!replayDone && noRingReplaying())
                {
                    // Commit what the replay read now, so idempotency keys are known without waiting for a lull.
                    if (!ready.isEmpty())
                    {
                        commitReady();
                        lastCommitNanos = System.nanoTime();
                    }
                    replayDone = true;
                }
                if (!ready.isEmpty() && commitDue(drained))
                {
                    flushRequested = false;
                    commitReady();
                    lastCommitNanos = System.nanoTime();
                    work++;
                }
                else if (work > 0)
                {
                    releaseRings();
                }
                else if (loadPromoted())
                {
                    releaseRings();
                    work++;
                }
                if (ready.isEmpty())
                {
                    for (final RingState state : rings)
                    {
                        settledPositions.lazySet(state.index, state.ring.readPosition());
                    }
                }
                if (drained && ready.isEmpty())
                {
                    if (!running)
                    {
                        break;
                    }
                    caughtUp = true;
                }
                idle.idle(work);
            }
        }
        catch (final Throwable t)
        {
            failure = t;
            LOG.log(Level.SEVERE, "writer stopped", t);
        }
        finally
        {
            stopped.countDown();
        }
    }

    /**
     * Group commit: a commit costs about the same for one request as for thousands, so requests are gathered. The
     * group is committed when it is big ({@code maxGroupRows}) or old ({@code maxGroupDelayNanos}); earlier only
     * when the rings are drained and someone waits for the commit (an insert), at most once per
     * {@link #MIN_COMMIT_INTERVAL_NANOS}, so a lone insert is answered at once and a stream of them shares commits.
     * Groups of appended rows only (answered already) are committed after {@link #APPEND_GROUP_FACTOR} times the
     * delay (50 ms by default): a commit costs several milliseconds, and committing at every drained pass made the
     * writer spend more CPU than the event loops under small requests. {@code EXEC table_flush} still sees them at
     * once: it waits for this commit.
     */
    private boolean commitDue(final boolean drained)
    {
        final long now = System.nanoTime();
        final long age = now - oldestReadyNanos;
        if (readyRows >= config.maxGroupRows() || drained && (!running || flushRequested))
        {
            return true;
        }
        if (readyWaiters == 0)
        {
            return age >= config.maxGroupDelayNanos() * APPEND_GROUP_FACTOR;
        }
        return age >= config.maxGroupDelayNanos() || drained && now - lastCommitNanos >= MIN_COMMIT_INTERVAL_NANOS;
    }

    /**
     * The records of the last run are read. A request of that run still open here was cut off by the stop (no END
     * or ABORT will ever come) and was never acknowledged: it is dropped, or it would hold its ring space forever.
     */
    private void endReplay(final RingState state)
    {
        state.replaying = false;
        final List<StagedRequest> orphans = new ArrayList<>();
        for (final StagedRequest r : open.values())
        {
            if (r.ring == state.index && !RingRecords.isOfIncarnation(r.requestId, state.incarnation))
            {
                orphans.add(r);
            }
        }
        for (final StagedRequest r : orphans)
        {
            onAbort(r.requestId);
        }
        if (!orphans.isEmpty())
        {
            LOG.info(() -> "ring " + state.index + ": dropped " + orphans.size() + " request(s) cut off by the " +
                "last stop (never acknowledged)");
        }
    }

    /**
     * Waits until every request ended before this call is committed or failed (Machbase's {@code EXEC
     * table_flush}: appended rows become visible). Requests still streaming are not waited for. Returns false on
     * timeout or if the writer has died.
     */
    public boolean awaitSettled(final long timeoutNanos) throws InterruptedException
    {
        final long[] targets = new long[rings.length];
        for (int i = 0; i < rings.length; i++)
        {
            targets[i] = rings[i].ring.tail();
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        // Appends gather for up to 10x the group delay; whoever flushes wants them now.
        flushRequested = true;
        while (failure == null)
        {
            boolean settled = true;
            for (int i = 0; i < targets.length && settled; i++)
            {
                settled = settledPositions.get(i) >= targets[i];
            }
            if (settled)
            {
                return true;
            }
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /**
     * Every request whose END lies before this position of {@code ring} is committed (or failed); positions only
     * grow, across restarts too (the ring file keeps them).
     */
    public long settledPosition(final int ring)
    {
        return settledPositions.get(ring);
    }

    /** Asks for the gathering group to be committed as soon as the rings are drained (someone polls for it). */
    public void requestFlush()
    {
        flushRequested = true;
    }

    /** Who hears of committed rows (one listener; null for none). */
    public void changeListener(final ChangeListener listener)
    {
        this.changes = listener;
    }

    /** Copies {@code r}'s staged batches if its table is followed: they leave the ring once loaded. */
    private void capture(final StagedRequest r)
    {
        final ChangeListener listener = changes;
        if (listener == null || !listener.wants(r.tableId))
        {
            return;
        }
        if (r.captured == null)
        {
            r.captured = new ArrayList<>();
        }
        for (int i = 0; i < r.buffers.size(); i++)
        {
            final org.agrona.DirectBuffer buffer = r.buffers.get(i);
            final int offset = r.offsets.getInt(i);
            final byte[] copy = new byte[buffer.getInt(offset + sluice.codec.row.RowBatchDescriptor.BATCH_LENGTH_OFFSET)];
            buffer.getBytes(offset, copy);
            r.captured.add(copy);
        }
    }

    private void publish(final StagedRequest r)
    {
        final ChangeListener listener = changes;
        if (listener != null && r.captured != null && !r.captured.isEmpty())
        {
            listener.committed(r.tableId, r.ring, r.endPosition, r.requestId, r.captured);
        }
        r.captured = null;
    }

    /** True once the records left in the rings by the last run are replayed and committed. */
    public boolean caughtUp()
    {
        return caughtUp && failure == null;
    }

    /** True once the requests written before this start are committed or dropped (and no writer failure). */
    public boolean replayDone()
    {
        return replayDone && failure == null;
    }

    private boolean noRingReplaying()
    {
        for (final RingState state : rings)
        {
            if (state.replaying)
            {
                return false;
            }
        }
        return true;
    }

    /** Set if the writer died; the server then refuses writes (503) instead of queueing them forever. */
    public Throwable failure()
    {
        return failure;
    }

    /** An ended request's rows are not stored: its waiter hears so, and its idempotency key is free for a retry. */
    private void failed(final StagedRequest r, final String reason)
    {
        if (r.key != null)
        {
            keys.failed(r.key);
        }
        completions.failed(r.requestId, reason);
    }

    /** A committed request's idempotency key is stored with its rows: from now on it is remembered, replays too. */
    private void remember(final StagedRequest r)
    {
        if (r.key != null)
        {
            keys.committed(r.key);
        }
    }

    private void onRecord(
        final int type, final DirectBuffer buffer, final int payloadOffset, final int payloadLength, final long position)
    {
        final RingState state = rings[currentRing];
        final long requestId = buffer.getLong(payloadOffset + RingRecords.REQUEST_ID_OFFSET);
        if (state.skip.contains(requestId))
        {
            // Committed before a crash: replayed, not applied again.
            if (type != RingRecords.TYPE_BATCH)
            {
                state.skip.remove(requestId);
            }
            return;
        }
        switch (type)
        {
            case RingRecords.TYPE_BATCH:
                onBatch(state, requestId, buffer, payloadOffset, payloadLength, position);
                break;
            case RingRecords.TYPE_END:
                onEnd(state, requestId, buffer.getInt(payloadOffset + RingRecords.FLAGS_OFFSET),
                    buffer.getInt(payloadOffset + RingRecords.SEQUENCE_OFFSET),
                    position + RingDescriptor.align(RingDescriptor.RECORD_HEADER_LENGTH + payloadLength), position,
                    payloadLength > RingRecords.BODY_OFFSET ? buffer.getStringWithoutLengthUtf8(
                        payloadOffset + RingRecords.BODY_OFFSET, payloadLength - RingRecords.BODY_OFFSET) : null);
                break;
            case RingRecords.TYPE_ABORT:
                onAbort(requestId);
                break;
            case RingRecords.TYPE_PROMOTE:
                onPromote(state, requestId, position);
                break;
            default:
                LOG.warning(() -> "ring " + state.index + ": unknown record type " + type + " at " + position);
                break;
        }
    }

    private void onBatch(
        final RingState state, final long requestId, final DirectBuffer buffer, final int payloadOffset,
        final int payloadLength, final long position)
    {
        StagedRequest r = open.get(requestId);
        if (r == null)
        {
            r = new StagedRequest(requestId, state.index, position);
            // A replay that starts inside a request (its start was loaded into a transaction that never committed)
            // cannot complete it; its client was never acknowledged (it waited for the commit).
            r.failed = buffer.getInt(payloadOffset + RingRecords.SEQUENCE_OFFSET) != 0;
            open.put(requestId, r);
        }
        r.batches++;
        if (r.failed)
        {
            return;
        }
        final int body = payloadOffset + RingRecords.BODY_OFFSET;
        final int length = payloadLength - RingRecords.BODY_OFFSET;
        if (r.buffers.isEmpty())
        {
            r.holdFrom = position;
        }
        r.tableId = buffer.getInt(body + RowBatchDescriptor.TABLE_ID_OFFSET);
        r.add(buffer, body, length, buffer.getInt(body + RowBatchDescriptor.ROW_COUNT_OFFSET));
        if (r.promoted && r.stagedBytes >= state.ring.capacity() / 16)
        {
            loadStaged(r);
        }
    }

    private void onPromote(final RingState state, final long requestId, final long position)
    {
        final StagedRequest r = open.computeIfAbsent(requestId, id -> new StagedRequest(id, state.index, position));
        r.promoted = true;
        if (!r.failed)
        {
            loadStaged(r);
        }
    }

    /** Loads a promoted request's staged batches into its transaction, so their ring space can be released. */
    private void loadStaged(final StagedRequest r)
    {
        if (r.dedicated == null && !ready.isEmpty())
        {
            // Its transaction sees the tables as of its first statement: requests that ended before it (a client's
            // previous request, say) must be committed by then, or its deletes and updates would miss the rows they
            // insert, which would then land after it. Called inside a ring read, which is safe: the release stops
            // before the record being read, and before this request's staged batches.
            commitReady();
            lastCommitNanos = System.nanoTime();
        }
        try
        {
            capture(r);
            loader.loadDedicated(r);
        }
        catch (final SQLException e)
        {
            fail(r, e);
        }
    }

    /**
     * When idle: loads what promoted requests have staged. A producer blocked by a full ring is waiting for exactly
     * that space. Returns true if anything was loaded.
     */
    private boolean loadPromoted()
    {
        boolean loaded = false;
        for (final StagedRequest r : open.values())
        {
            // Opened at its PROMOTE: loadStaged commits the ready group (iterating open, whose iterator Agrona
            // reuses) only before that.
            if (r.promoted && !r.failed && !r.buffers.isEmpty() && r.dedicated != null)
            {
                loadStaged(r);
                loaded = true;
            }
        }
        return loaded;
    }

    private void onEnd(final RingState state, final long requestId, final int flags, final int batches,
        final long endPosition, final long recordPosition, final String key)
    {
        StagedRequest r = open.remove(requestId);
        if (r == null)
        {
            r = new StagedRequest(requestId, state.index, recordPosition);
        }
        if (batches != 0 && r.batches != batches)
        {
            // Batches of it lie before where this replay started: a promoted request, loaded into its own
            // transaction (which freed their ring space) and cut by a crash between its END and its commit. Its rows
            // went with that transaction; it was never acknowledged (promoted requests are answered once committed).
            // Taken as an empty request, its idempotency key would be stored and a retry answered with nothing stored.
            r.failed = true;
        }
        r.ended = true;
        r.key = key;
        r.endFlags = flags;
        r.endPosition = endPosition;
        if (r.failed)
        {
            loader.abortDedicated(r);
            failed(r, "the request's rows could not be stored");
            return;
        }
        if (r.promoted)
        {
            try
            {
                capture(r);
                loader.commitDedicated(r);
                state.mayHaveCommitted = true;
                remember(r);
                publish(r);
                completions.committed(requestId, r.rows);
            }
            catch (final SQLException e)
            {
                fail(r, e);
            }
            return;
        }
        if (ready.isEmpty())
        {
            oldestReadyNanos = System.nanoTime();
        }
        ready.add(r);
        readyRows += r.rows;
        if (r.holdsRing())
        {
            state.readyMinHold = Math.min(state.readyMinHold, r.holdFrom);
        }
        if ((flags & RingRecords.FLAG_WAIT_FOR_COMMIT) != 0)
        {
            readyWaiters++;
        }
    }

    private void onAbort(final long requestId)
    {
        final StagedRequest r = open.remove(requestId);
        if (r != null)
        {
            loader.abortDedicated(r);
        }
    }

    private void fail(final StagedRequest r, final SQLException e)
    {
        LOG.log(Level.SEVERE, "request " + Long.toHexString(r.requestId) + " failed to load", e);
        r.failed = true;
        r.clearStaged();
        loader.abortDedicated(r);
        if (r.ended)
        {
            failed(r, "storage error: " + e.getMessage());
        }
    }

    /** Commits every ended request in one transaction; on failure, one transaction each, to isolate the bad one. */
    private void commitReady()
    {
        final List<StagedRequest> group = new ArrayList<>(ready);
        if (tryCommit(group))
        {
            ready.clear();
        }
        else
        {
            // Members stay in ready until each is committed, so the rings are never released past their rows.
            for (final StagedRequest r : group)
            {
                if (!tryCommit(List.of(r)))
                {
                    r.failed = true;
                    failed(r, "the rows could not be committed");
                }
                ready.remove(r);
            }
        }
        readyRows = 0;
        readyWaiters = 0;
        for (final RingState state : rings)
        {
            state.readyMinHold = Long.MAX_VALUE;
        }
        for (final RingState state : rings)
        {
            state.ring.release(state.released);
            releasedPositions.set(state.index, state.released);
        }
    }

    private boolean tryCommit(final List<StagedRequest> group)
    {
        computeReleases(group);
        for (final StagedRequest r : group)
        {
            // A retried group copies afresh (promoted requests, which accumulate copies, never join a group).
            r.captured = null;
            capture(r);
        }
        try
        {
            loader.commitGroup(group, ringList);
            if (config.fsync())
            {
                for (final RingState state : rings)
                {
                    state.ring.force();
                }
            }
        }
        catch (final SQLException e)
        {
            LOG.log(Level.WARNING, "group commit of " + group.size() + " request(s) failed", e);
            return false;
        }
        for (final RingState state : rings)
        {
            if (state.dirty)
            {
                state.released = state.pendingRelease;
                state.dirty = false;
            }
        }
        for (final StagedRequest r : group)
        {
            if (r.failed)
            {
                failed(r, "the table was dropped");
            }
            else
            {
                remember(r);
                publish(r);
                completions.committed(r.requestId, r.rows);
            }
        }
        return true;
    }

    /**
     * After committing {@code group}, each ring can be released up to the first record still held by an open
     * request, or to its read position; committed requests that end beyond that are recorded for replay.
     */
    private void computeReleases(final List<StagedRequest> group)
    {
        for (final StagedRequest r : group)
        {
            r.committing = true;
        }
        commitInProgress = true;
        commitLeavesSomeReady = group.size() < ready.size();
        for (final RingState state : rings)
        {
            state.pendingRelease = Math.max(heldFrom(state), state.released);
            state.committedBeyond.clear();
            state.committedBeyondEnd.clear();
            state.dirty = true;
        }
        commitInProgress = false;
        commitLeavesSomeReady = false;
        for (final StagedRequest r : group)
        {
            r.committing = false;
            final RingState state = rings[r.ring];
            if (r.endPosition > state.pendingRelease)
            {
                state.committedBeyond.addLong(r.requestId);
                state.committedBeyondEnd.addLong(r.endPosition);
            }
        }
    }

    /**
     * The first position of ring {@code state} still needed by a request that is neither committed nor in the group
     * being committed (flagged {@code committing} meanwhile; a flag, since a list lookup per request made each
     * commit quadratic in its group), or its read position.
     */
    private long heldFrom(final RingState state)
    {
        long release = state.ring.readPosition();
        for (final StagedRequest r : open.values())
        {
            if (r.ring == state.index && r.holdsRing())
            {
                release = Math.min(release, r.holdFrom);
            }
        }
        if (!commitInProgress)
        {
            // Between commits the ready requests' minimum is kept as they arrive: scanning them on every pass of
            // the writer cost as much CPU as the loads once groups held thousands of small requests.
            release = Math.min(release, state.readyMinHold);
        }
        else if (commitLeavesSomeReady)
        {
            for (final StagedRequest r : ready)
            {
                if (r.ring == state.index && r.holdsRing() && !r.committing)
                {
                    release = Math.min(release, r.holdFrom);
                }
            }
        }
        return release;
    }

    /** Between commits: release space no open request holds (aborted and promoted requests give theirs back). */
    private void releaseRings()
    {
        for (final RingState state : rings)
        {
            final long release = heldFrom(state);
            if (release > state.released)
            {
                state.released = release;
                state.ring.release(release);
                releasedPositions.set(state.index, release);
            }
        }
    }

    /** Stops after the rings are drained and everything ended is committed; waits for that. */
    @Override
    public void close() throws SQLException
    {
        running = false;
        try
        {
            stopped.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        loader.close();
    }
}
