package sluice.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import sluice.codec.schema.DefaultValue;

import java.util.Base64;

/** Catalog text back into {@link DefaultValue}s. */
final class Defaults
{
    private Defaults()
    {
    }

    /** The default of a catalog column entry ({@code default}, and for constants their stored representation). */
    static DefaultValue restore(final JsonNode column)
    {
        switch (DefaultValue.Kind.valueOf(column.get("default").asText()))
        {
            case TYPE_ZERO:
                return DefaultValue.TYPE_ZERO;
            case NOW:
                return DefaultValue.NOW;
            case CONSTANT:
                final JsonNode bytes = column.get("defaultBytes");
                return DefaultValue.constant(column.path("defaultLong").asLong(), column.path("defaultHigh").asLong(),
                    column.path("defaultDouble").asDouble(),
                    bytes == null ? null : Base64.getDecoder().decode(bytes.asText()),
                    column.path("defaultText").asText(null));
            case COLUMN:
                return DefaultValue.columnValue(column.get("defaultColumn").asInt(), column.get("defaultText").asText());
            default:
                return DefaultValue.NULL;
        }
    }
}
