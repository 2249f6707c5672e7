package sluice.server.feldera;

import sluice.server.append.Writer;
import sluice.server.catalog.Catalog;
import sluice.server.config.ServerConfig;
import sluice.server.http.Router;
import sluice.server.ingest.IngestLoops;
import sluice.server.query.QueryExecutor;
import sluice.server.store.Database;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.sql.SQLException;

/**
 * Feldera's HTTP API: pipelines, ingress, completion tokens, ad-hoc queries and input connectors under
 * {@code /v0/pipelines}.
 */
public final class FelderaApi implements AutoCloseable
{
    private final Pipelines pipelines;
    private final InputConnectors connectors;
    private FelderaEgress egress;

    private FelderaApi(final Pipelines pipelines)
    {
        this.pipelines = pipelines;
        this.connectors = new InputConnectors(pipelines);
    }

    /** Loads the pipelines (creating their registry table); call before {@link Database#lockDown()}. */
    public static FelderaApi load(final Database database, final Catalog catalog) throws SQLException
    {
        final Pipelines pipelines = new Pipelines(database, catalog);
        pipelines.load();
        return new FelderaApi(pipelines);
    }

    public void register(
        final Router router, final IngestLoops ingest, final QueryExecutor queries, final ServerConfig config,
        final Writer writer)
    {
        final FelderaIngressEndpoint ingress =
            new FelderaIngressEndpoint(ingest, config.http(), config.maxRecordBytes(), pipelines);
        egress = new FelderaEgress(pipelines, queries);
        writer.changeListener(egress);
        final PipelinesEndpoint endpoint = new PipelinesEndpoint(pipelines, ingress, new FelderaQuery(queries), egress,
            queries, ingest, connectors, config.http().maxBufferedBodyBytes());
        router.add(PipelinesEndpoint.PATH, PipelinesEndpoint::access, endpoint);
        router.add(PipelinesEndpoint.PATH + "/", PipelinesEndpoint::access, endpoint);
        router.denials("/v0/", (request, status, message) -> FelderaErrors.of(status,
            status.code() == 401 ? "Unauthorized" : "Forbidden", message));
    }

    /**
     * The server is listening at {@code address}: input connectors post their sources there, with {@code token} as
     * their bearer credentials, over TLS trusting {@code tls} when the server serves HTTPS (else null).
     */
    public void listening(final InetSocketAddress address, final String token, final SSLContext tls)
    {
        connectors.listening(address, token, tls);
        // A pipeline that was running when the server stopped runs its connectors if they had not finished.
        for (final Pipeline pipeline : pipelines.all())
        {
            if (pipeline.status() == Pipeline.Status.RUNNING)
            {
                connectors.onStart(pipeline);
            }
        }
    }

    @Override
    public void close()
    {
        connectors.close();
        if (egress != null)
        {
            egress.close();
        }
    }
}
