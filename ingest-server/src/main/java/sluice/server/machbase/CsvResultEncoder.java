package sluice.server.machbase;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code format=csv}, as Neo's CSV encoder writes it through Go's {@code encoding/csv}: a header row of the
 * UPPERCASE column names (with {@code ROWNUM} first under {@code rownum}) unless {@code heading} is off, one line
 * per row ending in {@code \n}, NULL as {@code NULL}, values as {@link CellFormatter#appendText}. A field is
 * quoted, with {@code "} doubled, when it contains {@code ,}, {@code "}, {@code \r} or {@code \n}, starts with a
 * Unicode space, or is exactly {@code \.}; the empty string is not quoted (so it differs from NULL only by being
 * empty). After the last row Neo writes one more {@code \n}: the body ends with an empty line, which Neo's docs
 * describe as the end-of-response mark, so we keep it. Not thread-safe.
 */
final class CsvResultEncoder
{
    private static final int FLUSH_CHARS = 8 * 1024;
    private static final String NULL = "NULL";

    private CsvResultEncoder()
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
        final boolean rownum = options.rownum();
        final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);
        final StringBuilder field = new StringBuilder();
        if (options.heading())
        {
            if (rownum)
            {
                buffer.append("ROWNUM");
            }
            for (int c = 0; c < columns.length; c++)
            {
                if (c > 0 || rownum)
                {
                    buffer.append(',');
                }
                appendField(columns[c].name(), buffer);
            }
            buffer.append('\n');
        }
        long rows = 0;
        if (hasRow)
        {
            do
            {
                rows++;
                if (rownum)
                {
                    buffer.append(rows);
                }
                for (int c = 0; c < columns.length; c++)
                {
                    if (c > 0 || rownum)
                    {
                        buffer.append(',');
                    }
                    field.setLength(0);
                    if (cells.appendText(rs, columns[c], field))
                    {
                        appendField(field, buffer);
                    }
                    else
                    {
                        buffer.append(NULL);
                    }
                }
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

    /** Appends one field, quoted when Go's {@code csv.Writer.fieldNeedsQuotes} says so. */
    static void appendField(final CharSequence field, final StringBuilder out)
    {
        if (!needsQuotes(field))
        {
            out.append(field);
            return;
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '"')
            {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(final CharSequence field)
    {
        final int length = field.length();
        if (length == 0)
        {
            return false;
        }
        if (length == 2 && field.charAt(0) == '\\' && field.charAt(1) == '.')
        {
            return true;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n')
            {
                return true;
            }
        }
        return isGoSpace(field.charAt(0));
    }

    /** Go's {@code unicode.IsSpace} for a BMP character: Latin-1 spaces plus categories Zs, Zl and Zp. */
    private static boolean isGoSpace(final char c)
    {
        switch (c)
        {
            case '\t':
            case '\n':
            case '\u000B':
            case '\f':
            case '\r':
            case ' ':
            case '\u0085':
            case '\u00A0':
                return true;
            default:
                return c > 0xFF && Character.isSpaceChar(c);
        }
    }
}
