package sluice.codec.schema;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableSchemaTest
{
    private final TableSchema schema = TableSchema.of("t",
        Column.of("name", DataType.VARCHAR),
        Column.builder("Quoted", DataType.INT32).caseSensitive(true).build(),
        Column.builder("quoted", DataType.INT32).caseSensitive(true).build(),
        Column.of("Ünïcode", DataType.INT32),
        Column.builder("_ARRIVAL_TIME", DataType.TIMESTAMP_NS).hidden(true).build(),
        Column.of("value", DataType.FLOAT64));

    @Test
    void unquotedNamesMatchInAnyCaseQuotedNamesOnlyExactly()
    {
        assertEquals(0, lookup("name"));
        assertEquals(0, lookup("NAME"));
        assertEquals(0, lookup("nAmE"));
        assertEquals(1, lookup("Quoted"));
        assertEquals(2, lookup("quoted"));
        assertEquals(TableSchema.NOT_FOUND, lookup("QUOTED"));
        assertEquals(5, lookup("VALUE"));
        assertEquals(TableSchema.NOT_FOUND, lookup("valu"));
        assertEquals(TableSchema.NOT_FOUND, lookup(""));
    }

    @Test
    void nonAsciiNamesFoldThroughUnicodeCaseRules()
    {
        assertEquals(3, lookup("Ünïcode"));
        assertEquals(3, lookup("üNÏCODE"));
    }

    @Test
    void hiddenColumnsAreNotPositionalButCanBeNamed()
    {
        assertArrayEquals(new int[]{0, 1, 2, 3, 5}, schema.positionalColumns());
        assertEquals(4, lookup("_arrival_time"));
    }

    @Test
    void lookupByStringAgreesWithLookupByBytes()
    {
        for (final String name : new String[]{"name", "NAME", "Quoted", "quoted", "QUOTED", "value", "x"})
        {
            assertEquals(lookup(name), schema.indexOf(name), name);
        }
    }

    @Test
    void rejectsDuplicateAndEmptySchemas()
    {
        assertThrows(IllegalArgumentException.class,
            () -> TableSchema.of("t", Column.of("a", DataType.INT8), Column.of("a", DataType.INT8)));
        assertThrows(IllegalArgumentException.class, () -> TableSchema.of("t"));
    }

    @Test
    void columnsWithoutExplicitDefaultsDefaultToNullOnlyWhenNullable()
    {
        assertEquals(DefaultValue.NULL, schema.column(0).defaultValue());
        assertNull(Column.builder("x", DataType.INT8).nullable(false).build().defaultValue());
    }

    @Test
    void typesPrintTheirCanonicalNames()
    {
        assertEquals("DECIMAL(10,2)", DataType.decimal(10, 2).toString());
        assertEquals("ARRAY(ARRAY(VARCHAR))", DataType.array(DataType.array(DataType.VARCHAR)).toString());
        assertEquals("TIMESTAMP_NS(9, 'Asia/Seoul')",
            DataType.timestamp(9, java.time.ZoneId.of("Asia/Seoul")).toString());
        assertEquals(16, DataType.decimal(19, 0).slotWidth());
        assertEquals(8, DataType.decimal(18, 0).slotWidth());
        assertThrows(IllegalArgumentException.class, () -> DataType.decimal(39, 0));
    }

    @Test
    void canonicalTypeNamesParseBack()
    {
        for (final DataType type : new DataType[]{
            DataType.INT8, DataType.UINT64, DataType.decimal(38, 10), DataType.varchar(40), DataType.TIMESTAMP,
            DataType.TIMESTAMP_NS, DataType.timestamp(3, java.time.ZoneId.of("Asia/Shanghai")),
            DataType.timestamp(9, null), DataType.array(DataType.array(DataType.VARCHAR)),
            DataType.map(DataType.VARCHAR, DataType.decimal(10, 2)), DataType.JSON, DataType.UUID, DataType.BINARY})
        {
            assertEquals(type, SchemaText.type(type.toString()), type.toString());
        }
    }

    private int lookup(final String name)
    {
        final byte[] bytes = ("##" + name + "##").getBytes(StandardCharsets.UTF_8);
        return schema.indexOf(new UnsafeBuffer(bytes), 2, bytes.length - 4);
    }
}
