package sluice.server.auth;

/**
 * What a route asks of a request's principal: nothing ({@link #PUBLIC}: health checks, ping), valid credentials
 * (the endpoint then decides per statement, e.g. a SQL endpoint that runs both DDL and SELECT), or a scope.
 */
public enum Access
{
    PUBLIC(null),
    AUTHENTICATED(null),
    INGEST(Scope.INGEST),
    QUERY(Scope.QUERY),
    ADMIN(Scope.ADMIN);

    private final Scope scope;

    Access(final Scope scope)
    {
        this.scope = scope;
    }

    /** The scope required, or null when any valid credentials will do (or none, for {@link #PUBLIC}). */
    public Scope scope()
    {
        return scope;
    }
}
