package sluice.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a key may do: write rows, read them, or change what exists (tables, streams, pipelines), which implies both. */
public enum Scope
{
    INGEST,
    QUERY,
    ADMIN;

    /**
     * Scopes from {@code ingest+query}, {@code ingest,query} or {@code ingest query} (JWT's space-separated
     * {@code scope} claim), case-insensitive.
     *
     * @throws IllegalArgumentException an unknown scope, named.
     */
    public static Set<Scope> parse(final String text)
    {
        final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (final String part : text.trim().split("[+, ]+"))
        {
            if (part.isEmpty())
            {
                continue;
            }
            try
            {
                scopes.add(valueOf(part.toUpperCase(Locale.ROOT)));
            }
            catch (final IllegalArgumentException e)
            {
                throw new IllegalArgumentException("unknown scope '" + part + "': use ingest, query or admin", e);
            }
        }
        return scopes;
    }
}
