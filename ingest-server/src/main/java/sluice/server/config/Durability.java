package sluice.server.config;

/** When a write is acknowledged (ARCHITECTURE.md "When a 200 is sent"). */
public enum Durability
{
    /**
     * Each dialect's own rule: "accepted" writes answer once their rows are in the memory-mapped ring (they survive
     * a process crash and are replayed exactly once), "committed" writes once the rows are visible to queries.
     */
    DEFAULT("each API's ack rule; acknowledged rows survive a process crash (kill -9), not a power loss"),
    /** Every write waits for its commit, and the rings and database are synced first: survives power loss. */
    FSYNC("every write waits for its commit and an fsync; acknowledged rows survive a power loss");

    private final String description;

    Durability(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
