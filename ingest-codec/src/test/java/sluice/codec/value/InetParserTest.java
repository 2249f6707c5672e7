package sluice.codec.value;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sluice.codec.value.OffHeapInput.ascii;

/**
 * Edge cases from {@code inet.txt}, then random addresses and mutations of them against an independent reference:
 * regexes transcribed from the ABNF of RFC 3986 section 3.2.2 ({@code IPv6address}, {@code IPv4address}), which
 * spells out the RFC 4291 text forms.
 */
class InetParserTest
{
    private static final String DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
    private static final String IPV4 = DEC_OCTET + "\\." + DEC_OCTET + "\\." + DEC_OCTET + "\\." + DEC_OCTET;
    private static final String H16 = "[0-9a-fA-F]{1,4}";
    private static final String LS32 = "(?:" + H16 + ":" + H16 + "|" + IPV4 + ")";
    private static final Pattern IPV4_ABNF = Pattern.compile(IPV4);
    private static final Pattern IPV6_ABNF = Pattern.compile(String.join("|",
        "(?:" + H16 + ":){6}" + LS32,
        "::(?:" + H16 + ":){5}" + LS32,
        "(?:" + H16 + ")?::(?:" + H16 + ":){4}" + LS32,
        "(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + LS32,
        "(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + LS32,
        "(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + LS32,
        "(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + LS32,
        "(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16,
        "(?:(?:" + H16 + ":){0,6}" + H16 + ")?::"));

    private final OffHeapInput input = new OffHeapInput(128);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/inet.txt", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String expected)
    {
        check(where, text, expected.equals("V4"), expected.equals("V6"), null);
        // The data file agrees with the reference too.
        final String string = new String(text, StandardCharsets.ISO_8859_1);
        assertEquals(expected.equals("V4"), IPV4_ABNF.matcher(string).matches(), where + " (reference)");
        assertEquals(expected.equals("V6"), IPV6_ABNF.matcher(string).matches(), where + " (reference)");
    }

    @Test
    void randomAddressesAndMutationsAgainstAbnf()
    {
        final String replacements = "0fF9:.:.g 1";
        Seeds.run(random ->
        {
            for (int n = 0; n < 15_000; n++)
            {
                final StringBuilder text = new StringBuilder(
                    random.nextInt(4) == 0 ? randomIpv4(random) : randomIpv6(random));
                if (random.nextBoolean())
                {
                    final int at = random.nextInt(text.length() + 1);
                    final char c = replacements.charAt(random.nextInt(replacements.length()));
                    switch (random.nextInt(3))
                    {
                        case 0 -> text.insert(at, c);
                        case 1 -> text.replace(at, Math.min(at + 1, text.length()), String.valueOf(c));
                        default -> text.delete(at, Math.min(at + 1, text.length()));
                    }
                }
                final String address = text.toString();
                check(address, ascii(address), IPV4_ABNF.matcher(address).matches(),
                    IPV6_ABNF.matcher(address).matches(), random);
            }
        });
    }

    private void check(
        final String where, final byte[] text, final boolean ipv4, final boolean ipv6, final Random random)
    {
        final OffHeapInput.ValueParser[] parsers = {
            (buffer, offset, length, out) -> InetParser.validate(buffer, offset, length),
            (buffer, offset, length, out) ->
                InetParser.isIpv4(buffer, offset, length) ? ErrorCode.NONE : ErrorCode.INVALID_INET,
            (buffer, offset, length, out) ->
                InetParser.isIpv6(buffer, offset, length) ? ErrorCode.NONE : ErrorCode.INVALID_INET };
        final boolean[] expected = { ipv4 || ipv6, ipv4, ipv6 };
        final String[] names = { "validate", "isIpv4", "isIpv6" };
        for (int i = 0; i < parsers.length; i++)
        {
            final OffHeapInput.Result result = random == null ?
                input.parseEverywhere(text, parsers[i]) : input.parseTwice(text, random, parsers[i]);
            assertEquals(expected[i] ? ErrorCode.NONE : ErrorCode.INVALID_INET, result.code(), where + " " + names[i]);
        }
    }

    private static String randomIpv4(final Random random)
    {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** Eight random groups (or six and a dotted quad), a random run of them compressed to "::" half the time. */
    private static String randomIpv6(final Random random)
    {
        final boolean quad = random.nextInt(4) == 0;
        final int groupCount = quad ? 6 : 8;
        final String[] groups = new String[groupCount];
        for (int i = 0; i < groupCount; i++)
        {
            final int value = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
            final String hex = Integer.toHexString(value);
            groups[i] = random.nextBoolean() ? hex.toUpperCase() : random.nextInt(4) == 0 ?
                "0".repeat(4 - hex.length()) + hex : hex;
        }
        final StringBuilder text = new StringBuilder();
        if (random.nextBoolean())
        {
            final int from = random.nextInt(groupCount);
            final int to = from + 1 + random.nextInt(groupCount - from);
            appendGroups(text, groups, 0, from);
            text.append("::");
            appendGroups(text, groups, to, groupCount);
            if (quad)
            {
                text.append(to < groupCount ? ":" : "").append(randomIpv4(random));
            }
        }
        else
        {
            appendGroups(text, groups, 0, groupCount);
            if (quad)
            {
                text.append(':').append(randomIpv4(random));
            }
        }
        return text.toString();
    }

    private static void appendGroups(final StringBuilder text, final String[] groups, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            text.append(groups[i]);
            if (i < to - 1)
            {
                text.append(':');
            }
        }
    }
}
