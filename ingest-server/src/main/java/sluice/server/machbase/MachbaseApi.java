package sluice.server.machbase;

import sluice.server.config.ServerConfig;
import sluice.server.http.Router;
import sluice.server.ingest.IngestLoops;
import sluice.server.query.QueryExecutor;

/** Machbase Neo's HTTP API: {@code POST /db/write/{TABLE}} and {@code GET|POST /db/query}. */
public final class MachbaseApi
{
    /** Machbase tables live in DuckDB's {@code main} schema (ARCHITECTURE.md "Namespaces"). */
    public static final String NAMESPACE = "main";

    private MachbaseApi()
    {
    }

    public static void register(
        final Router router, final IngestLoops ingest, final QueryExecutor queries, final ServerConfig config)
    {
        router.add(MachbaseWriteEndpoint.PREFIX,
            new MachbaseWriteEndpoint(ingest, config.http(), config.maxRecordBytes()));
        router.add(MachbaseQueryEndpoint.PATH, new MachbaseQueryEndpoint(queries, new MachbaseQueryRunner(ingest),
            config.http().maxBufferedBodyBytes()));
    }
}
