package sluice.codec.bind;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.json.JsonText;
import sluice.codec.row.RowSink;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;
import sluice.codec.time.BestEffortDateTime;
import sluice.codec.time.EpochUnit;
import sluice.codec.time.LocalTimeZone;
import sluice.codec.time.RelativeTime;
import sluice.codec.time.SqlTemporalParser;
import sluice.codec.time.TimeFormat;
import sluice.codec.value.Ascii;
import sluice.codec.value.Ipv6Text;
import sluice.codec.value.BinaryText;
import sluice.codec.value.BooleanParser;
import sluice.codec.value.DecimalParser;
import sluice.codec.value.FloatParser;
import sluice.codec.value.InetParser;
import sluice.codec.value.IntegerParser;
import sluice.codec.value.ParsedValue;
import sluice.codec.value.UuidParser;
import sluice.codec.value.Utf8;

/**
 * Turns one field of text (a CSV field, already unquoted) or one JSON value into a typed {@link RowSink} call for a
 * column, by the rules of a {@link Dialect}, and completes rows with defaults. Every decoder goes through here, so
 * a value means the same thing whatever format carried it.
 * <p>
 * Per row: {@link #beginRow(byte)}, binds, then {@link #endRow()} (fills defaults, checks NOT NULL and keys, ends the
 * sink's row) or {@link #abortRow()}. A bind that returns an error code has put nothing; the caller decides whether to
 * abort the row. Nothing here allocates per value, except composite values (ARRAY, MAP) with floating-point
 * elements. Single-threaded: one binder per decoder.
 */
