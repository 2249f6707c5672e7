package sluice.server.machbase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sluice.codec.schema.DataType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachbaseTypesTest
{
    @ParameterizedTest
    @CsvSource({
        "short, INT16", "SHORT, INT16", "int16, INT16",
        "ushort, UINT16", "uint16, UINT16", "unsigned short, UINT16", "UNSIGNED   SHORT, UINT16",
        "integer, INT32", "int, INT32", "int32, INT32",
        "uinteger, UINT32", "uint32, UINT32", "unsigned integer, UINT32", "unsigned int, UINT32",
        "long, INT64", "int64, INT64", "bigint, INT64",
        "ulong, UINT64", "uint64, UINT64", "unsigned long, UINT64",
        "float, FLOAT32", "float32, FLOAT32",
        "double, FLOAT64", "float64, FLOAT64",
        "datetime, TIMESTAMP_NS(9)",
        "varchar, VARCHAR", "text, VARCHAR",
        "binary, BINARY",
        "ipv4, INET", "ipv6, INET",
        "json, JSON",
    })
    void machbaseNames(final String name, final String dataType)
    {
        assertEquals(dataType, MachbaseTypes.dataType(name, 0).toString());
        assertTrue(MachbaseTypes.isTypeName(name));
    }

    @Test
    void varcharLength()
    {
        assertEquals(DataType.varchar(40), MachbaseTypes.dataType("VarChar", 40));
        assertEquals(DataType.varchar(40), MachbaseTypes.parse("varchar(40)"));
        assertEquals(DataType.varchar(40), MachbaseTypes.parse(" varchar ( 40 ) "));
        assertEquals(DataType.VARCHAR, MachbaseTypes.parse("varchar"));
        assertEquals(DataType.UINT64, MachbaseTypes.parse("unsigned long"));
        assertEquals(DataType.TIMESTAMP_NS, MachbaseTypes.parse("DATETIME"));
    }

    @Test
    void badNames()
    {
        assertEquals("unknown column type 'strng'",
            assertThrows(IllegalArgumentException.class, () -> MachbaseTypes.dataType("strng", 0)).getMessage());
        assertEquals("column type 'double' takes no length",
            assertThrows(IllegalArgumentException.class, () -> MachbaseTypes.dataType("double", 8)).getMessage());
        assertEquals("varchar length must be 1..32768: 0",
            assertThrows(IllegalArgumentException.class, () -> MachbaseTypes.parse("varchar(0)")).getMessage());
        assertEquals("malformed column type 'varchar(x)'",
            assertThrows(IllegalArgumentException.class, () -> MachbaseTypes.parse("varchar(x)")).getMessage());
        assertEquals("malformed column type 'varchar(4'",
            assertThrows(IllegalArgumentException.class, () -> MachbaseTypes.parse("varchar(4")).getMessage());
        assertFalse(MachbaseTypes.isTypeName("decimal"));
        assertFalse(MachbaseTypes.isTypeName("unsigned"));
    }

    @ParameterizedTest
    @CsvSource({
        "short, int16", "ushort, uint16", "integer, int32", "uinteger, uint32", "long, int64", "ulong, uint64",
        "float, float", "double, double", "datetime, datetime", "varchar, string", "text, string",
        "binary, binary", "ipv4, ipv6", "json, json",
    })
    void outputNamesOfMachbaseTypes(final String machbase, final String output)
    {
        assertEquals(output, MachbaseTypes.outputTypeName(MachbaseTypes.dataType(machbase, 0)));
    }

    @Test
    void outputNamesOfOtherKinds()
    {
        assertEquals("bool", MachbaseTypes.outputTypeName(DataType.BOOLEAN));
        assertEquals("int8", MachbaseTypes.outputTypeName(DataType.INT8));
        assertEquals("uint16", MachbaseTypes.outputTypeName(DataType.UINT8));
        assertEquals("decimal", MachbaseTypes.outputTypeName(DataType.decimal(10, 2)));
        assertEquals("date", MachbaseTypes.outputTypeName(DataType.DATE));
        assertEquals("time", MachbaseTypes.outputTypeName(DataType.TIME));
        assertEquals("datetime", MachbaseTypes.outputTypeName(DataType.TIMESTAMP));
        assertEquals("string", MachbaseTypes.outputTypeName(DataType.UUID));
        assertEquals("string", MachbaseTypes.outputTypeName(DataType.array(DataType.INT32)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BOOLEAN|bool", "TINYINT|int8", "SMALLINT|int16", "INTEGER|int32", "BIGINT|int64", "HUGEINT|decimal",
        "UTINYINT|uint16", "USMALLINT|uint16", "UINTEGER|uint32", "UBIGINT|uint64", "UHUGEINT|decimal",
        "FLOAT|float", "DOUBLE|double", "DECIMAL(10,2)|decimal", "VARCHAR|string", "BLOB|binary", "JSON|json",
        "DATE|date", "TIME|time", "TIME WITH TIME ZONE|time", "TIMESTAMP|datetime", "TIMESTAMP_S|datetime",
        "TIMESTAMP_MS|datetime", "TIMESTAMP_NS|datetime", "TIMESTAMP WITH TIME ZONE|datetime", "UUID|string",
        "INTERVAL|string", "INTEGER[]|string", "INTEGER[2]|string", "STRUCT(k INTEGER)|string",
        "MAP(VARCHAR, INTEGER)|string", "BIT|string", "ENUM('a', 'b')|string", "SOMETHING_NEW|string",
        "INET|ipv6", "timestamp_ns|datetime",
    })
    void outputNamesOfDuckDbTypes(final String duckDb, final String output)
    {
        assertEquals(output, MachbaseTypes.outputTypeName(duckDb));
    }

    /** An unknown name falls back on the JDBC type code, so a future temporal type still prints as datetime. */
    @ParameterizedTest
    @CsvSource({
        "TIMESTAMP_PS, 93, datetime", "TIMESTAMP_PS, 2014, datetime", "DATE32, 91, date", "TIME_NS, 92, time",
        "INT128X, -5, int64", "INT8X, -6, int8", "SMALLX, 5, int16", "INTX, 4, int32", "FLOATX, 7, float",
        "FLOATX, 6, double", "DOUBLEX, 8, double", "NUMBERX, 2, decimal", "NUMBERX, 3, decimal",
        "BYTESX, -2, binary", "BYTESX, -3, binary", "BYTESX, -4, binary", "BYTESX, 2004, binary",
        "BOOLX, 16, bool", "BIT, -7, string", "INTERVAL, 1111, string", "INTEGER, 12, int32",
    })
    void unknownNamesFallBackOnJdbcTypes(final String name, final int jdbcType, final String output)
    {
        assertEquals(output, MachbaseTypes.outputTypeName(name, jdbcType));
    }

    /** The names duckdb_jdbc really reports for each type map as the table above says. */
    @Test
    void duckDbMetadataNames() throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT true, 1::TINYINT, 1::SMALLINT, 1::INTEGER, 1::BIGINT, " +
                "1::HUGEINT, 1::UTINYINT, 1::USMALLINT, 1::UINTEGER, 1::UBIGINT, 1::UHUGEINT, 1::FLOAT, 1::DOUBLE, " +
                "1::DECIMAL(10,2), 'x', 'x'::BLOB, '{}'::JSON, DATE '2024-01-01', TIME '01:02:03', " +
                "TIMESTAMP '2024-01-01', '2024-01-01'::TIMESTAMP_NS, '2024-01-01'::TIMESTAMP_MS, " +
                "'2024-01-01'::TIMESTAMP_S, TIMESTAMPTZ '2024-01-01', uuid(), INTERVAL 1 DAY, [1], {'k': 1}"))
        {
            final String[] expected =
            {
                "bool", "int8", "int16", "int32", "int64", "decimal", "uint16", "uint16", "uint32", "uint64",
                "decimal", "float", "double", "decimal", "string", "binary", "json", "date", "time", "datetime",
                "datetime", "datetime", "datetime", "datetime", "string", "string", "string", "string",
            };
            final ResultSetMetaData metaData = rs.getMetaData();
            assertEquals(expected.length, metaData.getColumnCount());
            assertArrayEquals(expected, MachbaseTypes.outputTypeNames(metaData));
            for (int i = 0; i < expected.length; i++)
            {
                assertEquals(expected[i], MachbaseTypes.outputTypeName(metaData.getColumnTypeName(i + 1)),
                    metaData.getColumnTypeName(i + 1));
            }
        }
    }
}
