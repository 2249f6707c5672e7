package sluice.server.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key specs, hashes and scopes; a malformed entry's error never repeats its content (it may be a bare secret). */
class ApiKeysTest
{
    @Test
    void clearAndHashedKeysAuthenticateWithTheirScopes()
    {
        final ApiKeys keys = new ApiKeys(List.of("loader:ingest+query:0123456789abcdef-secret",
            "root:admin:sha256:" + ApiKeys.hash("another-secret-0123456789")));
        final Principal loader = keys.authenticate("0123456789abcdef-secret");
        assertEquals("loader", loader.name());
        assertTrue(loader.may(Scope.INGEST) && loader.may(Scope.QUERY) && !loader.may(Scope.ADMIN));
        final Principal root = keys.authenticate("another-secret-0123456789");
        assertTrue(root.may(Scope.INGEST) && root.may(Scope.QUERY) && root.may(Scope.ADMIN), "admin may do all");
        assertNull(keys.authenticate("0123456789abcdef-secreT"));
        // As coreutils computes it: echo -n secret | sha256sum.
        assertEquals("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", ApiKeys.hash("secret"));
    }

    @Test
    void badEntriesAreRefusedWithoutEchoingSecrets()
    {
        final IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
            () -> new ApiKeys(List.of("ok:ingest:0123456789abcdef-secret", "a-bare-secret-pasted-alone")));
        assertEquals("API key entry 2 is not NAME:SCOPES:SECRET or NAME:SCOPES:sha256:HEX", bare.getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class,
            () -> new ApiKeys(List.of("short:ingest:tiny-secret"))).getMessage().contains("tiny-secret"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new ApiKeys(List.of("x:reader:0123456789abcdef-secret"))).getMessage().contains("unknown scope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ApiKeys(List.of(
            "a:ingest:0123456789abcdef-secret", "b:query:0123456789abcdef-secret"))).getMessage()
            .contains("configured twice"));
    }
}
