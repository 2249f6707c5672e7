package sluice.codec.schema;

/**
 * The canonical types every dialect maps onto (ARCHITECTURE.md, "Canonical types and their DuckDB storage").
 * <p>
 * {@link #fixedWidth()} is the size of a value's slot in an encoded row ({@code sluice.codec.row.RowBatchDescriptor});
 * {@link #VARIABLE} marks kinds stored as (offset, length) into the row's variable-length area. DECIMAL's width
 * depends on its precision, so it is resolved by {@link DataType#slotWidth()}.
 */
public enum TypeKind
{
    BOOLEAN(1),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    FLOAT32(4),
    FLOAT64(8),
    /** Unscaled value: a long when precision ≤ 18, else two longs (high, low). */
    DECIMAL(0),
    /** UTF-8 text. */
    VARCHAR(TypeKind.VARIABLE),
    /** Days since 1970-01-01 as an int. */
    DATE(4),
    /** Nanoseconds since midnight. */
    TIME(8),
    /** Microseconds since the epoch, UTC. */
    TIMESTAMP(8),
    /** Nanoseconds since the epoch, UTC. */
    TIMESTAMP_NS(8),
    /** Raw bytes. */
    BINARY(TypeKind.VARIABLE),
    /** Validated JSON text. */
    JSON(TypeKind.VARIABLE),
    /** 16 bytes: most significant long, least significant long. */
    UUID(16),
    /** IPv4 or IPv6 address as validated text. */
    INET(TypeKind.VARIABLE),
    /** Canonical JSON array text whose elements were validated against the element type. */
    ARRAY(TypeKind.VARIABLE),
    /** Canonical JSON object text whose keys and values were validated against the key and value types. */
    MAP(TypeKind.VARIABLE);

    /** Marker width for values kept in the variable-length area of a row. */
    public static final int VARIABLE = -1;

    private final int fixedWidth;

    TypeKind(final int fixedWidth)
    {
        this.fixedWidth = fixedWidth;
    }

    /** Slot width in bytes, {@link #VARIABLE} for variable-length kinds, 0 where the type decides (DECIMAL). */
    public int fixedWidth()
    {
        return fixedWidth;
    }

    public boolean isVariableLength()
    {
        return fixedWidth == VARIABLE;
    }

    public boolean isSignedInteger()
    {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isUnsignedInteger()
    {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    public boolean isInteger()
    {
        return isSignedInteger() || isUnsignedInteger();
    }

    public boolean isFloatingPoint()
    {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isNumeric()
    {
        return isInteger() || isFloatingPoint() || this == DECIMAL;
    }

    /** Kinds whose text form is taken as is: an empty field is an empty string, not NULL. */
    public boolean isString()
    {
        return this == VARCHAR;
    }

    public boolean isTemporal()
    {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMP_NS;
    }
}
