package sluice.server.machbase;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code format=ndjson}: one JSON object per row, keyed by the UPPERCASE column names ({@code ROWNUM} first under
 * {@code rownum}), each followed by {@code \n}; values as {@link CellFormatter#appendJson} with floats in
 * strconv's plain form, as Neo's NDJSON encoder prints them. After the last row Neo writes one more {@code \n}
 * (its docs' end-of-response mark), kept here. No header and no envelope, so {@code heading}, {@code transpose},
 * {@code rowsFlatten} and {@code rowsArray} do not apply. Not thread-safe.
 */
final class NdjsonResultEncoder
{
    private static final int FLUSH_CHARS = 8 * 1024;

    private NdjsonResultEncoder()
    {
    }

    /** @param hasRow whether {@code rs} is positioned on a first row. */
    static long write(
        final ResultSet rs,
        final boolean hasRow,
        final ResultColumn[] columns,
        final CellFormatter cells,
        final MachbaseQueryOptions options,
        final Writer out) throws SQLException, IOException
    {
        final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);
        long rows = 0;
        if (hasRow)
        {
            do
            {
                rows++;
                JsonResultEncoder.appendObject(rs, columns, cells, options.rownum() ? rows : 0, false, buffer);
                buffer.append('\n');
                if (buffer.length() > FLUSH_CHARS)
                {
                    out.append(buffer);
                    buffer.setLength(0);
                }
            }
            while (rs.next());
        }
        buffer.append('\n');
        out.append(buffer);
        return rows;
    }
}
