package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import sluice.codec.ErrorPolicy;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowBatchReader;
import sluice.codec.row.RowCopier;
import sluice.codec.row.RowLayout;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;

/**
 * Feldera's JSON change events (spec/feldera.md "JSON events"), a stream of JSON values:
 * <ul>
 * <li>{@link UpdateFormat#INSERT_DELETE}: {@code {"insert": R}}, {@code {"delete": R}}, {@code {"update": R}}
 * (partial, by primary key); a {@code "table"} key is ignored, any other key is an error.</li>
 * <li>{@link UpdateFormat#RAW}: the record itself, an insert.</li>
 * <li>{@link UpdateFormat#DEBEZIUM}: {@code {"payload":{"op":"c|r|u|d","before":R|null,"after":R|null}}}: delete
 * {@code before}, insert {@code after}; other keys ignored, keys in any order.</li>
 * </ul>
 * A record R is an object (keys by {@link TableSchema#indexOf}, unknown keys ignored, missing columns default, NOT
 * NULL without default is an error) or a positional array in column order (extra trailing values ignored, too few is
 * an error). With {@code array} every top-level value is an array of events, and a bad event drops the whole array
 * (its rows are staged until the array ends). Events are numbered from 1 in the request.
 */
public final class FelderaJsonDecoder extends JsonDecoderBase
{
    /** Feldera's {@code update_format}. */
    public enum UpdateFormat
    {
        INSERT_DELETE, RAW, DEBEZIUM
    }

    private static final int LV_UNIT = 1;
    private static final int LV_EVENT = 2;
    private static final int LV_ENVELOPE = 3;
    private static final int LV_PAYLOAD = 4;
    private static final int LV_RECORD_OBJECT = 5;
    private static final int LV_RECORD_ARRAY = 6;

    private static final int KEY_NONE = 0;
    private static final int KEY_IGNORED = 1;
    private static final int KEY_INSERT = 2;
    private static final int KEY_DELETE = 3;
    private static final int KEY_UPDATE = 4;
    private static final int KEY_PAYLOAD = 5;
    private static final int KEY_OP = 6;
    private static final int KEY_BEFORE = 7;
    private static final int KEY_AFTER = 8;
    private static final int KEY_COLUMN = 9;

    private final ColumnKeyCache keyCache = new ColumnKeyCache();
    private final RowBatchEncoder unitStage = new RowBatchEncoder();
    private final RowBatchEncoder payloadStage = new RowBatchEncoder();
    private final RowBatchReader stageReader = new RowBatchReader();
    private final ExpandableDirectByteBuffer unitBuffer = new ExpandableDirectByteBuffer(4096);
    private final ExpandableDirectByteBuffer payloadBuffer = new ExpandableDirectByteBuffer(1024);
    private RowLayout layout;
    private UpdateFormat format;
    private boolean array;

    private int[] levels = new int[8];
    private boolean[] levelFailed = new boolean[8];
    private int top = -1;
    private int pendingKey;
    private int column;
    private int keyPosition;
    private int fieldIndex;
    private int columnCount;
    private boolean eventHasOp;
    private byte debeziumOp;
    private boolean payloadSeen;
    private long unitEvents;
    private boolean unitFailed;
    /** An insert/delete/update record is complete but its event object is not: the row ends with the event. */
    private boolean rowPending;

    public FelderaJsonDecoder(final ValueBinder binder)
    {
        super(binder);
    }

    public FelderaJsonDecoder reset(
        final TableSchema schema, final UpdateFormat format, final boolean array, final JsonConfig config,
        final long requestTimeNanos)
    {
        resetBase(schema, config, true, null, requestTimeNanos);
        keyCache.reset(schema);
        this.format = format;
        this.array = array;
        if (layout == null || layout.schema() != schema)
        {
            layout = new RowLayout(schema);
        }
        columnCount = schema.columnCount();
        top = -1;
        pendingKey = KEY_NONE;
        unitFailed = false;
        rowPending = false;
        return this;
    }

    @Override
    protected void useSink(final RowSink sink)
    {
        super.useSink(sink);
        binder.sink(currentTarget());
    }

    /** Where bound rows go now: the payload stage inside a Debezium payload, the unit stage in an array, else out. */
    private RowSink currentTarget()
    {
        if (top >= 0 && isInside(LV_PAYLOAD))
        {
            return payloadStage;
        }
        return array && top >= 0 ? unitStage : sink;
    }

