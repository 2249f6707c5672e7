package sluice.server.proton;

import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.error.DecodeError;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.server.catalog.TableEntry;

/**
 * A decoding error of an ingest body as Proton words it (spec/proton.md's error table): the status, the ClickHouse
 * code and the message, which names the row (from 1) and the column.
 */
record ProtonIngestErrors(HttpResponseStatus status, int code, String message)
{
    static ProtonIngestErrors of(final DecodeError error, final TableEntry stream)
    {
        final String where = stream.namespace() + "." + stream.name();
        switch (error.code())
        {
            case MISSING_DATA_FIELD:
                return bad(ProtonErrors.INCORRECT_DATA, "Invalid Request, missing 'data' field");
            case MISSING_COLUMNS_FIELD:
                return bad(ProtonErrors.INCORRECT_DATA, "Invalid Request, 'columns' field is missing");
            case INVALID_COLUMNS_FIELD:
                return bad(ProtonErrors.INCORRECT_DATA, "Invalid Request, 'columns' field is invalid");
            case JSON_SYNTAX:
            case JSON_TRUNCATED:
            case JSON_TOO_DEEP:
            case JSON_UNEXPECTED_SHAPE:
                return bad(ProtonErrors.INCORRECT_DATA, "Invalid Request, " + error.code().description() +
                    " at offset " + error.byteOffset());
            case UNKNOWN_COLUMN:
                // Proton answers 500 here; a client's wrong column name is the client's fault (we deviate).
                return bad(ProtonErrors.NO_SUCH_COLUMN, "No such column " + error.snippet() + " in stream " + where);
            case WRONG_JSON_TYPE:
                return bad(ProtonErrors.INCORRECT_DATA, "Cannot parse input: " + row(error) + ", column " +
                    error.columnName() + ": " + error.code().description() + ": " + error.snippet());
            case INTEGER_OUT_OF_RANGE:
                if (error.snippet() != null && error.snippet().startsWith("-") && unsigned(error, stream))
                {
                    return bad(ProtonErrors.CANNOT_CONVERT_TYPE, "Cannot convert " + error.snippet() +
                        " to an unsigned type: " + row(error) + ", column " + error.columnName());
                }
                return bad(ProtonErrors.CANNOT_PARSE_INPUT, parse(error));
            default:
                return bad(ProtonErrors.CANNOT_PARSE_INPUT, parse(error));
        }
    }

    private static String parse(final DecodeError error)
    {
        final StringBuilder message = new StringBuilder("Cannot parse input: ").append(row(error));
        if (error.columnName() != null)
        {
            message.append(", column ").append(error.columnName());
        }
        message.append(": ").append(error.code().description());
        if (error.snippet() != null)
        {
            message.append(": ").append(error.snippet());
        }
        return message.toString();
    }

    private static String row(final DecodeError error)
    {
        return "row " + error.record();
    }

    private static boolean unsigned(final DecodeError error, final TableEntry stream)
    {
        final int index = error.columnIndex();
        if (index < 0 || index >= stream.schema().columnCount())
        {
            return false;
        }
        final Column column = stream.schema().column(index);
        final DataType type = column.type();
        return type.kind().isUnsignedInteger();
    }

    private static ProtonIngestErrors bad(final int code, final String message)
    {
        return new ProtonIngestErrors(HttpResponseStatus.BAD_REQUEST, code, message);
    }
}
