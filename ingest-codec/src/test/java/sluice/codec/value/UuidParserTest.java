package sluice.codec.value;

import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.error.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sluice.codec.value.OffHeapInput.ascii;

class UuidParserTest
{
    /** The accepted forms as a regex (braces checked for pairing separately): the mutation test's reference. */
    private static final Pattern FORMS = Pattern.compile(
        "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})\\}?");

    private final OffHeapInput input = new OffHeapInput(64);

    static Stream<Arguments> cases()
    {
        return TestData.arguments("value/uuids.txt", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeCases(final String where, final byte[] text, final String expected)
    {
        final OffHeapInput.Result result = input.parseEverywhere(text, UuidParser::parse);
        if (expected.startsWith("INVALID"))
        {
            assertEquals(ErrorCode.valueOf(expected), result.code(), where);
            return;
        }
        assertEquals(ErrorCode.NONE, result.code(), where);
        assertEquals(expected, new UUID(result.highBits(), result.longValue()).toString(), where);
    }

    /** Random UUIDs in every accepted form against java.util.UUID's most and least significant bits. */
    @Test
    void randomAgainstJavaUtilUuid()
    {
        Seeds.run(random ->
        {
            for (int n = 0; n < 20_000; n++)
            {
                final UUID uuid = new UUID(random.nextLong(), random.nextLong());
                final String text = randomForm(uuid.toString(), random);
                final OffHeapInput.Result result = input.parseTwice(ascii(text), random, UuidParser::parse);
                assertEquals(ErrorCode.NONE, result.code(), text);
                assertEquals(uuid.getMostSignificantBits(), result.highBits(), text);
                assertEquals(uuid.getLeastSignificantBits(), result.longValue(), text);
                assertEquals(uuid, UUID.fromString(new UUID(result.highBits(), result.longValue()).toString()));
            }
        });
    }

    /** One character replaced: valid exactly when the regex of the accepted forms says so. */
    @Test
    void randomMutationsAgainstRegex()
    {
        final String replacements = "0aF-{}gZ :x";
        Seeds.run(random ->
        {
            for (int n = 0; n < 20_000; n++)
            {
                final UUID uuid = new UUID(random.nextLong(), random.nextLong());
                final StringBuilder text = new StringBuilder(randomForm(uuid.toString(), random));
                text.setCharAt(random.nextInt(text.length()),
                    replacements.charAt(random.nextInt(replacements.length())));
                final String mutated = text.toString();
                final OffHeapInput.Result result = input.parseTwice(ascii(mutated), random, UuidParser::parse);
                final boolean braced = mutated.startsWith("{");
                final boolean valid = FORMS.matcher(mutated).matches() && braced == mutated.endsWith("}");
                assertEquals(valid ? ErrorCode.NONE : ErrorCode.INVALID_UUID, result.code(), mutated);
                if (valid)
                {
                    final String hex = mutated.replace("-", "").replace("{", "").replace("}", "");
                    assertEquals(Long.parseUnsignedLong(hex.substring(0, 16), 16), result.highBits(), mutated);
                    assertEquals(Long.parseUnsignedLong(hex.substring(16), 16), result.longValue(), mutated);
                }
            }
        });
    }

    private static String randomForm(final String canonical, final Random random)
    {
        final StringBuilder text = new StringBuilder();
        for (final char c : canonical.toCharArray())
        {
            text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        String form = random.nextBoolean() ? text.toString() : text.toString().replace("-", "");
        if (random.nextInt(3) == 0)
        {
            form = "{" + form + "}";
        }
        return form;
    }
}
