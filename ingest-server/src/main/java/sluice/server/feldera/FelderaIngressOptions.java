package sluice.server.feldera;

import io.netty.handler.codec.http.QueryStringDecoder;
import sluice.codec.ErrorPolicy;
import sluice.codec.csv.CsvConfig;
import sluice.codec.json.FelderaJsonDecoder;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query parameters of {@code POST /v0/pipelines/{p}/ingress/{table}} (spec/feldera.md): {@code format},
 * {@code force}, {@code update_format}, {@code array}, and — where we deviate on purpose, Feldera ignores them over
 * HTTP — the CSV options of the CSV seed as query parameters. A bad value is a {@link BadParameter} carrying
 * Feldera's error code.
 */
record FelderaIngressOptions(
    boolean json, boolean force, FelderaJsonDecoder.UpdateFormat updateFormat, boolean array, CsvConfig csv)
{
    /** A parameter Feldera would refuse, with the error code it refuses it with. */
    static final class BadParameter extends Exception
    {
        private static final long serialVersionUID = 1L;

        final String errorCode;

        BadParameter(final String errorCode, final String message)
        {
            super(message);
            this.errorCode = errorCode;
        }
    }

    static FelderaIngressOptions parse(final QueryStringDecoder query, final int maxRecordBytes) throws BadParameter
    {
        final Map<String, List<String>> params = query.parameters();
        final String format = first(params, "format", "csv");
        final boolean json;
        switch (format)
        {
            case "csv":
                json = false;
                break;
            case "json":
                json = true;
                break;
            default:
                throw new BadParameter(FelderaErrors.UNKNOWN_FORMAT, "Unknown input format '" + format + "'.");
        }
        final boolean force = bool(params, "force", false);
        final boolean array = bool(params, "array", false);
        final String updateFormat = first(params, "update_format", "insert_delete");
        final FelderaJsonDecoder.UpdateFormat update;
        switch (updateFormat)
        {
            case "insert_delete":
                update = FelderaJsonDecoder.UpdateFormat.INSERT_DELETE;
                break;
            case "raw":
                update = FelderaJsonDecoder.UpdateFormat.RAW;
                break;
            case "debezium":
                update = FelderaJsonDecoder.UpdateFormat.DEBEZIUM;
                break;
            case "weighted":
            case "snowflake":
                throw new BadParameter(FelderaErrors.UNSUPPORTED_UPDATE_FORMAT,
                    "update_format '" + updateFormat + "' is not supported by the HTTP input endpoint");
            default:
                throw new BadParameter(FelderaErrors.BAD_PARAMETER,
                    "unknown update_format '" + updateFormat + "': use insert_delete, raw or debezium");
        }
        final CsvConfig csv = new CsvConfig()
            .errorPolicy(ErrorPolicy.SKIP_RECORD)
            .maxRecordBytes(maxRecordBytes)
            .delimiter(character(params, "delimiter", ','))
            .header(bool(params, "headers", false) ? CsvConfig.Header.SKIP : CsvConfig.Header.NONE)
            .quote(character(params, "quote", '"'))
            .doubleQuote(bool(params, "double_quote", true))
            .quoting(bool(params, "quoting", true))
            .fieldCount(bool(params, "flexible", true) ? CsvConfig.FieldCount.FLEXIBLE :
                CsvConfig.FieldCount.SAME_AS_FIRST)
            .trim(trim(first(params, "trim", "none")));
        if (params.containsKey("escape"))
        {
            csv.escape(character(params, "escape", '\\'));
        }
        if (params.containsKey("comment"))
        {
            csv.comment(character(params, "comment", '#'));
        }
        return new FelderaIngressOptions(json, force, update, array, csv);
    }

    private static String first(final Map<String, List<String>> params, final String name, final String fallback)
    {
        final List<String> values = params.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static boolean bool(final Map<String, List<String>> params, final String name, final boolean fallback)
        throws BadParameter
    {
        final String value = first(params, name, null);
        if (value == null)
        {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new BadParameter(FelderaErrors.BAD_PARAMETER,
                    "parameter '" + name + "' must be true or false, not '" + value + "'");
        }
    }

    private static char character(final Map<String, List<String>> params, final String name, final char fallback)
        throws BadParameter
    {
        final String value = first(params, name, null);
        if (value == null)
        {
            return fallback;
        }
        if (value.length() != 1 || value.charAt(0) > 0x7F)
        {
            throw new BadParameter(FelderaErrors.BAD_PARAMETER,
                "parameter '" + name + "' must be one ASCII character, not '" + value + "'");
        }
        return value.charAt(0);
    }

    private static CsvConfig.Trim trim(final String value) throws BadParameter
    {
        switch (value)
        {
            case "none":
                return CsvConfig.Trim.NONE;
            case "fields":
                return CsvConfig.Trim.FIELDS;
            case "headers":
                return CsvConfig.Trim.HEADERS;
            case "all":
                return CsvConfig.Trim.ALL;
            default:
                throw new BadParameter(FelderaErrors.BAD_PARAMETER,
                    "parameter 'trim' must be none, fields, headers or all, not '" + value + "'");
        }
    }
}
