package sluice.server.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Query result rows as JSON objects, for the dialects whose query endpoints answer one object per row. */
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
            final Object value = rs.getObject(c);
            final String name = meta.getColumnLabel(c);
            if (value == null)
            {
                row.putNull(name);
            }
            else if (value instanceof Boolean)
            {
                row.put(name, (Boolean)value);
            }
            else if (value instanceof Long || value instanceof Integer || value instanceof Short ||
                value instanceof Byte)
            {
                row.put(name, ((Number)value).longValue());
            }
            else if (value instanceof Double || value instanceof Float)
            {
                final double d = ((Number)value).doubleValue();
                if (Double.isFinite(d))
                {
                    row.put(name, d);
                }
                else
                {
                    row.put(name, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
            }
            else if (value instanceof BigDecimal)
            {
                row.put(name, (BigDecimal)value);
            }
            else if (value instanceof java.math.BigInteger)
            {
                row.put(name, new BigDecimal((java.math.BigInteger)value));
            }
            else
            {
                row.put(name, rs.getString(c));
            }
        }
        return row;
    }
}
