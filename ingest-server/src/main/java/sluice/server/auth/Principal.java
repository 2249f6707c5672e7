package sluice.server.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who sent a request: an API key's or a JWT subject's name and scopes. {@link #EVERYONE} when no keys are configured
 * (then only loopback is bound, unless the operator said otherwise).
 */
public record Principal(String name, Set<Scope> scopes)
{
    public static final Principal EVERYONE = new Principal("everyone", EnumSet.allOf(Scope.class));

    public Principal
    {
        scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
    }

    /** True if this principal may act in {@code scope}; {@code admin} may do everything. */
    public boolean may(final Scope scope)
    {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