public final class ValueBinder
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);
    public static final byte FAST_NONE = 0;
    public static final byte FAST_STRING = 1;
    public static final byte FAST_INTEGER = 2;
    public static final byte FAST_FLOAT64 = 3;
    public static final byte FAST_EPOCH_NANOS = 4;
    /** Any other column: the decoder finds the field's end quickly and calls {@link #bindText} once. */
    public static final byte FAST_TEXT = 5;
    /** A Feldera nullable string: text, except that exactly NULL or null is NULL. */
    public static final byte FAST_STRING_OR_NULL_WORD = 6;
    /** {@code [-]int[.frac]} into a DECIMAL of precision at most 18; see {@link #decimalPrecision}. */
    public static final byte FAST_DECIMAL = 7;
    /** {@code true} or {@code false}. */
    public static final byte FAST_BOOLEAN = 8;
    /** A FLOAT32 column: {@code [-]int[.frac]} exact enough for float (Clinger's rule for binary32). */
    public static final byte FAST_FLOAT32 = 9;

    private final int[] ipv6Groups = new int[8];
    private final UnsafeBuffer ipv6Text = new UnsafeBuffer(new byte[Ipv6Text.MAX_LENGTH]);
    private final Dialect dialect;
    private final ParsedValue value = new ParsedValue();
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(256);
    private final CompositeTextParser compositeParser = new CompositeTextParser();
    private final JsonText jsonText = new JsonText();

    private TableSchema schema;
    /** Where binds go: the decoder's sink, or {@link #capture} in front of it (COLUMN defaults). */
    private RowSink sink;
    private RowSink target;
    private final SourceColumnCapture capture = new SourceColumnCapture();
    private boolean capturing;
    private int[] columnDefaultSources = new int[0];
    private TimeFormat timeFormat;
    private long requestTimeNanos;
    private int columnCount;
    private TypeKind[] kinds = new TypeKind[0];
    private DataType[] types = new DataType[0];
    private boolean[] nullable = new boolean[0];
    private DefaultValue[] defaults = new DefaultValue[0];
    private LocalTimeZone[] zones = new LocalTimeZone[0];
    /** Per column, which short path of {@link #bindText} applies. */
    private byte[] fastText = new byte[0];
    private int[] primaryKeyColumns = new int[0];
    /** Columns given in the current row: bit c of word c / 64 (word 0 kept in a register). */
    private long assignedLow;
    private long[] assignedHigh = new long[0];
    private long allLow;
    private byte op;
    private int failedColumn = -1;

    /** Machbase reads datetimes as epoch nanoseconds when a request names no timeformat. */
    private final TimeFormat defaultTimeFormat;

    public ValueBinder(final Dialect dialect)
    {
        this.dialect = dialect;
        this.defaultTimeFormat = dialect == Dialect.MACHBASE ? TimeFormat.of("ns", "UTC") : null;
    }

    public Dialect dialect()
    {
        return dialect;
    }

    /**
     * Prepares for a request.
     *
     * @param timeFormat Machbase's {@code timeformat}/{@code tz} for datetime values; null elsewhere. Its zone also
     *                   reads zone-less strings in other dialects when given.
     * @param requestTimeNanos epoch nanoseconds of the request's arrival: {@code now} values and NOW defaults.
     */
    public ValueBinder reset(final TableSchema schema, final TimeFormat timeFormat, final long requestTimeNanos)
    {
        this.schema = schema;
        this.timeFormat = timeFormat != null ? timeFormat : defaultTimeFormat;
        this.requestTimeNanos = requestTimeNanos;
        final int n = schema.columnCount();
        columnCount = n;
        if (kinds.length < n)
        {
            kinds = new TypeKind[n];
            types = new DataType[n];
            nullable = new boolean[n];
            defaults = new DefaultValue[n];
            zones = new LocalTimeZone[n];
            fastText = new byte[n];
            assignedHigh = new long[Math.max(0, (n - 1) >>> 6)];
        }
        allLow = n >= 64 ? -1L : (1L << n) - 1;
        final LocalTimeZone requestZone = this.timeFormat != null ? this.timeFormat.zone() : LocalTimeZone.utc();
        int keys = 0;
        for (int c = 0; c < n; c++)
        {
            final Column column = schema.column(c);
            kinds[c] = column.kind();
            types[c] = column.type();
            nullable[c] = column.nullable();
            DefaultValue d = column.defaultValue();
            if (d == null && dialect == Dialect.PROTON)
            {
                // spec/proton.md: a column left out gets its DEFAULT, else the type default; never an error.
                d = DefaultValue.TYPE_ZERO;
            }
            defaults[c] = d;
            zones[c] = column.type().zone() != null ? zoneFor(c, column) : requestZone;
            fastText[c] = fastTextKind(column);
            keys += column.primaryKey() ? 1 : 0;
        }
        capturing = trackColumnDefaults(n);
        sink = capturing ? capture : target;
        primaryKeyColumns = new int[keys];
        for (int c = 0, k = 0; c < n; c++)
        {
            if (schema.column(c).primaryKey())
            {
                primaryKeyColumns[k++] = c;
            }
        }
        failedColumn = -1;
        return this;
    }

    private byte fastTextKind(final Column column)
    {
        final DataType type = column.type();
        switch (type.kind())
        {
            case VARCHAR:
                // Feldera reads NULL/null as NULL in a nullable string column.
                return dialect == Dialect.FELDERA && column.nullable() ? FAST_STRING_OR_NULL_WORD : FAST_STRING;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
                return FAST_INTEGER;
            case FLOAT64:
                return FAST_FLOAT64;
            case FLOAT32:
                return FAST_FLOAT32;
            case BOOLEAN:
                return FAST_BOOLEAN;
            case DECIMAL:
                return type.isWideDecimal() ? FAST_TEXT : FAST_DECIMAL;
            case TIMESTAMP_NS:
                return dialect == Dialect.MACHBASE && timeFormat.epochUnit() == EpochUnit.NANOS &&
                    type.precision() == 9 ? FAST_EPOCH_NANOS : FAST_TEXT;
            default:
                return FAST_TEXT;
        }
    }

    private LocalTimeZone zoneFor(final int c, final Column column)
    {
        // One cache per column: columns in different zones would otherwise evict each other every row.
        final LocalTimeZone current = zones[c];
        return current != null && current.zone().equals(column.type().zone()) ?
            current : LocalTimeZone.of(column.type().zone());
    }

    public TableSchema schema()
    {
        return schema;
    }

    public void sink(final RowSink sink)
    {
        this.target = sink;
        capture.target(sink);
        this.sink = capturing ? capture : sink;
    }

    /** Notes the sources of the schema's COLUMN defaults for {@link #capture}; true if there are any. */
    private boolean trackColumnDefaults(final int n)
    {
        if (columnDefaultSources.length < n)
        {
            columnDefaultSources = new int[n];
        }
        int count = 0;
        for (int c = 0; c < n; c++)
        {
            if (defaults[c] != null && defaults[c].kind() == DefaultValue.Kind.COLUMN)
            {
                columnDefaultSources[count++] = defaults[c].sourceColumn();
            }
        }
        return capture.track(n, columnDefaultSources, count);
    }

    public long requestTimeNanos()
    {
        return requestTimeNanos;
    }

    /** The column that made the last bind or {@link #endRow()} fail, or -1. */
    public int failedColumn()
    {
        return failedColumn;
    }

    public boolean isAssigned(final int column)
    {
        return column < 64 ?
            (assignedLow & (1L << column)) != 0 : (assignedHigh[(column >>> 6) - 1] & (1L << column)) != 0;
    }

    private boolean allAssigned()
    {
        if (assignedLow != allLow)
        {
            return false;
        }
        final int n = columnCount;
        for (int word = 1, words = (n + 63) >>> 6; word < words; word++)
        {
            final long full = word < words - 1 || (n & 63) == 0 ? -1L : (1L << (n & 63)) - 1;
            if (assignedHigh[word - 1] != full)
            {
                return false;
            }
        }
        return true;
    }

    public void beginRow(final byte op)
    {
        this.op = op;
        assignedLow = 0;
        if (columnCount > 64)
        {
            java.util.Arrays.fill(assignedHigh, 0);
        }
        failedColumn = -1;
        sink.beginRow(op);
    }

    /**
     * Completes the row: columns not given get their default (INSERT, and DELETE on a table without a primary key)
     * or stay absent (DELETE by primary key, UPDATE; both must carry the key). On an error the row is aborted and
     * {@link #failedColumn()} names the column.
     */
    public ErrorCode endRow()
    {
        if (!allAssigned())
        {
            // A keyless DELETE matches whole rows: completed as the insert of the same record was, {"insert": R}
            // then {"delete": R} removes the row even when R leaves out a column that has a default.
            final boolean complete = op == RowSink.OP_INSERT || op == RowSink.OP_DELETE && primaryKeyColumns.length == 0;
            final ErrorCode code = complete ? fillDefaults() : checkKeyColumns();
            if (code != ErrorCode.NONE)
            {
                sink.abortRow();
                return code;
            }
        }
        else if (op == RowSink.OP_UPDATE && primaryKeyColumns.length == 0)
        {
            failedColumn = -1;
            sink.abortRow();
            return ErrorCode.UPDATE_WITHOUT_KEY;
        }
        sink.endRow();
        return ErrorCode.NONE;
    }

    public void abortRow()
    {
        sink.abortRow();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Text: CSV fields.

    /**
     * Binds a field's text (unquoted, unescaped) to a column. The usual fields (strings, integers, floats and epoch
     * timestamps written plainly) take the short path here; everything else, including every error, goes through
     * {@link #bindTextGeneral}.
     */
    public ErrorCode bindText(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (fastText[c])
        {
            case FAST_STRING:
                if (Utf8.isValid(buffer, offset, length))
                {
                    markAssigned(c);
                    sink.putBytes(c, buffer, offset, length);
                    return ErrorCode.NONE;
                }
                break;
            case FAST_INTEGER:
                if (isPlainNumber(buffer, offset, length) &&
                    IntegerParser.parse(buffer, offset, length, kinds[c], value) == ErrorCode.NONE)
                {
                    markAssigned(c);
                    sink.putLong(c, value.longValue);
                    return ErrorCode.NONE;
                }
                break;
            case FAST_FLOAT64:
                if (isPlainNumber(buffer, offset, length) &&
                    FloatParser.parseDouble(buffer, offset, length, value) == ErrorCode.NONE)
                {
                    markAssigned(c);
                    sink.putDouble(c, value.doubleValue);
                    return ErrorCode.NONE;
                }
                break;
            case FAST_EPOCH_NANOS:
                if (isPlainNumber(buffer, offset, length) &&
                    IntegerParser.parse(buffer, offset, length, TypeKind.INT64, value) == ErrorCode.NONE)
                {
                    markAssigned(c);
                    sink.putLong(c, value.longValue);
                    return ErrorCode.NONE;
                }
                break;
            default:
                break;
        }
        return bindTextGeneral(c, buffer, offset, length);
    }

    /**
     * What a decoder that parses while it scans may do for a column: {@link #FAST_STRING}, {@link #FAST_INTEGER}
     * (range-checked against the column's kind by the caller through {@link #integerFits}), {@link #FAST_FLOAT64},
     * {@link #FAST_EPOCH_NANOS} (an integer of epoch nanoseconds stored as is), or {@link #FAST_TEXT} (find the
     * end, then {@link #bindText}). Values that do not have the plain form go through {@link #bindText}, which gives
     * the same result; a failed {@link #bindText} puts nothing, so a decoder may retry the field another way.
     */
    public byte fastTextKind(final int column)
    {
        return fastText[column];
    }

    /** True if {@code value} fits the column's integer kind (the fast path's range check). */
    public boolean integerFits(final int column, final long value)
    {
        switch (kinds[column])
        {
            case INT8: return value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
            case INT16: return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case INT32: return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case UINT8: return value >= 0 && value <= 0xFF;
            case UINT16: return value >= 0 && value <= 0xFFFF;
            case UINT32: return value >= 0 && value <= 0xFFFF_FFFFL;
            default: return true;
        }
    }

    public int decimalPrecision(final int column)
    {
        return types[column].precision();
    }

    public int decimalScale(final int column)
    {
        return types[column].scale();
    }

    /** Strict (Feldera: exactly true/false) or lenient (any case, 1, 0) booleans. */
    public boolean strictBooleans()
    {
        return dialect == Dialect.FELDERA;
    }

    public void putParsedNull(final int column)
    {
        bindNull(column);
    }

    public void putParsedBoolean(final int column, final boolean value)
    {
        markAssigned(column);
        sink.putBoolean(column, value);
    }

    /** A value a decoder parsed itself under {@link #fastTextKind}: integers, epoch nanoseconds. */
    public void putParsedLong(final int column, final long value)
    {
        markAssigned(column);
        sink.putLong(column, value);
    }

    public void putParsedDouble(final int column, final double value)
    {
        markAssigned(column);
        sink.putDouble(column, value);
    }

    /** Text already known to be valid UTF-8 for a {@link #FAST_STRING} column. */
    public void putValidText(final int column, final DirectBuffer buffer, final int offset, final int length)
    {
        markAssigned(column);
        sink.putBytes(column, buffer, offset, length);
    }

    /** Starts with a digit or '-' and ends with a digit: no NULL word, no whitespace to trim. */
    private static boolean isPlainNumber(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return false;
        }
        final byte first = buffer.getByte(offset);
        final byte last = buffer.getByte(offset + length - 1);
        return (first == '-' || (first >= '0' && first <= '9')) && last >= '0' && last <= '9';
    }

    private ErrorCode bindTextGeneral(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final TypeKind kind = kinds[c];
        if (kind == TypeKind.VARCHAR)
        {
            // Feldera CSV seed: NULL/null is NULL for a nullable column, strings included; an empty field is ''.
            // Machbase and Proton keep '' and 'NULL' as text in string columns (spec/machbase.md "CSV").
            if (dialect == Dialect.FELDERA && nullable[c] && isNullWord(buffer, offset, length))
            {
                return bindNull(c);
            }
            return putUtf8(c, buffer, offset, length);
        }
        final int limit = offset + length;
        final int start = Ascii.skipLeading(buffer, offset, limit);
        final int end = Ascii.skipTrailing(buffer, start, limit);
        final int n = end - start;
        if (n == 0 || isNullWord(buffer, start, n))
        {
            // Empty or a NULL word is NULL in a non-string column (Feldera seed; spec/machbase.md "CSV").
            return nullable[c] ? bindNull(c) : fail(c, n == 0 ? invalidCode(kind) : ErrorCode.NULL_NOT_ALLOWED);
        }
        return bindScalarText(c, kind, buffer, start, n);
    }

    private boolean isNullWord(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 4)
        {
            return Ascii.equals(buffer, offset, 4, "NULL") || Ascii.equals(buffer, offset, 4, "null");
        }
        // ClickHouse's text formats write NULL as \N.
        return dialect == Dialect.PROTON && length == 2 && Ascii.equals(buffer, offset, 2, "\\N");
    }

    private ErrorCode bindScalarText(
        final int c, final TypeKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (kind)
        {
            case BOOLEAN:
                return bindBooleanText(c, buffer, offset, length);
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
            case UINT64:
                return putInteger(c, kind, buffer, offset, length);
            case FLOAT32:
            case FLOAT64:
            case DECIMAL:
                return putNumber(c, kind, buffer, offset, length);
            case DATE:
                return putTemporal(c, SqlTemporalParser.parseDate(buffer, offset, length, value));
            case TIME:
                return putTemporal(c, SqlTemporalParser.parseTime(buffer, offset, length, value));
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return bindTimestampText(c, buffer, offset, length);
            case BINARY:
                return putBinary(c, buffer, offset, length);
            case JSON:
                return jsonText.isValid(buffer, offset, length) ?
                    put(c, buffer, offset, length) : fail(c, ErrorCode.INVALID_JSON_VALUE);
            case UUID:
                return putUuid(c, buffer, offset, length);
            case INET:
                if (InetParser.isIpv4(buffer, offset, length))
                {
                    return put(c, buffer, offset, length);
                }
                if (!InetParser.isIpv6(buffer, offset, length))
                {
                    return fail(c, ErrorCode.INVALID_INET);
                }
                // IPv6 is stored in its one canonical text (RFC 5952), so equal addresses compare equal.
                return put(c, ipv6Text, 0, Ipv6Text.canonical(buffer, offset, length, ipv6Groups, ipv6Text));
            case ARRAY:
            case MAP:
                return putComposite(c, buffer, offset, length);
            default:
                return putUtf8(c, buffer, offset, length);
        }
    }

    private ErrorCode bindBooleanText(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        // Feldera CSV seed: "The accepted values are true or false"; Proton and Machbase also take 1/0, any case.
        final ErrorCode code = dialect == Dialect.FELDERA ?
            BooleanParser.parseStrict(buffer, offset, length, value) :
            BooleanParser.parseLenient(buffer, offset, length, value);
        if (code != ErrorCode.NONE)
        {
            return fail(c, code);
        }
        markAssigned(c);
        sink.putBoolean(c, value.longValue != 0);
        return ErrorCode.NONE;
    }

    private ErrorCode bindTimestampText(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        // Machbase's default: integers in the timeformat's unit. The common case skips the seconds + nanos detour.
        final EpochUnit unit = dialect == Dialect.MACHBASE ? timeFormat.epochUnit() : null;
        if (unit != null && IntegerParser.parse(buffer, offset, length, TypeKind.INT64, value) == ErrorCode.NONE)
        {
            return putEpoch(c, value.longValue, unit);
        }
        return putTimestamp(c, parseTimestampText(c, buffer, offset, length));
    }

    private ErrorCode parseTimestampText(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (dialect)
        {
            case MACHBASE:
                if (RelativeTime.isRelative(buffer, offset, length))
                {
                    return RelativeTime.parse(buffer, offset, length, requestTimeNanos, value);
                }
                return timeFormat != null ?
                    timeFormat.parse(buffer, offset, length, value) :
                    SqlTemporalParser.parseTimestamp(buffer, offset, length, value);
            case PROTON:
                return BestEffortDateTime.parse(buffer, offset, length, zones[c], value);
            default:
                return SqlTemporalParser.parseTimestamp(buffer, offset, length, value);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // JSON values.

    /** Binds the contents of a JSON string (unescaped UTF-8) to a column. */
    public ErrorCode bindJsonString(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final TypeKind kind = kinds[c];
        switch (kind)
        {
            case VARCHAR:
                return putUtf8(c, buffer, offset, length);
            case JSON:
                if (dialect == Dialect.FELDERA)
                {
                    // A VARIANT holds any JSON value; a string is a string, stored as its JSON literal.
                    final int end = jsonText.appendQuoted(scratch, 0, buffer, offset, length);
                    return putUtf8(c, scratch, 0, end);
                }
                // Machbase and Proton json columns take the JSON document as a string.
                return jsonText.isValid(buffer, offset, length) ?
                    putUtf8(c, buffer, offset, length) : fail(c, ErrorCode.INVALID_JSON_VALUE);
            default:
                break;
        }
        if (length == 0 && dialect != Dialect.FELDERA)
        {
            // spec/machbase.md: "" is NULL in numeric columns; spec/proton.md: "" is NULL for nullable(T).
            return nullable[c] ? bindNull(c) : fail(c, invalidCode(kind));
        }
        if (dialect == Dialect.FELDERA && (kind.isInteger() || kind.isFloatingPoint() || kind == TypeKind.BOOLEAN))
        {
            // spec/feldera.md: integers must be JSON integers, floats JSON numbers, booleans true/false.
            return fail(c, ErrorCode.WRONG_JSON_TYPE);
        }
        final int limit = offset + length;
        final int start = Ascii.skipLeading(buffer, offset, limit);
        final int end = Ascii.skipTrailing(buffer, start, limit);
        if (start == end)
        {
            return fail(c, invalidCode(kind));
        }
        return bindScalarText(c, kind, buffer, start, end - start);
    }

    /** Binds a JSON number (its text, valid JSON number syntax) to a column. */
    public ErrorCode bindJsonNumber(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final TypeKind kind = kinds[c];
        switch (kind)
        {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
            case UINT8:
            case UINT16:
            case UINT32:
            case UINT64:
                // A fraction or exponent is not an integer (Proton code 27, Feldera "must be JSON integers").
                return putInteger(c, kind, buffer, offset, length);
            case FLOAT32:
            case FLOAT64:
            case DECIMAL:
                return putNumber(c, kind, buffer, offset, length);
            case BOOLEAN:
                // spec/proton.md: bool takes true/false/1/0. Feldera accepts JSON booleans only.
                return dialect == Dialect.FELDERA ?
                    fail(c, ErrorCode.WRONG_JSON_TYPE) : bindBooleanText(c, buffer, offset, length);
            case VARCHAR:
                // spec/proton.md: a bare number into a string column is stored as its literal text ("3.50").
                return dialect == Dialect.PROTON ? put(c, buffer, offset, length) : fail(c, ErrorCode.WRONG_JSON_TYPE);
            case JSON:
                return put(c, buffer, offset, length);
            case TIMESTAMP:
            case TIMESTAMP_NS:
                return bindEpochNumber(c, buffer, offset, length);
            default:
                return fail(c, ErrorCode.WRONG_JSON_TYPE);
        }
    }

    private ErrorCode bindEpochNumber(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        if (dialect == Dialect.MACHBASE &&
            IntegerParser.parse(buffer, offset, length, TypeKind.INT64, value) == ErrorCode.NONE)
        {
            // A number is an epoch in the timeformat's unit; layouts read numbers as nanoseconds, as Neo does.
            final EpochUnit unit = timeFormat.epochUnit();
            return putEpoch(c, value.longValue, unit != null ? unit : EpochUnit.NANOS);
        }
        return putTimestamp(c, epochNumber(c, buffer, offset, length));
    }

    private ErrorCode epochNumber(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (dialect)
        {
            case MACHBASE:
                // A number is an epoch in the timeformat's unit; layouts read numbers as nanoseconds, as Neo does.
                if (timeFormat == null || timeFormat.epochUnit() != null)
                {
                    return timeFormat != null ?
                        timeFormat.parse(buffer, offset, length, value) :
                        fromEpochNanosText(buffer, offset, length);
                }
                return fromEpochNanosText(buffer, offset, length);
            case PROTON:
                // Best-effort reads an all-digit value as an epoch whose unit is guessed from its magnitude.
                return BestEffortDateTime.parse(buffer, offset, length, zones[c], value);
            default:
                return ErrorCode.WRONG_JSON_TYPE;
        }
    }

    private ErrorCode fromEpochNanosText(final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code = IntegerParser.parse(buffer, offset, length, TypeKind.INT64, value);
        if (code != ErrorCode.NONE)
        {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        final long nanos = value.longValue;
        value.longValue = Math.floorDiv(nanos, 1_000_000_000L);
        value.nanos = (int)Math.floorMod(nanos, 1_000_000_000L);
        return ErrorCode.NONE;
    }

    public ErrorCode bindJsonBoolean(final int c, final boolean b)
    {
        final TypeKind kind = kinds[c];
        if (kind == TypeKind.BOOLEAN)
        {
            markAssigned(c);
            sink.putBoolean(c, b);
            return ErrorCode.NONE;
        }
        if (kind == TypeKind.JSON)
        {
            jsonText.appendLiteral(scratch, 0, b ? "true" : "false");
            return put(c, scratch, 0, b ? 4 : 5);
        }
        if (dialect == Dialect.PROTON && kind.isInteger())
        {
            // spec/proton.md: true/false → 1/0 in integer columns.
            markAssigned(c);
            sink.putLong(c, b ? 1 : 0);
            return ErrorCode.NONE;
        }
        return fail(c, ErrorCode.WRONG_JSON_TYPE);
    }

    public ErrorCode bindJsonNull(final int c)
    {
        if (nullable[c])
        {
            return bindNull(c);
        }
        if (dialect == Dialect.PROTON)
        {
            // spec/proton.md: null into a non-nullable column is the column DEFAULT, else the type default. A COLUMN
            // default is left unassigned: the row's end fills it, once its source column is known.
            return defaults[c].kind() == DefaultValue.Kind.COLUMN ? ErrorCode.NONE : putDefault(c, defaults[c]);
        }
        return fail(c, ErrorCode.NULL_NOT_ALLOWED);
    }

    /** Binds a nested JSON array or object, given as its complete text, to a column. */
    public ErrorCode bindJsonRaw(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (kinds[c])
        {
            case JSON:
                return put(c, buffer, offset, length);
            case ARRAY:
            case MAP:
                return putComposite(c, buffer, offset, length);
            case BINARY:
                // spec/feldera.md: BINARY in JSON is an array of byte values.
                final int n = compositeParser.parseByteArray(buffer, offset, length, scratch);
                return n < 0 ? fail(c, ErrorCode.INVALID_BINARY) : put(c, scratch, 0, n);
            default:
                return fail(c, ErrorCode.WRONG_JSON_TYPE);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Puts.

    private ErrorCode bindNull(final int c)
    {
        markAssigned(c);
        sink.putNull(c);
        return ErrorCode.NONE;
    }

    private ErrorCode putInteger(
        final int c, final TypeKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code = IntegerParser.parse(buffer, offset, length, kind, value);
        if (code != ErrorCode.NONE)
        {
            return fail(c, code);
        }
        markAssigned(c);
        sink.putLong(c, value.longValue);
        return ErrorCode.NONE;
    }

    private ErrorCode putNumber(
        final int c, final TypeKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code;
        if (kind == TypeKind.DECIMAL)
        {
            final DataType type = types[c];
            code = DecimalParser.parse(buffer, offset, length, type.precision(), type.scale(), value);
            if (code != ErrorCode.NONE)
            {
                return fail(c, code);
            }
            markAssigned(c);
            if (type.isWideDecimal())
            {
                sink.putDecimal128(c, value.highBits, value.longValue);
            }
            else
            {
                sink.putLong(c, value.longValue);
            }
            return ErrorCode.NONE;
        }
        code = kind == TypeKind.FLOAT32 ?
            FloatParser.parseFloat(buffer, offset, length, value) :
            FloatParser.parseDouble(buffer, offset, length, value);
        if (code != ErrorCode.NONE)
        {
            return fail(c, code);
        }
        markAssigned(c);
        sink.putDouble(c, value.doubleValue);
        return ErrorCode.NONE;
    }

    private ErrorCode putTemporal(final int c, final ErrorCode code)
    {
        if (code != ErrorCode.NONE)
        {
            return fail(c, code);
        }
        markAssigned(c);
        sink.putLong(c, value.longValue);
        return ErrorCode.NONE;
    }

    /** Puts {@code value} (epoch seconds + nanos) in the column's unit, truncated to its precision. */
    private ErrorCode putTimestamp(final int c, final ErrorCode code)
    {
        if (code != ErrorCode.NONE)
        {
            return fail(c, code == ErrorCode.TIMESTAMP_OUT_OF_RANGE ? code : ErrorCode.INVALID_TIMESTAMP);
        }
        final long units = TimestampUnits.fromSeconds(types[c], value.longValue, value.nanos);
        if (units == TimestampUnits.OUT_OF_RANGE)
        {
            return fail(c, ErrorCode.TIMESTAMP_OUT_OF_RANGE);
        }
        markAssigned(c);
        sink.putLong(c, units);
        return ErrorCode.NONE;
    }

    /** An integer epoch in {@code unit}, in the column's unit and precision. */
    private ErrorCode putEpoch(final int c, final long v, final EpochUnit unit)
    {
        final long units = TimestampUnits.fromEpoch(types[c], v, unit);
        if (units == TimestampUnits.OUT_OF_RANGE)
        {
            return fail(c, ErrorCode.TIMESTAMP_OUT_OF_RANGE);
        }
        markAssigned(c);
        sink.putLong(c, units);
        return ErrorCode.NONE;
    }

    private ErrorCode putBinary(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final int n = BinaryText.decode(buffer, offset, length, scratch, 0);
        return n == BinaryText.INVALID ? fail(c, ErrorCode.INVALID_BINARY) : put(c, scratch, 0, n);
    }

    private ErrorCode putUuid(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code = UuidParser.parse(buffer, offset, length, value);
        if (code != ErrorCode.NONE)
        {
            return fail(c, code);
        }
        markAssigned(c);
        sink.putDecimal128(c, value.highBits, value.longValue);
        return ErrorCode.NONE;
    }

    private ErrorCode putComposite(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code = compositeParser.parse(types[c], buffer, offset, length, scratch);
        return code != ErrorCode.NONE ? fail(c, code) : put(c, scratch, 0, compositeParser.outputLength());
    }

    private ErrorCode putUtf8(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!Utf8.isValid(buffer, offset, length))
        {
            return fail(c, ErrorCode.INVALID_UTF8);
        }
        return put(c, buffer, offset, length);
    }

    private ErrorCode put(final int c, final DirectBuffer buffer, final int offset, final int length)
    {
        markAssigned(c);
        sink.putBytes(c, buffer, offset, length);
        return ErrorCode.NONE;
    }

    private void markAssigned(final int c)
    {
        if (c < 64)
        {
            assignedLow |= 1L << c;
        }
        else
        {
            assignedHigh[(c >>> 6) - 1] |= 1L << c;
        }
    }

    private ErrorCode fail(final int c, final ErrorCode code)
    {
        failedColumn = c;
        return code;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Row completion.

    private ErrorCode fillDefaults()
    {
        for (int c = 0; c < columnCount; c++)
        {
            if (!isAssigned(c))
            {
                final DefaultValue d = defaults[c];
                if (d == null)
                {
                    return fail(c, ErrorCode.MISSING_VALUE);
                }
                if (d.kind() != DefaultValue.Kind.COLUMN)
                {
                    putDefault(c, d);
                }
            }
        }
        if (capturing)
        {
            // After the others: the source column may itself have been left out and defaulted above.
            for (int c = 0; c < columnCount; c++)
            {
                if (!isAssigned(c) && defaults[c].kind() == DefaultValue.Kind.COLUMN)
                {
                    final ErrorCode code = putSourceInstant(c, defaults[c].sourceColumn());
                    if (code != ErrorCode.NONE)
                    {
                        return code;
                    }
                }
            }
        }
        return ErrorCode.NONE;
    }

    /** Column {@code c} takes the instant of date or timestamp column {@code s}, or the ingest time if that is NULL. */
    private ErrorCode putSourceInstant(final int c, final int s)
    {
        if (!isAssigned(s) || capture.isNull(s))
        {
            return putDefault(c, DefaultValue.NOW);
        }
        final long v = capture.units(s);
        final long seconds;
        final int nanos;
        switch (kinds[s])
        {
            case DATE:
                seconds = v * 86_400L;
                nanos = 0;
                break;
            case TIMESTAMP_NS:
                seconds = Math.floorDiv(v, 1_000_000_000L);
                nanos = (int)Math.floorMod(v, 1_000_000_000L);
                break;
            default:
                seconds = Math.floorDiv(v, 1_000_000L);
                nanos = (int)Math.floorMod(v, 1_000_000L) * 1_000;
                break;
        }
        final long units = kinds[c] == TypeKind.DATE ? Math.floorDiv(seconds, 86_400L) :
            TimestampUnits.fromSeconds(types[c], seconds, nanos);
        if (units == TimestampUnits.OUT_OF_RANGE)
        {
            return fail(c, ErrorCode.TIMESTAMP_OUT_OF_RANGE);
        }
        markAssigned(c);
        sink.putLong(c, units);
        return ErrorCode.NONE;
    }

    private ErrorCode checkKeyColumns()
    {
        if (op == RowSink.OP_UPDATE && primaryKeyColumns.length == 0)
        {
            return fail(-1, ErrorCode.UPDATE_WITHOUT_KEY);
        }
        for (final int c : primaryKeyColumns)
        {
            if (!isAssigned(c))
            {
                return fail(c, ErrorCode.MISSING_VALUE);
            }
        }
        return ErrorCode.NONE;
    }

    private ErrorCode putDefault(final int c, final DefaultValue d)
    {
        switch (d.kind())
        {
            case NULL:
                return bindNull(c);
            case NOW:
                final long nanos = requestTimeNanos;
                final long units = kinds[c] == TypeKind.DATE ? Math.floorDiv(nanos, 86_400_000_000_000L) :
                    TimestampUnits.fromSeconds(
                        types[c], Math.floorDiv(nanos, 1_000_000_000L), (int)Math.floorMod(nanos, 1_000_000_000L));
                markAssigned(c);
                sink.putLong(c, units);
                return ErrorCode.NONE;
            case TYPE_ZERO:
                return putZero(c);
            default:
                return putConstant(c, d);
        }
    }

    private ErrorCode putZero(final int c)
    {
        markAssigned(c);
        switch (kinds[c])
        {
            case BOOLEAN:
                sink.putBoolean(c, false);
                break;
            case FLOAT32:
            case FLOAT64:
                sink.putDouble(c, 0);
                break;
            case UUID:
                sink.putDecimal128(c, 0, 0);
                break;
            case DECIMAL:
                if (types[c].isWideDecimal())
                {
                    sink.putDecimal128(c, 0, 0);
                }
                else
                {
                    sink.putLong(c, 0);
                }
                break;
            case ARRAY:
                jsonText.appendLiteral(scratch, 0, "[]");
                sink.putBytes(c, scratch, 0, 2);
                break;
            case MAP:
                jsonText.appendLiteral(scratch, 0, "{}");
                sink.putBytes(c, scratch, 0, 2);
                break;
            case JSON:
                jsonText.appendLiteral(scratch, 0, "{}");
                sink.putBytes(c, scratch, 0, 2);
                break;
            case INET:
                jsonText.appendLiteral(scratch, 0, "0.0.0.0");
                sink.putBytes(c, scratch, 0, 7);
                break;
            case VARCHAR:
            case BINARY:
                sink.putBytes(c, EMPTY, 0, 0);
                break;
            default:
                sink.putLong(c, 0);
                break;
        }
        return ErrorCode.NONE;
    }

    private ErrorCode putConstant(final int c, final DefaultValue d)
    {
        markAssigned(c);
        switch (kinds[c])
        {
            case BOOLEAN:
                sink.putBoolean(c, d.longValue() != 0);
                break;
            case FLOAT32:
            case FLOAT64:
                sink.putDouble(c, d.doubleValue());
                break;
            case UUID:
                sink.putDecimal128(c, d.highBits(), d.longValue());
                break;
            case DECIMAL:
                if (types[c].isWideDecimal())
                {
                    sink.putDecimal128(c, d.highBits(), d.longValue());
                }
                else
                {
                    sink.putLong(c, d.longValue());
                }
                break;
            default:
                if (kinds[c].isVariableLength())
                {
                    final byte[] bytes = d.bytes();
                    scratch.putBytes(0, bytes);
                    sink.putBytes(c, scratch, 0, bytes.length);
                }
                else
                {
                    sink.putLong(c, d.longValue());
                }
                break;
        }
        return ErrorCode.NONE;
    }

    private static ErrorCode invalidCode(final TypeKind kind)
    {
        switch (kind)
        {
            case BOOLEAN: return ErrorCode.INVALID_BOOLEAN;
            case FLOAT32:
            case FLOAT64: return ErrorCode.INVALID_FLOAT;
            case DECIMAL: return ErrorCode.INVALID_DECIMAL;
            case DATE: return ErrorCode.INVALID_DATE;
            case TIME: return ErrorCode.INVALID_TIME;
            case TIMESTAMP:
            case TIMESTAMP_NS: return ErrorCode.INVALID_TIMESTAMP;
            case BINARY: return ErrorCode.INVALID_BINARY;
            case JSON: return ErrorCode.INVALID_JSON_VALUE;
            case UUID: return ErrorCode.INVALID_UUID;
            case INET: return ErrorCode.INVALID_INET;
            case ARRAY: return ErrorCode.INVALID_ARRAY;
            case MAP: return ErrorCode.INVALID_MAP;
            default: return kind.isInteger() ? ErrorCode.INVALID_INTEGER : ErrorCode.NULL_NOT_ALLOWED;
        }
    }
}
