package sluice.server.feldera;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.codec.value.DecimalParser;
import sluice.server.sql.SqlErrorCases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FelderaProgramTest
{
    /** feldera-csv-format.txt, verbatim. */
    private static final String GIT_COMMIT = "create table git_commit (\n" +
        "commit_id varchar not null,\n" +
        "commit_date timestamp not null,\n" +
        ");";

    /** feldera-csv-format.txt, verbatim. */
    private static final String FAILED_BANKS_DDL = "create table FAILED_BANKS (\n" +
        "name varchar,\n" +
        "city varchar,\n" +
        "state varchar,\n" +
        "cert bigint,\n" +
        "acquirer varchar,\n" +
        "closing varchar, -- needs to be translated from 'DD-MMM-YY' format\n" +
        "fund bigint\n" +
        ") with (\n" +
        "'connectors' = '[{\n" +
        "\"transport\": {\n" +
        "\"name\": \"url_input\",\n" +
        "\"config\": { \"path\": \"https://www.fdic.gov/system/files/2024-07/banklist.csv\" }\n" +
        "},\n" +
        "\"format\": {\n" +
        "\"name\": \"csv\",\n" +
        "\"config\": { \"headers\": true }\n" +
        "}\n" +
        "}]'\n" +
        ")";

    private static FelderaTable onlyTable(final String programCode)
    {
        final FelderaProgram program = FelderaProgram.parse(programCode);
        assertEquals(1, program.tables().size());
        return program.tables().get(0);
    }

    private static Column onlyColumn(final String programCode)
    {
        final TableSchema schema = onlyTable(programCode).schema();
        assertEquals(1, schema.columnCount());
        return schema.column(0);
    }

    @Test
    void seedGitCommitTableWithTrailingComma()
    {
        final FelderaTable table = onlyTable(GIT_COMMIT);
        assertEquals("git_commit", table.name());
        assertFalse(table.quoted());
        assertEquals(List.of(), table.primaryKey());
        assertNull(table.connectorsJson());
        assertEquals(GIT_COMMIT.substring(0, GIT_COMMIT.length() - 1), table.ddl());
        final TableSchema schema = table.schema();
        assertEquals("git_commit", schema.name());
        assertEquals(List.of(
            Column.builder("commit_id", DataType.VARCHAR).nullable(false).build(),
            Column.builder("commit_date", DataType.TIMESTAMP).nullable(false).build()),
            schema.columns());
        assertNull(schema.column(0).defaultValue(), "NOT NULL without a default: a missing value is an error");
    }

    @Test
    void seedFailedBanksTableWithConnectors()
    {
        final FelderaProgram program = FelderaProgram.parse(FAILED_BANKS_DDL + ";\n");
        assertEquals(List.of(), program.views());
        final FelderaTable table = program.tables().get(0);
        assertEquals("failed_banks", table.name());
        assertFalse(table.quoted());
        assertEquals(FAILED_BANKS_DDL, table.ddl());
        assertEquals(Map.of(), table.properties());
        final String connectors = table.connectorsJson();
        assertTrue(connectors.startsWith("[{\n\"transport\": {\n\"name\": \"url_input\",\n"), connectors);
        assertTrue(connectors.endsWith("\"config\": { \"headers\": true }\n}\n}]"), connectors);
        assertEquals(FAILED_BANKS_DDL.substring(FAILED_BANKS_DDL.indexOf("[{"), FAILED_BANKS_DDL.indexOf("}]") + 2),
            connectors);
        final TableSchema schema = table.schema();
        assertEquals(List.of("name", "city", "state", "cert", "acquirer", "closing", "fund"),
            schema.columns().stream().map(Column::name).toList());
        assertEquals(DataType.VARCHAR, schema.column(0).type());
        assertEquals(DataType.INT64, schema.column(3).type());
        assertEquals(DataType.VARCHAR, schema.column(5).type(), "the comment after closing is not part of it");
        assertEquals(DataType.INT64, schema.column(6).type());
        for (final Column column : schema.columns())
        {
            assertTrue(column.nullable(), column.name());
            assertFalse(column.caseSensitive(), column.name());
            assertFalse(column.primaryKey(), column.name());
            assertSame(DefaultValue.NULL, column.defaultValue(), column.name());
        }
        assertSame(table, program.table("FAILED_BANKS"));
        assertSame(table, program.table("failed_banks"));
        assertNull(program.table("\"FAILED_BANKS\""), "quoted in the URL: exact case, and the table is lowercase");
    }

    static Stream<Arguments> types()
    {
        return Stream.of(
            Arguments.of("BOOLEAN", DataType.BOOLEAN),
            Arguments.of("bool", DataType.BOOLEAN),
            Arguments.of("TINYINT", DataType.INT8),
            Arguments.of("tinyint unsigned", DataType.UINT8),
            Arguments.of("SMALLINT", DataType.INT16),
            Arguments.of("INT2", DataType.INT16),
            Arguments.of("SMALLINT UNSIGNED", DataType.UINT16),
            Arguments.of("INTEGER", DataType.INT32),
            Arguments.of("int", DataType.INT32),
            Arguments.of("INT4", DataType.INT32),
            Arguments.of("SIGNED", DataType.INT32),
            Arguments.of("INTEGER UNSIGNED", DataType.UINT32),
            Arguments.of("int unsigned", DataType.UINT32),
            Arguments.of("UNSIGNED", DataType.UINT32),
            Arguments.of("BIGINT", DataType.INT64),
            Arguments.of("INT8", DataType.INT64),
            Arguments.of("INT64", DataType.INT64),
            Arguments.of("BIGINT UNSIGNED", DataType.UINT64),
            Arguments.of("DECIMAL", DataType.decimal(38, 0)),
            Arguments.of("DECIMAL(10)", DataType.decimal(10, 0)),
            Arguments.of("decimal(10, 2)", DataType.decimal(10, 2)),
            Arguments.of("NUMERIC", DataType.decimal(38, 0)),
            Arguments.of("NUMERIC(5,5)", DataType.decimal(5, 5)),
            Arguments.of("DEC(3, 1)", DataType.decimal(3, 1)),
            Arguments.of("NUMBER(38, 10)", DataType.decimal(38, 10)),
            Arguments.of("REAL", DataType.FLOAT32),
            Arguments.of("FLOAT4", DataType.FLOAT32),
            Arguments.of("FLOAT32", DataType.FLOAT32),
            Arguments.of("FLOAT", DataType.FLOAT32),
            Arguments.of("DOUBLE", DataType.FLOAT64),
            Arguments.of("double precision", DataType.FLOAT64),
            Arguments.of("FLOAT8", DataType.FLOAT64),
            Arguments.of("FLOAT64", DataType.FLOAT64),
            Arguments.of("VARCHAR", DataType.VARCHAR),
            Arguments.of("VARCHAR(20)", DataType.varchar(20)),
            Arguments.of("CHARACTER VARYING(5)", DataType.varchar(5)),
            Arguments.of("char varying", DataType.VARCHAR),
            Arguments.of("STRING", DataType.VARCHAR),
            Arguments.of("TEXT", DataType.VARCHAR),
            Arguments.of("CHAR", DataType.varchar(1)),
            Arguments.of("CHAR(3)", DataType.varchar(3)),
            Arguments.of("CHARACTER(2)", DataType.varchar(2)),
            Arguments.of("BINARY", DataType.BINARY),
            Arguments.of("BINARY(16)", DataType.BINARY),
            Arguments.of("BINARY VARYING(4)", DataType.BINARY),
            Arguments.of("VARBINARY", DataType.BINARY),
            Arguments.of("VARBINARY(8)", DataType.BINARY),
            Arguments.of("BYTEA", DataType.BINARY),
            Arguments.of("DATE", DataType.DATE),
            Arguments.of("TIME", DataType.TIME),
            Arguments.of("TIME(3)", DataType.TIME),
            Arguments.of("time without time zone", DataType.TIME),
            Arguments.of("TIMESTAMP", DataType.TIMESTAMP),
            Arguments.of("TIMESTAMP(3)", DataType.TIMESTAMP),
            Arguments.of("TIMESTAMP(6) WITHOUT TIME ZONE", DataType.TIMESTAMP),
            Arguments.of("DATETIME", DataType.TIMESTAMP),
            Arguments.of("VARIANT", DataType.JSON),
            Arguments.of("UUID", DataType.UUID),
            Arguments.of("BIGINT ARRAY", DataType.array(DataType.INT64)),
            Arguments.of("VARCHAR ARRAY ARRAY", DataType.array(DataType.array(DataType.VARCHAR))),
            Arguments.of("decimal(5, 2) array", DataType.array(DataType.decimal(5, 2))),
            Arguments.of("MAP<VARCHAR, INT>", DataType.map(DataType.VARCHAR, DataType.INT32)),
            Arguments.of("MAP<VARCHAR, BIGINT ARRAY>",
                DataType.map(DataType.VARCHAR, DataType.array(DataType.INT64))),
            Arguments.of("map<int, map<varchar, double>>",
                DataType.map(DataType.INT32, DataType.map(DataType.VARCHAR, DataType.FLOAT64))),
            Arguments.of("MAP<VARCHAR, VARIANT> ARRAY",
                DataType.array(DataType.map(DataType.VARCHAR, DataType.JSON))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeName(final String type, final DataType expected)
    {
        final Column column = onlyColumn("create table t (c " + type + ")");
        assertEquals("c", column.name());
        assertEquals(expected, column.type());
        assertTrue(column.nullable());
        final Column notNull = onlyColumn("create table t (c " + type + " NOT NULL)");
        assertEquals(expected, notNull.type());
        assertFalse(notNull.nullable());
    }

    @Test
    void nullabilityAndColumnLevelKeys()
    {
        final FelderaTable table =
            onlyTable("create table k (a int primary key, b varchar not null, c double null, d date)");
        assertEquals(List.of("a"), table.primaryKey());
        assertEquals(List.of(
            Column.builder("a", DataType.INT32).nullable(false).primaryKey(true).build(),
            Column.builder("b", DataType.VARCHAR).nullable(false).build(),
            Column.of("c", DataType.FLOAT64),
            Column.of("d", DataType.DATE)),
            table.schema().columns());

        final FelderaTable compound = onlyTable("create table k (a int primary key, b int, c bigint primary key)");
        assertEquals(List.of("a", "c"), compound.primaryKey());
        assertTrue(compound.schema().column(2).primaryKey());
        assertFalse(compound.schema().column(2).nullable());
        assertTrue(compound.schema().column(1).nullable());
    }

    @Test
    void tableLevelKeyInItsOwnOrderMakesColumnsNotNull()
    {
        final FelderaTable table = onlyTable(
            "create table k (a int, b varchar, c int null, constraint k_pk primary key (c, A),)");
        assertEquals(List.of("c", "a"), table.primaryKey());
        final TableSchema schema = table.schema();
        assertTrue(schema.column(0).primaryKey());
        assertFalse(schema.column(0).nullable());
        assertNull(schema.column(0).defaultValue());
        assertFalse(schema.column(1).primaryKey());
        assertTrue(schema.column(1).nullable());
        assertTrue(schema.column(2).primaryKey());
        assertFalse(schema.column(2).nullable(), "Feldera's lenient mode makes a nullable key column NOT NULL");

        assertEquals(List.of("Id", "b"),
            onlyTable("create table k (\"Id\" int, b int, primary key (\"Id\", B))").primaryKey());
    }

    @Test
    void defaultLiteralsBecomeConstantsInTheColumnsRepresentation()
    {
        final TableSchema schema = onlyTable("create table d (\n" +
            "  b boolean default true,\n" +
            "  b2 boolean not null default FALSE,\n" +
            "  i8 tinyint default -128,\n" +
            "  u64 bigint unsigned default 18446744073709551615,\n" +
            "  i bigint default (+42),\n" +
            "  f real default 1.1,\n" +
            "  d double default -2.5e3,\n" +
            "  n decimal(10, 2) default 3.14159,\n" +
            "  half decimal(5, 2) default -0.005,\n" +
            "  w decimal(38, 0) default 12345678901234567890123,\n" +
            "  s varchar default 'it''s',\n" +
            "  u varchar(10) default 'ünï',\n" +
            "  dt date default '2024-02-25',\n" +
            "  dt2 date default DATE '1970-01-02',\n" +
            "  tm time default TIME '12:12:33.5',\n" +
            "  ts timestamp default TIMESTAMP '2024-02-25 12:12:33.123456789',\n" +
            "  ts2 timestamp not null default '1970-01-01 00:00:01',\n" +
            "  id uuid default '123e4567-e89b-12d3-a456-426614174000',\n" +
            "  bin varbinary default X'00ff10',\n" +
            "  nul int default null,\n" +
            "  nothing int,\n" +
            "  req int not null\n" +
            ")").schema();

        assertConstant(schema, "b", "true", 1, 0, 0, null);
        assertConstant(schema, "b2", "FALSE", 0, 0, 0, null);
        assertFalse(schema.column(schema.indexOf("b2")).nullable());
        assertConstant(schema, "i8", "-128", -128, 0, 0, null);
        assertConstant(schema, "u64", "18446744073709551615", -1, 0, 0, null);
        assertConstant(schema, "i", "+42", 42, 0, 0, null);
        assertConstant(schema, "f", "1.1", 0, 0, 1.1f, null);
        assertConstant(schema, "d", "-2.5e3", 0, 0, -2500.0, null);
        assertConstant(schema, "n", "3.14159", 314, 0, 0, null);
        assertConstant(schema, "half", "-0.005", -1, -1, 0, null);
        final DefaultValue wide = schema.column(schema.indexOf("w")).defaultValue();
        assertEquals("12345678901234567890123", DecimalParser.toString(wide.highBits(), wide.longValue(), 0));
        assertConstant(schema, "s", "'it''s'", 0, 0, 0, "it's".getBytes(StandardCharsets.UTF_8));
        assertConstant(schema, "u", "'ünï'", 0, 0, 0, "ünï".getBytes(StandardCharsets.UTF_8));
        assertConstant(schema, "dt", "'2024-02-25'", LocalDate.of(2024, 2, 25).toEpochDay(), 0, 0, null);
        assertConstant(schema, "dt2", "DATE '1970-01-02'", 1, 0, 0, null);
        assertConstant(schema, "tm", "TIME '12:12:33.5'",
            LocalTime.of(12, 12, 33, 500_000_000).toNanoOfDay(), 0, 0, null);
        assertConstant(schema, "ts", "TIMESTAMP '2024-02-25 12:12:33.123456789'",
            LocalDateTime.of(2024, 2, 25, 12, 12, 33).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 123_456, 0, 0,
            null);
        assertConstant(schema, "ts2", "'1970-01-01 00:00:01'", 1_000_000, 0, 0, null);
        final UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertConstant(schema, "id", "'123e4567-e89b-12d3-a456-426614174000'",
            uuid.getLeastSignificantBits(), uuid.getMostSignificantBits(), 0, null);
        assertConstant(schema, "bin", "X'00ff10'", 0, 0, 0, new byte[] {0, (byte)0xff, 0x10});
        assertSame(DefaultValue.NULL, schema.column(schema.indexOf("nul")).defaultValue());
        assertSame(DefaultValue.NULL, schema.column(schema.indexOf("nothing")).defaultValue());
        assertNull(schema.column(schema.indexOf("req")).defaultValue());
    }

    private static void assertConstant(
        final TableSchema schema, final String column, final String text, final long longValue, final long highBits,
        final double doubleValue, final byte[] bytes)
    {
        final DefaultValue value = schema.column(schema.indexOf(column)).defaultValue();
        assertSame(DefaultValue.Kind.CONSTANT, value.kind(), column);
        assertEquals(text, value.text(), column);
        assertEquals(longValue, value.longValue(), column);
        assertEquals(highBits, value.highBits(), column);
        assertEquals(doubleValue, value.doubleValue(), column);
        assertArrayEquals(bytes, value.bytes(), column);
    }

    @Test
    void quotedNamesKeepTheirCaseAndUnquotedOnesAreLowercase()
    {
        final FelderaProgram program = FelderaProgram.parse(
            "CREATE TABLE \"Orders\" (\"Id\" BIGINT NOT NULL PRIMARY KEY, \"Mixed \"\"Case\"\"\" VARCHAR, " +
                "Amount DECIMAL(10, 2));\n" +
                "CREATE TABLE MyTable (MyCol INT, \"MyCol\" INT, \"ÉTÉ\" int, Été int)");
        final FelderaTable orders = program.tables().get(0);
        assertEquals("Orders", orders.name());
        assertTrue(orders.quoted());
        assertEquals("Orders", orders.schema().name());
        assertEquals(List.of("Id"), orders.primaryKey());
        final TableSchema schema = orders.schema();
        assertEquals(List.of(
            Column.builder("Id", DataType.INT64).nullable(false).primaryKey(true).caseSensitive(true).build(),
            Column.builder("Mixed \"Case\"", DataType.VARCHAR).caseSensitive(true).build(),
            Column.of("amount", DataType.decimal(10, 2))),
            schema.columns());
        assertEquals(0, schema.indexOf("Id"));
        assertEquals(TableSchema.NOT_FOUND, schema.indexOf("id"), "quoted: exact case only");
        assertEquals(2, schema.indexOf("AMOUNT"), "unquoted: any case");

        final FelderaTable mine = program.tables().get(1);
        assertEquals("mytable", mine.name());
        assertFalse(mine.quoted());
        assertEquals(List.of("mycol", "MyCol", "ÉTÉ", "été"),
            mine.schema().columns().stream().map(Column::name).toList());
        assertEquals(List.of(false, true, true, false),
            mine.schema().columns().stream().map(Column::caseSensitive).toList());

        assertSame(orders, program.table("\"Orders\""));
        assertNull(program.table("Orders"), "unquoted in the URL folds to orders");
        assertNull(program.table("\"orders\""));
        assertSame(mine, program.table("MYTABLE"));
        assertSame(mine, program.table("\"mytable\""));
        assertNull(program.table("\"MyTable\""));
        assertNull(program.table("nosuch"));
    }

    @Test
    void canonicalNameFollowsFelderaUrlRules()
    {
        assertEquals("mytable", FelderaProgram.canonicalName("MyTable"));
        assertEquals("MyTable", FelderaProgram.canonicalName("\"MyTable\""));
        assertEquals("été", FelderaProgram.canonicalName("ÉTÉ"));
        assertEquals("", FelderaProgram.canonicalName("\"\""));
        assertEquals("\"", FelderaProgram.canonicalName("\""), "a lone quote is not a quoted name");
    }

    @Test
    void viewsKeepTheirQueryTextExactly()
    {
        final FelderaProgram program = FelderaProgram.parse(
            "create table t (x int, y varchar);\n" +
                "-- a view\n" +
                "create view V1 as select x, /* inline; */ y from t where y <> 'a;b';\n" +
                "create materialized view \"Big\" (a, \"B\") with ('connectors' = '[]') as\n" +
                "  select x as a, y as b\n" +
                "  from t -- trailing\n" +
                ";\n" +
                "CREATE LOCAL VIEW l AS VALUES (1)");
        assertEquals(1, program.tables().size());
        final List<FelderaView> views = program.views();
        assertEquals(3, views.size());
        assertEquals(new FelderaView("v1", false, FelderaView.Kind.STANDARD, List.of(),
            "select x, /* inline; */ y from t where y <> 'a;b'",
            "create view V1 as select x, /* inline; */ y from t where y <> 'a;b'"), views.get(0));
        assertEquals(new FelderaView("Big", true, FelderaView.Kind.MATERIALIZED, List.of("a", "B"),
            "select x as a, y as b\n  from t",
            "create materialized view \"Big\" (a, \"B\") with ('connectors' = '[]') as\n" +
                "  select x as a, y as b\n  from t"), views.get(1));
        assertEquals(new FelderaView("l", false, FelderaView.Kind.LOCAL, List.of(), "VALUES (1)",
            "CREATE LOCAL VIEW l AS VALUES (1)"), views.get(2));
        assertSame(views.get(0), program.view("v1"));
        assertSame(views.get(1), program.view("\"Big\""));
        assertNull(program.view("big"));
        assertNull(program.table("v1"), "a view is not a table");
    }

    @Test
    void commentsAndEmptyStatementsBetweenStatements()
    {
        final FelderaProgram program = FelderaProgram.parse(
            "-- leading comment; with a semicolon\n" +
                "/* block\n comment ; */ create table a (x int) ;;\n" +
                ";\n" +
                "create /* inside */ table b (\n" +
                "  -- a comment line in the column list, it's fine\n" +
                "  y int /* trailing */, z varchar -- last\n" +
                ")\n" +
                "-- no final semicolon\n");
        assertEquals(List.of("a", "b"), program.tables().stream().map(FelderaTable::name).toList());
        assertEquals("create table a (x int)", program.tables().get(0).ddl());
        assertEquals(List.of("y", "z"),
            program.tables().get(1).schema().columns().stream().map(Column::name).toList());
        assertTrue(program.tables().get(1).ddl().startsWith("create /* inside */ table b ("));
        assertTrue(program.tables().get(1).ddl().endsWith("-- last\n)"));

        for (final String empty : new String[] {"", "  \n", "-- nothing here\n", ";;", "/* x */ ;"})
        {
            final FelderaProgram none = FelderaProgram.parse(empty);
            assertEquals(List.of(), none.tables(), empty);
            assertEquals(List.of(), none.views(), empty);
        }
    }

    @Test
    void withPropertiesAndConnectors()
    {
        final FelderaTable table = onlyTable("create table p (x int) with (\n" +
            "  'materialized' = 'true',\n" +
            "  'connectors' = '[{\"transport\": {\"name\": \"file_input\",\n" +
            "                   \"config\": {\"path\": \"/tmp/it''s.csv\"}}}]',\n" +
            "  'append_only' = 'true'\n" +
            ")");
        assertEquals("[{\"transport\": {\"name\": \"file_input\",\n" +
            "                   \"config\": {\"path\": \"/tmp/it's.csv\"}}}]", table.connectorsJson());
        assertEquals(List.of("materialized", "append_only"), List.copyOf(table.properties().keySet()));
        assertEquals("true", table.properties().get("materialized"));
        assertThrows(UnsupportedOperationException.class, () -> table.properties().put("x", "y"));

        assertEquals("[]", onlyTable("create table p (x int) with ('connectors' = '[]')").connectorsJson());
    }

    @Test
    void skippableColumnAnnotationsAndForeignKeys()
    {
        final FelderaTable table = onlyTable("create table e (\n" +
            "  id bigint not null primary key,\n" +
            "  parent bigint foreign key references e(id),\n" +
            "  ts timestamp not null lateness interval '1' hour,\n" +
            "  late timestamp lateness interval 1 hour not null,\n" +
            "  wm timestamp watermark interval (5) minutes default '2024-01-01 00:00:00',\n" +
            "  tag varchar interned not null,\n" +
            "  x int,\n" +
            "  foreign key (x, parent) references other (a, b)\n" +
            ")");
        assertEquals(List.of("id"), table.primaryKey());
        final TableSchema schema = table.schema();
        assertEquals(List.of("id", "parent", "ts", "late", "wm", "tag", "x"),
            schema.columns().stream().map(Column::name).toList());
        assertTrue(schema.column(1).nullable());
        assertFalse(schema.column(2).nullable());
        assertFalse(schema.column(3).nullable(), "the skipped LATENESS expression ends before NOT NULL");
        assertEquals(DataType.TIMESTAMP, schema.column(4).type());
        assertEquals("'2024-01-01 00:00:00'", schema.column(4).defaultValue().text());
        assertEquals(DataType.VARCHAR, schema.column(5).type());
        assertFalse(schema.column(5).nullable());
    }

    @Test
    void recordsAreImmutable()
    {
        final FelderaProgram program = FelderaProgram.parse("create table t (x int primary key)");
        assertThrows(UnsupportedOperationException.class, () -> program.tables().clear());
        assertThrows(UnsupportedOperationException.class, () -> program.views().clear());
        assertThrows(UnsupportedOperationException.class, () -> program.tables().get(0).primaryKey().clear());
    }

    @Test
    void missingProgram()
    {
        assertEquals("program_code is missing",
            assertThrows(IllegalArgumentException.class, () -> FelderaProgram.parse(null)).getMessage());
    }

    static Stream<Arguments> errorCases()
    {
        return SqlErrorCases.load("feldera/program-errors.txt").stream().map(c -> Arguments.of(c[0], c[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void rejected(final String programCode, final String message)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> FelderaProgram.parse(programCode));
        assertEquals(message, ex.getMessage());
    }
}
