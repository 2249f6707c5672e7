package sluice.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may connect and how: API keys ({@code NAME:SCOPES:SECRET} or {@code NAME:SCOPES:sha256:HEX}, see
 * {@code sluice.server.auth.ApiKeys}), JWT verification keys, TLS files, and the operator's explicit consent to serve a
 * non-loopback address without credentials. Holds secrets: never print it. Mutable until the server starts.
 */
public final class SecurityConfig
{
    private final List<String> apiKeys = new ArrayList<>();
    private String jwtSecret;
    private Path jwtPublicKey;
    private String jwtIssuer;
    private String jwtAudience;
    private boolean allowUnauthenticated;
    private Path tlsCert;
    private Path tlsKey;

    public List<String> apiKeys()
    {
        return apiKeys;
    }

    public SecurityConfig apiKey(final String spec)
    {
        apiKeys.add(spec);
        return this;
    }

    public String jwtSecret()
    {
        return jwtSecret;
    }

    public SecurityConfig jwtSecret(final String jwtSecret)
    {
        this.jwtSecret = jwtSecret;
        return this;
    }

    public Path jwtPublicKey()
    {
        return jwtPublicKey;
    }

    public SecurityConfig jwtPublicKey(final Path jwtPublicKey)
    {
        this.jwtPublicKey = jwtPublicKey;
        return this;
    }

    public String jwtIssuer()
    {
        return jwtIssuer;
    }

    public SecurityConfig jwtIssuer(final String jwtIssuer)
    {
        this.jwtIssuer = jwtIssuer;
        return this;
    }

    public String jwtAudience()
    {
        return jwtAudience;
    }

    public SecurityConfig jwtAudience(final String jwtAudience)
    {
        this.jwtAudience = jwtAudience;
        return this;
    }

    /** True when requests must carry credentials (some API key or JWT key is configured). */
    public boolean requiresCredentials()
    {
        return !apiKeys.isEmpty() || jwtSecret != null || jwtPublicKey != null;
    }

    public boolean allowUnauthenticated()
    {
        return allowUnauthenticated;
    }

    /** Serve non-loopback addresses without credentials: the operator says the network is trusted. */
    public SecurityConfig allowUnauthenticated(final boolean allowUnauthenticated)
    {
        this.allowUnauthenticated = allowUnauthenticated;
        return this;
    }

    public Path tlsCert()
    {
        return tlsCert;
    }

    public Path tlsKey()
    {
        return tlsKey;
    }

    /** PEM certificate chain and PKCS#8 private key: every listener speaks TLS. */
    public SecurityConfig tls(final Path cert, final Path key)
    {
        this.tlsCert = cert;
        this.tlsKey = key;
        return this;
    }

    public boolean tlsEnabled()
    {
        return tlsCert != null;
    }

    void validate()
    {
        if ((tlsCert == null) != (tlsKey == null))
        {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
    }
}
