package sluice.server.feldera;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.http.HttpResponses;

import java.util.Map;

/**
 * Feldera's error body, always {@code {"message":…,"error_code":…,"details":{…}}} (spec/feldera.md "Errors"), with
 * the error codes Feldera's API uses.
 */
final class FelderaErrors
{
    static final String CONTENT_TYPE = "application/json";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String UNKNOWN_PIPELINE = "UnknownPipelineName";
    static final String UNKNOWN_TABLE = "UnknownInputStream";
    static final String UNKNOWN_FORMAT = "UnknownInputFormat";
    static final String BAD_PARAMETER = "ParserConfigParseError";
    static final String UNSUPPORTED_UPDATE_FORMAT = "InputFormatNotSupported";
    static final String PARSE_ERRORS = "ParseErrors";
    static final String NOT_DEPLOYED = "PipelineInteractionNotDeployed";
    static final String OVERLOADED = "ApiConnectionLimit";
    static final String INVALID_PARAM = "InvalidParam";
    static final String RESTARTED = "PipelineRestarted";
    static final String QUERY_ERROR = "AdHocQueryError";
    static final String PROGRAM_ERROR = "ProgramError";
    static final String NOT_STOPPED = "CannotUpdateNonShutdownPipeline";
    static final String BAD_REQUEST = "BadRequest";
    static final String NO_ENDPOINT = "UnknownEndpoint";
    static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    static final String STORAGE = "StorageError";

    private FelderaErrors()
    {
    }

    static FullHttpResponse of(
        final HttpResponseStatus status, final String errorCode, final String message, final Map<String, ?> details)
    {
        final ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        body.put("error_code", errorCode);
        body.set("details", JSON.valueToTree(details));
        return json(status, body);
    }

    static FullHttpResponse of(final HttpResponseStatus status, final String errorCode, final String message)
    {
        return of(status, errorCode, message, Map.of());
    }

    static FullHttpResponse json(final HttpResponseStatus status, final Object body)
    {
        try
        {
            return HttpResponses.of(status, CONTENT_TYPE, JSON.writeValueAsString(body));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException e)
        {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }
}