    private boolean isInside(final int level)
    {
        for (int i = top; i >= 0; i--)
        {
            if (levels[i] == level)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public int onToken(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (top < 0)
        {
            return onTopLevel(token);
        }
        if (levelFailed[top])
        {
            // Skipping the rest of a bad event or record: nested containers arrive as RAW and are ignored.
            if (token == JsonLexer.END_OBJECT || token == JsonLexer.END_ARRAY)
            {
                return pop();
            }
            return token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ? CAPTURE : CONTINUE;
        }
        switch (levels[top])
        {
            case LV_UNIT:
                return token == JsonLexer.END_ARRAY ? pop() : onEvent(token);
            case LV_EVENT:
                return onEventKey(token, buffer, offset, length);
            case LV_ENVELOPE:
                return onEnvelopeKey(token, buffer, offset, length);
            case LV_PAYLOAD:
                return onPayloadKey(token, buffer, offset, length);
            case LV_RECORD_OBJECT:
                return onRecordKey(token, buffer, offset, length);
            default:
                return onRecordValue(token, buffer, offset, length);
        }
    }

    private int onTopLevel(final int token)
    {
        if (token == JsonLexer.RAW)
        {
            return CONTINUE;
        }
        if (!array)
        {
            return onEvent(token);
        }
        if (token != JsonLexer.START_ARRAY)
        {
            recordNumber++;
            recordLine = tokenLine();
            final int action = reject(ErrorCode.INVALID_EVENT, -1, -1, null,
                "array=true: expected an array of events, found " + tokenKind(token));
            return action == STOP ? STOP : token == JsonLexer.START_OBJECT ? CAPTURE : CONTINUE;
        }
        unitStage.wrap(unitBuffer, 0, layout, 0, 0);
        unitEvents = 0;
        unitFailed = false;
        push(LV_UNIT);
        binder.sink(unitStage);
        return CONTINUE;
    }

    /** The start of one event: its shape depends on the update format. */
    private int onEvent(final int token)
    {
        if (token == JsonLexer.RAW)
        {
            return CONTINUE;
        }
        recordNumber++;
        recordLine = tokenLine();
        unitEvents++;
        if (format == UpdateFormat.RAW)
        {
            return beginRecord(token, RowSink.OP_INSERT);
        }
        if (token != JsonLexer.START_OBJECT)
        {
            final int action = eventError(ErrorCode.INVALID_EVENT, -1, null, "expected an object, found " +
                tokenKind(token));
            return action == STOP ? STOP : token == JsonLexer.START_ARRAY ? CAPTURE : CONTINUE;
        }
        if (format == UpdateFormat.DEBEZIUM)
        {
            payloadSeen = false;
            push(LV_ENVELOPE);
        }
        else
        {
            eventHasOp = false;
            push(LV_EVENT);
        }
        pendingKey = KEY_NONE;
        return CONTINUE;
    }

    private int onEventKey(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingKey == KEY_NONE)
        {
            if (token == JsonLexer.END_OBJECT)
            {
                if (!eventHasOp)
                {
                    failTop();
                    final int action = eventError(ErrorCode.INVALID_EVENT, -1, null,
                        "an event needs one of insert, delete, update");
                    pop();
                    return action;
                }
                return pop();
            }
            final int key = isName(buffer, offset, length, "insert") ? KEY_INSERT :
                isName(buffer, offset, length, "delete") ? KEY_DELETE :
                isName(buffer, offset, length, "update") ? KEY_UPDATE :
                isName(buffer, offset, length, "table") ? KEY_IGNORED : KEY_NONE;
            if (key == KEY_NONE || (key != KEY_IGNORED && eventHasOp))
            {
                failTop();
                return eventError(ErrorCode.INVALID_EVENT, -1, buffer.getStringWithoutLengthUtf8(offset, length),
                    key == KEY_NONE ? "unknown key in an insert/delete event" : "more than one operation in an event");
            }
            eventHasOp |= key != KEY_IGNORED;
            pendingKey = key;
            return CONTINUE;
        }
        final int key = pendingKey;
        pendingKey = KEY_NONE;
        if (key == KEY_IGNORED)
        {
            return token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ? capture(KEY_IGNORED) : CONTINUE;
        }
        if (token == JsonLexer.RAW)
        {
            return CONTINUE;
        }
        return beginRecord(token, key == KEY_INSERT ? RowSink.OP_INSERT :
            key == KEY_DELETE ? RowSink.OP_DELETE : RowSink.OP_UPDATE);
    }

    private int capture(final int key)
    {
        // The RAW token for a skipped value comes next; keep the key so it is not taken for a new one.
        pendingKey = key;
        return CAPTURE;
    }

    private int onEnvelopeKey(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingKey == KEY_NONE)
        {
            if (token == JsonLexer.END_OBJECT)
            {
                if (!payloadSeen)
                {
                    failTop();
                    final int action = eventError(ErrorCode.INVALID_EVENT, -1, null, "no 'payload' in Debezium event");
                    pop();
                    return action;
                }
                return pop();
            }
            pendingKey = isName(buffer, offset, length, "payload") ? KEY_PAYLOAD : KEY_IGNORED;
            return CONTINUE;
        }
        final int key = pendingKey;
        pendingKey = KEY_NONE;
        if (key == KEY_PAYLOAD && token == JsonLexer.START_OBJECT)
        {
            payloadSeen = true;
            debeziumOp = 0;
            payloadStage.wrap(payloadBuffer, 0, layout, 0, 0);
            push(LV_PAYLOAD);
            binder.sink(payloadStage);
            return CONTINUE;
        }
        if (key == KEY_PAYLOAD)
        {
            failTop();
            return swallow(token, eventError(ErrorCode.INVALID_EVENT, -1, null, "'payload' must be an object"));
        }
        return token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ? capture(KEY_IGNORED) : CONTINUE;
    }

