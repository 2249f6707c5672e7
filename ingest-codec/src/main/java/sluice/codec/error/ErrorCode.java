package sluice.codec.error;

/**
 * Every way input can be wrong, as one vocabulary shared by the value parsers and the decoders.
 * <p>
 * Value parsers return {@link #NONE} or a code; they never throw. Dialect endpoints map codes to their wire shapes
 * (Machbase reasons, Proton codes, Feldera {@code ParseErrors}), so a code says what is wrong, not how to word it
 * for one vendor. {@link #fatal()} codes stop a decoder: the input cannot be resynchronised after them.
 */
public enum ErrorCode
{
    NONE("no error", false),

    // Values.
    INVALID_BOOLEAN("not a boolean", false),
    INVALID_INTEGER("not an integer", false),
    INTEGER_OUT_OF_RANGE("integer out of range for the column type", false),
    INVALID_FLOAT("not a floating-point number", false),
    INVALID_DECIMAL("not a decimal number", false),
    DECIMAL_OUT_OF_RANGE("decimal does not fit the column's precision", false),
    INVALID_DATE("not a valid date (YYYY-MM-DD)", false),
    INVALID_TIME("not a valid time (HH:MM:SS[.fffffffff])", false),
    INVALID_TIMESTAMP("not a valid timestamp", false),
    TIMESTAMP_OUT_OF_RANGE("timestamp out of range", false),
    INVALID_BINARY("not valid base64 or 0x-prefixed hex", false),
    INVALID_UUID("not a valid UUID", false),
    INVALID_INET("not a valid IPv4 or IPv6 address", false),
    INVALID_ARRAY("not a valid JSON array for the column's element type", false),
    INVALID_MAP("not a valid JSON object for the column's key and value types", false),
    INVALID_JSON_VALUE("not valid JSON text", false),
    INVALID_UTF8("not valid UTF-8", false),
    WRONG_JSON_TYPE("JSON value of the wrong type for the column", false),
    NULL_NOT_ALLOWED("NULL in a NOT NULL column", false),

    // Records.
    MISSING_VALUE("no value for a NOT NULL column without a default", false),
    FIELD_COUNT_MISMATCH("wrong number of fields", false),
    UNKNOWN_COLUMN("no such column in the table", false),
    DUPLICATE_COLUMN("column given twice", false),
    INVALID_EVENT("not a valid change event", false),
    NOT_AN_OBJECT("record is not a JSON object", false),
    NOT_AN_ARRAY("row is not a JSON array", false),
    UPDATE_WITHOUT_KEY("update needs the table's primary key columns", false),

    // Syntax and limits: the decoder stops.
    CSV_UNTERMINATED_QUOTE("quoted field not terminated", true),
    CSV_CHARACTER_AFTER_QUOTE("unexpected character after a closing quote", true),
    JSON_SYNTAX("malformed JSON", true),
    JSON_TRUNCATED("JSON input ended inside a value", true),
    JSON_TOO_DEEP("JSON nesting too deep", true),
    JSON_UNEXPECTED_SHAPE("JSON body does not have the expected shape", true),
    MISSING_DATA_FIELD("missing 'data' field", true),
    MISSING_COLUMNS_FIELD("missing 'columns' field", true),
    INVALID_COLUMNS_FIELD("'columns' field is invalid", true),
    RECORD_TOO_LONG("record longer than the configured limit", true),
    VALUE_TOO_LONG("value longer than the configured limit", true);

    private final String description;
    private final boolean fatal;

    ErrorCode(final String description, final boolean fatal)
    {
        this.description = description;
        this.fatal = fatal;
    }

    public String description()
    {
        return description;
    }

    /** True when decoding cannot continue after this error. */
    public boolean fatal()
    {
        return fatal;
    }
}
