package sluice.codec.schema;

import java.time.ZoneId;
import java.util.Objects;

/**
 * An immutable canonical type: a {@link TypeKind} plus the parameters that kind needs.
 * <table>
 * <caption>parameters by kind</caption>
 * <tr><th>kind</th><th>parameters</th></tr>
 * <tr><td>DECIMAL</td><td>precision 1..38, scale 0..precision</td></tr>
 * <tr><td>VARCHAR</td><td>length: declared maximum (informational, never enforced: the Feldera CSV seed
 * ingests longer strings untruncated), 0 when none</td></tr>
 * <tr><td>TIMESTAMP, TIMESTAMP_NS</td><td>precision: fractional-second digits kept (3 = ms, 6 = µs, 9 = ns);
 * zone: the zone of values written without an offset (Proton {@code datetime64(3, 'Asia/Shanghai')}), null = the
 * request's zone or UTC</td></tr>
 * <tr><td>ARRAY</td><td>element type</td></tr>
 * <tr><td>MAP</td><td>key type, value type</td></tr>
 * </table>
 */
public final class DataType
{
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Largest precision whose unscaled value fits a long. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    public static final DataType BOOLEAN = new DataType(TypeKind.BOOLEAN, 0, 0, 0, null, null, null);
    public static final DataType INT8 = new DataType(TypeKind.INT8, 0, 0, 0, null, null, null);
    public static final DataType INT16 = new DataType(TypeKind.INT16, 0, 0, 0, null, null, null);
    public static final DataType INT32 = new DataType(TypeKind.INT32, 0, 0, 0, null, null, null);
    public static final DataType INT64 = new DataType(TypeKind.INT64, 0, 0, 0, null, null, null);
    public static final DataType UINT8 = new DataType(TypeKind.UINT8, 0, 0, 0, null, null, null);
    public static final DataType UINT16 = new DataType(TypeKind.UINT16, 0, 0, 0, null, null, null);
    public static final DataType UINT32 = new DataType(TypeKind.UINT32, 0, 0, 0, null, null, null);
    public static final DataType UINT64 = new DataType(TypeKind.UINT64, 0, 0, 0, null, null, null);
    public static final DataType FLOAT32 = new DataType(TypeKind.FLOAT32, 0, 0, 0, null, null, null);
    public static final DataType FLOAT64 = new DataType(TypeKind.FLOAT64, 0, 0, 0, null, null, null);
    public static final DataType VARCHAR = new DataType(TypeKind.VARCHAR, 0, 0, 0, null, null, null);
    public static final DataType DATE = new DataType(TypeKind.DATE, 0, 0, 0, null, null, null);
    public static final DataType TIME = new DataType(TypeKind.TIME, 9, 0, 0, null, null, null);
    public static final DataType TIMESTAMP = new DataType(TypeKind.TIMESTAMP, 6, 0, 0, null, null, null);
    public static final DataType TIMESTAMP_NS = new DataType(TypeKind.TIMESTAMP_NS, 9, 0, 0, null, null, null);
    public static final DataType BINARY = new DataType(TypeKind.BINARY, 0, 0, 0, null, null, null);
    public static final DataType JSON = new DataType(TypeKind.JSON, 0, 0, 0, null, null, null);
    public static final DataType UUID = new DataType(TypeKind.UUID, 0, 0, 0, null, null, null);
    public static final DataType INET = new DataType(TypeKind.INET, 0, 0, 0, null, null, null);

    private final TypeKind kind;
    private final int precision;
    private final int scale;
    private final int length;
    private final ZoneId zone;
    private final DataType elementType;
    private final DataType valueType;

    private DataType(
        final TypeKind kind,
        final int precision,
        final int scale,
        final int length,
        final ZoneId zone,
        final DataType elementType,
        final DataType valueType)
    {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.length = length;
        this.zone = zone;
        this.elementType = elementType;
        this.valueType = valueType;
    }

