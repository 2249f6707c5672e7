package sluice.server.machbase;

/**
 * The small JSON bodies of Neo's {@code /db/write} and {@code /db/query} answers (spec/machbase.md "Responses"),
 * keys in Neo's order, no whitespace:
 * <pre>
 * {"success":true,"reason":"success, 2 record(s) inserted","elapse":"1.23ms"}
 * {"success":false,"reason":"table 'T' does not exist","elapse":"52.1µs"}
 * {"success":true,"reason":"Created successfully.","elapse":"3.1ms"}
 * </pre>
 * Reasons are escaped by {@link JsonStrings}; {@code elapse} is {@link MachbaseQueryWriter#goDuration}. Status
 * codes are the caller's. All bodies are {@link #CONTENT_TYPE}. Stateless and thread-safe.
 */
public final class MachbaseResponses
{
    /** {@code Content-Type} of every body here (gin's {@code ctx.JSON}). */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /** Reason for CREATE TAG TABLE and CREATE TABLE. */
    public static final String CREATED = "Created successfully.";
    /** Reason for DROP TABLE. */
    public static final String DROPPED = "Dropped successfully.";
    /** Reason for EXEC table_flush and any other statement that neither fetches nor counts rows. */
    public static final String EXECUTED = "executed.";

    private MachbaseResponses()
    {
    }

    /**
     * A successful {@code /db/write}: {@code success, N record(s) inserted}, or {@code appended} for
     * {@code method=append}.
     */
    public static String writeSuccess(final long records, final boolean append, final long elapsedNanos)
    {
        return success("success, " + records + " record(s) " + (append ? "appended" : "inserted"), elapsedNanos);
    }

    /** {@code {"success":true,"reason":…,"elapse":…}}, e.g. with {@link #CREATED} or {@link #rowsInserted}. */
    public static String success(final String reason, final long elapsedNanos)
    {
        return body(true, reason, elapsedNanos);
    }

    /** {@code {"success":false,"reason":…,"elapse":…}}. */
    public static String error(final String reason, final long elapsedNanos)
    {
        return body(false, reason, elapsedNanos);
    }

    /** INSERT's reason: {@code no rows inserted.}, {@code a row inserted.}, {@code N rows inserted.} */
    public static String rowsInserted(final long rows)
    {
        return rows(rows, "inserted.");
    }

    /** UPDATE's reason, worded as {@link #rowsInserted}. */
    public static String rowsUpdated(final long rows)
    {
        return rows(rows, "updated.");
    }

    /** DELETE's reason, worded as {@link #rowsInserted}. */
    public static String rowsDeleted(final long rows)
    {
        return rows(rows, "deleted.");
    }

    /**
     * The reason for a non-fetch statement of {@code kind} that affected {@code rows} rows (the update count,
     * ignored where it means nothing): {@link #CREATED}, {@link #DROPPED}, the row counts, or {@link #EXECUTED}.
     *
     * @throws IllegalArgumentException for FETCH, which is answered with a result ({@link MachbaseQueryWriter}).
     */
    public static String reason(final MachbaseStatement.Kind kind, final long rows)
    {
        switch (kind)
        {
            case CREATE_TAG_TABLE:
            case CREATE_LOG_TABLE:
                return CREATED;
            case DROP_TABLE:
                return DROPPED;
            case INSERT:
                return rowsInserted(rows);
            case UPDATE:
                return rowsUpdated(rows);
            case DELETE:
                return rowsDeleted(rows);
            case FETCH:
                throw new IllegalArgumentException("a fetch statement is answered with its rows");
            default:
                return EXECUTED;
        }
    }

    private static String rows(final long rows, final String verb)
    {
        // Machbase's wording: "a row inserted." for one row; "no rows" for none is ours (the spec is silent).
        if (rows == 1)
        {
            return "a row " + verb;
        }
        return (rows == 0 ? "no rows " : rows + " rows ") + verb;
    }

    private static String body(final boolean success, final String reason, final long elapsedNanos)
    {
        final StringBuilder out = new StringBuilder(64 + reason.length());
        out.append("{\"success\":").append(success).append(",\"reason\":");
        JsonStrings.append(reason, out);
        out.append(",\"elapse\":\"").append(GoDuration.format(elapsedNanos)).append("\"}");
        return out.toString();
    }
}
