package sluice.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Query result rows as JSON objects or arrays, for the dialects whose query endpoints answer JSON rows. */
public final class JsonRows
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows()
    {
    }

    /** The current row as a JSON object: numbers and booleans as such, everything else as DuckDB prints it. */
    public static ObjectNode row(final ResultSet rs, final ResultSetMetaData meta) throws SQLException
    {
        final ObjectNode row = JSON.createObjectNode();
        for (int c = 1; c <= meta.getColumnCount(); c++)
        {
            row.set(meta.getColumnLabel(c), value(rs, c));
        }
        return row;
    }

    /** The current row as a JSON array of its values, typed as in {@link #row}. */
    public static ArrayNode values(final ResultSet rs, final ResultSetMetaData meta) throws SQLException
    {
        final ArrayNode row = JSON.createArrayNode();
        for (int c = 1; c <= meta.getColumnCount(); c++)
        {
            row.add(value(rs, c));
        }
        return row;
    }

    private static JsonNode value(final ResultSet rs, final int c) throws SQLException
    {
        final Object value = rs.getObject(c);
        final JsonNodeFactory nodes = JSON.getNodeFactory();
        if (value == null)
        {
            return nodes.nullNode();
        }
        if (value instanceof Boolean)
        {
            return nodes.booleanNode((Boolean)value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return nodes.numberNode(((Number)value).longValue());
        }
        if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            if (Double.isFinite(d))
            {
                return nodes.numberNode(d);
            }
            return nodes.textNode(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
        if (value instanceof BigDecimal)
        {
            return nodes.numberNode((BigDecimal)value);
        }
        if (value instanceof java.math.BigInteger)
        {
            return nodes.numberNode(new BigDecimal((java.math.BigInteger)value));
        }
        return nodes.textNode(rs.getString(c));
    }
}