    /** The shared instance of a kind that takes no parameters. */
    public static DataType of(final TypeKind kind)
    {
        switch (kind)
        {
            case BOOLEAN: return BOOLEAN;
            case INT8: return INT8;
            case INT16: return INT16;
            case INT32: return INT32;
            case INT64: return INT64;
            case UINT8: return UINT8;
            case UINT16: return UINT16;
            case UINT32: return UINT32;
            case UINT64: return UINT64;
            case FLOAT32: return FLOAT32;
            case FLOAT64: return FLOAT64;
            case VARCHAR: return VARCHAR;
            case DATE: return DATE;
            case TIME: return TIME;
            case TIMESTAMP: return TIMESTAMP;
            case TIMESTAMP_NS: return TIMESTAMP_NS;
            case BINARY: return BINARY;
            case JSON: return JSON;
            case UUID: return UUID;
            case INET: return INET;
            default: throw new IllegalArgumentException(kind + " needs parameters");
        }
    }

    public static DataType decimal(final int precision, final int scale)
    {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION)
        {
            throw new IllegalArgumentException("DECIMAL precision must be 1.." + MAX_DECIMAL_PRECISION + ": " + precision);
        }
        if (scale < 0 || scale > precision)
        {
            throw new IllegalArgumentException("DECIMAL scale must be 0.." + precision + ": " + scale);
        }
        return new DataType(TypeKind.DECIMAL, precision, scale, 0, null, null, null);
    }

    public static DataType varchar(final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("VARCHAR length must not be negative: " + length);
        }
        return length == 0 ? VARCHAR : new DataType(TypeKind.VARCHAR, 0, 0, length, null, null, null);
    }

    /**
     * A timestamp keeping {@code precision} fractional digits (0..9): up to 6 is stored in microseconds, 7..9 in
     * nanoseconds. {@code zone} may be null.
     */
    public static DataType timestamp(final int precision, final ZoneId zone)
    {
        if (precision < 0 || precision > 9)
        {
            throw new IllegalArgumentException("timestamp precision must be 0..9: " + precision);
        }
        final TypeKind kind = precision <= 6 ? TypeKind.TIMESTAMP : TypeKind.TIMESTAMP_NS;
        return new DataType(kind, precision, 0, 0, zone, null, null);
    }

    public static DataType array(final DataType elementType)
    {
        return new DataType(TypeKind.ARRAY, 0, 0, 0, null, Objects.requireNonNull(elementType), null);
    }

    public static DataType map(final DataType keyType, final DataType valueType)
    {
        return new DataType(
            TypeKind.MAP, 0, 0, 0, null, Objects.requireNonNull(keyType), Objects.requireNonNull(valueType));
    }

    public TypeKind kind()
    {
        return kind;
    }

    public int precision()
    {
        return precision;
    }

    public int scale()
    {
        return scale;
    }

    public int length()
    {
        return length;
    }

    public ZoneId zone()
    {
        return zone;
    }

    /** ARRAY's element type, MAP's key type, else null. */
    public DataType elementType()
    {
        return elementType;
    }

    public DataType keyType()
    {
        return elementType;
    }

    public DataType valueType()
    {
        return valueType;
    }

    /** True for a DECIMAL whose unscaled value needs two longs. */
    public boolean isWideDecimal()
    {
        return kind == TypeKind.DECIMAL && precision > MAX_LONG_DECIMAL_PRECISION;
    }

    /** Bytes of this type's slot in an encoded row; variable-length kinds keep an (offset, length) pair there. */
    public int slotWidth()
    {
        if (kind == TypeKind.DECIMAL)
        {
            return isWideDecimal() ? 16 : 8;
        }
        return kind.isVariableLength() ? 8 : kind.fixedWidth();
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof DataType))
        {
            return false;
        }
        final DataType that = (DataType)o;
        return kind == that.kind && precision == that.precision && scale == that.scale && length == that.length &&
            Objects.equals(zone, that.zone) && Objects.equals(elementType, that.elementType) &&
            Objects.equals(valueType, that.valueType);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(kind, precision, scale, length, zone, elementType, valueType);
    }

    /** The canonical name, e.g. {@code DECIMAL(10,2)}, {@code TIMESTAMP(3)}, {@code ARRAY(INT64)}. */
    @Override
    public String toString()
    {
        switch (kind)
        {
            case DECIMAL: return "DECIMAL(" + precision + "," + scale + ")";
            case VARCHAR: return length == 0 ? "VARCHAR" : "VARCHAR(" + length + ")";
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return kind + "(" + precision + (zone == null ? "" : ", '" + zone.getId() + "'") + ")";
            case ARRAY: return "ARRAY(" + elementType + ")";
            case MAP: return "MAP(" + elementType + ", " + valueType + ")";
            default: return kind.name();
        }
    }
}
