package sluice.server.machbase;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * {@code format=json} (spec/machbase.md "JSON result"), byte for byte the shape of Neo's JSON encoder, no
 * whitespace:
 * <pre>
 * {"data":{"columns":["NAME",...],"types":["string",...],"rows":[[...],...]},
 *  "success":true,"reason":"success","elapse":"1.2ms"}          (one line on the wire)
 * </pre>
 * One of three layouts replaces the default {@code rows} of arrays, in Neo's order of precedence:
 * {@code rowsArray} ({@code rows} of objects keyed by column name), else {@code transpose} ({@code cols}: one
 * array per column), else {@code rowsFlatten} (one flat {@code rows} array). {@code rownum} prepends
 * {@code ROWNUM} (int64, from 1) to the columns, types and every row, except with transpose, where Neo ignores it.
 * <p>
 * Choices: rowsArray objects keep the result's column order (Neo marshals a Go map, so its keys come sorted;
 * JSON objects are unordered, and column order reads better); a transposed empty result has one empty array per
 * column (Neo writes {@code "cols":[]}), so {@code cols[i]} is always column i. Rows stream as they are read;
 * transpose holds the result until the end. Not thread-safe.
 */
final class JsonResultEncoder
{
    /** Flush the row buffer to the writer past this many characters. */
    private static final int FLUSH_CHARS = 8 * 1024;

    private JsonResultEncoder()
    {
    }

    /** @param hasRow whether {@code rs} is positioned on a first row. */
    static long write(
        final ResultSet rs,
        final boolean hasRow,
        final ResultColumn[] columns,
        final CellFormatter cells,
        final MachbaseQueryOptions options,
        final Writer out,
        final LongSupplier elapsedNanos) throws SQLException, IOException
    {
        final boolean rowsArray = options.rowsArray();
        final boolean transpose = !rowsArray && options.transpose();
        final boolean flatten = !rowsArray && !transpose && options.rowsFlatten();
        final boolean rownum = options.rownum() && !transpose;
        final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);

        buffer.append("{\"data\":{\"columns\":[");
        if (rownum)
        {
            buffer.append("\"ROWNUM\"");
        }
        for (int c = 0; c < columns.length; c++)
        {
            if (c > 0 || rownum)
            {
                buffer.append(',');
            }
            JsonStrings.append(columns[c].name(), buffer);
        }
        buffer.append("],\"types\":[");
        if (rownum)
        {
            buffer.append("\"int64\"");
        }
        for (int c = 0; c < columns.length; c++)
        {
            if (c > 0 || rownum)
            {
                buffer.append(',');
            }
            JsonStrings.append(columns[c].typeName(), buffer);
        }
        buffer.append(transpose ? "],\"cols\":[" : "],\"rows\":[");

        final StringBuilder[] series = transpose ? new StringBuilder[columns.length] : null;
        if (series != null)
        {
            for (int c = 0; c < series.length; c++)
            {
                series[c] = new StringBuilder();
            }
        }
        long rows = 0;
        if (hasRow)
        {
            do
            {
                rows++;
                if (transpose)
                {
                    for (int c = 0; c < columns.length; c++)
                    {
                        if (rows > 1)
                        {
                            series[c].append(',');
                        }
                        cells.appendJson(rs, columns[c], true, series[c]);
                    }
                    continue;
                }
                if (rows > 1)
                {
                    buffer.append(',');
                }
                if (rowsArray)
                {
                    appendObject(rs, columns, cells, rownum ? rows : 0, true, buffer);
                }
                else
                {
                    if (!flatten)
                    {
                        buffer.append('[');
                    }
                    if (rownum)
                    {
                        buffer.append(rows).append(columns.length > 0 ? "," : "");
                    }
                    for (int c = 0; c < columns.length; c++)
                    {
                        if (c > 0)
                        {
                            buffer.append(',');
                        }
                        cells.appendJson(rs, columns[c], true, buffer);
                    }
                    if (!flatten)
                    {
                        buffer.append(']');
                    }
                }
                if (buffer.length() > FLUSH_CHARS)
                {
                    out.append(buffer);
                    buffer.setLength(0);
                }
            }
            while (rs.next());
        }
        if (series != null)
        {
            for (int c = 0; c < series.length; c++)
            {
                buffer.append(c > 0 ? ",[" : "[").append(series[c]).append(']');
                series[c] = null;
            }
        }
        buffer.append("]},\"success\":true,\"reason\":\"success\",\"elapse\":\"")
            .append(GoDuration.format(elapsedNanos.getAsLong()))
            .append("\"}");
        out.append(buffer);
        return rows;
    }

    /**
     * {@code {"ROWNUM":n,"NAME":...}}; {@code rownum} 0 leaves ROWNUM out; {@code jsonFloats} as in
     * {@link CellFormatter#appendJson}.
     */
    static void appendObject(
        final ResultSet rs,
        final ResultColumn[] columns,
        final CellFormatter cells,
        final long rownum,
        final boolean jsonFloats,
        final StringBuilder out) throws SQLException
    {
        out.append('{');
        if (rownum > 0)
        {
            out.append("\"ROWNUM\":").append(rownum);
        }
        for (int c = 0; c < columns.length; c++)
        {
            if (c > 0 || rownum > 0)
            {
                out.append(',');
            }
            JsonStrings.append(columns[c].name(), out);
            out.append(':');
            cells.appendJson(rs, columns[c], jsonFloats, out);
        }
        out.append('}');
    }
}
