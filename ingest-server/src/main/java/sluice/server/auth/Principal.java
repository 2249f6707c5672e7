package sluice.server.auth;

import java.util.EnumSet;
import java.util.Locale;
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

    /** Why a request of this principal that needs {@code scope} is refused (403). */
    public String lacks(final Scope scope)
    {
        return "'" + name + "' lacks the " + scope.name().toLowerCase(Locale.ROOT) + " scope this needs";
    }

    /** True if this principal may act in {@code scope}; {@code admin} may do everything. */
    public boolean may(final Scope scope)
    {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
