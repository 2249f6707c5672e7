package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

/**
 * JSON bodies that carry a column list and rows as arrays of values:
 * <ul>
 * <li>{@link Layout#MACHBASE}: {@code {"data":{"columns":[...],"rows":[[...],...]}}}; {@code columns} optional (rows
 * then list every non-hidden column in table order); other keys ignored; with {@code allowBareRows} also a bare
 * {@code [[...],...]} (spec/machbase.md "Bodies").</li>
 * <li>{@link Layout#PROTON}: {@code {"columns":[...],"data":[[...],...]}}, both required, other keys ignored
 * (spec/proton.md).</li>
 * </ul>
 * Keys may come in any order. Rows that arrive before their column list are buffered (up to the config's
 * maxValueBytes) and replayed once the enclosing object ends; clients that send {@code columns} first are never
 * buffered. A value that is an array or object reaches its column as its whole text (JSON, ARRAY, MAP columns).
 * Row numbers in errors count from 1 in the order rows appear.
 */
public final class JsonRowsDecoder extends JsonDecoderBase
{
    /** Where columns and rows live in the body. */
    public enum Layout
    {
        MACHBASE, PROTON
    }

    private static final int P_ROOT = 0;
    private static final int P_OBJECT_KEYS = 1;
    private static final int P_KEY_VALUE = 2;
    private static final int P_COLUMN_NAMES = 3;
    private static final int P_ROWS = 4;
    private static final int P_ROW_VALUES = 5;
    private static final int P_REPLAY = 6;
    private static final int P_DONE = 7;
    /** Replaying buffered rows: the outer array of rows comes first. */
    private static final int P_REPLAY_START = 8;

    private static final int K_SKIP = 0;
    private static final int K_DATA_OBJECT = 1;
    private static final int K_COLUMNS = 2;
    private static final int K_ROWS = 3;
    /** Rows that came before the column list: their text arrives as one RAW token. */
    private static final int K_DEFERRED_ROWS = 4;

    private final ExpandableDirectByteBuffer deferredRows = new ExpandableDirectByteBuffer(1024);
    private final JsonLexer replayLexer = new JsonLexer();
    private Layout layout;
    private boolean allowBareRows;

    private int state;
    private int pendingKey;
    /** Depth of the object whose keys we read: 1 for the root object, 2 for Machbase's "data". */
    private int keysDepth;
    private int[] columns = new int[0];
    private int columnCount;
    private boolean columnsSeen;
    private boolean dataSeen;
    private boolean rowsInsideData;
    private int deferredLength;
    private long deferredOffset;
    private long deferredLine;
    private int fieldIndex;
    private boolean rowFailed;
    private boolean replaying;

    public JsonRowsDecoder(final ValueBinder binder)
    {
        super(binder);
    }

    public JsonRowsDecoder reset(
        final TableSchema schema, final Layout layout, final JsonConfig config, final TimeFormat timeFormat,
        final long requestTimeNanos)
    {
        resetBase(schema, config, false, timeFormat, requestTimeNanos);
        replayLexer.reset().maxDepth(config.maxDepth()).maxTokenBytes(config.maxValueBytes());
        this.layout = layout;
        allowBareRows = config.allowBareRows() && layout == Layout.MACHBASE;
        state = P_ROOT;
        keysDepth = 0;
        columnCount = 0;
        columnsSeen = false;
        dataSeen = false;
        rowsInsideData = false;
        deferredLength = 0;
        replaying = false;
        return this;
    }


    @Override
    public int onToken(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (state)
        {
            case P_ROOT:
                return onRoot(token);
            case P_OBJECT_KEYS:
                return onObjectKey(token, buffer, offset, length);
            case P_KEY_VALUE:
                return onKeyValue(token, buffer, offset, length);
            case P_COLUMN_NAMES:
                return onColumnName(token, buffer, offset, length);
            case P_ROWS:
            case P_REPLAY:
                return onRowsItem(token);
            case P_ROW_VALUES:
                return onRowValue(token, buffer, offset, length);
            case P_REPLAY_START:
                state = P_REPLAY;
                return CONTINUE;
            default:
                return CONTINUE;
        }
    }

    private int onRoot(final int token)
    {
        if (token == JsonLexer.START_OBJECT)
        {
            state = P_OBJECT_KEYS;
            keysDepth = 1;
            return CONTINUE;
        }
        if (token == JsonLexer.START_ARRAY && allowBareRows)
        {
            // Machbase append: a bare array of rows, every non-hidden column in table order.
            dataSeen = true;
            usePositionalColumns();
            state = P_ROWS;
            return fastPathWanted() ? PAUSE : CONTINUE;
        }
        return fatal(ErrorCode.JSON_UNEXPECTED_SHAPE, null,
            "expected " + (layout == Layout.PROTON ? "{\"columns\":[...],\"data\":[[...]]}" :
            "{\"data\":{\"columns\":[...],\"rows\":[[...]]}}") + ", found " + tokenKind(token));
    }

    private int onObjectKey(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (token == JsonLexer.END_OBJECT)
        {
            return endObject();
        }
        pendingKey = keyKind(buffer, offset, length);
        state = P_KEY_VALUE;
        return CONTINUE;
    }

