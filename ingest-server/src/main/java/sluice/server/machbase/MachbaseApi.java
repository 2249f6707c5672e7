package sluice.server.machbase;

import sluice.server.auth.Access;
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
        router.add(MachbaseWriteEndpoint.PREFIX, Access.INGEST,
            new MachbaseWriteEndpoint(ingest, config.http(), config.maxRecordBytes()));
        // The statement decides the scope (MachbaseQueryEndpoint): SELECT query, INSERT ingest, DDL admin.
        router.add(MachbaseQueryEndpoint.PATH, Access.AUTHENTICATED, new MachbaseQueryEndpoint(queries,
            new MachbaseQueryRunner(ingest), config.http().maxBufferedBodyBytes()));
        router.denials("/db/", (request, status, message) -> MachbaseWriteEndpoint.error(status, message,
            System.nanoTime()));
    }
}
