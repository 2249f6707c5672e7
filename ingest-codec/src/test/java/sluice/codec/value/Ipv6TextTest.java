package sluice.codec.value;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6TextTest
{
    private final int[] groups = new int[8];
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[Ipv6Text.MAX_LENGTH]);

    private String canonical(final String text)
    {
        final UnsafeBuffer in = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        assertTrue(InetParser.isIpv6(in, 0, in.capacity()), text);
        final int n = Ipv6Text.canonical(in, 0, in.capacity(), groups, out);
        return out.getStringWithoutLengthAscii(0, n);
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 5952 section 4 examples and the seed-like cases.
        "2001:DB8:0:0::1, 2001:db8::1",
        "0:0:0:0:0:0:0:1, ::1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8::0:1, 2001:db8::1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::FFFF:C000:0201, ::ffff:192.0.2.1",
        "::192.0.2.1, ::c000:201",
        "fe80::1:2:3:4, fe80::1:2:3:4",
        "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
    })
    void canonicalForms(final String text, final String expected)
    {
        assertEquals(expected, canonical(text));
    }

    /** Random addresses with random runs of zeros, written in random valid forms, against the JDK's parser. */
    @Test
    void randomAddressesRoundTripThroughTheJdk() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int n = 0; n < 20_000; n++)
        {
            final int[] g = new int[8];
            for (int i = 0; i < 8; i++)
            {
                g[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 16 : 65536);
            }
            final StringBuilder full = new StringBuilder();
            for (int i = 0; i < 8; i++)
            {
                full.append(i == 0 ? "" : ":").append(random.nextBoolean() ? Integer.toHexString(g[i]) :
                    String.format("%04X", g[i]));
            }
            final String text = full.toString();
            final String ours = canonical(text);
            final byte[] jdk = InetAddress.getByName(text).getAddress();
            final byte[] back = InetAddress.getByName(ours).getAddress();
            if (jdk.length == 16)
            {
                assertEquals(java.util.Arrays.toString(jdk), java.util.Arrays.toString(back),
                    "seed " + seed + ": " + text + " -> " + ours);
            }
            // Canonical: idempotent, and never longer than the input.
            assertEquals(ours, canonical(ours), "seed " + seed + ": " + text);
            assertTrue(ours.length() <= text.length(), "seed " + seed + ": " + text + " -> " + ours);
        }
    }
}
