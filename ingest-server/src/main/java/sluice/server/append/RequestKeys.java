package sluice.server.append;

import sluice.server.store.Database;
import sluice.server.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idempotency keys (Proton's {@code x-timeplus-idempotent-id}) of accepted requests, kept across restarts. A request
 * carries its key in its END record; the writer stores it in {@code sluice_catalog.request_keys} in the same
 * transaction as the request's rows ({@link TableLoader}), so after a crash a key is remembered exactly when its rows
 * are stored, replayed ones included. In memory, a key is claimed while its request is in flight and accepted once
 * the request's END is in the ring (from then on its rows land, by the replay if need be). The newest
 * {@link #REMEMBERED} keys are remembered; older ones are forgotten, in memory and on disk at start-up.
 * <p>
 * Thread-safe: event loops claim and finish keys, the writer reports committed ones.
 */
public final class RequestKeys
{
    /** Bytes of UTF-8 a key may take (it travels in the ring's END record). */
    public static final int MAX_KEY_BYTES = 512;
    static final String TABLE = Sql.qualified(Database.CATALOG_SCHEMA, "request_keys");
    private static final int REMEMBERED = 100_000;

    /** What {@link #claim} found. */
    public enum Claim
    {
        /** The key is now this request's: ingest, then {@link #finished}. */
        CLAIMED,
        /** A request with this key was accepted: answer as before and ingest nothing. */
        ACCEPTED,
        /** A request with this key is still in flight. */
        IN_FLIGHT
    }

    /**
     * Key → accepted (true) or in flight (false), in insertion order; past {@link #REMEMBERED} the eldest accepted key
     * is forgotten (an in-flight one never: a duplicate could then claim it and ingest twice).
     */
    private final Map<String, Boolean> keys = new LinkedHashMap<>(16, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > REMEMBERED && eldest.getValue();
        }
    };

    /** Keys remembered in memory only (tests of the writer, which have no database of keys to load). */
    public RequestKeys()
    {
    }

    /**
     * Creates the table if need be, forgets all but the newest {@link #REMEMBERED} stored keys and loads those. Call
     * before the writer starts, so the keys of requests it replays are reported after these.
     */
    public static RequestKeys load(final Database database) throws SQLException
    {
        final RequestKeys loaded = new RequestKeys();
        try (Connection c = database.newConnection(); Statement s = c.createStatement())
        {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE +
                " (key VARCHAR NOT NULL, request_id BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL)");
            s.execute("DELETE FROM " + TABLE + " WHERE request_id NOT IN (SELECT request_id FROM " + TABLE +
                " ORDER BY committed_at DESC, request_id DESC LIMIT " + REMEMBERED + ")");
            try (PreparedStatement q = c.prepareStatement(
                "SELECT key FROM " + TABLE + " ORDER BY committed_at, request_id");
                ResultSet rs = q.executeQuery())
            {
                while (rs.next())
                {
                    loaded.keys.put(rs.getString(1), Boolean.TRUE);
                }
            }
        }
        return loaded;
    }

    /** Claims {@code key} for a new request, unless a request with it was accepted or is in flight. */
    public Claim claim(final String key)
    {
        final Boolean known;
        synchronized (keys)
        {
            known = keys.putIfAbsent(key, Boolean.FALSE);
        }
        if (known == null)
        {
            return Claim.CLAIMED;
        }
        return known ? Claim.ACCEPTED : Claim.IN_FLIGHT;
    }

    /**
     * The request holding {@code key} is over: accepted (its END is in the ring, repeats are answered without
     * ingesting) or not (the key is free again for a retry).
     */
    public void finished(final String key, final boolean accepted)
    {
        synchronized (keys)
        {
            if (accepted)
            {
                keys.put(key, Boolean.TRUE);
            }
            else
            {
                keys.remove(key, Boolean.FALSE);
            }
        }
    }

    /**
     * The request with {@code key} did not store its rows after all (its table went, its commit failed): a retry
     * must. Writer thread; no retry can hold the key meanwhile (an accepted key answers retries, an in-flight one
     * refuses them).
     */
    void failed(final String key)
    {
        synchronized (keys)
        {
            keys.remove(key);
        }
    }

    /** The writer committed a request with {@code key} (a replayed one, too). Writer thread. */
    void committed(final String key)
    {
        synchronized (keys)
        {
            keys.put(key, Boolean.TRUE);
        }
    }

    /** True if a request with {@code key} was accepted. */
    public boolean accepted(final String key)
    {
        synchronized (keys)
        {
            return Boolean.TRUE.equals(keys.get(key));
        }
    }
}
