package sluice.codec.json;

import org.agrona.DirectBuffer;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

/**
 * A stream of JSON objects, one row each, separated by any whitespace (newline-delimited JSON, Machbase
 * {@code application/x-ndjson}). Keys name columns (matched by {@link TableSchema#indexOf}); unknown keys are
 * ignored; columns without a key get their default. A top-level value that is not an object is a bad record.
 */
public final class NdjsonDecoder extends JsonDecoderBase
{
    private static final int T_TOP = 0;
    private static final int T_KEYS = 1;
    private static final int T_VALUE = 2;

    private final ColumnKeyCache keyCache = new ColumnKeyCache();
    private int state;
    private int keyPosition;
    private int column;
    private boolean rowFailed;

    public NdjsonDecoder(final ValueBinder binder)
    {
        super(binder);
    }

    public NdjsonDecoder reset(
        final TableSchema schema, final JsonConfig config, final TimeFormat timeFormat, final long requestTimeNanos)
    {
        resetBase(schema, config, true, timeFormat, requestTimeNanos);
        keyCache.reset(schema);
        state = T_TOP;
        return this;
    }

    @Override
    public int onToken(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (state)
        {
            case T_KEYS:
                if (token == JsonLexer.END_OBJECT)
                {
                    return endRecord();
                }
                column = keyCache.lookup(keyPosition++, buffer, offset, length);
                state = T_VALUE;
                return CONTINUE;
            case T_VALUE:
                if (token == JsonLexer.START_OBJECT || token == JsonLexer.START_ARRAY)
                {
                    return CAPTURE;
                }
                state = T_KEYS;
                return column < 0 || rowFailed ? CONTINUE : bindValue(token, buffer, offset, length);
            default:
                return onTopLevel(token);
        }
    }

    @Override
    protected boolean betweenRecords()
    {
        return state == T_TOP;
    }

    private int onTopLevel(final int token)
    {
        if (token == JsonLexer.RAW)
        {
            return CONTINUE;
        }
        recordNumber++;
        recordLine = tokenLine();
        if (token == JsonLexer.START_OBJECT)
        {
            keyPosition = 0;
            rowFailed = false;
            binder.beginRow(RowSink.OP_INSERT);
            state = T_KEYS;
            return CONTINUE;
        }
        final int action = reject(ErrorCode.NOT_AN_OBJECT, -1, -1, null, "found " + tokenKind(token));
        return action == STOP ? STOP : token == JsonLexer.START_ARRAY ? CAPTURE : CONTINUE;
    }

    private int bindValue(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        final int c = column;
        final ErrorCode code = bindToken(token, c, buffer, offset, length);
        if (code == ErrorCode.NONE)
        {
            return CONTINUE;
        }
        rowFailed = true;
        binder.abortRow();
        return reject(code, c, -1, tokenText(token, buffer, offset, length), valueDetail(c, token));
    }

    private int endRecord()
    {
        state = T_TOP;
        if (rowFailed)
        {
            return CONTINUE;
        }
        final ErrorCode code = binder.endRow();
        if (code != ErrorCode.NONE)
        {
            return reject(code, binder.failedColumn(), -1, null, null);
        }
        rowsDecoded++;
        return fastPathWanted() ? PAUSE : CONTINUE;
    }

    /**
     * Objects of plain scalar values read without the lexer; at the first object that is anything else (nested
     * values, escapes, errors) the lexer takes over from that object.
     */
    @Override
    protected int fastPath(final DirectBuffer buffer, final int from, final int end)
    {
        if (state != T_TOP || !lexer.atValueBoundary())
        {
            return from;
        }
        return fastRecords(buffer, from, end, (byte)'{', false);
    }

    /** The members of one object after its '{': the index after its '}', or FALLBACK with nothing kept. */
    @Override
    protected int fastRecordBody(final DirectBuffer buffer, final int start, final int end)
    {
        final JsonFastPath fast = this.fast;
        int p = fast.skipWhitespace(buffer, start, end);
        if (p >= end)
        {
            return JsonFastPath.FALLBACK;
        }
        if (buffer.getByte(p) == '}')
        {
            return p + 1;
        }
        int position = 0;
        while (true)
        {
            if (buffer.getByte(p) != '"')
            {
                return JsonFastPath.FALLBACK;
            }
            final int close = fast.scanString(buffer, p, end);
            if (close < 0)
            {
                return JsonFastPath.FALLBACK;
            }
            final int c = keyCache.lookup(position++, buffer, p + 1, close - p - 1);
            p = fast.skipWhitespace(buffer, close + 1, end);
            if (p >= end || buffer.getByte(p) != ':')
            {
                return JsonFastPath.FALLBACK;
            }
            p = fast.skipWhitespace(buffer, p + 1, end);
            if (p >= end)
            {
                return JsonFastPath.FALLBACK;
            }
            p = fastColumnValue(buffer, p, end, c);
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
            if (separator == '}')
            {
                return p + 1;
            }
            if (separator != ',')
            {
                return JsonFastPath.FALLBACK;
            }
            p = fast.skipWhitespace(buffer, p + 1, end);
            if (p >= end)
            {
                return JsonFastPath.FALLBACK;
            }
        }
    }

    @Override
    protected boolean endOfInput()
    {
        return state == T_TOP;
    }
}
