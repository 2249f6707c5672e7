package sluice.server.machbase;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import sluice.codec.bind.Dialect;
import sluice.server.catalog.TableEntry;
import sluice.server.catalog.TableExistsException;
import sluice.server.http.HttpResponses;
import sluice.server.ingest.IngestLoops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Runs one {@code /db/query} statement on a query thread and builds its answer: Machbase DDL through the catalog
 * (table and catalog row in one transaction), {@code EXEC table_flush} as a barrier that waits until every write
 * acknowledged before it is committed, fetches through {@link MachbaseQueryWriter}, everything else through DuckDB
 * with its update count. SQL errors in the statement are 400; DuckDB's I/O, memory and internal errors are 500.
 * Result bodies are built in memory up to {@link #MAX_RESULT_BYTES}; beyond that the answer is a 400 asking for a
 * LIMIT (streamed results are future work).
 */
final class MachbaseQueryRunner
{
    static final int MAX_RESULT_BYTES = 256 << 20;
    private static final long FLUSH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final IngestLoops ingest;

    MachbaseQueryRunner(final IngestLoops ingest)
    {
        this.ingest = ingest;
    }

    FullHttpResponse run(
        final Connection connection, final MachbaseStatement statement, final MachbaseQueryOptions options,
        final long startNanos) throws Exception
    {
        try
        {
            switch (statement.kind())
            {
                case CREATE_TAG_TABLE:
                case CREATE_LOG_TABLE:
                    return create(statement, startNanos);
                case DROP_TABLE:
                    return drop(statement, startNanos);
                case FLUSH_TABLE:
                    return flush(statement, startNanos);
                case FETCH:
                    return fetch(connection, statement, options, startNanos);
                default:
                    return execute(connection, statement, options, startNanos);
            }
        }
        catch (final SQLException e)
        {
            return MachbaseWriteEndpoint.error(isServerFault(e) ? HttpResponseStatus.INTERNAL_SERVER_ERROR :
                HttpResponseStatus.BAD_REQUEST, firstLine(e.getMessage()), startNanos);
        }
    }

    private FullHttpResponse create(final MachbaseStatement statement, final long startNanos) throws SQLException
    {
        final MachbaseTableDef def = statement.tableDef();
        final MachbaseColumnDef key = def.primaryKey();
        final MachbaseColumnDef time = def.basetime();
        final Map<String, String> properties = key == null ? Map.of() :
            Map.of("tag.name", key.name(), "tag.time", time.name());
        try
        {
            ingest.catalog().create(Dialect.MACHBASE, MachbaseApi.NAMESPACE, def.name(), def.tag() ? "TAG" : "LOG",
                def.toTableSchema(), statement.sql(), properties, statement.ifExists());
        }
        catch (final TableExistsException e)
        {
            return MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST,
                "table '" + def.name() + "' already exists", startNanos);
        }
        return success(MachbaseResponses.CREATED, startNanos);
    }

    private FullHttpResponse drop(final MachbaseStatement statement, final long startNanos) throws SQLException
    {
        if (!ingest.catalog().drop(MachbaseApi.NAMESPACE, statement.table()) && !statement.ifExists())
        {
            return MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST,
                "table '" + statement.table() + "' does not exist", startNanos);
        }
        return success(MachbaseResponses.DROPPED, startNanos);
    }

    private FullHttpResponse flush(final MachbaseStatement statement, final long startNanos)
        throws InterruptedException
    {
        final TableEntry table = ingest.catalog().find(MachbaseApi.NAMESPACE, statement.table());
        if (table == null)
        {
            return MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST,
                "table '" + statement.table() + "' does not exist", startNanos);
        }
        if (!ingest.awaitSettled(FLUSH_TIMEOUT_NANOS))
        {
            return MachbaseWriteEndpoint.retryLater(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "table_flush timed out: storage is behind", startNanos);
        }
        return success(MachbaseResponses.EXECUTED, startNanos);
    }

    private static FullHttpResponse fetch(
        final Connection connection, final MachbaseStatement statement, final MachbaseQueryOptions options,
        final long startNanos) throws SQLException, IOException
    {
        try (PreparedStatement prepared = prepare(connection, statement, options);
            ResultSet rs = prepared.executeQuery())
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            final OutputStream capped = new CappedOutputStream(bytes, MAX_RESULT_BYTES);
            try
            {
                if (options.gzip())
                {
                    try (GZIPOutputStream gzip = new GZIPOutputStream(capped, 8192))
                    {
                        MachbaseQueryWriter.write(rs, options, gzip, () -> System.nanoTime() - startNanos);
                    }
                }
                else
                {
                    MachbaseQueryWriter.write(rs, options, capped, () -> System.nanoTime() - startNanos);
                }
            }
            catch (final CappedOutputStream.LimitExceeded e)
            {
                return MachbaseWriteEndpoint.error(HttpResponseStatus.BAD_REQUEST, "the result exceeds " +
                    MAX_RESULT_BYTES + " bytes: narrow the query or add a LIMIT", startNanos);
            }
            return MachbaseQueryEndpoint.body(HttpResponseStatus.OK, MachbaseQueryWriter.contentType(options),
                bytes.toByteArray(), options.gzip());
        }
    }

    private static FullHttpResponse execute(
        final Connection connection, final MachbaseStatement statement, final MachbaseQueryOptions options,
        final long startNanos) throws SQLException
    {
        try (PreparedStatement prepared = prepare(connection, statement, options))
        {
            prepared.execute();
            final long count = Math.max(0, prepared.getLargeUpdateCount());
            return success(MachbaseResponses.reason(statement.kind(), count), startNanos);
        }
    }

    private static PreparedStatement prepare(
        final Connection connection, final MachbaseStatement statement, final MachbaseQueryOptions options)
        throws SQLException
    {
        final PreparedStatement prepared = connection.prepareStatement(statement.sql());
        final List<Object> params = options.params();
        // DuckDB reports too many values itself but binds missing ones as NULL: a query would quietly match nothing.
        final int expected = prepared.getParameterMetaData().getParameterCount();
        if (params.size() < expected)
        {
            prepared.close();
            throw new SQLException("Parameter count mismatch: the statement has " + expected +
                " placeholder(s) but " + params.size() + " bind value(s) were given in p");
        }
        for (int i = 0; i < params.size(); i++)
        {
            prepared.setObject(i + 1, params.get(i));
        }
        return prepared;
    }

    private static FullHttpResponse success(final String reason, final long startNanos)
    {
        return HttpResponses.of(HttpResponseStatus.OK, MachbaseResponses.CONTENT_TYPE,
            MachbaseResponses.success(reason, System.nanoTime() - startNanos));
    }

    /** DuckDB names its error classes first ("Catalog Error: ...", "IO Error: ..."). */
    private static boolean isServerFault(final SQLException e)
    {
        final String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("IO Error") || message.startsWith("Out of Memory Error") ||
            message.startsWith("INTERNAL Error") || message.startsWith("FATAL Error") ||
            message.startsWith("Fatal Error");
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "SQL error";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Refuses to grow a result body past a limit. */
    private static final class CappedOutputStream extends OutputStream
    {
        private final OutputStream out;
        private final long limit;
        private long written;

        CappedOutputStream(final OutputStream out, final long limit)
        {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(final int b) throws IOException
        {
            count(1);
            out.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            count(len);
            out.write(b, off, len);
        }

        private void count(final int n) throws LimitExceeded
        {
            written += n;
            if (written > limit)
            {
                throw new LimitExceeded();
            }
        }

        static final class LimitExceeded extends IOException
        {
            private static final long serialVersionUID = 1L;
        }
    }
}
