package sluice.server.store;

import sluice.codec.schema.DataType;

/** DuckDB column types for canonical types (ARCHITECTURE.md "Canonical types and their DuckDB storage"). */
public final class TypeNames
{
    private TypeNames()
    {
    }

    public static String duckdb(final DataType type)
    {
        switch (type.kind())
        {
            case BOOLEAN: return "BOOLEAN";
            case INT8: return "TINYINT";
            case INT16: return "SMALLINT";
            case INT32: return "INTEGER";
            case INT64: return "BIGINT";
            case UINT8: return "UTINYINT";
            case UINT16: return "USMALLINT";
            case UINT32: return "UINTEGER";
            case UINT64: return "UBIGINT";
            case FLOAT32: return "FLOAT";
            case FLOAT64: return "DOUBLE";
            case DECIMAL: return "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case DATE: return "DATE";
            case TIME: return "TIME";
            case TIMESTAMP: return "TIMESTAMP";
            case TIMESTAMP_NS: return "TIMESTAMP_NS";
            case BINARY: return "BLOB";
            case JSON: return "JSON";
            case UUID: return "UUID";
            case ARRAY: return duckdb(type.elementType()) + "[]";
            case MAP: return "MAP(" + duckdb(type.keyType()) + ", " + duckdb(type.valueType()) + ")";
            default: return "VARCHAR";
        }
    }
}
