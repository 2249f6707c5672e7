package sluice.server.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import sluice.server.config.SecurityConfig;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Who sent a request: the token of {@code Authorization: Bearer …} (or of Proton's {@code x-timeplus-key} header)
 * checked against the API keys, or as a JWT when it has a JWT's shape and JWTs are configured. With neither keys nor
 * JWTs configured everyone is {@link Principal#EVERYONE}. Immutable and thread-safe.
 */
public final class Authenticator
{
    private static final String BEARER = "bearer ";

    private static final String INTERNAL_NAME = "sluice-input-connectors";

    private final ApiKeys keys;
    private final JwtVerifier jwts;
    private final String internalToken;

    /**
     * @param internalToken the server's own ingest key, for its Feldera input connectors, which post to its ingress
     *                      over loopback; valid only when some credentials are configured.
     */
    public Authenticator(final ApiKeys keys, final JwtVerifier jwts, final String internalToken)
    {
        this.keys = keys;
        this.jwts = jwts;
        this.internalToken = internalToken;
    }

    /**
     * From the configuration, with a fresh random internal token.
     *
     * @throws IllegalArgumentException a malformed key or JWT setting.
     */
    public static Authenticator of(final SecurityConfig config) throws IOException
    {
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        final String internal = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        final List<String> specs = new ArrayList<>(config.apiKeys());
        if (config.requiresCredentials())
        {
            specs.add(INTERNAL_NAME + ":ingest:" + internal);
        }
        return new Authenticator(new ApiKeys(specs), new JwtVerifier(config.jwtSecret(), config.jwtPublicKey(),
            config.jwtIssuer(), config.jwtAudience()), internal);
    }

    /** A bearer token with the {@code ingest} scope that only this process knows. */
    public String internalToken()
    {
        return internalToken;
    }

    /** True when requests must authenticate. */
    public boolean enabled()
    {
        return !keys.isEmpty() || !jwts.isEmpty();
    }

    /** The request's principal; null when it carries no valid credentials and some are required. */
    public Principal authenticate(final HttpRequest request)
    {
        if (!enabled())
        {
            return Principal.EVERYONE;
        }
        final String token = token(request);
        if (token == null || token.isEmpty())
        {
            return null;
        }
        if (!jwts.isEmpty() && JwtVerifier.looksLikeJwt(token))
        {
            return jwts.authenticate(token);
        }
        return keys.authenticate(token);
    }

    private static String token(final HttpRequest request)
    {
        final String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return authorization.substring(BEARER.length()).trim();
        }
        final String protonKey = request.headers().get("x-timeplus-key");
        return protonKey == null ? null : protonKey.trim();
    }
}
