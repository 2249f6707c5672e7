package sluice.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Bearer API keys, held as SHA-256 hashes only. A key is configured as {@code NAME:SCOPES:SECRET} (the secret is
 * hashed at start-up and dropped) or {@code NAME:SCOPES:sha256:HEX} (already hashed, e.g. by {@link #hash}, so the
 * secret need not appear in a config file at all); scopes as {@link Scope#parse} reads them. A presented token is
 * hashed and looked up: the lookup key is a hash, so its timing says nothing about the secret. Immutable.
 */
public final class ApiKeys
{
    private static final String HASHED = "sha256:";
    private static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, Principal> byHash = new HashMap<>();

    /**
     * @throws IllegalArgumentException a malformed entry (named by its number or name, never its secret), a short
     * secret, or two keys with the same secret or name. Secrets must not contain commas when given as one
     * comma-separated option or variable.
     */
    public ApiKeys(final List<String> specs)
    {
        final Map<String, Boolean> names = new HashMap<>();
        for (int entry = 1; entry <= specs.size(); entry++)
        {
            final String[] parts = specs.get(entry - 1).split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isEmpty())
            {
                // By number: a malformed entry may be a bare secret, which must not reach an error message.
                throw new IllegalArgumentException("API key entry " + entry + " is not NAME:SCOPES:SECRET or " +
                    "NAME:SCOPES:sha256:HEX");
            }
            final String name = parts[0].trim();
            final Principal principal = new Principal(name, Scope.parse(parts[1]));
            if (principal.scopes().isEmpty())
            {
                throw new IllegalArgumentException("API key '" + name + "' has no scope: give ingest, query or admin");
            }
            final String hash;
            if (parts[2].startsWith(HASHED))
            {
                hash = parts[2].substring(HASHED.length()).toLowerCase(java.util.Locale.ROOT);
                if (!hash.matches("[0-9a-f]{64}"))
                {
                    throw new IllegalArgumentException("API key '" + name + "': sha256: must be followed by 64 " +
                        "hex digits");
                }
            }
            else
            {
                if (parts[2].length() < MIN_SECRET_LENGTH)
                {
                    throw new IllegalArgumentException("API key '" + name + "' is shorter than " +
                        MIN_SECRET_LENGTH + " characters");
                }
                hash = hash(parts[2]);
            }
            if (names.put(name, Boolean.TRUE) != null || byHash.put(hash, principal) != null)
            {
                throw new IllegalArgumentException("API key '" + name + "' is configured twice (same name or secret)");
            }
        }
    }

    public boolean isEmpty()
    {
        return byHash.isEmpty();
    }

    public int size()
    {
        return byHash.size();
    }

    /** The principal of a presented token, or null. */
    public Principal authenticate(final String token)
    {
        return byHash.get(hash(token));
    }

    /** The lowercase hex SHA-256 of a secret, as {@code NAME:SCOPES:sha256:HEX} takes it. */
    public static String hash(final String secret)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
