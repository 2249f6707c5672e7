package sluice.server.feldera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import sluice.server.append.ChangeListener;
import sluice.server.catalog.TableEntry;
import sluice.server.http.HttpChannel;
import sluice.server.http.ResponseStream;
import sluice.server.query.JsonRows;
import sluice.server.query.QueryExecutor;
import sluice.server.store.Database;
import sluice.server.store.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /v0/pipelines/{p}/egress/{table_or_view}?format=json|csv&send_snapshot=…&buffer_size_records=N}:
 * a chunked stream of {@code {"sequence_number":n,"json_data":[{"insert":{…}},…]}\r\n} (CSV: {@code "text_data"},
 * each row with a trailing weight, 1 inserted, -1 deleted). With {@code send_snapshot=true} the current contents come
 * first, then, for a table, every change the writer commits after that snapshot, for as long as the client listens.
 * The snapshot and the stream join exactly: the snapshot's transaction also reads how far each ring was committed
 * ({@code ring_state}, {@code ring_committed}), and only requests beyond that are streamed. A view sends its snapshot
 * and ends (we deviate: Sluice's views are plain SQL views, not maintained incrementally). Formatting runs on egress
 * threads, never on the writer's.
 */
final class FelderaEgress implements ChangeListener, AutoCloseable
{
    private static final int DEFAULT_BUFFER_RECORDS = 10_000;
    private static final long SLOW_CLIENT_MILLIS = 10_000;

    private final Pipelines pipelines;
    private final QueryExecutor executor;
    private final Map<Integer, List<Subscription>> byTable = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(new DefaultThreadFactory("sluice-egress", true));

    FelderaEgress(final Pipelines pipelines, final QueryExecutor executor)
    {
        this.pipelines = pipelines;
        this.executor = executor;
    }

    void open(final Pipeline pipeline, final String name, final QueryStringDecoder uri, final HttpChannel channel)
    {
        final String format = first(uri, "format", "json");
        if (!format.equals("json") && !format.equals("csv"))
        {
            channel.respond(FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, "UnknownOutputFormat",
                "Unknown output format '" + format + "'."));
            return;
        }
        final String snapshotText = first(uri, "send_snapshot", "false").toLowerCase(Locale.ROOT);
        final int bufferRecords;
        try
        {
            bufferRecords = Integer.parseInt(first(uri, "buffer_size_records", Integer.toString(DEFAULT_BUFFER_RECORDS)));
            if (bufferRecords < 1 || !snapshotText.equals("true") && !snapshotText.equals("false"))
            {
                throw new NumberFormatException();
            }
        }
        catch (final NumberFormatException e)
        {
            channel.respond(FelderaErrors.of(HttpResponseStatus.BAD_REQUEST, FelderaErrors.BAD_PARAMETER,
                "send_snapshot must be true or false and buffer_size_records a positive integer"));
            return;
        }
        final boolean snapshot = snapshotText.equals("true");
        final TableEntry table = pipelines.table(pipeline, name);
        final FelderaView view = table == null ? pipeline.program().view(name) : null;
        if (table == null && view == null)
        {
            channel.respond(FelderaErrors.of(HttpResponseStatus.NOT_FOUND, "UnknownOutputStream",
                "Pipeline '" + pipeline.name() + "' has no table or view named '" + name + "'.",
                Map.of("stream_name", name)));
            return;
        }
        final DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        final ResponseStream stream = channel.stream(head);
        final Subscription subscription = new Subscription(stream, format.equals("csv"), bufferRecords,
            table == null ? null : new ChangeFormatter(table.layout()));
        if (table != null)
        {
            byTable.computeIfAbsent(table.id(), id -> new CopyOnWriteArrayList<>()).add(subscription);
            stream.onClose(() -> byTable.getOrDefault(table.id(), List.of()).remove(subscription));
        }
        final String relation = Sql.qualified(pipeline.name(), table != null ? table.name() : view.name());
        executor.submit(connection ->
        {
            subscription.start(connection, snapshot, relation, table != null);
            return null;
        }).whenComplete((ignored, error) ->
        {
            if (error != null || table == null)
            {
                stream.end();
            }
        });
    }

    @Override
    public boolean wants(final int tableId)
    {
        final List<Subscription> subscriptions = byTable.get(tableId);
        return subscriptions != null && !subscriptions.isEmpty();
    }

    @Override
    public void committed(
        final int tableId, final int ring, final long endPosition, final long requestId, final List<byte[]> batches)
    {
        for (final Subscription subscription : byTable.getOrDefault(tableId, List.of()))
        {
            subscription.offer(new Change(ring, endPosition, requestId, batches));
        }
    }

    @Override
    public void close()
    {
        threads.shutdownNow();
    }

    private static String first(final QueryStringDecoder uri, final String name, final String fallback)
    {
        final List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private record Change(int ring, long endPosition, long requestId, List<byte[]> batches)
    {
    }

    /** One client's stream: a snapshot, then the changes queued for it, in order, on one egress thread at a time. */
    private final class Subscription
    {
        private final ResponseStream stream;
        private final boolean csv;
        private final int bufferRecords;
        private final ChangeFormatter formatter;
        private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean live;
        /** Ring → position committed in the snapshot; requests ending at or before it are in the snapshot. */
        private final Map<Integer, Long> snapshotReleased = new HashMap<>();
        private final Set<Long> snapshotPromoted = new HashSet<>();
        private long sequence;

        Subscription(final ResponseStream stream, final boolean csv, final int bufferRecords,
            final ChangeFormatter formatter)
        {
            this.stream = stream;
            this.csv = csv;
            this.bufferRecords = bufferRecords;
            this.formatter = formatter;
        }

        /** On a query thread: the snapshot (if asked) in one transaction with the ring state it reflects. */
        void start(final Connection connection, final boolean snapshot, final String relation, final boolean follow)
            throws SQLException
        {
            if (snapshot)
            {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement())
                {
                    try (ResultSet rs = statement.executeQuery("SELECT ring, released FROM " +
                        Sql.qualified(Database.CATALOG_SCHEMA, "ring_state")))
                    {
                        while (rs.next())
                        {
                            snapshotReleased.put(rs.getInt(1), rs.getLong(2));
                        }
                    }
                    try (ResultSet rs = statement.executeQuery("SELECT request_id FROM " +
                        Sql.qualified(Database.CATALOG_SCHEMA, "ring_committed")))
                    {
                        while (rs.next())
                        {
                            snapshotPromoted.add(rs.getLong(1));
                        }
                    }
                    try (ResultSet rs = statement.executeQuery("SELECT * FROM " + relation))
                    {
                        sendSnapshot(rs);
                    }
                }
                connection.commit();
            }
            if (follow)
            {
                live = true;
                scheduleDrain();
            }
        }

        private void sendSnapshot(final ResultSet rs) throws SQLException
        {
            final ResultSetMetaData meta = rs.getMetaData();
            ArrayNode events = FelderaErrors.JSON.createArrayNode();
            while (rs.next() && stream.isOpen())
            {
                events.addObject().set("insert", JsonRows.row(rs, meta));
                if (events.size() >= bufferRecords)
                {
                    send(events);
                    events = FelderaErrors.JSON.createArrayNode();
                }
            }
            if (!events.isEmpty())
            {
                send(events);
            }
        }

        void offer(final Change change)
        {
            queue.add(change);
            if (live)
            {
                scheduleDrain();
            }
        }

        private void scheduleDrain()
        {
            if (draining.compareAndSet(false, true))
            {
                threads.execute(this::drain);
            }
        }

        private void drain()
        {
            try
            {
                ArrayNode events = FelderaErrors.JSON.createArrayNode();
                Change change;
                while ((change = queue.poll()) != null && stream.isOpen())
                {
                    final Long released = snapshotReleased.get(change.ring());
                    if (released != null && change.endPosition() <= released ||
                        snapshotPromoted.contains(change.requestId()))
                    {
                        continue; // committed before the snapshot: already sent in it
                    }
                    formatter.append(change.batches(), events);
                    if (events.size() >= bufferRecords || queue.isEmpty())
                    {
                        send(events);
                        events = FelderaErrors.JSON.createArrayNode();
                    }
                }
                if (!events.isEmpty())
                {
                    send(events);
                }
            }
            finally
            {
                draining.set(false);
            }
            if (!queue.isEmpty() && stream.isOpen())
            {
                scheduleDrain();
            }
        }

        /** One chunk; waits (bounded) while the client reads slower than we write, then gives up on it. */
        private void send(final ArrayNode events)
        {
            final long deadline = System.currentTimeMillis() + SLOW_CLIENT_MILLIS;
            while (!stream.isWritable() && stream.isOpen())
            {
                if (System.currentTimeMillis() > deadline)
                {
                    stream.end();
                    return;
                }
                try
                {
                    Thread.sleep(1);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    stream.end();
                    return;
                }
            }
            final ObjectNode chunk = FelderaErrors.JSON.createObjectNode();
            chunk.put("sequence_number", sequence++);
            if (csv)
            {
                chunk.put("text_data", csv(events));
            }
            else
            {
                chunk.set("json_data", events);
            }
            stream.write(Unpooled.wrappedBuffer((chunk + "\r\n").getBytes(StandardCharsets.UTF_8)));
        }

        /** Inserts with weight 1, deletes with -1; partial updates have no CSV form and are left out. */
        private String csv(final ArrayNode events)
        {
            final StringBuilder out = new StringBuilder();
            for (final JsonNode event : events)
            {
                final boolean insert = event.has("insert");
                if (!insert && !event.has("delete"))
                {
                    continue;
                }
                for (final JsonNode value : event.get(insert ? "insert" : "delete"))
                {
                    out.append(csvField(value)).append(',');
                }
                out.append(insert ? "1" : "-1").append('\n');
            }
            return out.toString();
        }

        private String csvField(final JsonNode value)
        {
            if (value.isNull())
            {
                return "";
            }
            final String text = value.isValueNode() ? value.asText() : value.toString();
            if (text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0)
            {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
            return text;
        }
    }
}
