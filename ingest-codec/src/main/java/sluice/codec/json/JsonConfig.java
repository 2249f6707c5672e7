package sluice.codec.json;

import sluice.codec.ErrorPolicy;

/**
 * Options shared by the JSON decoders. Chained setters.
 * <table>
 * <caption>options</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>errorPolicy</td><td>STOP</td><td>{@link ErrorPolicy}</td></tr>
 * <tr><td>maxDepth</td><td>{@value JsonLexer#DEFAULT_MAX_DEPTH}</td><td>nesting limit</td></tr>
 * <tr><td>maxValueBytes</td><td>{@value JsonLexer#DEFAULT_MAX_TOKEN_BYTES}</td><td>longest string, number or
 * nested value kept for one column; also the most rows buffered when they precede their column list</td></tr>
 * <tr><td>allowBareRows</td><td>false</td><td>Machbase: accept a bare {@code [[...],...]} body</td></tr>
 * </table>
 */
public final class JsonConfig
{
    private ErrorPolicy errorPolicy = ErrorPolicy.STOP;
    private int maxDepth = JsonLexer.DEFAULT_MAX_DEPTH;
    private int maxValueBytes = JsonLexer.DEFAULT_MAX_TOKEN_BYTES;
    private boolean allowBareRows;

    public JsonConfig errorPolicy(final ErrorPolicy errorPolicy)
    {
        this.errorPolicy = errorPolicy;
        return this;
    }

    public JsonConfig maxDepth(final int maxDepth)
    {
        if (maxDepth < 2)
        {
            throw new IllegalArgumentException("maxDepth must be at least 2: " + maxDepth);
        }
        this.maxDepth = maxDepth;
        return this;
    }

    public JsonConfig maxValueBytes(final int maxValueBytes)
    {
        if (maxValueBytes < 1)
        {
            throw new IllegalArgumentException("maxValueBytes must be positive: " + maxValueBytes);
        }
        this.maxValueBytes = maxValueBytes;
        return this;
    }

    public JsonConfig allowBareRows(final boolean allowBareRows)
    {
        this.allowBareRows = allowBareRows;
        return this;
    }

    public ErrorPolicy errorPolicy()
    {
        return errorPolicy;
    }

    public int maxDepth()
    {
        return maxDepth;
    }

    public int maxValueBytes()
    {
        return maxValueBytes;
    }

    public boolean allowBareRows()
    {
        return allowBareRows;
    }
}
