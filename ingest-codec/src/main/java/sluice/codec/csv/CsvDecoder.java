package sluice.codec.csv;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import sluice.codec.ErrorPolicy;
import sluice.codec.RowDecoder;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.DecodeError;
import sluice.codec.error.DecodeErrors;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;
import sluice.codec.value.Ascii;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV (RFC 4180 plus the options of {@link CsvConfig}) into rows, as a resumable state machine.
 * <p>
 * Records end at LF, CRLF or a lone CR; blank lines are skipped (also inside a request split anywhere: we deviate
 * from a Feldera bug there, spec/feldera.md). Quoted fields may hold delimiters, quotes (doubled, or after the escape
 * byte) and newlines. A quote inside an unquoted field is an ordinary byte (as in Rust's csv crate); anything but a
 * delimiter or newline after a closing quote is an error. A UTF-8 byte order mark at the start is skipped.
 * <p>
 * Fields are bound to columns as they complete, so only the unfinished field is ever copied: a field inside one chunk
 * without doubled quotes or escapes is passed to the binder as a slice of the input. Field {@code i} goes to
 * {@code columns[i]} (the table's positional columns, or the header's with {@link CsvConfig.Header#COLUMNS}).
 * Single-threaded; one per event loop, reset per request.
 */
public final class CsvDecoder implements RowDecoder
{
    private static final int S_RECORD_START = 0;
    private static final int S_FIELD_START = 1;
    private static final int S_UNQUOTED = 2;
    private static final int S_QUOTED = 3;
    private static final int S_QUOTE_SEEN = 4;
    private static final int S_ESCAPE = 5;
    private static final int S_AFTER_CR = 6;
    private static final int S_COMMENT = 7;
    private static final int S_ERROR = 8;

    private static final int NO_COLUMN = -1;
    /** Never equal to a byte read with getByte (-128..127): quote/escape/comment switched off. */
    private static final int NO_BYTE = 0x1000;
    private static final byte[] UTF8_BOM = {(byte)0xEF, (byte)0xBB, (byte)0xBF};

    private final ValueBinder binder;
    private final CsvFastPath fast = new CsvFastPath();
    private final CsvFieldBinder fieldBinder;
    private final DecodeErrors errors = new DecodeErrors();
    private final ExpandableDirectByteBuffer fieldBuffer = new ExpandableDirectByteBuffer(256);
    private final List<String> headerNames = new ArrayList<>();

    private TableSchema schema;
    private byte delimiter;
    private int quote;
    private int escape;
    private boolean doubleQuote;
    private boolean quoting;
    private int comment;
    private CsvConfig.Header headerMode;
    private CsvConfig.FieldCount fieldCountRule;
    private CsvConfig.Trim trim;
    private boolean trimFields;
    private ErrorPolicy errorPolicy;
    private int maxRecordBytes;

    private int[] columns = new int[0];
    /** Per field position, the {@link ValueBinder} fast kind of its column. */
    private byte[] fieldKinds = new byte[0];
    /** Every field position has a fast kind: records are tried whole by {@link #fastRecord}. */
    private boolean recordFastPath;
    private int state;
    private boolean headerPending;
    private int bomMatched;
    private int expectedFields;
    /** Bytes of the current field in {@link #fieldBuffer}; -1 while the field is a slice of the input. */
    private int fieldLength;
    private int fieldIndex;
    /** Index in the current chunk of a quote that may close the field or start a doubled quote. */
    private int quoteAt;
    private boolean recordFailed;
    private long line;
    private long recordLine;
    private long recordNumber;
    private long recordStart;
    /** {@code recordStart + maxRecordBytes}: from here on only a record terminator may follow. */
    private long recordLimit;
    /** {@link #recordLimit} as an index into the current chunk (may lie beyond it). */
    private int limitIndex;
    private long fieldStart;
    private long rowsDecoded;
    private long recordsRejected;

    private long chunkBase;
    private int chunkOffset;

    public CsvDecoder(final ValueBinder binder)
    {
        this.binder = binder;
        this.fieldBinder = new CsvFieldBinder(fast, binder);
    }

    /**
     * Prepares for a request into {@code schema}.
     *
     * @param timeFormat Machbase's timeformat/tz, or null.
     * @param requestTimeNanos the request's arrival, epoch nanoseconds.
     */
    public CsvDecoder reset(
        final TableSchema schema, final CsvConfig config, final TimeFormat timeFormat, final long requestTimeNanos)
    {
        this.schema = schema;
        binder.reset(schema, timeFormat, requestTimeNanos);
        delimiter = config.delimiter();
        fast.delimiter(delimiter);
        quoting = config.quoting();
        quote = quoting ? config.quote() : NO_BYTE;
        escape = quoting && config.escape() != CsvConfig.NONE ? config.escape() : NO_BYTE;
        doubleQuote = config.doubleQuote();
        comment = config.comment() != CsvConfig.NONE ? config.comment() : NO_BYTE;
        headerMode = config.header();
        fieldCountRule = config.fieldCount();
        trim = config.trim();
        trimFields = trim.fields();
        errorPolicy = config.errorPolicy();
        maxRecordBytes = config.maxRecordBytes();
        columns = schema.positionalColumns();
        planFastFields();
        expectedFields = fieldCountRule == CsvConfig.FieldCount.EXACT ? columns.length : -1;
        headerPending = headerMode != CsvConfig.Header.NONE;
        headerNames.clear();
        state = S_RECORD_START;
        bomMatched = 0;
        fieldLength = -1;
        fieldIndex = 0;
        recordFailed = false;
        line = 1;
        recordLine = 1;
        recordNumber = 0;
        rowsDecoded = 0;
        recordsRejected = 0;
        chunkBase = 0;
        errors.clear();
        return this;
    }

    public DecodeErrors errors()
    {
        return errors;
    }

    public long rowsDecoded()
    {
        return rowsDecoded;
    }

    public long recordsRejected()
    {
        return recordsRejected;
    }


    @Override
    public int decode(final DirectBuffer buffer, final int offset, final int length, final RowSink sink)
    {
        if (state == S_ERROR)
        {
            return ERROR;
        }
        binder.sink(sink);
        chunkOffset = offset;
        updateLimitIndex();
        final int end = offset + length;
        int i = offset;
        if (bomMatched < UTF8_BOM.length)
        {
            i = skipByteOrderMark(buffer, i, end);
        }
        int runStart = i;
        if (state == S_QUOTE_SEEN)
        {
            // The quote ended the previous chunk; what preceded it was copied then.
            quoteAt = i;
        }
        while (i < end)
        {
            switch (state)
            {
                case S_RECORD_START:
                {
                    final byte b = buffer.getByte(i);
                    if (b == '\n')
                    {
                        line++;
                        i++;
                        continue;
                    }
                    if (b == '\r')
                    {
                        line++;
                        state = S_AFTER_CR;
                        i++;
                        continue;
                    }
                    if (b == comment)
                    {
                        state = S_COMMENT;
                        i++;
                        continue;
                    }
                    beginRecord(i);
                    state = S_FIELD_START;
                    if (recordFastPath && !headerPending)
                    {
                        i = fastRecord(buffer, i, end);
                        if (i < 0)
                        {
                            return ERROR;
                        }
                    }
                    continue;
                }
                case S_FIELD_START:
                {
                    fieldStart = absolute(i);
                    fieldLength = -1;
                    final int fastEnd = fastField(buffer, i, end);
                    if (fastEnd >= 0)
                    {
                        fieldIndex++;
                        i = afterFieldTerminator(buffer.getByte(fastEnd), fastEnd);
                        if (i < 0)
                        {
                            return ERROR;
                        }
                        continue;
                    }
                    if (buffer.getByte(i) == quote)
                    {
                        if (i >= limitIndex(end))
                        {
                            return recordTooLong();
                        }
                        state = S_QUOTED;
                        runStart = ++i;
                    }
                    else
                    {
                        state = S_UNQUOTED;
                        runStart = i;
                    }
                    continue;
                }
                case S_UNQUOTED:
                {
                    final byte delimiter = this.delimiter;
                    // The byte at the record limit may still end the record, nothing else.
                    final int limit = limitIndex(end);
                    final int scanEnd = Math.min(end, limit + 1);
                    final int found = fast.scanText(buffer, i, scanEnd);
                    final int j = found < 0 ? scanEnd : found;
                    final byte b = j < scanEnd ? buffer.getByte(j) : 0;
                    if (j == end)
                    {
                        i = end;
                        continue;
                    }
                    if (j == scanEnd || (j == limit && b == delimiter))
                    {
                        return recordTooLong();
                    }
                    if (!endField(buffer, runStart, j))
                    {
                        return ERROR;
                    }
                    i = afterFieldTerminator(b, j);
                    if (i < 0)
                    {
                        return ERROR;
                    }
                    continue;
                }
                case S_QUOTED:
                {
                    final int scanEnd = Math.min(end, limitIndex(end));
                    int j = i;
                    while (j < scanEnd)
                    {
                        final byte b = buffer.getByte(j);
                        if (b == quote)
                        {
                            break;
                        }
                        if (b == escape)
                        {
                            break;
                        }
                        if (b == '\n')
                        {
                            line++;
                        }
                        j++;
                    }
                    if (j == end)
                    {
                        i = end;
                        continue;
                    }
                    if (j == scanEnd)
                    {
                        return recordTooLong();
                    }
                    if (buffer.getByte(j) == quote)
                    {
                        quoteAt = j;
                        state = S_QUOTE_SEEN;
                    }
                    else
                    {
                        if (!appendToField(buffer, runStart, j))
                        {
                            return ERROR;
                        }
                        state = S_ESCAPE;
                    }
                    i = j + 1;
                    continue;
                }
                case S_QUOTE_SEEN:
                {
                    final byte b = buffer.getByte(i);
                    if (i >= limitIndex(end) && (b == delimiter || (doubleQuote && b == quote)))
                    {
                        return recordTooLong();
                    }
                    if (doubleQuote && b == quote)
                    {
                        // "" inside quotes is one literal quote: the field becomes a copy.
                        if (!appendToField(buffer, runStart, quoteAt) || !appendByteToField(b))
                        {
                            return ERROR;
                        }
                        state = S_QUOTED;
                        runStart = ++i;
                        continue;
                    }
                    if (b != delimiter && b != '\n' && b != '\r')
                    {
                        return fatal(ErrorCode.CSV_CHARACTER_AFTER_QUOTE, absolute(i), line,
                            snippetAt(buffer, i, end));
                    }
                    if (!endField(buffer, runStart, quoteAt))
                    {
                        return ERROR;
                    }
                    i = afterFieldTerminator(b, i);
                    if (i < 0)
                    {
                        return ERROR;
                    }
                    continue;
                }
                case S_ESCAPE:
                {
                    if (i >= limitIndex(end))
                    {
                        return recordTooLong();
                    }
                    final byte b = buffer.getByte(i);
                    if (b == '\n')
                    {
                        line++;
                    }
                    if (!appendByteToField(b))
                    {
                        return ERROR;
                    }
                    state = S_QUOTED;
                    runStart = ++i;
                    continue;
                }
                case S_AFTER_CR:
                {
                    if (buffer.getByte(i) == '\n')
                    {
                        i++;
                    }
                    state = S_RECORD_START;
                    continue;
                }
                default:
                {
                    // S_COMMENT: the rest of the line is ignored.
                    final byte b = buffer.getByte(i++);
                    if (b == '\n')
                    {
                        line++;
                        state = S_RECORD_START;
                    }
                    else if (b == '\r')
                    {
                        line++;
                        state = S_AFTER_CR;
                    }
                    continue;
                }
            }
        }
        if (state == S_UNQUOTED || state == S_QUOTED)
        {
            if (!appendToField(buffer, runStart, end))
            {
                return ERROR;
            }
        }
        else if (state == S_QUOTE_SEEN)
        {
            if (!appendToField(buffer, runStart, quoteAt))
            {
                return ERROR;
            }
        }
        chunkBase += length;
        return NEED_MORE;
    }

    @Override
    public int finish(final RowSink sink)
    {
        if (state == S_ERROR)
        {
            return ERROR;
        }
        binder.sink(sink);
        if (bomMatched > 0 && bomMatched < UTF8_BOM.length)
        {
            startFieldWithPartialMark(0);
        }
        switch (state)
        {
            case S_QUOTED:
            case S_ESCAPE:
                return fatal(ErrorCode.CSV_UNTERMINATED_QUOTE, fieldStart, recordLine, null);
            case S_UNQUOTED:
            case S_QUOTE_SEEN:
            case S_FIELD_START:
                // The last record has no newline; a trailing delimiter leaves one empty field.
                if (state == S_FIELD_START)
                {
                    fieldLength = 0;
                    fieldStart = chunkBase;
                }
                if (!endField(fieldBuffer, 0, 0) || !endRecord())
                {
                    return ERROR;
                }
                break;
            default:
                break;
        }
        state = S_RECORD_START;
        return COMPLETE;
    }

    // ----------------------------------------------------------------------------------------------------------------

    private int skipByteOrderMark(final DirectBuffer buffer, final int offset, final int end)
    {
        int i = offset;
        while (bomMatched < UTF8_BOM.length && i < end)
        {
            if (buffer.getByte(i) != UTF8_BOM[bomMatched])
            {
                if (bomMatched > 0)
                {
                    // The bytes were data (e.g. EF BB 80 is U+FEC0): they start the first field.
                    startFieldWithPartialMark(i);
                }
                bomMatched = UTF8_BOM.length;
                return i;
            }
            bomMatched++;
            i++;
        }
        return i;
    }

    private void startFieldWithPartialMark(final int i)
    {
        beginRecord(i);
        recordStart = 0;
        recordLimit = maxRecordBytes;
        updateLimitIndex();
        fieldStart = 0;
        fieldBuffer.putBytes(0, UTF8_BOM, 0, bomMatched);
        fieldLength = bomMatched;
        state = S_UNQUOTED;
        bomMatched = UTF8_BOM.length;
    }



    /**
     * Index in the current chunk of the record limit, at most {@code end}. Scans stop there, so a record that is too
     * long fails at the same byte whatever the chunking, after any error at an earlier byte.
     */
    private int limitIndex(final int end)
    {
        return limitIndex < end ? limitIndex : end;
    }

    /** Recomputes {@link #limitIndex} for the current chunk: when a chunk starts and when a record starts. */
    private void updateLimitIndex()
    {
        final long index = chunkOffset + (recordLimit - chunkBase);
        limitIndex = index >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int)index;
    }

    private int recordTooLong()
    {
        return fatal(ErrorCode.RECORD_TOO_LONG, recordStart, recordLine, null);
    }

    private long absolute(final int index)
    {
        return chunkBase + (index - chunkOffset);
    }

    private void beginRecord(final int i)
    {
        recordStart = absolute(i);
        recordLimit = recordStart + maxRecordBytes;
        updateLimitIndex();
        recordLine = line;
        fieldIndex = 0;
        recordFailed = false;
        if (!headerPending)
        {
            recordNumber++;
            binder.beginRow(RowSink.OP_INSERT);
        }
    }

    /** Handles the byte that ended a field: the next field, or the end of the record. */
    private int afterFieldTerminator(final byte b, final int at)
    {
        if (b == delimiter)
        {
            state = S_FIELD_START;
            return at + 1;
        }
        line++;
        state = b == '\r' ? S_AFTER_CR : S_RECORD_START;
        return endRecord() ? at + 1 : -1;
    }

    private boolean appendToField(final DirectBuffer buffer, final int from, final int to)
    {
        if (fieldLength < 0)
        {
            fieldLength = 0;
        }
        final int n = to - from;
        if (fieldLength + (long)n > maxRecordBytes)
        {
            fatal(ErrorCode.RECORD_TOO_LONG, recordStart, recordLine, null);
            return false;
        }
        if (n > 0)
        {
            fieldBuffer.putBytes(fieldLength, buffer, from, n);
            fieldLength += n;
        }
        return true;
    }

    private boolean appendByteToField(final byte b)
    {
        if (fieldLength < 0)
        {
            fieldLength = 0;
        }
        if (fieldLength >= maxRecordBytes)
        {
            fatal(ErrorCode.RECORD_TOO_LONG, recordStart, recordLine, null);
            return false;
        }
        fieldBuffer.putByte(fieldLength++, b);
        return true;
    }

    /**
     * A field is complete: its text is {@code buffer[from, to)} appended to whatever was copied before. Binds it
     * to its column, or keeps it as a header name. The common case, a slice bound to a column, stays small enough
     * to be inlined into {@link #decode}; the rest is {@link #endFieldSlow}.
     */
    private boolean endField(final DirectBuffer buffer, final int from, final int to)
    {
        final int index = fieldIndex;
        if (fieldLength >= 0 || headerPending || trimFields || recordFailed || index >= columns.length)
        {
            return endFieldSlow(buffer, from, to);
        }
        fieldIndex = index + 1;
        final int column = columns[index];
        if (column == NO_COLUMN)
        {
            return true;
        }
        final ErrorCode code = binder.bindText(column, buffer, from, to - from);
        return code == ErrorCode.NONE || fieldFailed(code, column, index, buffer, from, to - from);
    }

    /**
     * Reads a plain field of a plain column in one pass ({@link CsvFastPath}) and binds it. Returns the index of the
     * byte that ended it, or {@link CsvFastPath#FALLBACK} to read the field the general way (which gives the same
     * result, errors included). The field and its terminator must lie before the record limit.
     */
    private int fastField(final DirectBuffer buffer, final int from, final int end)
    {
        final int index = fieldIndex;
        if (headerPending || recordFailed || trimFields || index >= columns.length || buffer.getByte(from) == quote)
        {
            return CsvFastPath.FALLBACK;
        }
        return fieldBinder.bind(fieldKinds[index], buffer, from, limitIndex(end), columns[index]);
    }

    /**
     * A whole record in one loop while every field has the plain form: no state switch, no per-field checks. At the
     * first field that needs more, it hands over to the state machine at that field (the row stays open, the fields
     * before are bound). Returns where decoding continues, or -1 on an error.
     */
    private int fastRecord(final DirectBuffer buffer, final int from, final int end)
    {
        final int limit = limitIndex(end);
        final int[] columns = this.columns;
        final byte[] fieldKinds = this.fieldKinds;
        final int lastField = columns.length - 1;
        int p = from;
        for (int f = 0; f <= lastField; f++)
        {
            if (p >= limit || buffer.getByte(p) == quote)
            {
                fieldIndex = f;
                return p;
            }
            // The kinds are dispatched here rather than through CsvFieldBinder.bind: the record loop is then one
            // compiled method with the small per-kind methods inlined, where bind, compiled on its own first (it is
            // hot per field), may be too big to inline; measured, that costs about half the throughput.
            final int column = columns[f];
            final int at;
            switch (fieldKinds[f])
            {
                case ValueBinder.FAST_STRING: at = fieldBinder.string(buffer, p, limit, column); break;
                case ValueBinder.FAST_INTEGER: at = fieldBinder.integer(buffer, p, limit, column); break;
                case ValueBinder.FAST_EPOCH_NANOS: at = fieldBinder.epochNanos(buffer, p, limit, column); break;
                case ValueBinder.FAST_FLOAT64: at = fieldBinder.float64(buffer, p, limit, column); break;
                case ValueBinder.FAST_FLOAT32: at = fieldBinder.float32(buffer, p, limit, column); break;
                case ValueBinder.FAST_DECIMAL: at = fieldBinder.decimal(buffer, p, limit, column); break;
                case ValueBinder.FAST_BOOLEAN: at = fieldBinder.bool(buffer, p, limit, column); break;
                case ValueBinder.FAST_STRING_OR_NULL_WORD:
                    at = fieldBinder.stringOrNullWord(buffer, p, limit, column);
                    break;
                default: at = fieldBinder.text(buffer, p, limit, column); break;
            }
            if (at < 0)
            {
                fieldIndex = f;
                return p;
            }
            final byte b = buffer.getByte(at);
            if (b != delimiter || f == lastField)
            {
                // The record ends here (or has more fields than columns, which the state machine drops).
                fieldIndex = f + 1;
                return afterFieldTerminator(b, at);
            }
            p = at + 1;
        }
        return p;
    }

    /** Which columns the fast paths may bind, per field position: after reset and after a COLUMNS header. */
    private void planFastFields()
    {
        final int n = columns.length;
        if (fieldKinds.length < n)
        {
            fieldKinds = new byte[n];
        }
        boolean all = n > 0 && !trimFields;
        for (int f = 0; f < n; f++)
        {
            final int column = columns[f];
            fieldKinds[f] = column == NO_COLUMN ? ValueBinder.FAST_NONE : binder.fastTextKind(column);
            all &= fieldKinds[f] != ValueBinder.FAST_NONE;
        }
        recordFastPath = all;
    }

    private boolean fieldFailed(
        final ErrorCode code, final int column, final int index, final DirectBuffer text, final int offset,
        final int length)
    {
        recordFailed = true;
        binder.abortRow();
        return reject(code, column, index, fieldStart, text.getStringWithoutLengthUtf8(offset, length), null);
    }

    private boolean endFieldSlow(final DirectBuffer buffer, final int from, final int to)
    {
        DirectBuffer text = buffer;
        int offset = from;
        int length = to - from;
        if (fieldLength >= 0)
        {
            if (!appendToField(buffer, from, to))
            {
                return false;
            }
            text = fieldBuffer;
            offset = 0;
            length = fieldLength;
        }
        final int index = fieldIndex++;
        if (headerPending)
        {
            if (headerMode == CsvConfig.Header.COLUMNS)
            {
                if (trim.headers())
                {
                    final int start = Ascii.skipLeading(text, offset, offset + length);
                    length = Ascii.skipTrailing(text, start, offset + length) - start;
                    offset = start;
                }
                headerNames.add(text.getStringWithoutLengthUtf8(offset, length));
            }
            return true;
        }
        if (recordFailed || index >= columns.length)
        {
            return true;
        }
        final int column = columns[index];
        if (column == NO_COLUMN)
        {
            return true;
        }
        if (trimFields)
        {
            final int start = Ascii.skipLeading(text, offset, offset + length);
            length = Ascii.skipTrailing(text, start, offset + length) - start;
            offset = start;
        }
        final ErrorCode code = binder.bindText(column, text, offset, length);
        return code == ErrorCode.NONE || fieldFailed(code, column, index, text, offset, length);
    }

    private boolean endRecord()
    {
        final int fields = fieldIndex;
        if (headerPending)
        {
            headerPending = false;
            return headerMode != CsvConfig.Header.COLUMNS || applyHeader();
        }
        if (recordFailed)
        {
            return true;
        }
        if (fieldCountRule != CsvConfig.FieldCount.FLEXIBLE)
        {
            if (expectedFields < 0)
            {
                expectedFields = fields;
            }
            if (fields != expectedFields)
            {
                binder.abortRow();
                return reject(ErrorCode.FIELD_COUNT_MISMATCH, -1, -1, recordStart, null,
                    "expected " + expectedFields + " fields, found " + fields);
            }
        }
        // Feldera CSV seed: "Missing fields receive empty values".
        for (int f = fields; f < columns.length; f++)
        {
            final int column = columns[f];
            if (column != NO_COLUMN)
            {
                final ErrorCode code = binder.bindText(column, fieldBuffer, 0, 0);
                if (code != ErrorCode.NONE)
                {
                    binder.abortRow();
                    return reject(code, column, f, recordStart, "", "missing field");
                }
            }
        }
        final ErrorCode code = binder.endRow();
        if (code != ErrorCode.NONE)
        {
            final int column = binder.failedColumn();
            return reject(code, column, -1, recordStart, null, null);
        }
        rowsDecoded++;
        return true;
    }

    private boolean applyHeader()
    {
        final int n = headerNames.size();
        columns = new int[n];
        for (int f = 0; f < n; f++)
        {
            final String name = headerNames.get(f);
            final int column = schema.indexOf(name);
            if (column == TableSchema.NOT_FOUND)
            {
                fatal(ErrorCode.UNKNOWN_COLUMN, recordStart, recordLine, name);
                return false;
            }
            for (int g = 0; g < f; g++)
            {
                if (columns[g] == column)
                {
                    fatal(ErrorCode.DUPLICATE_COLUMN, recordStart, recordLine, name);
                    return false;
                }
            }
            columns[f] = column;
        }
        if (fieldCountRule == CsvConfig.FieldCount.EXACT)
        {
            expectedFields = n;
        }
        planFastFields();
        return true;
    }

    private boolean reject(
        final ErrorCode code, final int column, final int field, final long offset, final String snippet,
        final String detail)
    {
        recordsRejected++;
        final String columnName = column >= 0 ? schema.column(column).name() : null;
        final String typeDetail = detail == null && column >= 0 ? "column type " + schema.column(column).type() : detail;
        errors.add(new DecodeError(code, recordLine, recordNumber, column, columnName, field, offset, snippet,
            typeDetail));
        if (errorPolicy == ErrorPolicy.STOP)
        {
            state = S_ERROR;
            return false;
        }
        return true;
    }

    private int fatal(final ErrorCode code, final long offset, final long atLine, final String snippet)
    {
        if (state != S_ERROR)
        {
            errors.add(new DecodeError(code, atLine, headerPending ? 0 : recordNumber, -1, null, -1, offset, snippet,
                null));
            state = S_ERROR;
        }
        return ERROR;
    }

    /** The offending byte alone: a longer snippet would depend on where the chunk ends. */
    private static String snippetAt(final DirectBuffer buffer, final int at, final int end)
    {
        final int b = buffer.getByte(at) & 0xFF;
        assert at < end;
        return b >= 0x20 && b < 0x7F ? String.valueOf((char)b) : String.format("\\x%02x", b);
    }
}
