package sluice.server.machbase;

import sluice.codec.error.DecodeError;
import sluice.codec.error.ErrorCode;
import sluice.codec.schema.TableSchema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a decoder's first error as Neo's {@code /db/write} reasons (spec/machbase.md "Responses"), keeping Neo's
 * shapes and adding what Neo leaves out: the row or line is 1-based and always named, the offending value is quoted.
 * <pre>
 * column "FOO" not found in the table "T"
 * CSV header 'FOO' not found in columns of table "T"
 * rows[2] number of columns not matched (2); table 'T' has 3 columns
 * rows[1] column[2] is not a double, but string ("abc")
 * rows[2] field[VALUE] is not a double, but string ("x")               NDJSON
 * line 4: expected 3 fields, found 2                                   CSV
 * line 3, record 2, column "VALUE": not a floating-point number ('abc') at byte 57
 * </pre>
 */
final class MachbaseWriteErrors
{
    private static final Pattern COUNTS = Pattern.compile("expected (\\d+) \\w+, found (\\d+)");
    private static final Pattern FOUND_KIND = Pattern.compile("found (\\w+)$");

    private MachbaseWriteErrors()
    {
    }

    static String reason(final DecodeError e, final MachbaseWriteOptions.Format format, final TableSchema table)
    {
        final String name = table.name();
        final ErrorCode code = e.code();
        if (code == ErrorCode.UNKNOWN_COLUMN)
        {
            final String column = e.snippet() != null ? e.snippet() : e.detail();
            return format == MachbaseWriteOptions.Format.CSV ?
                "CSV header '" + column + "' not found in columns of table \"" + name + "\"" :
                "column \"" + column + "\" not found in the table \"" + name + "\"";
        }
        if (code == ErrorCode.FIELD_COUNT_MISMATCH && e.detail() != null)
        {
            final Matcher counts = COUNTS.matcher(e.detail());
            if (counts.find())
            {
                return format == MachbaseWriteOptions.Format.CSV ?
                    "line " + e.line() + ": expected " + counts.group(1) + " fields, found " + counts.group(2) :
                    "rows[" + e.record() + "] number of columns not matched (" + counts.group(2) + "); table '" +
                        name + "' has " + counts.group(1) + " columns";
            }
        }
        if (format == MachbaseWriteOptions.Format.CSV || e.columnIndex() < 0)
        {
            return e.message();
        }
        final String where = format == MachbaseWriteOptions.Format.NDJSON ?
            "rows[" + e.record() + "] field[" + e.columnName() + "]" :
            "rows[" + e.record() + "] column[" + (e.fieldIndex() >= 0 ? e.fieldIndex() : e.columnIndex()) + "]";
        final String found = foundKind(e);
        final String value = e.snippet() != null ? " (" + quote(e.snippet(), found) + ")" : "";
        final String expected = MachbaseTypes.outputTypeName(table.column(e.columnIndex()).type());
        if (found != null && !found.equals("null") &&
            (code == ErrorCode.WRONG_JSON_TYPE || found.equals("string") && code != ErrorCode.VALUE_TOO_LONG &&
                code != ErrorCode.INVALID_UTF8))
        {
            return where + " is not a " + expected + ", but " + found + value;
        }
        return where + " " + e.columnName() + ": " + code.description() + value;
    }

    private static String foundKind(final DecodeError e)
    {
        if (e.detail() == null)
        {
            return null;
        }
        final Matcher m = FOUND_KIND.matcher(e.detail());
        return m.find() ? m.group(1) : null;
    }

    private static String quote(final String snippet, final String kind)
    {
        return "string".equals(kind) ? '"' + snippet + '"' : snippet;
    }
}
