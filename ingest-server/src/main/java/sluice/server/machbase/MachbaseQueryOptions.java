package sluice.server.machbase;

import sluice.codec.time.TimeFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parameters of {@code GET|POST /db/query} (spec/machbase.md), validated.
 * <table>
 * <caption>parameters (names case-insensitive)</caption>
 * <tr><th>param</th><th>default</th><th>accepted</th></tr>
 * <tr><td>q</td><td>required</td><td>SQL text; missing or blank → {@code sql text is empty}</td></tr>
 * <tr><td>p</td><td>none</td><td>JSON array of scalars ({@link #params()})</td></tr>
 * <tr><td>format</td><td>json</td><td>json, csv, box, ndjson, any case; anything else → json</td></tr>
 * <tr><td>timeformat</td><td>ns</td><td>{@link TimeFormat#of}: ns, us, ms, s, a named or a Go layout</td></tr>
 * <tr><td>tz</td><td>UTC</td><td>{@link TimeFormat#of}; unknown → {@code unknown time zone X}</td></tr>
 * <tr><td>precision</td><td>-1</td><td>integer ≤ {@link #MAX_PRECISION}; any negative value means -1</td></tr>
 * <tr><td>rownum</td><td>false</td><td>boolean</td></tr>
 * <tr><td>heading</td><td>true</td><td>boolean</td></tr>
 * <tr><td>header</td><td>none</td><td>{@code skip} (any case) = heading false; other values ignored</td></tr>
 * <tr><td>transpose, rowsFlatten, rowsArray</td><td>false</td><td>boolean</td></tr>
 * <tr><td>compress</td><td>none</td><td>{@code gzip} (any case); anything else → uncompressed</td></tr>
 * </table>
 * Booleans are {@code true}, {@code false}, {@code 1} or {@code 0} in any case; an empty value means the default.
 * Choices the spec leaves open: a malformed boolean or precision is an error (400) rather than silently the
 * default, so a typo does not go unnoticed; a precision above {@link #MAX_PRECISION} is an error, because Go
 * prints every digit asked for and a huge value would multiply the response size.
 * <p>
 * Immutable apart from {@link #timeFormat()}, which caches zone offsets: one instance per request, not shared
 * between threads.
 */
public final class MachbaseQueryOptions
{
    /** Largest {@code precision} accepted. */
    public static final int MAX_PRECISION = 64;

    /** Output formats. */
    public enum Format
    {
        JSON,
        CSV,
        BOX,
        NDJSON
    }

    private final String sql;
    private final List<Object> params;
    private final Format format;
    private final String timeformat;
    private final String tz;
    private final TimeFormat timeFormat;
    private final int precision;
    private final boolean rownum;
    private final boolean heading;
    private final boolean transpose;
    private final boolean rowsFlatten;
    private final boolean rowsArray;
    private final boolean gzip;

    private MachbaseQueryOptions(final Map<String, String> p)
    {
        final String q = p.get("q");
        if (q == null || q.isBlank())
        {
            throw new IllegalArgumentException("sql text is empty");
        }
        sql = q;
        final String bind = p.get("p");
        params = bind == null || bind.isBlank() ? List.of() : MachbaseJson.scalarArray(bind);
        format = format(p.get("format"));
        timeformat = valueOr(p.get("timeformat"), "ns");
        tz = valueOr(p.get("tz"), "UTC");
        timeFormat = TimeFormat.of(timeformat, tz);
        precision = precision(p.get("precision"));
        rownum = bool(p, "rownum", false);
        final String header = p.get("header");
        heading = bool(p, "heading", true) && !(header != null && header.trim().equalsIgnoreCase("skip"));
        transpose = bool(p, "transpose", false);
        rowsFlatten = bool(p, "rowsFlatten", false);
        rowsArray = bool(p, "rowsArray", false);
        final String compress = p.get("compress");
        gzip = compress != null && compress.trim().equalsIgnoreCase("gzip");
    }

    /**
     * @param params the request's parameters, from the query string, a urlencoded form or {@link #fromJson}; keys
     * in any case (when two differ only in case, either may win).
     * @throws IllegalArgumentException with the 400 reason: {@code sql text is empty},
     * {@code bind parameter must be scalar}, {@code unknown time zone X}, a bad timeformat, boolean or precision.
     */
    public static MachbaseQueryOptions from(final Map<String, String> params)
    {
        final Map<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        folded.putAll(params);
        return new MachbaseQueryOptions(folded);
    }

    /**
     * Options from a POST {@code application/json} body: a JSON object whose members are the parameters above
     * ({@code "p"} a JSON array, booleans and {@code precision} as JSON literals or strings).
     *
     * @throws IllegalArgumentException as {@link #from}, or {@code invalid JSON at offset N: ...}.
     */
    public static MachbaseQueryOptions fromJson(final String body)
    {
        return from(MachbaseJson.objectOfTexts(body));
    }

    /** The SQL text ({@code q}), as given. */
    public String sql()
    {
        return sql;
    }

    /**
     * Bind values for the statement's {@code ?} placeholders, in order (unmodifiable, may hold nulls):
     * {@link String}, {@link Long}, {@link java.math.BigDecimal} (integers beyond a long), {@link Double},
     * {@link Boolean} or null, ready for {@code PreparedStatement.setObject}.
     */
    public List<Object> params()
    {
        return params;
    }

    public Format format()
    {
        return format;
    }

    /** The {@code timeformat} as given, {@code ns} by default. */
    public String timeformat()
    {
        return timeformat;
    }

    /** The {@code tz} as given, {@code UTC} by default. */
    public String tz()
    {
        return tz;
    }

    /** {@link #timeformat()} and {@link #tz()} compiled; not thread-safe. */
    public TimeFormat timeFormat()
    {
        return timeFormat;
    }

    /** -1: floats in their shortest form; n ≥ 0: exactly n decimals. */
    public int precision()
    {
        return precision;
    }

    public boolean rownum()
    {
        return rownum;
    }

    /** False when {@code heading=false} or {@code header=skip}: csv and box leave out the header row. */
    public boolean heading()
    {
        return heading;
    }

    public boolean transpose()
    {
        return transpose;
    }

    public boolean rowsFlatten()
    {
        return rowsFlatten;
    }

    public boolean rowsArray()
    {
        return rowsArray;
    }

    /** True when {@code compress=gzip}: the caller gzips the body and sets {@code Content-Encoding: gzip}. */
    public boolean gzip()
    {
        return gzip;
    }

    private static String valueOr(final String value, final String defaultValue)
    {
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    private static Format format(final String value)
    {
        if (value == null)
        {
            return Format.JSON;
        }
        switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "csv": return Format.CSV;
            case "box": return Format.BOX;
            case "ndjson": return Format.NDJSON;
            default: return Format.JSON;
        }
    }

    private static int precision(final String value)
    {
        if (value == null || value.isBlank())
        {
            return -1;
        }
        final int precision;
        try
        {
            precision = Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid precision '" + value + "': not an integer", ex);
        }
        if (precision > MAX_PRECISION)
        {
            throw new IllegalArgumentException("invalid precision " + precision + ": at most " + MAX_PRECISION);
        }
        return Math.max(precision, -1);
    }

    private static boolean bool(final Map<String, String> p, final String name, final boolean defaultValue)
    {
        final String value = p.get(name);
        if (value == null || value.isBlank())
        {
            return defaultValue;
        }
        switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "true":
            case "1":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException(
                    "invalid " + name + " '" + value + "': expected true, false, 1 or 0");
        }
    }

    @Override
    public String toString()
    {
        return "q=" + sql + ", p=" + params + ", format=" + format + ", timeformat=" + timeformat + ", tz=" + tz +
            ", precision=" + precision + ", rownum=" + rownum + ", heading=" + heading + ", transpose=" + transpose +
            ", rowsFlatten=" + rowsFlatten + ", rowsArray=" + rowsArray + ", gzip=" + gzip;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof MachbaseQueryOptions))
        {
            return false;
        }
        final MachbaseQueryOptions that = (MachbaseQueryOptions)o;
        return sql.equals(that.sql) && params.equals(that.params) && format == that.format &&
            timeformat.equals(that.timeformat) && tz.equals(that.tz) && precision == that.precision &&
            rownum == that.rownum && heading == that.heading && transpose == that.transpose &&
            rowsFlatten == that.rowsFlatten && rowsArray == that.rowsArray && gzip == that.gzip;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(sql, params, format, timeformat, tz, precision, rownum, heading, transpose, rowsFlatten,
            rowsArray, gzip);
    }
}
