package sluice.server.append;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.ErrorPolicy;
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.json.FelderaJsonDecoder;
import sluice.codec.json.JsonConfig;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowCopier;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;
import sluice.server.ring.IngestRing;
import sluice.server.ring.RingRecords;
import sluice.server.store.Database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database, catalog, one ring and a writer in a temp dir, fed Feldera JSON events through the real decoder and
 * encoder. The writer thread starts on {@link #start()}: records written before that are read in its first pass, so
 * every request ended by then is committed in one group.
 */
final class RowOpsFixture implements AutoCloseable
{
    final Database database;
    final Catalog catalog;
    final IngestRing ring;
    final Completions completions = new Completions();
    final Writer writer;
    private Thread thread;
    private final Map<Long, CompletableFuture<Long>> byId = new ConcurrentHashMap<>();
    private final FelderaJsonDecoder decoder = new FelderaJsonDecoder(new ValueBinder(Dialect.FELDERA));
    private final ExpandableDirectByteBuffer decoded = new ExpandableDirectByteBuffer(4096);
    private final RowBatchEncoder encoder = new RowBatchEncoder();
    private final RowBatchReader reader = new RowBatchReader();
    private final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
    private long nextRequestId = 1;

    RowOpsFixture(final Path dir, final int ringCapacity) throws Exception
    {
        database = Database.open(dir, "512MB", 1);
        catalog = new Catalog(database);
        catalog.load();
        Writer.prepare(database);
        database.lockDown();
        ring = IngestRing.open(dir.resolve("rings/ring-0.dat"), 0, ringCapacity);
        writer = new Writer(database, catalog, new IngestRing[]{ring}, completions, RequestKeys.load(database),
                Writer.Config.defaults());
    }

    RowOpsFixture start()
    {
        thread = new Thread(writer, "writer");
        thread.start();
        return this;
    }

    TableEntry create(final String name, final String columns) throws Exception
    {
        return catalog.create(Dialect.FELDERA, "p", name, "TABLE", SchemaText.parse(name, columns),
            "CREATE TABLE " + name, Map.of(), false);
    }

    /** A Machbase tag table: its primary key column names the tag, whose rows it appends. */
    TableEntry createTag(final String name, final String columns) throws Exception
    {
        final TableSchema schema = SchemaText.parse(name, columns);
        return catalog.create(Dialect.MACHBASE, "p", name, "TAG", schema, "CREATE TAG TABLE " + name,
            Map.of("tag.name", schema.column(0).name(), "tag.time", schema.column(1).name()), false);
    }

    /** Events in Feldera's insert_delete format, as batches of at most {@code rowsPerBatch} rows. */
    List<UnsafeBuffer> events(final TableEntry t, final String json, final int rowsPerBatch)
    {
        return events(t, FelderaJsonDecoder.UpdateFormat.INSERT_DELETE, json, rowsPerBatch);
    }

    List<UnsafeBuffer> events(
        final TableEntry t, final FelderaJsonDecoder.UpdateFormat format, final String json, final int rowsPerBatch)
    {
        encoder.wrap(decoded, 0, t.layout(), t.id(), 1);
        decoder.reset(t.schema(), format, false, new JsonConfig().errorPolicy(ErrorPolicy.STOP), 0);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        final int r = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, encoder);
        assertTrue(r != RowDecoder.ERROR && decoder.finish(encoder) == RowDecoder.COMPLETE, () -> json + ": " +
            decoder.errors());
        return split(t, rowsPerBatch);
    }

    /** Rows written straight through an encoder (for what no decoder produces). */
    List<UnsafeBuffer> rows(final TableEntry t, final java.util.function.Consumer<RowBatchEncoder> rows)
    {
        encoder.wrap(decoded, 0, t.layout(), t.id(), 1);
        rows.accept(encoder);
        return split(t, Integer.MAX_VALUE);
    }

    private List<UnsafeBuffer> split(final TableEntry t, final int rowsPerBatch)
    {
        final List<UnsafeBuffer> batches = new ArrayList<>();
        reader.wrap(decoded, 0, t.layout());
        final RowBatchEncoder out = new RowBatchEncoder();
        ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(256);
        out.wrap(buffer, 0, t.layout(), t.id(), 1);
        while (reader.next())
        {
            RowCopier.copyRow(reader, out);
            if (out.rowCount() == rowsPerBatch)
            {
                batches.add(new UnsafeBuffer(buffer, 0, out.length()));
                buffer = new ExpandableDirectByteBuffer(256);
                out.wrap(buffer, 0, t.layout(), t.id(), 1);
            }
        }
        if (!out.isEmpty())
        {
            batches.add(new UnsafeBuffer(buffer, 0, out.length()));
        }
        return batches;
    }

    /** Writes one request (its batches and END, waiting for the commit); returns its id. */
    long request(final List<UnsafeBuffer> batches)
    {
        final long id = begin(batches);
        end(id);
        return id;
    }

    /** Writes a request's batches, no END yet; returns its id. */
    long begin(final List<UnsafeBuffer> batches)
    {
        final long id = nextRequestId++;
        expect(id);
        batches(id, 0, batches);
        return id;
    }

    void batches(final long id, final int firstSequence, final List<UnsafeBuffer> batches)
    {
        int sequence = firstSequence;
        for (final UnsafeBuffer b : batches)
        {
            write(RingRecords.TYPE_BATCH, id, 0, sequence++, b);
        }
    }

    void promote(final long id)
    {
        write(RingRecords.TYPE_PROMOTE, id, 0, 0, empty);
    }

    void end(final long id)
    {
        write(RingRecords.TYPE_END, id, RingRecords.FLAG_WAIT_FOR_COMMIT, 0, empty);
    }

    /** Writes a record, waiting for ring space while the writer runs. */
    private void write(final int type, final long id, final int flags, final int sequence, final UnsafeBuffer body)
    {
        for (int i = 0; !ring.tryWrite(type, id, flags, sequence, body, 0, body.capacity()); i++)
        {
            assertTrue(thread != null && i < 10_000, "ring full");
            sleep();
        }
    }

    private void expect(final long requestId)
    {
        final CompletableFuture<Long> future = new CompletableFuture<>();
        byId.put(requestId, future);
        completions.register(requestId, new Completions.Waiter()
        {
            public void onCommitted(final long rows)
            {
                future.complete(rows);
            }

            public void onFailed(final String reason)
            {
                future.completeExceptionally(new IllegalStateException(reason));
            }
        });
    }

    void awaitCommitted(final long requestId) throws Exception
    {
        byId.get(requestId).get(10, TimeUnit.SECONDS);
    }

    /** True when the request failed (its rows not stored). */
    boolean awaitFailed(final long requestId) throws Exception
    {
        try
        {
            byId.get(requestId).get(10, TimeUnit.SECONDS);
            return false;
        }
        catch (final java.util.concurrent.ExecutionException e)
        {
            return true;
        }
    }

    long loadStatements()
    {
        return writer.loader().loadStatementsRun();
    }

    long rowsInspected()
    {
        return writer.loader().rowsInspected();
    }

    List<String> query(final String sql) throws Exception
    {
        return rows(database, sql);
    }

    /** The rows of {@code sql} on {@code database}, each its values joined by {@code |} (NULL as "null"). */
    static List<String> rows(final Database database, final String sql) throws Exception
    {
        final List<String> rows = new ArrayList<>();
        try (Connection c = database.newConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(sql))
        {
            final int n = rs.getMetaData().getColumnCount();
            while (rs.next())
            {
                final StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++)
                {
                    sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws java.sql.SQLException
    {
        if (thread == null)
        {
            start();
        }
        writer.close();
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        assertFalse(thread.isAlive());
        assertEquals(null, writer.failure());
        ring.close();
        database.close();
    }
}
