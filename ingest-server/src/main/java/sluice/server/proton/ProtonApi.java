package sluice.server.proton;

import io.netty.handler.codec.http.HttpResponseStatus;
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

    public static void register(
        final Router router, final IngestLoops ingest, final QueryExecutor queries, final ServerConfig config)
    {
        final ProtonStreams streams = new ProtonStreams(ingest.catalog());
        final ProtonDdlEndpoint ddl = new ProtonDdlEndpoint(streams, queries, config.http().maxBufferedBodyBytes());
        router.add(ProtonDdlEndpoint.PATH, ddl).add(ProtonDdlEndpoint.PATH + "/", ddl);
        final ProtonIngestEndpoint rows = new ProtonIngestEndpoint(ingest, streams, config.http(),
            config.maxRecordBytes());
        router.add(ProtonIngestEndpoint.PREFIX, rows);
        router.add(ProtonSqlEndpoint.PATH, new ProtonSqlEndpoint(streams, queries, rows,
            config.http().maxBufferedBodyBytes()));
        router.add(ProtonSearchEndpoint.PATH, new ProtonSearchEndpoint(queries, config.http().maxBufferedBodyBytes()));
        router.add("/proton/ping", (request, channel) ->
        {
            channel.respond(HttpResponses.of(HttpResponseStatus.OK, ProtonErrors.CONTENT_TYPE, "{\"status\":\"UP\"}"));
            return sluice.server.http.Exchanges.DISCARD;
        });
        router.add("/proton/info", (request, channel) ->
        {
            channel.respond(HttpResponses.of(HttpResponseStatus.OK, ProtonErrors.CONTENT_TYPE,
                "{\"build\":{\"name\":\"Sluice\",\"version\":\"" + VERSION + "\",\"time\":\"\",\"commit_sha\":\"\"}," +
                    "\"server\":{\"status\":\"UP\"}}"));
            return sluice.server.http.Exchanges.DISCARD;
        });
    }
}
