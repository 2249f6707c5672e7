package sluice.server.proton;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;
import sluice.server.sql.SqlErrorCases;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
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

class ProtonStreamDdlTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataType TP_TIME_TYPE = DataType.timestamp(3, ZoneOffset.UTC);

    private static Column only(final String type)
    {
        return only(type, "");
    }

    /** The one declared column of {@code CREATE STREAM s (x <type> <rest>)}. */
    private static Column only(final String type, final String rest)
    {
        final ProtonStream stream = ProtonStreamDdl.parse("CREATE STREAM s (x " + type + " " + rest + ")");
        assertEquals(2, stream.schema().columnCount(), "x and the implicit _tp_time");
        return stream.schema().column(0);
    }

    private static DefaultValue defaultOf(final String type, final String expression)
    {
        return only(type, "DEFAULT " + expression).defaultValue();
    }

    @Test
    void seedStreamWithTheImplicitTpTime()
    {
        final String sql = "CREATE STREAM foo(id int, name string)";
        final ProtonStream stream = ProtonStreamDdl.parse(sql);
        assertEquals("default", stream.database());
        assertEquals("foo", stream.name());
        assertEquals("default.foo", stream.qualifiedName());
        assertFalse(stream.ifNotExists());
        assertNull(stream.eventTimeColumn());
        assertEquals(Map.of(), stream.properties());
        assertEquals(sql, stream.ddl());
        final TableSchema schema = stream.schema();
        assertEquals("foo", schema.name());
        assertEquals(List.of(
            Column.builder("id", DataType.INT32).nullable(false).caseSensitive(true)
                .defaultValue(DefaultValue.TYPE_ZERO).build(),
            Column.builder("name", DataType.VARCHAR).nullable(false).caseSensitive(true)
                .defaultValue(DefaultValue.TYPE_ZERO).build(),
            Column.builder("_tp_time", TP_TIME_TYPE).nullable(false).caseSensitive(true)
                .defaultValue(DefaultValue.NOW).build()),
            schema.columns());
        assertFalse(schema.column(2).hidden(), "_tp_time is a visible column");
        assertEquals(List.of(
            new ProtonColumn("id", "int32", false, null),
            new ProtonColumn("name", "string", false, null),
            new ProtonColumn("_tp_time", "datetime64(3, 'UTC')", false, "now64(3, 'UTC')")),
            stream.columns());
    }

    static Stream<Arguments> types()
    {
        return Stream.of(
            Arguments.of("int8", DataType.INT8, false, "int8"),
            Arguments.of("INT16", DataType.INT16, false, "int16"),
            Arguments.of("int32", DataType.INT32, false, "int32"),
            Arguments.of("Int", DataType.INT32, false, "int32"),
            Arguments.of("int64", DataType.INT64, false, "int64"),
            Arguments.of("uint8", DataType.UINT8, false, "uint8"),
            Arguments.of("uint16", DataType.UINT16, false, "uint16"),
            Arguments.of("UINT32", DataType.UINT32, false, "uint32"),
            Arguments.of("uint", DataType.UINT32, false, "uint32"),
            Arguments.of("uint64", DataType.UINT64, false, "uint64"),
            Arguments.of("float", DataType.FLOAT32, false, "float32"),
            Arguments.of("float32", DataType.FLOAT32, false, "float32"),
            Arguments.of("double", DataType.FLOAT64, false, "float64"),
            Arguments.of("Float64", DataType.FLOAT64, false, "float64"),
            Arguments.of("bool", DataType.BOOLEAN, false, "bool"),
            Arguments.of("boolean", DataType.BOOLEAN, false, "bool"),
            Arguments.of("decimal(10, 2)", DataType.decimal(10, 2), false, "decimal(10, 2)"),
            Arguments.of("DECIMAL(38,38)", DataType.decimal(38, 38), false, "decimal(38, 38)"),
            Arguments.of("decimal(7)", DataType.decimal(7, 0), false, "decimal(7, 0)"),
            Arguments.of("date", DataType.DATE, false, "date"),
            Arguments.of("datetime", DataType.timestamp(0, null), false, "datetime"),
            Arguments.of("DateTime('Asia/Shanghai')", DataType.timestamp(0, ZoneId.of("Asia/Shanghai")), false,
                "datetime('Asia/Shanghai')"),
            Arguments.of("datetime64", DataType.timestamp(3, null), false, "datetime64(3)"),
            Arguments.of("string", DataType.VARCHAR, false, "string"),
            Arguments.of("fixed_string(16)", DataType.varchar(16), false, "fixed_string(16)"),
            Arguments.of("uuid", DataType.UUID, false, "uuid"),
            Arguments.of("ipv4", DataType.INET, false, "ipv4"),
            Arguments.of("IPv6", DataType.INET, false, "ipv6"),
            Arguments.of("json", DataType.JSON, false, "json"),
            Arguments.of("array(int)", DataType.array(DataType.INT32), false, "array(int32)"),
            Arguments.of("array(array(string))", DataType.array(DataType.array(DataType.VARCHAR)), false,
                "array(array(string))"),
            Arguments.of("array(nullable(float64))", DataType.array(DataType.FLOAT64), false,
                "array(nullable(float64))"),
            Arguments.of("map(string, int64)", DataType.map(DataType.VARCHAR, DataType.INT64), false,
                "map(string, int64)"),
            Arguments.of("map(low_cardinality(string), array(nullable(uint8)))",
                DataType.map(DataType.VARCHAR, DataType.array(DataType.UINT8)), false,
                "map(low_cardinality(string), array(nullable(uint8)))"),
            Arguments.of("nullable(string)", DataType.VARCHAR, true, "nullable(string)"),
            Arguments.of("Nullable(datetime64(6, 'UTC'))", DataType.timestamp(6, ZoneOffset.UTC), true,
                "nullable(datetime64(6, 'UTC'))"),
            Arguments.of("low_cardinality(string)", DataType.VARCHAR, false, "low_cardinality(string)"),
            Arguments.of("low_cardinality(nullable(string))", DataType.VARCHAR, true,
                "low_cardinality(nullable(string))"),
            Arguments.of("array(low_cardinality(nullable(string)))", DataType.array(DataType.VARCHAR), false,
                "array(low_cardinality(nullable(string)))"),
            Arguments.of("nullable(fixed_string(4))", DataType.varchar(4), true, "nullable(fixed_string(4))"),
            Arguments.of("nullable(ipv4)", DataType.INET, true, "nullable(ipv4)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeName(final String type, final DataType expected, final boolean nullable, final String spelling)
    {
        final ProtonStream stream = ProtonStreamDdl.parse("CREATE STREAM s (x " + type + ")");
        final Column column = stream.schema().column(0);
        assertEquals(expected, column.type());
        assertEquals(nullable, column.nullable());
        assertTrue(column.caseSensitive());
        assertSame(nullable ? DefaultValue.NULL : DefaultValue.TYPE_ZERO, column.defaultValue(),
            "Proton's type default, or NULL for nullable(T)");
        assertEquals(new ProtonColumn("x", spelling, nullable, null), stream.columns().get(0));
        final ProtonTypes.Parsed parsed = ProtonTypes.parse(type);
        assertEquals(expected, parsed.type());
        assertEquals(nullable, parsed.nullable());
        assertEquals(spelling, parsed.text());
        assertEquals(parsed, ProtonTypes.parse(spelling), "the normalised spelling reads back the same");
    }

    @ParameterizedTest(name = "datetime64({0})")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void datetime64Precisions(final int precision)
    {
        final DataType plain = only("datetime64(" + precision + ")").type();
        assertEquals(precision <= 6 ? TypeKind.TIMESTAMP : TypeKind.TIMESTAMP_NS, plain.kind());
        assertEquals(precision, plain.precision());
        assertNull(plain.zone());
        final DataType zoned = only("datetime64(" + precision + ", 'Europe/Berlin')").type();
        assertEquals(DataType.timestamp(precision, ZoneId.of("Europe/Berlin")), zoned);
    }

    @Test
    void datetime64Zones()
    {
        assertEquals(ZoneOffset.UTC, only("datetime64(3, 'UTC')").type().zone());
        assertEquals(ZoneId.of("America/New_York"), only("datetime64(9, 'America/New_York')").type().zone());
        assertEquals(ZoneId.of("Asia/Kolkata"), only("datetime('Asia/Kolkata')").type().zone());
        assertEquals(ZoneOffset.ofHours(8), only("datetime64(3, '+08:00')").type().zone());
    }

    @Test
    void integerAndFloatDefaults()
    {
        assertEquals(42, defaultOf("int", "42").longValue());
        assertEquals("42", defaultOf("int", "42").text());
        assertEquals(-5, defaultOf("int8", "-5").longValue());
        assertEquals(5, defaultOf("int8", "+5").longValue());
        assertEquals(42, defaultOf("int", "'42'").longValue(), "a quoted number, as ingest takes it");
        assertEquals(-1L, defaultOf("uint64", "18446744073709551615").longValue(), "UINT64 as raw bits");
        assertEquals(1.5, defaultOf("float64", "1.5").doubleValue());
        assertEquals(-2.5e3, defaultOf("double", "-2.5e3").doubleValue());
        assertEquals((double)0.1f, defaultOf("float32", "0.1").doubleValue(), "rounded to float as ingest does");
        assertEquals(DefaultValue.Kind.CONSTANT, defaultOf("int", "0").kind());
    }

    @Test
    void boolDecimalAndStringDefaults()
    {
        assertEquals(1, defaultOf("bool", "true").longValue());
        assertEquals(0, defaultOf("bool", "FALSE").longValue());
        assertEquals(1, defaultOf("bool", "1").longValue(), "bool takes 1/0");
        assertEquals(1, defaultOf("int", "true").longValue(), "true into an int is 1 (spec/proton.md)");
        assertEquals(1234, defaultOf("decimal(10, 2)", "12.345").longValue(), "truncated, as ingest truncates");
        final DefaultValue wide = defaultOf("decimal(30, 2)", "'-1234567890123456789012.5'");
        final BigInteger unscaled = new BigInteger("-123456789012345678901250");
        assertEquals(unscaled.longValue(), wide.longValue());
        assertEquals(unscaled.shiftRight(64).longValue(), wide.highBits());
        assertArrayEquals("it's".getBytes(StandardCharsets.UTF_8), defaultOf("string", "'it''s'").bytes());
        assertEquals("'it''s'", defaultOf("string", "'it''s'").text());
        assertArrayEquals("3.50".getBytes(StandardCharsets.UTF_8), defaultOf("string", "3.50").bytes(),
            "a number into a string column is its literal text");
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), defaultOf("fixed_string(2)", "'ab'").bytes());
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), defaultOf("low_cardinality(string)", "'x'").bytes());
        assertArrayEquals(new byte[0], defaultOf("string", "''").bytes());
    }

    @Test
    void temporalUuidInetJsonAndCompositeDefaults()
    {
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), defaultOf("date", "'2024-02-29'").longValue());
        final long shanghai = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000)
            .toEpochSecond(ZoneOffset.ofHours(8));
        assertEquals(shanghai * 1_000_000 + 123_000,
            defaultOf("datetime64(3, 'Asia/Shanghai')", "'2024-01-02 03:04:05.123'").longValue(),
            "read in the column's zone, µs");
        assertEquals(shanghai * 1_000_000_000 + 123_000_000,
            defaultOf("datetime64(9, 'Asia/Shanghai')", "'2024-01-02 03:04:05.123'").longValue(), "ns");
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5).toEpochSecond(ZoneOffset.UTC) * 1_000_000,
            defaultOf("datetime", "'2024-01-02T03:04:05Z'").longValue());
        assertEquals(1_700_000_000L * 1_000_000, defaultOf("datetime", "1700000000").longValue(),
            "an epoch number, its unit guessed");
        final UUID uuid = UUID.fromString("0123e456-789a-4bcd-8ef0-123456789abc");
        final DefaultValue u = defaultOf("uuid", "'" + uuid + "'");
        assertEquals(uuid.getMostSignificantBits(), u.highBits());
        assertEquals(uuid.getLeastSignificantBits(), u.longValue());
        assertArrayEquals("10.0.0.1".getBytes(StandardCharsets.UTF_8), defaultOf("ipv4", "'10.0.0.1'").bytes());
        assertEquals("{\"a\":1}", new String(defaultOf("json", "'{\"a\":1}'").bytes(), StandardCharsets.UTF_8));
        assertEquals("[1,2]", new String(defaultOf("array(int)", "'[1, 2]'").bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void nullAndNowDefaults()
    {
        assertSame(DefaultValue.NULL, defaultOf("nullable(int)", "null"));
        assertSame(DefaultValue.NULL, defaultOf("nullable(int)", "''"), "'' into nullable(T) is NULL");
        assertEquals(7, defaultOf("nullable(int)", "7").longValue());
        assertTrue(only("nullable(int)", "DEFAULT 7").nullable());
        for (final String now : List.of("now()", "NOW()", "now64()", "now64(3)", "now64(3, 'UTC')", "now('UTC')"))
        {
            assertSame(DefaultValue.NOW, defaultOf("datetime64(3)", now), now);
        }
        assertSame(DefaultValue.NOW, defaultOf("datetime", "now()"));
        assertSame(DefaultValue.NOW, defaultOf("datetime64(9, 'UTC')", "now64(9)"));
        assertSame(DefaultValue.NOW, defaultOf("date", "now()"));
        assertSame(DefaultValue.NOW, defaultOf("nullable(datetime64(3))", "now64()"));
        final ProtonStream stream = ProtonStreamDdl.parse("CREATE STREAM s (t datetime64(3) DEFAULT now64(3,'UTC'))");
        assertEquals("now64(3,'UTC')", stream.columns().get(0).defaultExpression(), "as written");
    }

    @Test
    void declaredTpTimeReplacesTheImplicitOne()
    {
        final ProtonStream stream = ProtonStreamDdl.parse(
            "CREATE STREAM s (_tp_time datetime64(6, 'UTC') DEFAULT now64(6, 'UTC'), v float64)");
        assertEquals(List.of("_tp_time", "v"), stream.schema().columns().stream().map(Column::name).toList());
        assertEquals(DataType.timestamp(6, ZoneOffset.UTC), stream.schema().column(0).type());
        assertSame(DefaultValue.NOW, stream.schema().column(0).defaultValue());
        final ProtonStream bare = ProtonStreamDdl.parse("CREATE STREAM s (v int, _tp_time datetime)");
        assertEquals(List.of("v", "_tp_time"), bare.schema().columns().stream().map(Column::name).toList());
        assertSame(DefaultValue.NOW, bare.schema().column(1).defaultValue(), "the ingest time without a DEFAULT");
        final ProtonStream constant = ProtonStreamDdl.parse(
            "CREATE STREAM s (_tp_time datetime64(3, 'UTC') DEFAULT '2020-01-01 00:00:00')");
        assertEquals(DefaultValue.Kind.CONSTANT, constant.schema().column(0).defaultValue().kind());
    }

    @Test
    void namesAreCaseSensitiveAndMayBeQuoted()
    {
        final ProtonStream stream = ProtonStreamDdl.parse(
            "create stream MyStream (Id int, `odd name` string, \"x\"\"y\" uuid, `DEFAULT` int)");
        assertEquals("MyStream", stream.name());
        assertEquals(List.of("Id", "odd name", "x\"y", "DEFAULT", "_tp_time"),
            stream.schema().columns().stream().map(Column::name).toList());
        assertEquals(0, stream.schema().indexOf("Id"));
        assertEquals(TableSchema.NOT_FOUND, stream.schema().indexOf("id"), "exact case only");
        final ProtonStream tpUpper = ProtonStreamDdl.parse("CREATE STREAM s (_TP_SN int)");
        assertEquals("_TP_SN", tpUpper.schema().column(0).name(), "the reserved prefix is lower case, as Proton's");
    }

    @Test
    void ifNotExistsDatabaseSettingsAndSemicolon()
    {
        final String sql = "CREATE STREAM IF NOT EXISTS analytics.`Clicks` (ts datetime64(3), url string) " +
            "SETTINGS event_time_column='ts', shards = 3, logstore_retention_ms = '86400000', mode = 'append';";
        final ProtonStream stream = ProtonStreamDdl.parse(sql);
        assertTrue(stream.ifNotExists());
        assertEquals("analytics", stream.database());
        assertEquals("Clicks", stream.name());
        assertEquals("analytics.Clicks", stream.qualifiedName());
        assertEquals("ts", stream.eventTimeColumn());
        assertEquals(Map.of("event_time_column", "ts"), stream.properties());
        assertEquals(sql, stream.ddl());
        assertEquals(3, stream.schema().columnCount());
        final ProtonStream quotedDb = ProtonStreamDdl.parse("CREATE STREAM `my-db`.s (d date) " +
            "SETTINGS event_time_column = 'd'");
        assertEquals("my-db", quotedDb.database());
        assertEquals("d", quotedDb.eventTimeColumn());
        final ProtonStream commented = ProtonStreamDdl.parse("-- a stream\nCREATE STREAM s ( /* id */ x int )");
        assertEquals("x", commented.schema().column(0).name());
        assertEquals("default", ProtonStreamDdl.parse("CREATE STREAM default.s (x int)").database());
    }

    @Test
    void eventTimeColumnOfEveryTemporalKind()
    {
        for (final String type : List.of("date", "datetime", "datetime64(3)", "datetime64(9, 'UTC')",
            "nullable(datetime64(3))", "low_cardinality(datetime)"))
        {
            assertEquals("t", ProtonStreamDdl.parse("CREATE STREAM s (t " + type + ") SETTINGS " +
                "event_time_column = 't'").eventTimeColumn(), type);
        }
    }

    static Stream<Arguments> errorCases()
    {
        return SqlErrorCases.load("proton/create-stream-errors.txt").stream().map(c -> Arguments.of(c[0], c[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void rejected(final String sql, final String message)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ProtonStreamDdl.parse(sql));
        assertEquals(message, ex.getMessage());
    }

    @Test
    void typeTextErrors()
    {
        assertEquals("syntax error at position 7 near \"INT\": expected end of statement",
            assertThrows(IllegalArgumentException.class, () -> ProtonTypes.parse("int32 int")).getMessage());
        assertEquals("syntax error at end of statement: expected a column type",
            assertThrows(IllegalArgumentException.class, () -> ProtonTypes.parse("")).getMessage());
    }

    @Test
    void jsonForm() throws Exception
    {
        final ProtonStream stream = ProtonStreamDdl.fromJson(JSON.readTree("{\"name\":\"s\",\"columns\":[" +
            "{\"name\":\"id\",\"type\":\"int\"}," +
            "{\"name\":\"Name\",\"type\":\"string\",\"nullable\":true,\"default\":\"'n/a'\"}," +
            "{\"name\":\"n\",\"type\":\"nullable(int)\",\"nullable\":false,\"default\":7}," +
            "{\"name\":\"ok\",\"type\":\"bool\",\"default\":true}," +
            "{\"name\":\"ts\",\"type\":\"datetime64(3, 'UTC')\",\"default\":\"now64(3, 'UTC')\"}]," +
            "\"event_time_column\":\"ts\",\"shards\":1,\"order_by_expression\":\"id\"}"));
        assertEquals("default", stream.database());
        assertEquals("s", stream.name());
        assertFalse(stream.ifNotExists());
        assertEquals("ts", stream.eventTimeColumn());
        assertEquals(List.of(
            new ProtonColumn("id", "int32", false, null),
            new ProtonColumn("Name", "nullable(string)", true, "'n/a'"),
            new ProtonColumn("n", "nullable(int32)", true, "7"),
            new ProtonColumn("ok", "bool", false, "true"),
            new ProtonColumn("ts", "datetime64(3, 'UTC')", false, "now64(3, 'UTC')"),
            // The event time column is _tp_time's DEFAULT.
            new ProtonColumn("_tp_time", "datetime64(3, 'UTC')", false, "ts")),
            stream.columns());
        assertArrayEquals("n/a".getBytes(StandardCharsets.UTF_8), stream.schema().column(1).defaultValue().bytes());
        assertEquals(7, stream.schema().column(2).defaultValue().longValue());
        assertEquals(1, stream.schema().column(3).defaultValue().longValue());
        assertSame(DefaultValue.NOW, stream.schema().column(4).defaultValue());
        assertEquals("CREATE STREAM `default`.`s` (`id` int32, `Name` nullable(string) DEFAULT 'n/a', " +
            "`n` nullable(int32) DEFAULT 7, `ok` bool DEFAULT true, `ts` datetime64(3, 'UTC') DEFAULT " +
            "now64(3, 'UTC')) SETTINGS event_time_column = 'ts'", stream.ddl());
        final ProtonStream reparsed = ProtonStreamDdl.parse(stream.ddl());
        assertEquals(stream.schema().columns(), reparsed.schema().columns(), "the generated DDL says the same");
        assertEquals(stream.columns(), reparsed.columns());
        assertEquals(stream.eventTimeColumn(), reparsed.eventTimeColumn());
    }

    @Test
    void jsonFormQuotesOddNames() throws Exception
    {
        final ProtonStream stream = ProtonStreamDdl.fromJson(JSON.readTree(
            "{\"name\":\"a`b\",\"columns\":[{\"name\":\"c d\",\"type\":\"int\"}]}"));
        assertEquals("CREATE STREAM `default`.`a``b` (`c d` int32)", stream.ddl());
        final ProtonStream reparsed = ProtonStreamDdl.parse(stream.ddl());
        assertEquals("a`b", reparsed.name());
        assertEquals("c d", reparsed.schema().column(0).name());
    }

    static Stream<Arguments> jsonErrors()
    {
        return Stream.of(
            Arguments.of("[]", "Invalid Request, the body must be a JSON object"),
            Arguments.of("{\"columns\":[{\"name\":\"x\",\"type\":\"int\"}]}", "Invalid Request, 'name' field is missing"),
            Arguments.of("{\"name\":\"\",\"columns\":[]}", "Invalid Request, 'name' must be a non-empty string"),
            Arguments.of("{\"name\":1,\"columns\":[]}", "Invalid Request, 'name' must be a non-empty string"),
            Arguments.of("{\"name\":\"s\"}", "Invalid Request, 'columns' field is missing"),
            Arguments.of("{\"name\":\"s\",\"columns\":[]}", "Invalid Request, 'columns' field is invalid"),
            Arguments.of("{\"name\":\"s\",\"columns\":{}}", "Invalid Request, 'columns' field is invalid"),
            Arguments.of("{\"name\":\"s\",\"columns\":[1]}", "Invalid Request, columns[0] must be an object"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"type\":\"int\"}]}",
                "Invalid Request, columns[0]: 'name' field is missing"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"y\"}]}",
                "Invalid Request, columns[1]: 'type' field is missing"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":3}]}",
                "Invalid Request, columns[0]: 'type' must be a non-empty string"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\",\"nullable\":\"yes\"}]}",
                "Invalid Request, columns[0]: 'nullable' must be true or false"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\",\"default\":[1]}]}",
                "Invalid Request, columns[0]: 'default' must be an expression string, a number or a boolean"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}],\"event_time_column\":1}",
                "Invalid Request, 'event_time_column' must be a string"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int128\"}]}",
                "column x: unknown type int128 at position 1"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int) SETTINGS mode='x'\"}]}",
                "column x: syntax error at position 4 near \")\": expected end of statement"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"array(int)\",\"nullable\":true}]}",
                "column x: array cannot be inside nullable (position 10)"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\",\"default\":\"abc\"}]}",
                "column x: unsupported DEFAULT expression at position 1: only literals (numbers, strings, true, " +
                    "false, null), now() and now64() are supported"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\",\"default\":\"1, y int\"}]}",
                "column x: syntax error at position 2 near \",\": expected end of statement"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int8\",\"default\":300}]}",
                "DEFAULT 300 does not fit column x of type int8 (position 1)"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"x\",\"type\":\"int\"}]}",
                "duplicate column name x"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"_tp_sn\",\"type\":\"int\"}]}",
                "column name _tp_sn is reserved: names starting with _tp_ belong to Proton"),
            Arguments.of("{\"name\":\"s\",\"columns\":[{\"name\":\"x\",\"type\":\"int\"}],\"event_time_column\":\"x\"}",
                "event_time_column 'x' must name a date, datetime or datetime64 column of the stream other than " +
                    "_tp_time"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("jsonErrors")
    void jsonFormRejected(final String body, final String message) throws Exception
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ProtonStreamDdl.fromJson(JSON.readTree(body)));
        assertEquals(message, ex.getMessage());
    }
}
