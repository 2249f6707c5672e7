package sluice.server.machbase;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.codec.csv.CsvConfig;
import sluice.codec.time.TimeFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of {@code POST /db/write/{TABLE}} (spec/machbase.md), validated. Parameter names are
 * case-sensitive, as Neo reads them ({@code r.URL.Query().Get}).
 * <table>
 * <caption>parameters</caption>
 * <tr><th>param</th><th>default</th><th>accepted</th></tr>
 * <tr><td>format</td><td>from Content-Type</td><td>json, csv, ndjson (any case); wins over Content-Type</td></tr>
 * <tr><td>timeformat, tz</td><td>ns, UTC</td><td>{@link TimeFormat#of}</td></tr>
 * <tr><td>method</td><td>insert</td><td>insert, append (any case)</td></tr>
 * <tr><td>header</td><td>none</td><td>skip, column, columns (any case)</td></tr>
 * <tr><td>heading</td><td>false</td><td>true/1 = header=skip (legacy)</td></tr>
 * <tr><td>delimiter</td><td>{@code ,}</td><td>its first character, one byte of ASCII</td></tr>
 * <tr><td>compress</td><td>none</td><td>gzip (or {@code Content-Encoding: gzip})</td></tr>
 * </table>
 * Choices where Neo is lenient: an unknown format, method, header or compression is a 400 naming it, not silently
 * the default, so a typo cannot write data the wrong way.
 */
record MachbaseWriteOptions(Format format, TimeFormat timeFormat, boolean append, CsvConfig.Header header,
    char delimiter, boolean gzip)
{
    enum Format
    {
        JSON, CSV, NDJSON
    }

    /** @throws IllegalArgumentException with the 400 reason. */
    static MachbaseWriteOptions parse(final HttpRequest request, final QueryStringDecoder query)
    {
        final Map<String, List<String>> p = query.parameters();
        return new MachbaseWriteOptions(
            format(first(p, "format"), request.headers().get(HttpHeaderNames.CONTENT_TYPE)),
            TimeFormat.of(first(p, "timeformat"), first(p, "tz")),
            method(first(p, "method")),
            header(first(p, "header"), first(p, "heading")),
            delimiter(first(p, "delimiter")),
            gzip(first(p, "compress"), request.headers().get(HttpHeaderNames.CONTENT_ENCODING)));
    }

    private static String first(final Map<String, List<String>> p, final String name)
    {
        final List<String> values = p.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Format format(final String format, final String contentType)
    {
        if (format != null && !format.isEmpty())
        {
            switch (format.toLowerCase(Locale.ROOT))
            {
                case "json":
                    return Format.JSON;
                case "csv":
                    return Format.CSV;
                case "ndjson":
                    return Format.NDJSON;
                default:
                    throw new IllegalArgumentException("unsupported format '" + format + "' (json, csv or ndjson)");
            }
        }
        if (contentType == null)
        {
            return Format.JSON;
        }
        final String mediaType = HttpUtil.getMimeType(contentType) == null ? contentType :
            HttpUtil.getMimeType(contentType).toString();
        switch (mediaType.trim().toLowerCase(Locale.ROOT))
        {
            case "text/csv":
                return Format.CSV;
            case "application/x-ndjson":
                return Format.NDJSON;
            default:
                return Format.JSON;
        }
    }

    private static boolean method(final String method)
    {
        if (method == null || method.isEmpty() || method.equalsIgnoreCase("insert"))
        {
            return false;
        }
        if (method.equalsIgnoreCase("append"))
        {
            return true;
        }
        throw new IllegalArgumentException("unsupported method '" + method + "' (insert or append)");
    }

    private static CsvConfig.Header header(final String header, final String heading)
    {
        if (header != null && !header.isEmpty())
        {
            switch (header.toLowerCase(Locale.ROOT))
            {
                case "skip":
                    return CsvConfig.Header.SKIP;
                case "column":
                case "columns":
                    return CsvConfig.Header.COLUMNS;
                default:
                    throw new IllegalArgumentException("unsupported header '" + header + "' (skip or columns)");
            }
        }
        return heading != null && (heading.equalsIgnoreCase("true") || heading.equals("1")) ?
            CsvConfig.Header.SKIP : CsvConfig.Header.NONE;
    }

    private static char delimiter(final String delimiter)
    {
        if (delimiter == null || delimiter.isEmpty())
        {
            return ',';
        }
        final char c = delimiter.charAt(0);
        if (c >= 0x80 || c == '"' || c == '\n' || c == '\r')
        {
            throw new IllegalArgumentException("unsupported delimiter '" + delimiter + "': one ASCII character " +
                "other than a quote or a line break");
        }
        return c;
    }

    private static boolean gzip(final String compress, final String contentEncoding)
    {
        if (compress != null && !compress.isEmpty() && !compress.equalsIgnoreCase("gzip"))
        {
            throw new IllegalArgumentException("unsupported compress '" + compress + "' (gzip)");
        }
        final boolean encoded;
        if (contentEncoding == null || contentEncoding.isEmpty() || contentEncoding.equalsIgnoreCase("identity"))
        {
            encoded = false;
        }
        else if (contentEncoding.equalsIgnoreCase("gzip") || contentEncoding.equalsIgnoreCase("x-gzip"))
        {
            encoded = true;
        }
        else
        {
            throw new UnsupportedEncodingError(contentEncoding);
        }
        return encoded || compress != null && !compress.isEmpty();
    }

    /** A Content-Encoding other than gzip: 415, not 400. */
    static final class UnsupportedEncodingError extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        UnsupportedEncodingError(final String encoding)
        {
            super("unsupported content-encoding '" + encoding + "' (gzip)");
        }
    }
}