    private int onPayloadKey(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingKey == KEY_NONE)
        {
            if (token == JsonLexer.END_OBJECT)
            {
                return endPayload();
            }
            pendingKey = isName(buffer, offset, length, "op") ? KEY_OP :
                isName(buffer, offset, length, "before") ? KEY_BEFORE :
                isName(buffer, offset, length, "after") ? KEY_AFTER : KEY_IGNORED;
            return CONTINUE;
        }
        final int key = pendingKey;
        pendingKey = KEY_NONE;
        switch (key)
        {
            case KEY_OP:
                if (token == JsonLexer.STRING && length == 1)
                {
                    debeziumOp = buffer.getByte(offset);
                    return CONTINUE;
                }
                debeziumOp = '?';
                return token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ?
                    capture(KEY_IGNORED) : CONTINUE;
            case KEY_BEFORE:
            case KEY_AFTER:
                if (token == JsonLexer.NULL)
                {
                    return CONTINUE;
                }
                return beginRecord(token, key == KEY_BEFORE ? RowSink.OP_DELETE : RowSink.OP_INSERT);
            default:
                return token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ?
                    capture(KEY_IGNORED) : CONTINUE;
        }
    }

    /** A Debezium payload ended: keep the staged images its op asks for. */
    private int endPayload()
    {
        final byte op = debeziumOp;
        pop();
        final boolean keepDeletes = op == 'u' || op == 'd';
        final boolean keepInserts = op == 'u' || op == 'c' || op == 'r';
        if (!keepDeletes && !keepInserts)
        {
            return eventError(ErrorCode.INVALID_EVENT, -1, op == 0 ? null : String.valueOf((char)op),
                "Debezium 'op' must be one of c, r, u, d");
        }
        final RowSink target = currentTarget();
        // Deletes first, so an update that keeps its key replaces the row.
        for (int pass = 0; pass < 2; pass++)
        {
            stageReader.wrap(payloadBuffer, 0, layout);
            while (stageReader.next())
            {
                final boolean delete = stageReader.op() == RowSink.OP_DELETE;
                if (pass == 0 ? delete && keepDeletes : !delete && keepInserts)
                {
                    RowCopier.copyRow(stageReader, target);
                    if (target == sink)
                    {
                        rowsDecoded++;
                    }
                }
            }
        }
        return CONTINUE;
    }

    private int beginRecord(final int token, final byte op)
    {
        if (token == JsonLexer.START_OBJECT)
        {
            push(LV_RECORD_OBJECT);
            keyPosition = 0;
        }
        else if (token == JsonLexer.START_ARRAY)
        {
            push(LV_RECORD_ARRAY);
            fieldIndex = 0;
        }
        else
        {
            return eventError(ErrorCode.INVALID_EVENT, -1, null, "a record must be an object or an array, found " +
                tokenKind(token));
        }
        pendingKey = KEY_NONE;
        binder.beginRow(op);
        return CONTINUE;
    }

    private int onRecordKey(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingKey == KEY_NONE)
        {
            if (token == JsonLexer.END_OBJECT)
            {
                return endRecord();
            }
            column = keyCache.lookup(keyPosition++, buffer, offset, length);
            pendingKey = KEY_COLUMN;
            return CONTINUE;
        }
        if (token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY)
        {
            return CAPTURE;
        }
        pendingKey = KEY_NONE;
        return column < 0 ? CONTINUE : bindValue(token, column, -1, buffer, offset, length);
    }

    private int onRecordValue(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        if (token == JsonLexer.END_ARRAY)
        {
            if (fieldIndex < columnCount)
            {
                binder.abortRow();
                failTop();
                final int action = eventError(ErrorCode.FIELD_COUNT_MISMATCH, -1, null,
                    "expected " + columnCount + " values, found " + fieldIndex);
                pop();
                return action;
            }
            return endRecord();
        }
        if (token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY)
        {
            return CAPTURE;
        }
        final int index = fieldIndex++;
        // Extra trailing values are ignored (spec/feldera.md).
        return index >= columnCount ? CONTINUE : bindValue(token, index, index, buffer, offset, length);
    }

    private int bindValue(
        final int token, final int c, final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        final ErrorCode code = bindToken(token, c, buffer, offset, length);
        if (code == ErrorCode.NONE)
        {
            return CONTINUE;
        }
        binder.abortRow();
        failTop();
        return eventError(code, c, tokenText(token, buffer, offset, length), valueDetail(c, token), index);
    }

    private int endRecord()
    {
        pop();
        if (top >= 0 && levels[top] == LV_EVENT)
        {
            // Feldera reads an event whole: a bad key after the record still rejects it, so the row waits.
            rowPending = true;
            return CONTINUE;
        }
        return finishRow();
    }

    private int finishRow()
    {
        final ErrorCode code = binder.endRow();
        if (code != ErrorCode.NONE)
        {
            return eventError(code, binder.failedColumn(), null, code == ErrorCode.UPDATE_WITHOUT_KEY ?
                "table has no primary key" : null);
        }
        if (binderTargetIsSink())
        {
            rowsDecoded++;
        }
        return CONTINUE;
    }

    private boolean binderTargetIsSink()
    {
        return currentTarget() == sink;
    }

    private int eventError(final ErrorCode code, final int c, final String snippet, final String detail)
    {
        return eventError(code, c, snippet, detail, -1);
    }

    /**
     * A bad event. In array mode only the array's first error is listed and the whole array is dropped when it ends;
     * otherwise the event is rejected alone.
     */
    private int eventError(
        final ErrorCode code, final int c, final String snippet, final String detail, final int fieldIndex)
    {
        if (array && top >= 0 && levels[0] == LV_UNIT)
        {
            if (!unitFailed)
            {
                unitFailed = true;
                addError(code, c, fieldIndex, snippet, detail);
            }
            return errorPolicy == ErrorPolicy.STOP ? STOP : CONTINUE;
        }
        return reject(code, c, fieldIndex, snippet, detail);
    }

    private void push(final int level)
    {
        if (++top == levels.length)
        {
            levels = java.util.Arrays.copyOf(levels, levels.length * 2);
            levelFailed = java.util.Arrays.copyOf(levelFailed, levelFailed.length * 2);
        }
        levels[top] = level;
        levelFailed[top] = false;
    }

    /** Marks the innermost level bad: its remaining tokens are skipped up to its end. */
    private void failTop()
    {
        if (top >= 0)
        {
            levelFailed[top] = true;
        }
    }

    private int pop()
    {
        final int level = levels[top];
        final boolean failed = levelFailed[top];
        top--;
        pendingKey = KEY_NONE;
        if (failed && (level == LV_RECORD_OBJECT || level == LV_RECORD_ARRAY || level == LV_EVENT ||
            level == LV_PAYLOAD || level == LV_ENVELOPE))
        {
            // A bad record fails its whole event: the parents up to the event are skipped too.
            propagateFailure();
        }
        if (level == LV_EVENT && rowPending)
        {
            rowPending = false;
            if (!failed)
            {
                return finishRow();
            }
            binder.abortRow();
        }
        if (level == LV_PAYLOAD)
        {
            binder.sink(currentTarget());
        }
        if (level == LV_UNIT)
        {
            return endUnit();
        }
        return CONTINUE;
    }

    private void propagateFailure()
    {
        for (int i = top; i >= 0; i--)
        {
            if (levels[i] == LV_UNIT)
            {
                return;
            }
            levelFailed[i] = true;
        }
    }

    private int endUnit()
    {
        binder.sink(sink);
        if (unitFailed)
        {
            // spec/feldera.md: with array=true a bad event drops the whole array.
            recordsRejected += unitEvents;
            return CONTINUE;
        }
        stageReader.wrap(unitBuffer, 0, layout);
        while (stageReader.next())
        {
            RowCopier.copyRow(stageReader, sink);
            rowsDecoded++;
        }
        return CONTINUE;
    }

    /** After an error on a container's start token: skip the container whole. */
    private static int swallow(final int token, final int action)
    {
        return action == STOP ? STOP :
            token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY ? CAPTURE : CONTINUE;
    }

    private static boolean isName(final DirectBuffer buffer, final int offset, final int length, final String name)
    {
        return sluice.codec.value.Ascii.equals(buffer, offset, length, name);
    }

    @Override
    protected boolean endOfInput()
    {
        return top < 0;
    }
}
