package sluice.server.proton;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sluice.codec.bind.Dialect;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.SchemaText;
import sluice.server.catalog.Catalog;
import sluice.server.catalog.TableEntry;
import sluice.server.store.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams in a real catalog on a real DuckDB file. */
class ProtonStreamsTest
{
    private static final String EVERY_TYPE = "CREATE STREAM every (b bool, i8 int8, i16 int16, i int, i64 int64, " +
        "u8 uint8, u16 uint16, u uint, u64 uint64, f float, d double, dec decimal(12, 3), wide decimal(30, 2), " +
        "dt date, t datetime, t3 datetime64(3, 'Asia/Shanghai'), t9 datetime64(9), s string DEFAULT 'x', " +
        "fs fixed_string(8), id uuid, v4 ipv4, v6 ipv6, js json, arr array(nullable(int64)), " +
        "m map(low_cardinality(string), float64), n nullable(string), lc low_cardinality(nullable(string)))";

    @TempDir
    Path dir;

    private Database database;
    private Catalog catalog;
    private ProtonStreams streams;

    @BeforeEach
    void open() throws Exception
    {
        database = Database.open(dir, "256MB", 1);
        catalog = new Catalog(database);
        catalog.load();
        streams = new ProtonStreams(catalog);
    }

    @AfterEach
    void close() throws Exception
    {
        database.close();
    }

