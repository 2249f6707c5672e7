package sluice.server.proton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.http.HttpResponses;
import sluice.server.query.JsonRows;
import sluice.server.query.TimestampText;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * Query results in ClickHouse's output formats, as Proton's SQL and search endpoints answer them:
 * {@code TabSeparated} (also {@code TSV}), {@code JSON}, {@code JSONCompact} (rows as arrays), {@code JSONEachRow},
 * {@code CSV}, {@code CSVWithNames}. NULL is {@code \N} in the text formats.
 */
final class ClickHouseFormats
{
    private static final Set<String> KNOWN =
        Set.of("TabSeparated", "TSV", "JSON", "JSONCompact", "JSONEachRow", "CSV", "CSVWithNames");

    private ClickHouseFormats()
    {
    }

    /** Whether {@link #answer} writes {@code format}. */
    static boolean isKnown(final String format)
    {
        return KNOWN.contains(format);
    }

    /** Every row of {@code rs} as a 200 response in {@code format} (one {@link #isKnown}). */
    static FullHttpResponse answer(final ResultSet rs, final String format) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int columns = meta.getColumnCount();
        final StringBuilder out = new StringBuilder();
        switch (format)
        {
            case "JSONEachRow":
                while (rs.next())
                {
                    out.append(withDateTimes(JsonRows.row(rs, meta), rs, meta)).append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "application/x-ndjson; charset=UTF-8", out.toString());
            case "JSON":
            case "JSONCompact":
                final ObjectNode root = ProtonErrors.JSON.createObjectNode();
                final ArrayNode metaNode = root.putArray("meta");
                for (int c = 1; c <= columns; c++)
                {
                    metaNode.addObject().put("name", meta.getColumnLabel(c)).put("type", meta.getColumnTypeName(c));
                }
                final ArrayNode data = root.putArray("data");
                int rows = 0;
                while (rs.next())
                {
                    data.add(format.equals("JSON") ? withDateTimes(JsonRows.row(rs, meta), rs, meta) :
                        withDateTimes(JsonRows.values(rs, meta), rs, meta));
                    rows++;
                }
                root.put("rows", rows);
                return HttpResponses.of(HttpResponseStatus.OK, "application/json; charset=UTF-8", root + "\n");
            case "CSV":
            case "CSVWithNames":
                if (format.equals("CSVWithNames"))
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        out.append(c == 1 ? "" : ",").append(csv(meta.getColumnLabel(c)));
                    }
                    out.append('\n');
                }
                while (rs.next())
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        final String value = text(rs, meta, c);
                        out.append(c == 1 ? "" : ",").append(value == null ? "\\N" : csv(value));
                    }
                    out.append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "text/csv; charset=UTF-8", out.toString());
            default:
                while (rs.next())
                {
                    for (int c = 1; c <= columns; c++)
                    {
                        final String value = text(rs, meta, c);
                        out.append(c == 1 ? "" : "\t").append(value == null ? "\\N" : tsv(value));
                    }
                    out.append('\n');
                }
                return HttpResponses.of(HttpResponseStatus.OK, "text/tab-separated-values; charset=UTF-8",
                    out.toString());
        }
    }

    /**
     * A value as text; timestamps as ClickHouse prints them, {@code 2021-04-01 12:00:00.250}, the fraction in groups of
     * three digits. DuckDB keeps microseconds and a result does not tell the stream column's precision, so a whole
     * second prints no fraction (ClickHouse prints a datetime64(3) one with {@code .000}).
     */
    private static String text(final ResultSet rs, final ResultSetMetaData meta, final int c) throws SQLException
    {
        if (meta.getColumnType(c) == Types.TIMESTAMP)
        {
            final LocalDateTime time = rs.getObject(c, LocalDateTime.class);
            return time == null ? null : TimestampText.grouped(time);
        }
        return rs.getString(c);
    }

    /** The row's timestamps (a JSON object's fields or an array's elements) rewritten as {@link #text} writes them. */
    private static JsonNode withDateTimes(final JsonNode row, final ResultSet rs, final ResultSetMetaData meta)
        throws SQLException
    {
        for (int c = 1; c <= meta.getColumnCount(); c++)
        {
            if (meta.getColumnType(c) == Types.TIMESTAMP)
            {
                final String value = text(rs, meta, c);
                final JsonNode node = value == null ? NullNode.getInstance() : TextNode.valueOf(value);
                if (row instanceof ObjectNode)
                {
                    ((ObjectNode)row).set(meta.getColumnLabel(c), node);
                }
                else
                {
                    ((ArrayNode)row).set(c - 1, node);
                }
            }
        }
        return row;
    }

    /** ClickHouse's CSV: a value is quoted when it holds a delimiter, a quote or a line break. */
    private static String csv(final String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
        {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** ClickHouse's TabSeparated escapes: backslash, tab and line breaks. */
    private static String tsv(final String value)
    {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

}
