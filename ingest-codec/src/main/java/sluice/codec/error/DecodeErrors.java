package sluice.codec.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The errors of one request: the first {@code maxKept} are kept, all are counted (Feldera lists at most 1000 and
 * reports {@code num_errors} for all). Owned by one decoder; {@link #clear()} between requests.
 */
public final class DecodeErrors
{
    /** Feldera's limit on listed parse errors. */
    public static final int DEFAULT_MAX_KEPT = 1000;

    private final List<DecodeError> kept = new ArrayList<>();
    private int maxKept;
    private long count;

    public DecodeErrors()
    {
        this(DEFAULT_MAX_KEPT);
    }

    public DecodeErrors(final int maxKept)
    {
        maxKept(maxKept);
    }

    public DecodeErrors maxKept(final int maxKept)
    {
        if (maxKept < 1)
        {
            throw new IllegalArgumentException("maxKept must be at least 1: " + maxKept);
        }
        this.maxKept = maxKept;
        return this;
    }

    public int maxKept()
    {
        return maxKept;
    }

    /** Counts the error and keeps it if fewer than {@code maxKept} are kept. Returns true if it was kept. */
    public boolean add(final DecodeError error)
    {
        count++;
        if (kept.size() < maxKept)
        {
            kept.add(error);
            return true;
        }
        return false;
    }

    /** True if {@link #add} would keep the next error: callers skip building messages nobody will read. */
    public boolean wouldKeep()
    {
        return kept.size() < maxKept;
    }

    /** Counts an error that was not built because {@link #wouldKeep()} was false. */
    public void countDropped()
    {
        count++;
    }

    public long count()
    {
        return count;
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    public DecodeError first()
    {
        return kept.isEmpty() ? null : kept.get(0);
    }

    public List<DecodeError> kept()
    {
        return Collections.unmodifiableList(kept);
    }

    public void clear()
    {
        kept.clear();
        count = 0;
    }

    @Override
    public String toString()
    {
        return count + " error(s)" + (kept.isEmpty() ? "" : ", first: " + kept.get(0).message());
    }
}