    private List<String> duckdbColumns(final String schema, final String table) throws Exception
    {
        final List<String> columns = new ArrayList<>();
        try (Connection connection = database.newConnection(); Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT column_name, data_type, is_nullable FROM " +
                "information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = '" + table +
                "' ORDER BY ordinal_position"))
        {
            while (rs.next())
            {
                columns.add(rs.getString(1) + " " + rs.getString(2) + ("NO".equals(rs.getString(3)) ? " NOT NULL" : ""));
            }
        }
        return columns;
    }

    @Test
    void createFindListDrop() throws Exception
    {
        final TableEntry entry = streams.create(ProtonStreamDdl.parse("CREATE STREAM foo (id int, name string)"));
        assertEquals(Dialect.PROTON, entry.dialect());
        assertEquals("default", entry.namespace());
        assertEquals("foo", entry.name());
        assertEquals(ProtonStreams.KIND, entry.kind());
        assertEquals(List.of("id INTEGER NOT NULL", "name VARCHAR NOT NULL",
            "_tp_time TIMESTAMP NOT NULL"), duckdbColumns("default", "foo"));
        assertSame(entry, streams.find("default", "foo"));
        assertNull(streams.find("default", "FOO"), "names are case-sensitive");
        assertNull(streams.find("other", "foo"));
        streams.create(ProtonStreamDdl.parse("CREATE STREAM bar (x int)"));
        streams.create(ProtonStreamDdl.parse("CREATE STREAM other.baz (x int)"));
        assertEquals(List.of("bar", "foo"), streams.list("default").stream().map(TableEntry::name).toList());
        assertEquals(List.of("baz"), streams.list("other").stream().map(TableEntry::name).toList());
        assertEquals(List.of(), streams.list("none"));

        assertTrue(streams.drop("default", "foo"));
        assertNull(streams.find("default", "foo"));
        assertEquals(List.of(), duckdbColumns("default", "foo"));
        assertFalse(streams.drop("default", "foo"), "already gone");
        assertFalse(streams.drop("default", "nope"));
        assertEquals(List.of("bar"), streams.list("default").stream().map(TableEntry::name).toList());
    }

    @Test
    void alreadyExists() throws Exception
    {
        final TableEntry first = streams.create(ProtonStreamDdl.parse("CREATE STREAM s (x int)"));
        final ProtonStreams.StreamExistsException ex = assertThrows(ProtonStreams.StreamExistsException.class,
            () -> streams.create(ProtonStreamDdl.parse("CREATE STREAM s (y string)")));
        assertEquals("Stream 'default.s' already exists.", ex.getMessage());
        assertSame(first, streams.create(ProtonStreamDdl.parse("CREATE STREAM IF NOT EXISTS s (y string)")),
            "IF NOT EXISTS keeps the existing stream");
        assertEquals("Stream 'db.t' already exists.", assertThrows(ProtonStreams.StreamExistsException.class,
            () ->
            {
                streams.create(ProtonStreamDdl.parse("CREATE STREAM db.t (x int)"));
                streams.create(ProtonStreamDdl.parse("CREATE STREAM db.t (x int)"));
            }).getMessage());
        assertEquals("Stream 'default.S' already exists. (as default.s: names that differ only in case are one " +
            "table in storage)", assertThrows(ProtonStreams.StreamExistsException.class,
                () -> streams.create(ProtonStreamDdl.parse("CREATE STREAM S (x int)"))).getMessage());
        assertThrows(ProtonStreams.StreamExistsException.class,
            () -> streams.create(ProtonStreamDdl.parse("CREATE STREAM DB.T (x int)")));
        assertNotNull(streams.create(ProtonStreamDdl.parse("CREATE STREAM DB.u (x int)")),
            "another name in the same storage schema");
        assertEquals(List.of("t"), streams.list("db").stream().map(TableEntry::name).toList());
        assertEquals(List.of("u"), streams.list("DB").stream().map(TableEntry::name).toList());
        assertEquals("Stream default.x doesn't exist", ProtonStreams.unknownMessage("default", "x"));
        assertEquals("Stream 'default.x' already exists.", ProtonStreams.existsMessage("default", "x"));
    }

    @Test
    void anotherDialectsTableIsNotAStream() throws Exception
    {
        catalog.create(Dialect.MACHBASE, "main", "log", "LOG", SchemaText.parse("log", "x INT32"), "CREATE TABLE log",
            Map.of(), false);
        assertNull(streams.find("main", "log"));
        assertEquals(List.of(), streams.list("main"));
        assertFalse(streams.drop("main", "log"), "a Machbase table is not dropped as a stream");
        assertNotNull(catalog.find("main", "log"));
        assertThrows(ProtonStreams.StreamExistsException.class,
            () -> streams.create(ProtonStreamDdl.parse("CREATE STREAM IF NOT EXISTS main.log (x int)")),
            "the name is taken, and IF NOT EXISTS must not hand back a foreign table");
    }

    @Test
    void everyTypeIsStoredAndSurvivesARestart() throws Exception
    {
        final ProtonStream parsed = ProtonStreamDdl.parse(EVERY_TYPE);
        final TableEntry entry = streams.create(parsed);
        assertEquals(List.of("b BOOLEAN NOT NULL", "i8 TINYINT NOT NULL", "i16 SMALLINT NOT NULL",
            "i INTEGER NOT NULL", "i64 BIGINT NOT NULL", "u8 UTINYINT NOT NULL", "u16 USMALLINT NOT NULL",
            "u UINTEGER NOT NULL", "u64 UBIGINT NOT NULL", "f FLOAT NOT NULL", "d DOUBLE NOT NULL",
            "dec DECIMAL(12,3) NOT NULL", "wide DECIMAL(30,2) NOT NULL", "dt DATE NOT NULL", "t TIMESTAMP NOT NULL",
            "t3 TIMESTAMP NOT NULL", "t9 TIMESTAMP_NS NOT NULL", "s VARCHAR NOT NULL", "fs VARCHAR NOT NULL",
            "id UUID NOT NULL", "v4 VARCHAR NOT NULL", "v6 VARCHAR NOT NULL", "js JSON NOT NULL",
            "arr BIGINT[] NOT NULL", "m MAP(VARCHAR, DOUBLE) NOT NULL", "n VARCHAR", "lc VARCHAR",
            "_tp_time TIMESTAMP NOT NULL"), duckdbColumns("default", "every"));

        final Catalog reloaded = new Catalog(database);
        reloaded.load();
        final TableEntry restored = new ProtonStreams(reloaded).find("default", "every");
        assertNotNull(restored);
        assertEquals(entry.schema().columns(), restored.schema().columns(), "types, zones, defaults persisted");
        assertEquals(EVERY_TYPE, restored.ddl());
        assertEquals(parsed.columns(), ProtonStreams.describe(restored).columns(), "Proton type names come back");
    }

    @Test
    void describeGivesProtonTypeNamesAndTheEventTimeColumn() throws Exception
    {
        final TableEntry entry = streams.create(ProtonStreamDdl.parse("CREATE STREAM IF NOT EXISTS s (" +
            "ts datetime64(3, 'UTC'), ip ipv4, code fixed_string(3) DEFAULT 'abc', tag low_cardinality(string)) " +
            "SETTINGS event_time_column='ts'"));
        assertEquals(Map.of("event_time_column", "ts"), entry.properties());
        assertEquals("ts", ProtonStreams.eventTimeColumn(entry));
        final ProtonStream described = ProtonStreams.describe(entry);
        assertEquals("default", described.database());
        assertEquals("s", described.name());
        assertEquals("ts", described.eventTimeColumn());
        assertEquals(List.of(
            new ProtonColumn("ts", "datetime64(3, 'UTC')", false, null),
            new ProtonColumn("ip", "ipv4", false, null),
            new ProtonColumn("code", "fixed_string(3)", false, "'abc'"),
            new ProtonColumn("tag", "low_cardinality(string)", false, null),
            new ProtonColumn("_tp_time", "datetime64(3, 'UTC')", false, "ts")),
            described.columns());
        // _tp_time takes ts's value when a row leaves it out.
        assertEquals(DefaultValue.columnValue(0, "ts"), entry.schema().column(4).defaultValue());

        final Catalog reloaded = new Catalog(database);
        reloaded.load();
        assertEquals("ts", ProtonStreams.eventTimeColumn(reloaded.find("default", "s")), "persisted");
        assertEquals(DefaultValue.columnValue(0, "ts"), reloaded.find("default", "s").schema().column(4)
            .defaultValue(), "persisted");
    }

    @Test
    void createFromTheDdlEndpointsJson() throws Exception
    {
        final ProtonStream stream = ProtonStreamDdl.fromJson(new ObjectMapper().readTree("{\"name\":\"j\"," +
            "\"columns\":[{\"name\":\"id\",\"type\":\"uint64\"},{\"name\":\"v\",\"type\":\"float64\"," +
            "\"nullable\":true}]}"));
        final TableEntry entry = streams.create(stream);
        assertEquals(List.of("id UBIGINT NOT NULL", "v DOUBLE", "_tp_time TIMESTAMP NOT NULL"),
            duckdbColumns("default", "j"));
        assertEquals(List.of(
            new ProtonColumn("id", "uint64", false, null),
            new ProtonColumn("v", "nullable(float64)", true, null),
            new ProtonColumn("_tp_time", "datetime64(3, 'UTC')", false, "now64(3, 'UTC')")),
            ProtonStreams.describe(entry).columns());
        assertThrows(ProtonStreams.StreamExistsException.class, () -> streams.create(stream));
    }
}
