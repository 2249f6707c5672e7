package sluice.server.machbase;

import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.json.JsonText;
import sluice.codec.time.EpochDays;
import sluice.codec.time.TimeFormat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Prints one value of the current row of a DuckDB result, as a JSON value or as text (CSV, box), the way Neo
 * prints it.
 * <table>
 * <caption>values by column type</caption>
 * <tr><th>type</th><th>JSON</th><th>text</th></tr>
 * <tr><td>NULL</td><td>{@code null}</td><td>nothing ({@link #appendText} returns false)</td></tr>
 * <tr><td>integers, DECIMAL</td><td>number</td><td>digits</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>number ({@link GoFloat}, precision applied); NaN, ±Inf as the strings
 * {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}</td><td>same digits; {@code NaN}, {@code +Inf}, {@code -Inf}</td></tr>
 * <tr><td>BOOLEAN</td><td>{@code true}/{@code false}</td><td>{@code true}/{@code false}</td></tr>
 * <tr><td>TIMESTAMP (any precision, read as UTC), TIMESTAMPTZ, DATE (its midnight UTC)</td><td>an epoch integer in
 * the timeformat's unit, or a string in its layout and zone</td><td>the same text</td></tr>
 * <tr><td>BLOB</td><td>base64 string (Go's {@code []byte} in JSON)</td><td>{@code 0x} and lower-case hex, which
 * {@code /db/write} reads back</td></tr>
 * <tr><td>JSON</td><td>the document itself, whitespace outside strings removed (so NDJSON stays one line); a
 * string if DuckDB ever hands over invalid JSON</td><td>the text as stored</td></tr>
 * <tr><td>TIME</td><td>string {@code 15:04:05[.fraction]}</td><td>same</td></tr>
 * <tr><td>anything else (VARCHAR, UUID, INTERVAL, nested, ...)</td><td>string of DuckDB's text</td>
 * <td>DuckDB's text</td></tr>
 * </table>
 * An instant outside years 0000..9999 (DuckDB's {@code infinity} reads as year 294247) cannot be put in Neo's
 * formats and is printed as DuckDB's text instead. Not thread-safe: one per response.
 */
final class CellFormatter
{
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String TIME_END_OF_DAY = "24:00:00";

    private static final int INSTANT_NULL = 0;
    private static final int INSTANT_VALUE = 1;
    private static final int INSTANT_TEXT = 2;

    private final TimeFormat timeFormat;
    private final boolean epochTime;
    private final int precision;
    private final JsonText jsonText = new JsonText();
    private final UnsafeBuffer jsonBuffer = new UnsafeBuffer(new byte[0]);
    private final Base64.Encoder base64 = Base64.getEncoder();

    // Result of readInstant.
    private long epochSecond;
    private int nanos;
    private String instantText;

    CellFormatter(final MachbaseQueryOptions options)
    {
        this.timeFormat = options.timeFormat();
        this.epochTime = timeFormat.epochUnit() != null;
        this.precision = options.precision();
    }

    /**
     * Appends the value of {@code column} in the current row as a JSON value.
     *
     * @param jsonFloats true for encoding/json's float form (exponent outside [1e-6, 1e21): the JSON format), false
     * for strconv's plain {@code 'f'} form (NDJSON, as Neo's NDJSON writer).
     */
    void appendJson(final ResultSet rs, final ResultColumn column, final boolean jsonFloats, final StringBuilder out)
        throws SQLException
    {
        final int i = column.index();
        switch (column.type())
        {
            case BOOLEAN:
            {
                final boolean value = rs.getBoolean(i);
                out.append(rs.wasNull() ? "null" : value ? "true" : "false");
                return;
            }
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case UTINYINT:
            case USMALLINT:
            case UINTEGER:
            {
                final long value = rs.getLong(i);
                if (rs.wasNull())
                {
                    out.append("null");
                }
                else
                {
                    out.append(value);
                }
                return;
            }
            case FLOAT:
            {
                final float value = rs.getFloat(i);
                appendFloat(rs.wasNull(), value, true, true, jsonFloats, out);
                return;
            }
            case DOUBLE:
            {
                final double value = rs.getDouble(i);
                appendFloat(rs.wasNull(), value, false, true, jsonFloats, out);
                return;
            }
            case UBIGINT:
            case HUGEINT:
            case UHUGEINT:
            {
                final Object value = rs.getObject(i);
                out.append(value == null ? "null" : value.toString());
                return;
            }
            case DECIMAL:
            {
                final BigDecimal value = rs.getBigDecimal(i);
                out.append(value == null ? "null" : value.toPlainString());
                return;
            }
            case BLOB:
            {
                final byte[] value = rs.getBytes(i);
                if (value == null)
                {
                    out.append("null");
                }
                else
                {
                    out.append('"').append(base64.encodeToString(value)).append('"');
                }
                return;
            }
            case JSON:
            {
                final String value = rs.getString(i);
                if (value == null)
                {
                    out.append("null");
                }
                else
                {
                    appendRawJson(value, out);
                }
                return;
            }
            case DATE:
            case TIMESTAMP:
            case TIMESTAMP_TZ:
                appendInstantJson(rs, column, out);
                return;
            case TIME:
            {
                final String value = time(rs, i);
                if (value == null)
                {
                    out.append("null");
                }
                else
                {
                    out.append('"').append(value).append('"');
                }
                return;
            }
            default:
            {
                final String value = rs.getString(i);
                if (value == null)
                {
                    out.append("null");
                }
                else
                {
                    JsonStrings.append(value, out);
                }
            }
        }
    }

    /**
     * Appends the value of {@code column} in the current row as text (CSV field before quoting, box cell).
     *
     * @return false, appending nothing, when the value is NULL.
     */
    boolean appendText(final ResultSet rs, final ResultColumn column, final StringBuilder out) throws SQLException
    {
        final int i = column.index();
        switch (column.type())
        {
            case BOOLEAN:
            {
                final boolean value = rs.getBoolean(i);
                if (rs.wasNull())
                {
                    return false;
                }
                out.append(value ? "true" : "false");
                return true;
            }
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case UTINYINT:
            case USMALLINT:
            case UINTEGER:
            {
                final long value = rs.getLong(i);
                if (rs.wasNull())
                {
                    return false;
                }
                out.append(value);
                return true;
            }
            case FLOAT:
            {
                final float value = rs.getFloat(i);
                return appendFloat(rs.wasNull(), value, true, false, false, out);
            }
            case DOUBLE:
            {
                final double value = rs.getDouble(i);
                return appendFloat(rs.wasNull(), value, false, false, false, out);
            }
            case DECIMAL:
            {
                final BigDecimal value = rs.getBigDecimal(i);
                if (value == null)
                {
                    return false;
                }
                out.append(value.toPlainString());
                return true;
            }
            case BLOB:
            {
                final byte[] value = rs.getBytes(i);
                if (value == null)
                {
                    return false;
                }
                out.append("0x");
                for (final byte b : value)
                {
                    out.append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
                }
                return true;
            }
            case DATE:
            case TIMESTAMP:
            case TIMESTAMP_TZ:
            {
                final int read = readInstant(rs, column);
                if (read == INSTANT_NULL)
                {
                    return false;
                }
                if (read == INSTANT_TEXT)
                {
                    out.append(instantText);
                }
                else
                {
                    timeFormat.format(epochSecond, nanos, out);
                }
                return true;
            }
            case TIME:
            {
                final String value = time(rs, i);
                if (value == null)
                {
                    return false;
                }
                out.append(value);
                return true;
            }
            default:
            {
                final String value = rs.getString(i);
                if (value == null)
                {
                    return false;
                }
                out.append(value);
                return true;
            }
        }
    }

    private boolean appendFloat(
        final boolean isNull,
        final double value,
        final boolean float32,
        final boolean json,
        final boolean jsonFloats,
        final StringBuilder out)
    {
        if (isNull)
        {
            if (json)
            {
                out.append("null");
            }
            return false;
        }
        final String special = Double.isNaN(value) ? "NaN" :
            value == Double.POSITIVE_INFINITY ? "+Inf" : value == Double.NEGATIVE_INFINITY ? "-Inf" : null;
        if (special != null)
        {
            if (json)
            {
                out.append('"').append(special).append('"');
            }
            else
            {
                out.append(special);
            }
        }
        else if (precision >= 0)
        {
            GoFloat.appendFixed(value, precision, out);
        }
        else
        {
            GoFloat.appendShortest(value, float32, jsonFloats, out);
        }
        return true;
    }

    private void appendInstantJson(final ResultSet rs, final ResultColumn column, final StringBuilder out)
        throws SQLException
    {
        final int read = readInstant(rs, column);
        if (read == INSTANT_NULL)
        {
            out.append("null");
        }
        else if (read == INSTANT_TEXT)
        {
            JsonStrings.append(instantText, out);
        }
        else if (epochTime)
        {
            timeFormat.format(epochSecond, nanos, out);
        }
        else
        {
            final int start = out.length();
            out.append('"');
            timeFormat.format(epochSecond, nanos, out);
            // Layouts are mostly digits and punctuation, but literal text in a custom layout may need escaping.
            if (needsEscape(out, start + 1))
            {
                final String text = out.substring(start + 1);
                out.setLength(start);
                JsonStrings.append(text, out);
            }
            else
            {
                out.append('"');
            }
        }
    }

    /** Reads a DATE, TIMESTAMP or TIMESTAMPTZ into {@link #epochSecond} and {@link #nanos}. */
    private int readInstant(final ResultSet rs, final ResultColumn column) throws SQLException
    {
        final int i = column.index();
        switch (column.type())
        {
            case DATE:
            {
                final LocalDate value = rs.getObject(i, LocalDate.class);
                if (value == null)
                {
                    return INSTANT_NULL;
                }
                epochSecond = value.toEpochDay() * SECONDS_PER_DAY;
                nanos = 0;
                break;
            }
            case TIMESTAMP_TZ:
            {
                final OffsetDateTime value = rs.getObject(i, OffsetDateTime.class);
                if (value == null)
                {
                    return INSTANT_NULL;
                }
                epochSecond = value.toEpochSecond();
                nanos = value.getNano();
                break;
            }
            default:
            {
                // DuckDB's TIMESTAMP has no zone: Machbase datetimes are UTC, so the wall clock is read as UTC.
                final LocalDateTime value = rs.getObject(i, LocalDateTime.class);
                if (value == null)
                {
                    return INSTANT_NULL;
                }
                epochSecond = value.toEpochSecond(ZoneOffset.UTC);
                nanos = value.getNano();
                break;
            }
        }
        if (epochSecond < EpochDays.MIN_EPOCH_SECOND || epochSecond > EpochDays.MAX_EPOCH_SECOND)
        {
            instantText = rs.getString(i);
            return INSTANT_TEXT;
        }
        return INSTANT_VALUE;
    }

    /** {@code HH:MM:SS} plus the fraction without trailing zeros, as Go's {@code 15:04:05.999999999}. */
    private static String time(final ResultSet rs, final int index) throws SQLException
    {
        final LocalTime value;
        try
        {
            value = rs.getObject(index, LocalTime.class);
        }
        catch (final DateTimeException ex)
        {
            // duckdb_jdbc cannot make a LocalTime of TIME '24:00:00', the one value past LocalTime.MAX DuckDB has.
            return TIME_END_OF_DAY;
        }
        if (value == null)
        {
            return null;
        }
        final StringBuilder out = new StringBuilder(18);
        twoDigits(value.getHour(), out);
        out.append(':');
        twoDigits(value.getMinute(), out);
        out.append(':');
        twoDigits(value.getSecond(), out);
        int fraction = value.getNano();
        if (fraction != 0)
        {
            int digits = 9;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            final String text = Integer.toString(fraction);
            out.append('.');
            for (int k = text.length(); k < digits; k++)
            {
                out.append('0');
            }
            out.append(text);
        }
        return out.toString();
    }

    private static void twoDigits(final int value, final StringBuilder out)
    {
        out.append((char)('0' + value / 10)).append((char)('0' + value % 10));
    }

    private void appendRawJson(final String value, final StringBuilder out)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        jsonBuffer.wrap(bytes);
        if (!jsonText.isValid(jsonBuffer, 0, bytes.length))
        {
            JsonStrings.append(value, out);
            return;
        }
        boolean inString = false;
        boolean escaped = false;
        for (int k = 0; k < value.length(); k++)
        {
            final char c = value.charAt(k);
            if (inString)
            {
                out.append(c);
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                out.append(c);
                inString = c == '"';
            }
        }
    }

    private static boolean needsEscape(final StringBuilder out, final int from)
    {
        for (int k = from; k < out.length(); k++)
        {
            final char c = out.charAt(k);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029')
            {
                return true;
            }
        }
        return false;
    }
}
