package sluice.server.append;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sluice.codec.bind.Dialect;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowSink;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;
import sluice.server.ring.IngestRing;
import sluice.server.ring.RingRecords;
import sluice.server.store.Database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage path without HTTP, on real parts: a DuckDB file, the catalog, a memory-mapped ring and the writer
 * thread. Rows are encoded as the event loops encode them, written to the ring, and read back with SQL.
 */
class WriterTest
{
    private static final String ALL_TYPES = "b BOOLEAN, i8 INT8, i16 INT16, i32 INT32, i64 INT64, u8 UINT8, " +
        "u16 UINT16, u32 UINT32, u64 UINT64, f FLOAT32, d FLOAT64, dec DECIMAL(12,3), wide DECIMAL(30,2), " +
        "s VARCHAR, dt DATE, tm TIME, ts TIMESTAMP, tsn TIMESTAMP_NS, bin BINARY, js JSON, id UUID, ip INET, " +
        "arr ARRAY(INT64), m MAP(VARCHAR,FLOAT64)";

    @TempDir
    Path dir;

    @Test
    void everyTypeArrivesExactlyAndNullsStayNull() throws Exception
    {
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", ALL_TYPES);
            final RowBatchEncoder encoder = f.encoder(t);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putBoolean(0, true);
            encoder.putLong(1, -128);
            encoder.putLong(2, 32767);
            encoder.putLong(3, -2147483648L);
            encoder.putLong(4, Long.MAX_VALUE);
            encoder.putLong(5, 255);
            encoder.putLong(6, 65535);
            encoder.putLong(7, 4294967295L);
            encoder.putLong(8, -1L);
            encoder.putDouble(9, 1.5f);
            encoder.putDouble(10, 195.1859);
            encoder.putLong(11, -123456789012L);
            encoder.putDecimal128(12, 0, 12345678901234567L);
            putText(encoder, 13, "h\u00e9llo");
            encoder.putLong(14, 19_778);
            encoder.putLong(15, 45_296_789_012_345L);
            encoder.putLong(16, 1_708_863_153_123_456L);
            encoder.putLong(17, 1_708_863_153_123_456_789L);
            encoder.putBytes(18, new UnsafeBuffer(new byte[]{0, (byte)0xff, 65}), 0, 3);
            putText(encoder, 19, "{\"a\": [1, 2]}");
            encoder.putDecimal128(20, 0x0123456789abcdefL, 0xfedcba9876543210L);
            putText(encoder, 21, "10.0.0.1");
            putText(encoder, 22, "[1,2,3]");
            putText(encoder, 23, "{\"x\":1.5}");
            encoder.endRow();
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.endRow();
            f.write(1, encoder, true);
            f.awaitCommitted(1);

            assertEquals(List.of(
                "true|-128|32767|-2147483648|9223372036854775807|255|65535|4294967295|18446744073709551615|1.5|" +
                    "195.1859|-123456789.012|123456789012345.67|h\u00e9llo|2024-02-25|12:34:56.789012|" +
                    "2024-02-25 12:12:33.123456|2024-02-25 12:12:33.123456789|00FF41|{\"a\": [1, 2]}|" +
                    "01234567-89ab-cdef-fedc-ba9876543210|10.0.0.1|[1, 2, 3]|{x=1.5}",
                "null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|" +
                    "null|null|null|null|null"),
                f.query("SELECT b, i8, i16, i32, i64, u8, u16, u32, u64, f, d, dec, wide, s, dt, tm, " +
                    "strftime(ts, '%Y-%m-%d %H:%M:%S.%f'), tsn::VARCHAR, hex(bin), js, id, ip, arr, m FROM main.t " +
                    "ORDER BY b NULLS LAST"));
        }
    }

    @Test
    void abortedRequestsLeaveNothingAndRingsAreReleased() throws Exception
    {
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", "n INT64");
            for (long id = 1; id <= 50; id++)
            {
                final RowBatchEncoder encoder = f.encoder(t);
                for (int r = 0; r < 100; r++)
                {
                    encoder.beginRow(RowSink.OP_INSERT);
                    encoder.putLong(0, id * 1000 + r);
                    encoder.endRow();
                }
                f.ringWrite(RingRecords.TYPE_BATCH, id, 0, 0, encoder);
                f.ringWrite(id % 2 == 0 ? RingRecords.TYPE_ABORT : RingRecords.TYPE_END, id,
                    RingRecords.FLAG_WAIT_FOR_COMMIT, 0, null);
                if (id % 2 == 1)
                {
                    f.expect(id);
                }
            }
            f.awaitCommitted(49);
            assertEquals(List.of("2500|25"), f.query("SELECT count(*), count(DISTINCT n // 1000) FROM main.t"));
            assertTrue(f.awaitReleased(), "ring released after commit");
        }
    }

    @Test
    void aPromotedRequestLargerThanTheRingIsCommittedInItsOwnTransaction() throws Exception
    {
        try (Fixture f = new Fixture(dir, 1 << 16))
        {
            final TableEntry t = f.create("t", "n INT64, s VARCHAR");
            f.expect(7);
            long total = 0;
            for (int batch = 0; batch < 40; batch++)
            {
                final RowBatchEncoder encoder = f.encoder(t);
                for (int r = 0; r < 100; r++)
                {
                    encoder.beginRow(RowSink.OP_INSERT);
                    encoder.putLong(0, total++);
                    putText(encoder, 1, "some text to fill the ring");
                    encoder.endRow();
                }
                while (!f.ringWrite(RingRecords.TYPE_BATCH, 7, 0, batch, encoder))
                {
                    Thread.sleep(1);
                }
                if (batch == 3)
                {
                    // As the event loops do once a request has written a quarter of the ring.
                    assertTrue(f.ringWrite(RingRecords.TYPE_PROMOTE, 7, 0, 0, null));
                }
            }
            while (!f.ringWrite(RingRecords.TYPE_END, 7, RingRecords.FLAG_WAIT_FOR_COMMIT, 0, null))
            {
                Thread.sleep(1);
            }
            f.awaitCommitted(7);
            assertEquals(List.of("4000|0|3999"), f.query("SELECT count(*), min(n), max(n) FROM main.t"));
        }
    }

    @Test
    void committedRowsSurviveARestartAndReplayAppliesNothingTwice() throws Exception
    {
        final TableSchema schema = SchemaText.parse("t", "n INT64");
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", "n INT64");
            final RowBatchEncoder encoder = f.encoder(t);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(0, 1);
            encoder.endRow();
            f.write(1, encoder, true);
            f.awaitCommitted(1);
        }
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            assertEquals(List.of("1"), f.query("SELECT count(*) FROM main.t"));
            assertEquals(schema.column(0), f.catalog.find("main", "t").schema().column(0));
        }
    }

    @Test
    void aRequestCutOffByAStopIsDroppedAfterTheReplayAndFreesItsSpace() throws Exception
    {
        final long orphan;
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", "n INT64");
            final RowBatchEncoder encoder = f.encoder(t);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(0, 7);
            encoder.endRow();
            // A BATCH with no END: the process stops while the request's body is still streaming.
            orphan = RingRecords.requestId(0, f.ring.incarnation(), 1);
            assertTrue(f.ringWrite(RingRecords.TYPE_BATCH, orphan, 0, 0, encoder));
        }
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            assertTrue(f.awaitReleased(), "the cut-off request still holds its ring space");
            assertEquals(List.of("0"), f.query("SELECT count(*) FROM main.t"));
            final TableEntry t = f.catalog.find("main", "t");
            final RowBatchEncoder encoder = f.encoder(t);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(0, 8);
            encoder.endRow();
            final long next = RingRecords.requestId(0, f.ring.incarnation(), 1);
            f.write(next, encoder, true);
            f.awaitCommitted(next);
            assertEquals(List.of("8"), f.query("SELECT n FROM main.t"));
        }
    }

    @Test
    void anIdempotencyKeyIsStoredWithItsRowsAndRememberedAfterAReplay() throws Exception
    {
        final TableEntry t;
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            t = f.create("t", "n INT64");
            f.insertKeyed(1, t, 1, "live");
            f.awaitCommitted(1);
            assertTrue(f.keys.accepted("live"));
        }
        // A crash after the END reached the ring, before any commit: the writer is not running.
        try (IngestRing ring = IngestRing.open(dir.resolve("rings/ring-0.dat"), 0, 1 << 20))
        {
            final RowBatchEncoder encoder = new RowBatchEncoder().wrap(new ExpandableDirectByteBuffer(256), 0,
                t.layout(), t.id(), 1);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(0, 2);
            encoder.endRow();
            final long id = RingRecords.requestId(0, ring.incarnation(), 1);
            assertTrue(ring.tryWrite(RingRecords.TYPE_BATCH, id, 0, 0, encoder.buffer(), 0, encoder.length()));
            final byte[] key = "replayed".getBytes(StandardCharsets.UTF_8);
            assertTrue(ring.tryWrite(RingRecords.TYPE_END, id, 0, 0, new UnsafeBuffer(key), 0, key.length));
        }
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            assertTrue(f.awaitReleased());
            assertEquals(List.of("1", "2"), f.query("SELECT n FROM main.t ORDER BY n"));
            assertTrue(f.keys.accepted("live"), "a key committed before the restart");
            assertTrue(f.keys.accepted("replayed"), "the key of a replayed request");
            assertFalse(f.keys.accepted("other"));
        }
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            assertEquals(List.of("live", "replayed"), f.query("SELECT key FROM " + RequestKeys.TABLE + " ORDER BY key"));
            assertTrue(f.keys.accepted("replayed"));
            assertEquals(RequestKeys.Claim.ACCEPTED, f.keys.claim("live"));
            assertEquals(RequestKeys.Claim.CLAIMED, f.keys.claim("new"));
            assertEquals(RequestKeys.Claim.IN_FLIGHT, f.keys.claim("new"));
        }
    }

    @Test
    void theKeyOfARequestWhoseRowsCannotBeStoredIsFreedForARetry() throws Exception
    {
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            final TableEntry t = f.create("t", "n INT64");
            // Answered at its END (async): the key is accepted before the writer has stored anything.
            assertEquals(RequestKeys.Claim.CLAIMED, f.keys.claim("k"));
            f.keys.finished("k", true);
            assertTrue(f.catalog.drop("main", "t"));
            f.insertKeyed(1, t, 1, "k");
            assertThrows(java.util.concurrent.ExecutionException.class, () -> f.awaitCommitted(1));
            assertFalse(f.keys.accepted("k"), "the table went: a retry must be able to ingest");
            assertEquals(RequestKeys.Claim.CLAIMED, f.keys.claim("k"));
        }
    }

    /**
     * A promoted request's batches are loaded into its own transaction as they come and their ring space is freed;
     * if the process dies after its END reached the ring but before that transaction commits, the replay finds the
     * END alone. The request was never acknowledged (a promoted request is answered after its commit) and its rows
     * are gone with the transaction: the END must not commit it as an empty request, or its idempotency key would be
     * stored and a client's retry answered "already ingested" with none of the rows stored. The END carries the
     * number of batches the request wrote, which tells the two apart.
     */
    @Test
    void aPromotedRequestCutBetweenItsEndAndItsCommitIsNotTakenAsStored() throws Exception
    {
        final TableEntry t;
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            t = f.create("t", "n INT64");
        }
        // The ring as such a crash leaves it (no writer runs here): two batches and the PROMOTE, released as the
        // writer releases them once loaded, then the END with a key.
        try (IngestRing ring = IngestRing.open(dir.resolve("rings/ring-0.dat"), 0, 1 << 20))
        {
            final long id = RingRecords.requestId(0, ring.incarnation(), 1);
            for (int batch = 0; batch < 2; batch++)
            {
                final RowBatchEncoder encoder = new RowBatchEncoder().wrap(new ExpandableDirectByteBuffer(256), 0,
                    t.layout(), t.id(), 1);
                encoder.beginRow(RowSink.OP_INSERT);
                encoder.putLong(0, batch);
                encoder.endRow();
                assertTrue(ring.tryWrite(RingRecords.TYPE_BATCH, id, 0, batch, encoder.buffer(), 0,
                    encoder.length()));
            }
            assertTrue(ring.tryWrite(RingRecords.TYPE_PROMOTE, id, 0, 0, new UnsafeBuffer(new byte[0]), 0, 0));
            ring.release(ring.tail());
            final byte[] key = "promoted".getBytes(StandardCharsets.UTF_8);
            assertTrue(ring.tryWrite(RingRecords.TYPE_END, id, RingRecords.FLAG_WAIT_FOR_COMMIT, 2,
                new UnsafeBuffer(key), 0, key.length));
        }
        try (Fixture f = new Fixture(dir, 1 << 20))
        {
            assertTrue(f.awaitReleased());
            assertEquals(List.of("0"), f.query("SELECT count(*) FROM main.t"));
            assertFalse(f.keys.accepted("promoted"), "the key of a request whose rows were lost");
            assertEquals(List.of(), f.query("SELECT key FROM " + RequestKeys.TABLE));
        }
    }

    private static void putText(final RowBatchEncoder encoder, final int column, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        encoder.putBytes(column, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /** A database, catalog, one ring and a running writer in {@code dir}. */
    static final class Fixture implements AutoCloseable
    {
        final Database database;
        final Catalog catalog;
        final IngestRing ring;
        final Completions completions = new Completions();
        final RequestKeys keys;
        final Writer writer;
        final Thread thread;
        final List<CompletableFuture<Long>> waiting = new ArrayList<>();
        final Map<Long, CompletableFuture<Long>> byId = new java.util.concurrent.ConcurrentHashMap<>();
        final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(4096);

        Fixture(final Path dir, final int ringCapacity) throws Exception
        {
            database = Database.open(dir, "512MB", 2);
            catalog = new Catalog(database);
            catalog.load();
            Writer.prepare(database);
            database.lockDown();
            ring = IngestRing.open(dir.resolve("rings/ring-0.dat"), 0, ringCapacity);
            keys = RequestKeys.load(database);
            writer = new Writer(database, catalog, new IngestRing[]{ring}, completions, keys, Writer.Config.defaults());
            thread = new Thread(writer, "writer");
            thread.start();
        }

        TableEntry create(final String name, final String columns) throws Exception
        {
            return catalog.create(Dialect.MACHBASE, "main", name, "LOG", SchemaText.parse(name, columns),
                "CREATE TABLE " + name, Map.of(), true);
        }

        RowBatchEncoder encoder(final TableEntry t)
        {
            return new RowBatchEncoder().wrap(batch, 0, t.layout(), t.id(), 1);
        }

        void expect(final long requestId)
        {
            final CompletableFuture<Long> future = new CompletableFuture<>();
            byId.put(requestId, future);
            waiting.add(future);
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

        void write(final long requestId, final RowBatchEncoder encoder, final boolean wait)
        {
            if (wait)
            {
                expect(requestId);
            }
            assertTrue(ringWrite(RingRecords.TYPE_BATCH, requestId, 0, 0, encoder));
            assertTrue(ringWrite(RingRecords.TYPE_END, requestId, RingRecords.FLAG_WAIT_FOR_COMMIT, 0, null));
        }

        /** Request {@code requestId}: one row {@code n} into {@code t}, its END carrying {@code key}; expected. */
        void insertKeyed(final long requestId, final TableEntry t, final long n, final String key)
        {
            final RowBatchEncoder encoder = encoder(t);
            encoder.beginRow(RowSink.OP_INSERT);
            encoder.putLong(0, n);
            encoder.endRow();
            expect(requestId);
            assertTrue(ringWrite(RingRecords.TYPE_BATCH, requestId, 0, 0, encoder));
            final byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertTrue(ring.tryWrite(RingRecords.TYPE_END, requestId, RingRecords.FLAG_WAIT_FOR_COMMIT, 0,
                new UnsafeBuffer(bytes), 0, bytes.length));
        }

        boolean ringWrite(
            final int type, final long requestId, final int flags, final int sequence, final RowBatchEncoder encoder)
        {
            return encoder == null ?
                ring.tryWrite(type, requestId, flags, sequence, batch, 0, 0) :
                ring.tryWrite(type, requestId, flags, sequence, encoder.buffer(), 0, encoder.length());
        }

        void awaitCommitted(final long requestId) throws Exception
        {
            byId.get(requestId).get(10, TimeUnit.SECONDS);
        }

        boolean awaitReleased() throws InterruptedException
        {
            for (int i = 0; i < 1000 && ring.head() != ring.tail(); i++)
            {
                Thread.sleep(5);
            }
            return ring.head() == ring.tail();
        }

        List<String> query(final String sql) throws Exception
        {
            return RowOpsFixture.rows(database, sql);
        }

        @Override
        public void close() throws java.sql.SQLException
        {
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
            ring.close();
            database.close();
        }
    }
}
