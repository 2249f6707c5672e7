package sluice.server.machbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.server.sql.SqlErrorCases;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachbaseSqlTest
{
    private static final String SEED =
        "create tag table if not exists EXAMPLE (name varchar(40) primary key, time datetime basetime, value double)";

    @Test
    void seedTagTable()
    {
        final MachbaseStatement statement = MachbaseSql.parse(SEED);
        assertSame(MachbaseStatement.Kind.CREATE_TAG_TABLE, statement.kind());
        assertEquals("EXAMPLE", statement.table());
        assertTrue(statement.ifExists());
        assertTrue(statement.isDdl());
        assertFalse(statement.isFetch());
        assertEquals(SEED, statement.sql());
        final MachbaseTableDef def = statement.tableDef();
        assertTrue(def.tag());
        assertEquals(List.of(
            new MachbaseColumnDef("NAME", "varchar(40)", DataType.varchar(40), true, false, false, false),
            new MachbaseColumnDef("TIME", "datetime", DataType.TIMESTAMP_NS, false, true, false, false),
            new MachbaseColumnDef("VALUE", "double", DataType.FLOAT64, false, false, false, false)),
            def.columns());
        assertEquals("NAME", def.primaryKey().name());
        assertEquals("TIME", def.basetime().name());
    }

    @Test
    void tagTableSchema()
    {
        final TableSchema schema = MachbaseSql.parse(SEED).tableDef().toTableSchema();
        assertEquals("EXAMPLE", schema.name());
        assertEquals(3, schema.columnCount());
        final Column name = schema.column(0);
        assertEquals("NAME", name.name());
        assertEquals(DataType.varchar(40), name.type());
        assertFalse(name.nullable());
        assertTrue(name.primaryKey());
        assertFalse(schema.column(1).nullable());
        assertEquals(DataType.TIMESTAMP_NS, schema.column(1).type());
        assertTrue(schema.column(2).nullable());
        assertEquals(0, schema.indexOf("name"), "case-insensitive lookup");
        assertEquals(3, schema.positionalColumns().length);
    }

    @Test
    void logTableSchemaHasHiddenArrivalTime()
    {
        final MachbaseStatement statement =
            MachbaseSql.parse("CREATE TABLE logs (host varchar(20), msg text, level short not null)");
        assertSame(MachbaseStatement.Kind.CREATE_LOG_TABLE, statement.kind());
        assertFalse(statement.ifExists());
        assertFalse(statement.tableDef().tag());
        assertNull(statement.tableDef().primaryKey());
        assertNull(statement.tableDef().basetime());
        final TableSchema schema = statement.tableDef().toTableSchema();
        assertEquals("LOGS", schema.name());
        assertEquals(4, schema.columnCount());
        final Column arrival = schema.column(3);
        assertEquals(MachbaseTableDef.ARRIVAL_TIME, arrival.name());
        assertTrue(arrival.hidden());
        assertEquals(DataType.TIMESTAMP_NS, arrival.type());
        assertSame(DefaultValue.NOW, arrival.defaultValue());
        assertEquals(DataType.VARCHAR, schema.column(1).type());
        assertFalse(schema.column(2).nullable(), "NOT NULL");
        assertEquals(3, schema.positionalColumns().length, "the hidden column is not positional");
        assertEquals(0, schema.positionalColumns()[0]);
    }

    @Test
    void everyTypeAndAlias()
    {
        final MachbaseTableDef def = MachbaseSql.parse("create table t (" +
            "a short, b ushort, c integer, d int, e uinteger, f long, g ulong, h float, i double, j datetime, " +
            "k varchar(10), l text, m binary, n ipv4, o ipv6, p json, " +
            "q int16, r int32, s int64, t2 uint16, u uint32, v uint64, w float32, x float64, " +
            "y unsigned short, z UNSIGNED  Long, aa varchar, bb BIGINT)").tableDef();
        final DataType[] expected =
        {
            DataType.INT16, DataType.UINT16, DataType.INT32, DataType.INT32, DataType.UINT32, DataType.INT64,
            DataType.UINT64, DataType.FLOAT32, DataType.FLOAT64, DataType.TIMESTAMP_NS, DataType.varchar(10),
            DataType.VARCHAR, DataType.BINARY, DataType.INET, DataType.INET, DataType.JSON,
            DataType.INT16, DataType.INT32, DataType.INT64, DataType.UINT16, DataType.UINT32, DataType.UINT64,
            DataType.FLOAT32, DataType.FLOAT64, DataType.UINT16, DataType.UINT64, DataType.VARCHAR, DataType.INT64,
        };
        assertEquals(expected.length, def.columns().size());
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], def.columns().get(i).type(), def.columns().get(i).name());
        }
        assertEquals("ipv4", def.columns().get(13).typeName());
        assertEquals("ipv6", def.columns().get(14).typeName());
        assertEquals("unsigned long", def.columns().get(25).typeName());
    }

    static Stream<String> tagTableVariations()
    {
        return Stream.of(
            SEED,
            SEED.toUpperCase(),
            "CREATE TAG TABLE IF NOT EXISTS example (\n  name VARCHAR(40) PRIMARY KEY,\n  time DATETIME BASETIME,\n" +
                "  value DOUBLE SUMMARIZED\n);",
            "create tag table \"example\" (\"Name\" varchar(40) primary key, \"TIME\" datetime basetime, " +
                "value double)",
            "-- sensors\ncreate /* tag */ tag table example (name varchar(40) primary key, time datetime basetime, " +
                "value double) tag_partition_count = 4 TAG_DATA_PART_SIZE=1048576 with rollup",
            "create tag table example (name varchar(40) primary key, time datetime basetime, value double) " +
                "with rollup (min) extension;",
            "create tag table sys.example (name varchar(40) primary key, time datetime basetime, value double)",
            "create tagdata table example (name varchar(40) primary key, time datetime basetime, value double)",
            "create tag table example (name varchar(40) primary key, time datetime basetime, " +
                "value double summarized property(minmax_cache_size = 0)) tablespace ts1");
    }

    @ParameterizedTest
    @MethodSource("tagTableVariations")
    void tagTableVariationsAllDeclareTheSameTable(final String sql)
    {
        final MachbaseStatement statement = MachbaseSql.parse(sql);
        assertSame(MachbaseStatement.Kind.CREATE_TAG_TABLE, statement.kind());
        final MachbaseTableDef def = statement.tableDef();
        assertEquals("EXAMPLE", def.name());
        assertEquals(List.of("NAME", "TIME", "VALUE"),
            def.columns().stream().map(MachbaseColumnDef::name).toList());
        assertEquals(DataType.varchar(40), def.columns().get(0).type());
        assertTrue(def.columns().get(0).primaryKey());
        assertTrue(def.columns().get(1).basetime());
        assertEquals(DataType.FLOAT64, def.columns().get(2).type());
    }

    @Test
    void summarizedAndTextKey()
    {
        final MachbaseTableDef def = MachbaseSql.parse(
            "create tag table t (tag text primary key, ts datetime basetime, v float summarized, extra json)")
            .tableDef();
        assertTrue(def.columns().get(2).summarized());
        assertEquals(DataType.VARCHAR, def.primaryKey().type());
        assertEquals("TAG text PRIMARY KEY", def.primaryKey().toString());
        assertTrue(def.primaryKey().notNull());
    }

    @Test
    void dropTable()
    {
        final MachbaseStatement plain = MachbaseSql.parse("drop table example");
        assertSame(MachbaseStatement.Kind.DROP_TABLE, plain.kind());
        assertEquals("EXAMPLE", plain.table());
        assertFalse(plain.ifExists());
        assertNull(plain.tableDef());
        final MachbaseStatement ifExists = MachbaseSql.parse("DROP TABLE IF EXISTS \"Example\" CASCADE;");
        assertSame(MachbaseStatement.Kind.DROP_TABLE, ifExists.kind());
        assertEquals("EXAMPLE", ifExists.table());
        assertTrue(ifExists.ifExists());
    }

    static Stream<String> flushStatements()
    {
        return Stream.of(
            "EXEC table_flush(example)",
            "exec TABLE_FLUSH ( example ) ;",
            "exec table_flush('example')",
            "Exec Table_Flush(\"EXAMPLE\")",
            "EXECUTE table_flush(sys.example)",
            "exec table_flush ( ' example ' )");
    }

    @ParameterizedTest
    @MethodSource("flushStatements")
    void tableFlush(final String sql)
    {
        final MachbaseStatement statement = MachbaseSql.parse(sql);
        assertSame(MachbaseStatement.Kind.FLUSH_TABLE, statement.kind());
        assertEquals("EXAMPLE", statement.table());
        assertTrue(statement.isDdl());
    }

    static Stream<Arguments> otherStatements()
    {
        return Stream.of(
            Arguments.of("select * from EXAMPLE limit 10", MachbaseStatement.Kind.FETCH),
            Arguments.of("  SELECT 1;", MachbaseStatement.Kind.FETCH),
            Arguments.of("(select 1) union (select 2)", MachbaseStatement.Kind.FETCH),
            Arguments.of("with t as (select 1 a) select * from t", MachbaseStatement.Kind.FETCH),
            Arguments.of("with t as (select 1 a) insert into x select * from t", MachbaseStatement.Kind.INSERT),
            Arguments.of("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t",
                MachbaseStatement.Kind.FETCH),
            Arguments.of("describe example", MachbaseStatement.Kind.FETCH),
            Arguments.of("desc example", MachbaseStatement.Kind.FETCH),
            Arguments.of("show tables", MachbaseStatement.Kind.FETCH),
            Arguments.of("explain select 1", MachbaseStatement.Kind.FETCH),
            Arguments.of("values (1), (2)", MachbaseStatement.Kind.FETCH),
            Arguments.of("from example", MachbaseStatement.Kind.FETCH),
            Arguments.of("pragma table_info('example')", MachbaseStatement.Kind.FETCH),
            Arguments.of("summarize example", MachbaseStatement.Kind.FETCH),
            Arguments.of("insert into example values ('a', now(), 1)", MachbaseStatement.Kind.INSERT),
            Arguments.of("INSERT INTO example VALUES ('select', 0, 1) RETURNING *", MachbaseStatement.Kind.FETCH),
            Arguments.of("update example set value = 2", MachbaseStatement.Kind.UPDATE),
            Arguments.of("delete from example where name = 'a'", MachbaseStatement.Kind.DELETE),
            Arguments.of("delete from example returning name", MachbaseStatement.Kind.FETCH),
            Arguments.of("/* leading comment */ -- and another\n delete from example", MachbaseStatement.Kind.DELETE),
            Arguments.of("create index idx on example(name)", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("create view v as select 1", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("drop view v", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("alter table example add column x int", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("exec table_compact(example)", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("set threads = 2", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("checkpoint", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("'just a string'", MachbaseStatement.Kind.EXECUTE),
            Arguments.of("select 'a;b', \"c;d\", $$e;f$$, E'it\\'s;' from t -- ; not a separator",
                MachbaseStatement.Kind.FETCH));
    }

    @ParameterizedTest
    @MethodSource("otherStatements")
    void classifiesOtherStatements(final String sql, final MachbaseStatement.Kind kind)
    {
        final MachbaseStatement statement = MachbaseSql.parse(sql);
        assertSame(kind, statement.kind(), sql);
        assertEquals(sql, statement.sql());
        assertNull(statement.table());
        assertFalse(statement.isDdl());
        assertEquals(kind == MachbaseStatement.Kind.FETCH, statement.isFetch());
    }

    static Stream<Arguments> generalErrorCases()
    {
        return Stream.of(
            Arguments.of("", "sql text is empty"),
            Arguments.of("   \n\t ", "sql text is empty"),
            Arguments.of("-- only a comment", "sql text is empty"),
            Arguments.of(";;", "sql text is empty"),
            Arguments.of("select 1; select 2",
                "only one statement per request is supported: another starts at position 11"),
            Arguments.of("select 'unterminated", "unterminated string literal starting at position 8"),
            Arguments.of("select \"x", "unterminated quoted identifier starting at position 8"),
            Arguments.of("select 1 /* open", "unterminated comment starting at position 10"));
    }

    @ParameterizedTest
    @MethodSource("generalErrorCases")
    void generalErrors(final String sql, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> MachbaseSql.parse(sql)).getMessage());
    }

    @Test
    void nullIsEmpty()
    {
        assertEquals("sql text is empty",
            assertThrows(IllegalArgumentException.class, () -> MachbaseSql.parse(null)).getMessage());
    }

    static Stream<String[]> ddlErrors()
    {
        return SqlErrorCases.load("machbase/sql-errors.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ddlErrors")
    void ddlErrors(final String sql, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> MachbaseSql.parse(sql)).getMessage(),
            sql);
    }
}
