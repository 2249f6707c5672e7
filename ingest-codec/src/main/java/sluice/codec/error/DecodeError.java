package sluice.codec.error;

/**
 * One bad record or syntax error, as a value. Built only on the error path, so it may allocate.
 * <ul>
 * <li>{@code line}: 1-based physical line where the record starts (CSV, NDJSON, JSON text), 0 if unknown;</li>
 * <li>{@code record}: 1-based number of the record (CSV data record, JSON row, NDJSON object, Feldera event)
 * counted from the start of the request; 0 for errors outside any record;</li>
 * <li>{@code columnIndex}/{@code columnName}: the table column (-1 / null when the error is not about one);</li>
 * <li>{@code fieldIndex}: 0-based position of the field or array element within the record (-1 if not
 * positional);</li>
 * <li>{@code byteOffset}: offset of the bad value (or the byte where syntax broke) from the start of the request
 * body;</li>
 * <li>{@code snippet}: the offending text, at most {@link #MAX_SNIPPET_CHARS} characters;</li>
 * <li>{@code detail}: extra facts, e.g. the column type and the JSON value kind found.</li>
 * </ul>
 */
public final class DecodeError
{
    public static final int MAX_SNIPPET_CHARS = 80;

    private final ErrorCode code;
    private final long line;
    private final long record;
    private final int columnIndex;
    private final String columnName;
    private final int fieldIndex;
    private final long byteOffset;
    private final String snippet;
    private final String detail;

    public DecodeError(
        final ErrorCode code,
        final long line,
        final long record,
        final int columnIndex,
        final String columnName,
        final int fieldIndex,
        final long byteOffset,
        final String snippet,
        final String detail)
    {
        this.code = code;
        this.line = line;
        this.record = record;
        this.columnIndex = columnIndex;
        this.columnName = columnName;
        this.fieldIndex = fieldIndex;
        this.byteOffset = byteOffset;
        this.snippet = snippet == null ? null : truncate(snippet);
        this.detail = detail;
    }

    private static String truncate(final String s)
    {
        return s.length() <= MAX_SNIPPET_CHARS ? s : s.substring(0, MAX_SNIPPET_CHARS - 1) + "…";
    }

    public ErrorCode code()
    {
        return code;
    }

    public long line()
    {
        return line;
    }

    public long record()
    {
        return record;
    }

    public int columnIndex()
    {
        return columnIndex;
    }

    public String columnName()
    {
        return columnName;
    }

    public int fieldIndex()
    {
        return fieldIndex;
    }

    public long byteOffset()
    {
        return byteOffset;
    }

    public String snippet()
    {
        return snippet;
    }

    public String detail()
    {
        return detail;
    }

    /** A self-contained English message, e.g. {@code line 3, record 2, column "value": not a … ('abc')}. */
    public String message()
    {
        final StringBuilder sb = new StringBuilder();
        if (line > 0)
        {
            sb.append("line ").append(line);
        }
        if (record > 0)
        {
            sb.append(sb.length() > 0 ? ", " : "").append("record ").append(record);
        }
        if (columnName != null)
        {
            sb.append(sb.length() > 0 ? ", " : "").append("column \"").append(columnName).append('"');
        }
        else if (fieldIndex >= 0)
        {
            sb.append(sb.length() > 0 ? ", " : "").append("field ").append(fieldIndex + 1);
        }
        sb.append(sb.length() > 0 ? ": " : "").append(code.description());
        if (detail != null)
        {
            sb.append(" (").append(detail).append(')');
        }
        if (snippet != null)
        {
            sb.append(": '").append(snippet).append('\'');
        }
        sb.append(" at byte ").append(byteOffset);
        return sb.toString();
    }

    @Override
    public String toString()
    {
        return code + " " + message();
    }
}
