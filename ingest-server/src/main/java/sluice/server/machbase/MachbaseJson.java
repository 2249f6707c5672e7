package sluice.server.machbase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two small JSON inputs of {@code /db/query}, read with Jackson: the {@code p} bind-parameter array and a JSON
 * object body of parameters. Strict RFC 8259 (no comments, trailing commas or NaN), nesting limited to
 * {@link #MAX_DEPTH}, nothing after the value.
 * <p>
 * Scalars come back as: strings → {@link String}; integers → {@link Long} when they fit, else {@link BigDecimal};
 * other numbers → {@link Double}; booleans → {@link Boolean}; {@code null} → null. Errors are
 * {@link IllegalArgumentException}s naming the character offset. Thread-safe.
 */
final class MachbaseJson
{
    /** Deepest nesting accepted, against stack exhaustion by a hostile body. */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MachbaseJson()
    {
    }

    /**
     * The {@code p} parameter: a JSON array of scalars.
     *
     * @return the values in order, nulls included; unmodifiable.
     * @throws IllegalArgumentException {@code bind parameter must be scalar} for a nested array or object,
     * {@code bind parameters must be a JSON array} for another JSON value, or a syntax error.
     */
    static List<Object> scalarArray(final String text)
    {
        final JsonNode root = parse(text);
        if (!root.isArray())
        {
            throw new IllegalArgumentException("bind parameters must be a JSON array");
        }
        final List<Object> values = new ArrayList<>(root.size());
        for (final JsonNode element : root)
        {
            if (element.isContainerNode())
            {
                throw new IllegalArgumentException("bind parameter must be scalar");
            }
            values.add(scalar(element));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * A JSON object of request parameters: each member's value as the text {@code /db/query} would have received
     * in a query string. Strings are unescaped; numbers, booleans, arrays and objects (the {@code p} array) are
     * their compact JSON text; members whose value is {@code null} are left out. A repeated key keeps its last value.
     *
     * @throws IllegalArgumentException when the text is not one JSON object.
     */
    static Map<String, String> objectOfTexts(final String text)
    {
        final JsonNode root = parse(text);
        if (!root.isObject())
        {
            throw new IllegalArgumentException("the request body must be a JSON object of parameters");
        }
        final Map<String, String> members = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> member : root.properties())
        {
            final JsonNode value = member.getValue();
            if (!value.isNull())
            {
                members.put(member.getKey(), value.isTextual() ? value.textValue() : value.toString());
            }
        }
        return members;
    }

    private static JsonNode parse(final String text)
    {
        try
        {
            final JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode())
            {
                throw new IllegalArgumentException("invalid JSON at offset 0: no JSON value");
            }
            return root;
        }
        catch (final JsonProcessingException e)
        {
            final long offset = e.getLocation() != null ? e.getLocation().getCharOffset() : -1;
            throw new IllegalArgumentException("invalid JSON at offset " + Math.max(0, offset) + ": " +
                firstClause(e.getOriginalMessage()), e);
        }
    }

    /** Jackson's message up to its source-location appendix, which names no part of the request. */
    private static String firstClause(final String message)
    {
        final String line = message.lines().findFirst().orElse("malformed");
        final int location = line.indexOf(" (start marker at");
        return location < 0 ? line : line.substring(0, location);
    }

    private static Object scalar(final JsonNode node)
    {
        if (node.isTextual())
        {
            return node.textValue();
        }
        if (node.isIntegralNumber())
        {
            return node.canConvertToLong() ? (Object)node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber())
        {
            return node.doubleValue();
        }
        if (node.isBoolean())
        {
            return node.booleanValue();
        }
        return null;
    }
}
