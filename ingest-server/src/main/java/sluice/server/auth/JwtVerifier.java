package sluice.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * JSON web tokens as bearer tokens (Feldera's seed offers "JWT or API key"), checked with auth0's java-jwt: HS256
 * with a shared secret and/or RS256 with an RSA public key (PEM, {@code BEGIN PUBLIC KEY}). The signature, {@code exp}
 * (required) and {@code nbf} (with a minute of leeway) and, when configured, {@code iss} and {@code aud} must hold. The
 * principal is {@code sub}; its scopes come from {@code scope} (space-separated, OAuth style) or {@code scopes} (an
 * array). Immutable and thread-safe.
 */
public final class JwtVerifier
{
    private static final long LEEWAY_SECONDS = 60;

    private final List<JWTVerifier> verifiers = new ArrayList<>();

    /**
     * @param hmacSecret    the HS256 secret, or null; at least 32 bytes.
     * @param rsaPublicKey  a PEM file with the RS256 public key, or null.
     * @param issuer        the required {@code iss}, or null.
     * @param audience      the required {@code aud}, or null.
     */
    public JwtVerifier(final String hmacSecret, final Path rsaPublicKey, final String issuer, final String audience)
        throws IOException
    {
        if (hmacSecret != null)
        {
            if (hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32)
            {
                throw new IllegalArgumentException("the JWT HS256 secret must be at least 32 bytes");
            }
            verifiers.add(build(Algorithm.HMAC256(hmacSecret), issuer, audience));
        }
        if (rsaPublicKey != null)
        {
            verifiers.add(build(Algorithm.RSA256(readPublicKey(rsaPublicKey), null), issuer, audience));
        }
    }

    public boolean isEmpty()
    {
        return verifiers.isEmpty();
    }

    /** True if {@code token} has a JWT's shape (three base64url parts); API keys are looked up instead. */
    public static boolean looksLikeJwt(final String token)
    {
        return token.chars().filter(c -> c == '.').count() == 2 && token.startsWith("eyJ");
    }

    /** The principal of a valid token, or null (a bad signature, an expired token, unknown scopes). */
    public Principal authenticate(final String token)
    {
        for (final JWTVerifier verifier : verifiers)
        {
            try
            {
                final DecodedJWT jwt = verifier.verify(token);
                return new Principal(jwt.getSubject() == null ? "jwt" : jwt.getSubject(), scopes(jwt));
            }
            catch (final JWTVerificationException | IllegalArgumentException e)
            {
                // Next algorithm; null if none accepts it.
            }
        }
        return null;
    }

    private static Set<Scope> scopes(final DecodedJWT jwt)
    {
        final Claim scope = jwt.getClaim("scope");
        if (!scope.isMissing() && !scope.isNull() && scope.asString() != null)
        {
            return Scope.parse(scope.asString());
        }
        final Claim scopes = jwt.getClaim("scopes");
        final Set<Scope> result = EnumSet.noneOf(Scope.class);
        if (!scopes.isMissing() && !scopes.isNull() && scopes.asList(String.class) != null)
        {
            for (final String s : scopes.asList(String.class))
            {
                result.addAll(Scope.parse(s));
            }
        }
        return result;
    }

    private static JWTVerifier build(final Algorithm algorithm, final String issuer, final String audience)
    {
        // exp is checked only when present: require it, or a leaked token would be good for ever.
        var builder = JWT.require(algorithm).acceptLeeway(LEEWAY_SECONDS).withClaimPresence("exp");
        if (issuer != null)
        {
            builder = builder.withIssuer(issuer);
        }
        if (audience != null)
        {
            builder = builder.withAudience(audience);
        }
        return builder.build();
    }

    private static RSAPublicKey readPublicKey(final Path file) throws IOException
    {
        final String pem = Files.readString(file, StandardCharsets.US_ASCII);
        final String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try
        {
            return (RSAPublicKey)KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (final GeneralSecurityException | IllegalArgumentException | ClassCastException e)
        {
            throw new IllegalArgumentException(file + " is not a PEM RSA public key (BEGIN PUBLIC KEY)", e);
        }
    }
}
