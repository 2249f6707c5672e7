package sluice.server.proton;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.server.auth.Access;
import sluice.server.config.ServerConfig;
import sluice.server.http.HttpResponses;
import sluice.server.http.Router;
import sluice.server.ingest.IngestLoops;
import sluice.server.query.QueryExecutor;

/**
 * Timeplus Proton's REST API (spec/proton.md): {@code /proton/v1/ingest/streams/{stream}},
 * {@code /proton/v1/ddl/streams}, {@code /proton/v1/search}, ClickHouse-style SQL on {@code /}, {@code /proton/ping},
 * {@code /proton/info}. Streams live in the DuckDB schema named after their database, {@code default} unless named.
 */
public final class ProtonApi
{
    public static final String DEFAULT_DATABASE = ProtonStreams.DEFAULT_DATABASE;
    static final String VERSION = "sluice-0.1.0";

    private ProtonApi()
    {
    }

    /** Listing streams needs {@code query}; creating and deleting them {@code admin}. */
    private static Access ddlAccess(final HttpRequest request)
    {
        return request.method().equals(HttpMethod.GET) ? Access.QUERY : Access.ADMIN;
    }

    public static void register(
        final Router router, final IngestLoops ingest, final QueryExecutor queries, final ServerConfig config)
    {
        final ProtonStreams streams = new ProtonStreams(ingest.catalog());
        final ProtonDdlEndpoint ddl = new ProtonDdlEndpoint(streams, queries, config.http().maxBufferedBodyBytes());
        router.add(ProtonDdlEndpoint.PATH, ProtonApi::ddlAccess, ddl).add(ProtonDdlEndpoint.PATH + "/",
            ProtonApi::ddlAccess, ddl);
        final ProtonIngestEndpoint rows = new ProtonIngestEndpoint(ingest, streams, config.http(),
            config.maxRecordBytes());
        router.add(ProtonIngestEndpoint.PREFIX, Access.INGEST, rows);
        // The statement decides the scope (ProtonSqlEndpoint): SELECT query, INSERT ingest, CREATE/DROP admin.
        router.add(ProtonSqlEndpoint.PATH, Access.AUTHENTICATED, new ProtonSqlEndpoint(streams, queries, rows,
            config.http().maxBufferedBodyBytes()));
        router.add(ProtonSearchEndpoint.PATH, Access.QUERY,
            new ProtonSearchEndpoint(queries, config.http().maxBufferedBodyBytes()));
        router.denials("/proton/", (request, status, message) -> ProtonErrors.error(status,
            status.code() == 401 ? ProtonErrors.UNAUTHENTICATED : ProtonErrors.ACCESS_DENIED, message,
            ProtonRequestId.of(request)));
        router.denials(ProtonSqlEndpoint.PATH, (request, status, message) -> ProtonSqlEndpoint.error(status,
            status.code() == 401 ? ProtonErrors.UNAUTHENTICATED : ProtonErrors.ACCESS_DENIED, message));
        router.add("/proton/ping", Access.PUBLIC, (request, channel) ->
        {
            channel.respond(HttpResponses.of(HttpResponseStatus.OK, ProtonErrors.CONTENT_TYPE, "{\"status\":\"UP\"}"));
            return sluice.server.http.Exchanges.DISCARD;
        });
        router.add("/proton/info", Access.AUTHENTICATED, (request, channel) ->
        {
            channel.respond(HttpResponses.of(HttpResponseStatus.OK, ProtonErrors.CONTENT_TYPE,
                "{\"build\":{\"name\":\"Sluice\",\"version\":\"" + VERSION + "\",\"time\":\"\",\"commit_sha\":\"\"}," +
                    "\"server\":{\"status\":\"UP\"}}"));
            return sluice.server.http.Exchanges.DISCARD;
        });
    }
}