    private int keyKind(final DirectBuffer name, final int offset, final int length)
    {
        if (layout == Layout.PROTON)
        {
            return isKey(name, offset, length, "columns") ? K_COLUMNS :
                isKey(name, offset, length, "data") ? K_ROWS : K_SKIP;
        }
        if (keysDepth == 1)
        {
            return isKey(name, offset, length, "data") ? K_DATA_OBJECT : K_SKIP;
        }
        return isKey(name, offset, length, "columns") ? K_COLUMNS :
            isKey(name, offset, length, "rows") ? K_ROWS : K_SKIP;
    }

    private static boolean isKey(final DirectBuffer name, final int offset, final int length, final String key)
    {
        return sluice.codec.value.Ascii.equals(name, offset, length, key);
    }

    private int onKeyValue(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (pendingKey)
        {
            case K_DATA_OBJECT:
                if (token != JsonLexer.START_OBJECT)
                {
                    return fatal(ErrorCode.JSON_UNEXPECTED_SHAPE, null, "'data' must be an object");
                }
                dataSeen = true;
                keysDepth = 2;
                state = P_OBJECT_KEYS;
                return CONTINUE;
            case K_COLUMNS:
                if (token != JsonLexer.START_ARRAY || columnsSeen)
                {
                    return fatal(ErrorCode.INVALID_COLUMNS_FIELD, null,
                        columnsSeen ? "'columns' given twice" : "'columns' must be an array of column names");
                }
                columnsSeen = true;
                columnCount = 0;
                state = P_COLUMN_NAMES;
                return CONTINUE;
            case K_ROWS:
                if (token != JsonLexer.START_ARRAY)
                {
                    return fatal(ErrorCode.JSON_UNEXPECTED_SHAPE, null,
                        "'" + (layout == Layout.PROTON ? "data" : "rows") + "' must be an array of rows");
                }
                if (layout == Layout.PROTON)
                {
                    dataSeen = true;
                }
                else
                {
                    rowsInsideData = true;
                }
                if (columnsSeen)
                {
                    state = P_ROWS;
                    return fastPathWanted() ? PAUSE : CONTINUE;
                }
                // The column list may still follow: keep the rows' text until the object ends.
                pendingKey = K_DEFERRED_ROWS;
                deferredOffset = tokenOffset();
                deferredLine = tokenLine();
                return CAPTURE;
            case K_DEFERRED_ROWS:
                deferredRows.putBytes(0, buffer, offset, length);
                deferredLength = length;
                state = P_OBJECT_KEYS;
                return CONTINUE;
            default:
                // An ignored key: skip its value whole (containers arrive as one RAW token).
                if (token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY)
                {
                    return CAPTURE;
                }
                state = P_OBJECT_KEYS;
                return CONTINUE;
        }
    }

    private int onColumnName(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (token == JsonLexer.END_ARRAY)
        {
            if (columnCount == 0)
            {
                return fatal(ErrorCode.INVALID_COLUMNS_FIELD, null, "'columns' is empty");
            }
            state = P_OBJECT_KEYS;
            return CONTINUE;
        }
        if (token != JsonLexer.STRING)
        {
            return fatal(ErrorCode.INVALID_COLUMNS_FIELD, null, "column names must be strings, found " +
                tokenKind(token));
        }
        final int column = schema.indexOf(buffer, offset, length);
        if (column == TableSchema.NOT_FOUND)
        {
            return fatal(ErrorCode.UNKNOWN_COLUMN, buffer.getStringWithoutLengthUtf8(offset, length), null);
        }
        for (int i = 0; i < columnCount; i++)
        {
            if (columns[i] == column)
            {
                return fatal(ErrorCode.DUPLICATE_COLUMN, buffer.getStringWithoutLengthUtf8(offset, length), null);
            }
        }
        if (columnCount == columns.length)
        {
            columns = java.util.Arrays.copyOf(columns, Math.max(8, columnCount * 2));
        }
        columns[columnCount++] = column;
        return CONTINUE;
    }

    private void usePositionalColumns()
    {
        columns = schema.positionalColumns();
        columnCount = columns.length;
    }

    /** Inside the rows array: the next row, or the end of the rows. */
    private int onRowsItem(final int token)
    {
        if (token == JsonLexer.RAW)
        {
            // The skipped text of a row that was an object.
            return CONTINUE;
        }
        if (token == JsonLexer.START_ARRAY)
        {
            recordNumber++;
            recordLine = tokenLine();
            fieldIndex = 0;
            rowFailed = false;
            binder.beginRow(RowSink.OP_INSERT);
            state = P_ROW_VALUES;
            return CONTINUE;
        }
        if (token == JsonLexer.END_ARRAY)
        {
            state = state == P_REPLAY ? P_DONE : keysDepth == 0 ? P_DONE : P_OBJECT_KEYS;
            return CONTINUE;
        }
        recordNumber++;
        recordLine = tokenLine();
        final int action = reject(ErrorCode.NOT_AN_ARRAY, -1, -1, null, "found " + tokenKind(token));
        return token == JsonLexer.START_OBJECT ? (action == STOP ? STOP : CAPTURE) : action;
    }

