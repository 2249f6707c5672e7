package sluice.server.ingest;

import io.netty.channel.EventLoop;
import sluice.server.append.Completions;
import sluice.server.append.RequestKeys;
import sluice.server.append.Writer;
import sluice.server.catalog.Catalog;
import sluice.server.config.Durability;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * What the ingest endpoints share: each event loop's {@link RingProducer}, the catalog, completions, the writer's
 * health, the idempotency keys, the durability level and the cap on concurrent ingest requests. Built once at
 * start-up; read-only after.
 */
public final class IngestLoops
{
    private final Map<EventLoop, RingProducer> producers = new IdentityHashMap<>();
    private final Catalog catalog;
    private final Completions completions;
    private final Writer writer;
    private final RequestKeys keys;
    private final IngestConfig config;
    private final Durability durability;
    private final Semaphore concurrent;

    public IngestLoops(
        final List<EventLoop> loops, final List<RingProducer> rings, final Catalog catalog,
        final Completions completions, final Writer writer, final RequestKeys keys, final IngestConfig config,
        final Durability durability, final int maxConcurrentIngests)
    {
        for (int i = 0; i < loops.size(); i++)
        {
            producers.put(loops.get(i), rings.get(i));
        }
        this.catalog = catalog;
        this.completions = completions;
        this.writer = writer;
        this.keys = keys;
        this.config = config;
        this.durability = durability;
        this.concurrent = new Semaphore(maxConcurrentIngests);
    }

    public RingProducer producer(final EventLoop loop)
    {
        return producers.get(loop);
    }

    /** A new per-connection request pump for {@code loop}. */
    public RequestIngest newRequestIngest(final EventLoop loop)
    {
        return new RequestIngest(producer(loop), completions, config);
    }

    public Catalog catalog()
    {
        return catalog;
    }

    /** The idempotency keys of accepted requests, kept across restarts. */
    public RequestKeys keys()
    {
        return keys;
    }

    /**
     * False while the writer replays the rings after a restart: a replayed request's idempotency key is known only
     * once it is committed, so keyed requests wait for that (503) rather than risk ingesting twice.
     */
    public boolean replayDone()
    {
        return writer.replayDone();
    }

    public Durability durability()
    {
        return durability;
    }

    /** Non-null when the writer has died: writes must be refused (503) rather than queued forever. */
    public Throwable writerFailure()
    {
        return writer.failure();
    }

    /** Blocks (query threads only) until every request ended so far is committed; false on timeout. */
    public boolean awaitSettled(final long timeoutNanos) throws InterruptedException
    {
        return writer.awaitSettled(timeoutNanos);
    }

    /** The rings, by index (completion tokens name a ring and a position in it). */
    public int ringCount()
    {
        return producers.size();
    }

    /** The incarnation of ring {@code index}: bumped at every start, so tokens can tell which run issued them. */
    public long ringIncarnation(final int index)
    {
        for (final RingProducer producer : producers.values())
        {
            if (producer.ring().index() == index)
            {
                return producer.ring().incarnation();
            }
        }
        return -1;
    }

    /**
     * True when every request that ended before {@code position} in ring {@code ring} is committed. False asks the
     * writer to commit its gathering group soon, so a client polling for completion is not kept waiting.
     */
    public boolean isSettled(final int ring, final long position)
    {
        if (writer.settledPosition(ring) >= position)
        {
            return true;
        }
        writer.requestFlush();
        return false;
    }

    /** Takes a slot for one ingest request; false when {@code maxConcurrentIngests} are already running (429). */
    public boolean tryEnter()
    {
        return concurrent.tryAcquire();
    }

    public void exit()
    {
        concurrent.release();
    }
}
