package sluice.server.machbase;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format=box}: a plain-text table as Neo draws it with go-pretty's default style.
 * <pre>
 * +--------+----------+---------------------+----------+
 * | ROWNUM | NAME     | TIME                | VALUE    |
 * +--------+----------+---------------------+----------+
 * |      1 | wave.sin | 1676432361000000000 | 0.111111 |
 * +--------+----------+---------------------+----------+
 * </pre>
 * As in Neo: every value is printed as text ({@link CellFormatter#appendText}, NULL as {@code NULL}) and so
 * left-aligned, only {@code ROWNUM} (a number to go-pretty) is right-aligned; with a layout timeformat a datetime
 * column's header carries the zone, {@code TIME(UTC)} (a DATE column's too, since its values are printed in that
 * zone); {@code heading} off drops the header and its rule; a value with line breaks spans several lines of its
 * row; other control characters are shown escaped ({@link #visible}). Widths count East Asian wide characters as
 * two columns and combining marks as none, as go-pretty's runewidth does (approximately: the main wide blocks only).
 * Choice: Neo prints nothing at all for an empty result; we print the header (top rule, header, bottom rule) when
 * there is one, so the client sees the columns. The whole result is held to measure the columns, as go-pretty does:
 * box is for people, not for bulk export. Not thread-safe.
 */
final class BoxResultEncoder
{
    private BoxResultEncoder()
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
        final int first = rownum ? 1 : 0;
        final int width = columns.length + first;
        final String[] header = options.heading() ? header(columns, options, rownum) : null;
        final List<String[]> rows = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        if (hasRow)
        {
            do
            {
                final String[] row = new String[width];
                if (rownum)
                {
                    row[0] = Long.toString(rows.size() + 1L);
                }
                for (int c = 0; c < columns.length; c++)
                {
                    text.setLength(0);
                    row[first + c] = cells.appendText(rs, columns[c], text) ? visible(text) : "NULL";
                }
                rows.add(row);
            }
            while (rs.next());
        }
        if (header == null && rows.isEmpty())
        {
            return 0;
        }

        final int[] widths = new int[width];
        if (header != null)
        {
            measure(header, widths);
        }
        for (final String[] row : rows)
        {
            measure(row, widths);
        }
        final String rule = rule(widths);
        final StringBuilder buffer = new StringBuilder();
        buffer.append(rule);
        if (header != null)
        {
            appendRow(header, widths, false, buffer);
            if (!rows.isEmpty())
            {
                buffer.append(rule);
            }
        }
        for (final String[] row : rows)
        {
            appendRow(row, widths, rownum, buffer);
            if (buffer.length() > 8 * 1024)
            {
                out.append(buffer);
                buffer.setLength(0);
            }
        }
        buffer.append(rule);
        out.append(buffer);
        return rows.size();
    }

    private static String[] header(
        final ResultColumn[] columns, final MachbaseQueryOptions options, final boolean rownum)
    {
        final int first = rownum ? 1 : 0;
        final String[] header = new String[columns.length + first];
        if (rownum)
        {
            header[0] = "ROWNUM";
        }
        // Neo names the zone only when the timeformat is a layout: an epoch number has no zone.
        final boolean showZone = options.timeFormat().epochUnit() == null;
        final String zone = zoneName(options.tz());
        for (int c = 0; c < columns.length; c++)
        {
            final ResultColumn column = columns[c];
            header[first + c] = visible(showZone && column.isInstant() ?
                column.name() + "(" + zone + ")" : column.name());
        }
        return header;
    }

    /**
     * The text with control characters other than line breaks made visible ({@code \t}, {@code \r},
     * {@code \x1b}): a terminal would expand or act on them and break the columns.
     */
    static String visible(final CharSequence text)
    {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean control = (c < 0x20 && c != '\n') || c == 0x7F;
            if (control && out == null)
            {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out == null)
            {
                continue;
            }
            if (!control)
            {
                out.append(c);
            }
            else if (c == '\t')
            {
                out.append("\\t");
            }
            else if (c == '\r')
            {
                out.append("\\r");
            }
            else
            {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    /** The zone as Go's {@code Location.String()} prints it: {@code UTC}, {@code Local}, else the name given. */
    private static String zoneName(final String tz)
    {
        if (tz.equalsIgnoreCase("UTC"))
        {
            return "UTC";
        }
        if (tz.equalsIgnoreCase("Local"))
        {
            return "Local";
        }
        return tz;
    }

    private static void measure(final String[] cells, final int[] widths)
    {
        for (int c = 0; c < cells.length; c++)
        {
            for (final String line : cells[c].split("\n", -1))
            {
                widths[c] = Math.max(widths[c], displayWidth(line));
            }
        }
    }

    private static String rule(final int[] widths)
    {
        final StringBuilder rule = new StringBuilder();
        rule.append('+');
        for (final int width : widths)
        {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }

    private static void appendRow(
        final String[] cells, final int[] widths, final boolean rightAlignFirst, final StringBuilder out)
    {
        final String[][] lines = new String[cells.length][];
        int height = 1;
        for (int c = 0; c < cells.length; c++)
        {
            lines[c] = cells[c].split("\n", -1);
            height = Math.max(height, lines[c].length);
        }
        for (int k = 0; k < height; k++)
        {
            out.append('|');
            for (int c = 0; c < cells.length; c++)
            {
                final String line = k < lines[c].length ? lines[c][k] : "";
                final String pad = " ".repeat(widths[c] - displayWidth(line));
                out.append(' ');
                if (c == 0 && rightAlignFirst)
                {
                    out.append(pad).append(line);
                }
                else
                {
                    out.append(line).append(pad);
                }
                out.append(" |");
            }
            out.append('\n');
        }
    }

    /** Terminal columns {@code text} takes: wide characters 2, combining marks and controls 0, others 1. */
    static int displayWidth(final String text)
    {
        int width = 0;
        for (int i = 0; i < text.length(); )
        {
            final int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            final int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK ||
                type == Character.FORMAT || type == Character.CONTROL)
            {
                continue;
            }
            width += isWide(cp) ? 2 : 1;
        }
        return width;
    }

    private static boolean isWide(final int cp)
    {
        return (cp >= 0x1100 && cp <= 0x115F) ||
            (cp >= 0x2E80 && cp <= 0x303E) ||
            (cp >= 0x3041 && cp <= 0x33FF) ||
            (cp >= 0x3400 && cp <= 0x4DBF) ||
            (cp >= 0x4E00 && cp <= 0x9FFF) ||
            (cp >= 0xA000 && cp <= 0xA4CF) ||
            (cp >= 0xAC00 && cp <= 0xD7A3) ||
            (cp >= 0xF900 && cp <= 0xFAFF) ||
            (cp >= 0xFE30 && cp <= 0xFE4F) ||
            (cp >= 0xFF00 && cp <= 0xFF60) ||
            (cp >= 0xFFE0 && cp <= 0xFFE6) ||
            (cp >= 0x1F300 && cp <= 0x1F64F) ||
            (cp >= 0x1F900 && cp <= 0x1F9FF) ||
            (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