    private int onRowValue(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (token == JsonLexer.END_ARRAY)
        {
            return endRow();
        }
        if (token == JsonLexer.START_ARRAY || token == JsonLexer.START_OBJECT)
        {
            return CAPTURE;
        }
        final int index = fieldIndex++;
        if (rowFailed || index >= columnCount)
        {
            return CONTINUE;
        }
        final int column = columns[index];
        final ErrorCode code = bindToken(token, column, buffer, offset, length);
        if (code == ErrorCode.NONE)
        {
            return CONTINUE;
        }
        rowFailed = true;
        binder.abortRow();
        final int action = reject(code, column, index, tokenText(token, buffer, offset, length),
            valueDetail(column, token));
        return action == STOP ? STOP : CONTINUE;
    }

    private int endRow()
    {
        state = returnStateAfterRow();
        if (rowFailed)
        {
            return CONTINUE;
        }
        if (fieldIndex != columnCount)
        {
            binder.abortRow();
            return reject(ErrorCode.FIELD_COUNT_MISMATCH, -1, -1, null,
                "expected " + columnCount + " values, found " + fieldIndex);
        }
        final ErrorCode code = binder.endRow();
        if (code != ErrorCode.NONE)
        {
            final int column = binder.failedColumn();
            return reject(code, column, -1, null, null);
        }
        rowsDecoded++;
        return !replaying && fastPathWanted() ? PAUSE : CONTINUE;
    }

    /**
     * Rows of plain scalars, {@code [v, v, ...]} with exactly one value per column, read without the lexer; at the
     * first row that is anything else the lexer takes over from that row's comma.
     */
    @Override
    protected int fastPath(final DirectBuffer buffer, final int from, final int end)
    {
        if (state != P_ROWS || replaying || columnCount == 0 || !lexer.atValueBoundary())
        {
            return from;
        }
        return fastRecords(buffer, from, end, (byte)'[', true);
    }

    /** The values of one row after its '[': the index after its ']', or FALLBACK with nothing kept. */
    @Override
    protected int fastRecordBody(final DirectBuffer buffer, final int start, final int end)
    {
        final JsonFastPath fast = this.fast;
        final int last = columnCount - 1;
        int p = start;
        for (int f = 0; ; f++)
        {
            p = fast.skipWhitespace(buffer, p, end);
            if (p >= end)
            {
                return JsonFastPath.FALLBACK;
            }
            p = fastColumnValue(buffer, p, end, columns[f]);
            if (p < 0)
            {
                return JsonFastPath.FALLBACK;
            }
            p = fast.skipWhitespace(buffer, p, end);
            if (p >= end)
            {
                return JsonFastPath.FALLBACK;
            }
            final byte separator = buffer.getByte(p);
            if (f == last)
            {
                return separator == ']' ? p + 1 : JsonFastPath.FALLBACK;
            }
            if (separator != ',')
            {
                return JsonFastPath.FALLBACK;
            }
            p++;
        }
    }

    private int returnStateAfterRow()
    {
        return replaying ? P_REPLAY : P_ROWS;
    }

    /** The object whose keys we were reading ended: check what it had, replay deferred rows. */
    private int endObject()
    {
        if (layout == Layout.MACHBASE && keysDepth == 2)
        {
            keysDepth = 1;
            state = P_OBJECT_KEYS;
            if (!columnsSeen)
            {
                usePositionalColumns();
            }
            if (!rowsInsideData)
            {
                return fatal(ErrorCode.MISSING_DATA_FIELD, null, "'data' has no 'rows'");
            }
            return replayDeferredRows();
        }
        state = P_DONE;
        if (!dataSeen)
        {
            return fatal(ErrorCode.MISSING_DATA_FIELD, null, null);
        }
        if (layout == Layout.PROTON)
        {
            if (!columnsSeen)
            {
                return fatal(ErrorCode.MISSING_COLUMNS_FIELD, null, null);
            }
            return replayDeferredRows();
        }
        return CONTINUE;
    }

    private int replayDeferredRows()
    {
        if (deferredLength <= 0)
        {
            return CONTINUE;
        }
        final int resume = state;
        replaying = true;
        activeLexer = replayLexer;
        replayOffsetBase = deferredOffset;
        replayLineBase = deferredLine - 1;
        replayLexer.reset();
        state = P_REPLAY_START;
        int r = replayLexer.parse(deferredRows, 0, deferredLength, this);
        if (r == JsonLexer.NEED_MORE)
        {
            r = replayLexer.finish(this);
        }
        replaying = false;
        activeLexer = lexer;
        deferredLength = -1;
        if (r == JsonLexer.ERROR)
        {
            return replayFailed(replayLexer);
        }
        if (r == JsonLexer.STOPPED)
        {
            return STOP;
        }
        replayOffsetBase = 0;
        replayLineBase = 0;
        state = resume;
        return CONTINUE;
    }

    @Override
    protected boolean endOfInput()
    {
        return state == P_DONE;
    }
}
