package sluice.codec.csv;

import sluice.codec.ErrorPolicy;

/**
 * Options of {@link CsvDecoder}: every option of the Feldera CSV seed plus Machbase's header modes and field-count
 * rule. Chained setters; a decoder reads its config at {@code reset}.
 * <table>
 * <caption>options</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>delimiter</td><td>{@code ,}</td><td>field separator, one byte</td></tr>
 * <tr><td>header</td><td>NONE</td><td>SKIP: ignore the first record (Feldera {@code headers=true}, Machbase
 * {@code header=skip}); COLUMNS: it names the columns (Machbase {@code header=columns})</td></tr>
 * <tr><td>quote</td><td>{@code "}</td><td>quote byte</td></tr>
 * <tr><td>escape</td><td>none</td><td>inside quotes, makes the next byte literal</td></tr>
 * <tr><td>doubleQuote</td><td>true</td><td>inside quotes, {@code ""} is a literal quote</td></tr>
 * <tr><td>quoting</td><td>true</td><td>false: quote and escape are ordinary bytes, every newline ends a record</td></tr>
 * <tr><td>comment</td><td>none</td><td>records whose first byte is this are skipped</td></tr>
 * <tr><td>fieldCount</td><td>FLEXIBLE</td><td>FLEXIBLE: missing fields are empty, extra ones dropped (Feldera
 * {@code flexible=true}); SAME_AS_FIRST: every record has as many fields as the first (Feldera
 * {@code flexible=false}); EXACT: as many as the columns filled (Machbase)</td></tr>
 * <tr><td>trim</td><td>NONE</td><td>FIELDS, HEADERS, ALL: strip ASCII whitespace around field values / header
 * names</td></tr>
 * <tr><td>errorPolicy</td><td>STOP</td><td>see {@link ErrorPolicy}</td></tr>
 * <tr><td>maxRecordBytes</td><td>{@value #DEFAULT_MAX_RECORD_BYTES}</td><td>longest record (16 MiB)</td></tr>
 * </table>
 */
public final class CsvConfig
{
    public static final int NONE = -1;
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /** What the first record is. */
    public enum Header
    {
        NONE, SKIP, COLUMNS
    }

    /** How many fields a record may have. */
    public enum FieldCount
    {
        FLEXIBLE, SAME_AS_FIRST, EXACT
    }

    /** What whitespace is stripped. */
    public enum Trim
    {
        NONE, FIELDS, HEADERS, ALL;

        boolean fields()
        {
            return this == FIELDS || this == ALL;
        }

        boolean headers()
        {
            return this == HEADERS || this == ALL;
        }
    }

    private byte delimiter = ',';
    private Header header = Header.NONE;
    private int quote = '"';
    private int escape = NONE;
    private boolean doubleQuote = true;
    private boolean quoting = true;
    private int comment = NONE;
    private FieldCount fieldCount = FieldCount.FLEXIBLE;
    private Trim trim = Trim.NONE;
    private ErrorPolicy errorPolicy = ErrorPolicy.STOP;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;

    public CsvConfig delimiter(final char delimiter)
    {
        this.delimiter = ascii(delimiter, "delimiter");
        return this;
    }

    public CsvConfig header(final Header header)
    {
        this.header = header;
        return this;
    }

    public CsvConfig quote(final char quote)
    {
        this.quote = ascii(quote, "quote");
        return this;
    }

    /** {@link #NONE} to unset. */
    public CsvConfig escape(final int escape)
    {
        this.escape = escape == NONE ? NONE : ascii((char)escape, "escape");
        return this;
    }

    public CsvConfig doubleQuote(final boolean doubleQuote)
    {
        this.doubleQuote = doubleQuote;
        return this;
    }

    public CsvConfig quoting(final boolean quoting)
    {
        this.quoting = quoting;
        return this;
    }

    /** {@link #NONE} to unset. */
    public CsvConfig comment(final int comment)
    {
        this.comment = comment == NONE ? NONE : ascii((char)comment, "comment");
        return this;
    }

    public CsvConfig fieldCount(final FieldCount fieldCount)
    {
        this.fieldCount = fieldCount;
        return this;
    }

    public CsvConfig trim(final Trim trim)
    {
        this.trim = trim;
        return this;
    }

    public CsvConfig errorPolicy(final ErrorPolicy errorPolicy)
    {
        this.errorPolicy = errorPolicy;
        return this;
    }

    public CsvConfig maxRecordBytes(final int maxRecordBytes)
    {
        if (maxRecordBytes < 1)
        {
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        return this;
    }

    private static byte ascii(final char c, final String what)
    {
        if (c > 127 || c == '\n' || c == '\r')
        {
            throw new IllegalArgumentException(what + " must be one ASCII character other than CR and LF: " + c);
        }
        return (byte)c;
    }

    public byte delimiter()
    {
        return delimiter;
    }

    public Header header()
    {
        return header;
    }

    public int quote()
    {
        return quote;
    }

    public int escape()
    {
        return escape;
    }

    public boolean doubleQuote()
    {
        return doubleQuote;
    }

    public boolean quoting()
    {
        return quoting;
    }

    public int comment()
    {
        return comment;
    }

    public FieldCount fieldCount()
    {
        return fieldCount;
    }

    public Trim trim()
    {
        return trim;
    }

    public ErrorPolicy errorPolicy()
    {
        return errorPolicy;
    }

    public int maxRecordBytes()
    {
        return maxRecordBytes;
    }

    @Override
    public String toString()
    {
        return "CsvConfig{delimiter=" + (char)delimiter + ", header=" + header + ", quote=" + (char)quote +
            ", escape=" + (escape == NONE ? "none" : String.valueOf((char)escape)) + ", doubleQuote=" + doubleQuote +
            ", quoting=" + quoting + ", comment=" + (comment == NONE ? "none" : String.valueOf((char)comment)) +
            ", fieldCount=" + fieldCount + ", trim=" + trim + ", errorPolicy=" + errorPolicy +
            ", maxRecordBytes=" + maxRecordBytes + '}';
    }
}
