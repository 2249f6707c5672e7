package sluice.server.proton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.http.HttpResponses;

/**
 * Proton's REST error body, {@code {"code":N,"error_msg":"…","request_id":"…"}} with the keys in that order
 * (spec/proton.md), and its success body {@code {"request_id":"…"}}, both {@code application/json; charset=UTF-8}.
 * The codes are ClickHouse's error numbers, as Proton reports them.
 */
public final class ProtonErrors
{
    public static final String CONTENT_TYPE = "application/json; charset=UTF-8";
    static final ObjectMapper JSON = new ObjectMapper();

    /** ClickHouse's INCORRECT_DATA: a malformed request body. */
    public static final int INCORRECT_DATA = 117;
    /** ClickHouse's UNKNOWN_TABLE: no such stream. */
    public static final int UNKNOWN_STREAM = 60;
    /** ClickHouse's NO_SUCH_COLUMN_IN_TABLE. */
    public static final int NO_SUCH_COLUMN = 16;
    /** ClickHouse's CANNOT_PARSE_INPUT_ASSERTION_FAILED: a bad row or literal. */
    public static final int CANNOT_PARSE_INPUT = 27;
    /** ClickHouse's TABLE_ALREADY_EXISTS. */
    public static final int STREAM_EXISTS = 57;
    /** ClickHouse's CANNOT_CONVERT_TYPE: a negative value into an unsigned column. */
    public static final int CANNOT_CONVERT_TYPE = 72;
    /** ClickHouse's UNSUPPORTED_PARAMETER (as Proton uses it for the ingest mode). */
    public static final int UNSUPPORTED_MODE = 408;
    /** ClickHouse's SYNTAX_ERROR. */
    public static final int SYNTAX_ERROR = 62;
    /** ClickHouse's TOO_MANY_SIMULTANEOUS_QUERIES, for 429. */
    public static final int TOO_MANY_REQUESTS = 202;
    /** ClickHouse's READONLY: a GET that would change something. */
    public static final int READONLY = 164;
    /** ClickHouse's AUTHENTICATION_FAILED: no or bad credentials (401). */
    public static final int UNAUTHENTICATED = 516;
    /** ClickHouse's ACCESS_DENIED: valid credentials without the scope (403). */
    public static final int ACCESS_DENIED = 497;
    /** ClickHouse's UNKNOWN_EXCEPTION, for our own failures. */
    public static final int INTERNAL = 1002;

    private ProtonErrors()
    {
    }

    public static FullHttpResponse error(
        final HttpResponseStatus status, final int code, final String message, final String requestId)
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("error_msg", message);
        body.put("request_id", requestId);
        return HttpResponses.of(status, CONTENT_TYPE, body.toString());
    }

    public static FullHttpResponse ok(final String requestId)
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("request_id", requestId);
        return HttpResponses.of(HttpResponseStatus.OK, CONTENT_TYPE, body.toString());
    }
}
