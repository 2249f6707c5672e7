package sluice.codec.json;

import org.agrona.DirectBuffer;
import sluice.codec.ErrorPolicy;
import sluice.codec.RowDecoder;
import sluice.codec.bind.ValueBinder;
import sluice.codec.error.DecodeError;
import sluice.codec.error.DecodeErrors;
import sluice.codec.error.ErrorCode;
import sluice.codec.row.RowSink;
import sluice.codec.schema.TableSchema;
import sluice.codec.time.TimeFormat;

/**
 * What the JSON decoders share: driving a {@link JsonLexer} over the chunks, binding a JSON value token to a column,
 * and turning failures into {@link DecodeError} values with the line, record number and byte offset. Subclasses are
 * the {@link JsonHandler} state machines of one body shape each.
 */
abstract class JsonDecoderBase implements RowDecoder, JsonHandler
{
    protected final ValueBinder binder;
    protected final JsonLexer lexer = new JsonLexer();
    protected final DecodeErrors errors = new DecodeErrors();
    protected TableSchema schema;
    protected ErrorPolicy errorPolicy = ErrorPolicy.STOP;
    protected long rowsDecoded;
    protected long recordsRejected;
    /** Record (row, object, event) number being decoded, 1-based. */
    protected long recordNumber;
    /** Line where the current record starts. */
    protected long recordLine;
    /** The lexer whose tokens are being handled: {@link #lexer}, or one replaying buffered input. */
    protected JsonLexer activeLexer = lexer;
    /** Added to {@link #activeLexer}'s offsets and lines when it replays buffered input. */
    protected long replayOffsetBase;
    protected long replayLineBase;
    protected RowSink sink;
    protected final JsonFastPath fast = new JsonFastPath();
    /** Per column, the binder's fast kind ({@link ValueBinder#fastTextKind}). */
    protected byte[] fastKinds = new byte[0];
    private static final int MAX_FAST_FAILURES = 8;
    private int fastFailures;
    private boolean stopped;

    JsonDecoderBase(final ValueBinder binder)
    {
        this.binder = binder;
    }

    protected void resetBase(
        final TableSchema schema, final JsonConfig config, final boolean multipleValues, final TimeFormat timeFormat,
        final long requestTimeNanos)
    {
        this.schema = schema;
        binder.reset(schema, timeFormat, requestTimeNanos);
        errorPolicy = config.errorPolicy();
        lexer.reset().multipleValues(multipleValues).maxDepth(config.maxDepth()).maxTokenBytes(config.maxValueBytes());
        errors.clear();
        rowsDecoded = 0;
        recordsRejected = 0;
        recordNumber = 0;
        recordLine = 1;
        activeLexer = lexer;
        replayOffsetBase = 0;
        replayLineBase = 0;
        stopped = false;
        fastFailures = 0;
        final int n = schema.columnCount();
        if (fastKinds.length < n)
        {
            fastKinds = new byte[n];
        }
        for (int c = 0; c < n; c++)
        {
            fastKinds[c] = binder.fastTextKind(c);
        }
    }

    @Override
    public final DecodeErrors errors()
    {
        return errors;
    }

    @Override
    public final long rowsDecoded()
    {
        return rowsDecoded;
    }

    @Override
    public final long recordsRejected()
    {
        return recordsRejected;
    }

    @Override
    public final int decode(final DirectBuffer buffer, final int offset, final int length, final RowSink sink)
    {
        if (stopped)
        {
            return ERROR;
        }
        useSink(sink);
        final int end = offset + length;
        int i = offset;
        while (true)
        {
            if (fastFailures < MAX_FAST_FAILURES)
            {
                i = fastPath(buffer, i, end);
            }
            if (i == end)
            {
                return NEED_MORE;
            }
            final int r = lexer.parse(buffer, i, end - i, this);
            if (r == JsonLexer.PAUSED)
            {
                i = lexer.pausedIndex();
                continue;
            }
            if (r == JsonLexer.NEED_MORE)
            {
                return NEED_MORE;
            }
            if (r == JsonLexer.ERROR)
            {
                lexerFailed(lexer);
            }
            stopped = true;
            return ERROR;
        }
    }

    /**
     * Reads whole records starting at {@code from} without the lexer, when they have the plain shape, binding them
     * as the lexer path would, and returns the index after the last one read (accounted to the lexer with
     * {@link JsonLexer#advanceOverValues}); {@code from} if none. Called at record boundaries: at the start of each
     * chunk and whenever the handler answers {@link JsonHandler#PAUSE}. The default reads nothing.
     */
    protected int fastPath(final DirectBuffer buffer, final int from, final int end)
    {
        return from;
    }

    /**
     * The fast paths' record loop: records that start with {@code open} (after a comma when {@code commaSeparated}),
     * each read by {@link #fastRecordBody} and bound as one row, until one that is not plain; the lexer is told
     * about what was read. Returns the index after the last record read.
     */
    protected final int fastRecords(
        final DirectBuffer buffer, final int from, final int end, final byte open, final boolean commaSeparated)
    {
        final JsonFastPath fast = this.fast;
        fast.newlines = 0;
        boolean comma = commaSeparated && lexer.expectsComma();
        int done = from;
        int doneNewlines = 0;
        long records = 0;
        while (true)
        {
            int q = fast.skipWhitespace(buffer, done, end);
            if (comma)
            {
                if (q >= end || buffer.getByte(q) != ',')
                {
                    break;
                }
                q = fast.skipWhitespace(buffer, q + 1, end);
            }
            if (q >= end || buffer.getByte(q) != open)
            {
                break;
            }
            recordNumber++;
            binder.beginRow(RowSink.OP_INSERT);
            final int after = fastRecordBody(buffer, q + 1, end);
            if (after < 0)
            {
                binder.abortRow();
                recordNumber--;
                break;
            }
            if (binder.endRow() != ErrorCode.NONE)
            {
                // The lexer path reads the record again and reports why.
                recordNumber--;
                break;
            }
            rowsDecoded++;
            records++;
            comma = commaSeparated;
            done = after;
            doneNewlines = fast.newlines;
        }
        if (records > 0)
        {
            lexer.advanceOverValues(done - from, doneNewlines, records);
        }
        fastPathResult(records);
        return done;
    }

    /** A record's body after its opening byte: the index after its closing byte, or FALLBACK with nothing kept. */
    protected int fastRecordBody(final DirectBuffer buffer, final int start, final int end)
    {
        return JsonFastPath.FALLBACK;
    }

    /** Whether handlers should pause at record boundaries for {@link #fastPath}: not once it keeps failing. */
    protected final boolean fastPathWanted()
    {
        return fastFailures < MAX_FAST_FAILURES;
    }

    /** Counts a fast path attempt that read nothing; past a few in a row the request stops trying. */
    protected final void fastPathResult(final long records)
    {
        fastFailures = records > 0 ? 0 : fastFailures + 1;
    }

    /**
     * {@link #fastValue} with the common kinds dispatched to small methods first: the record loops call this, so the
     * hot path inlines whatever fastValue's compiled size.
     */
    protected final int fastColumnValue(final DirectBuffer buffer, final int p, final int end, final int column)
    {
        if (column >= 0)
        {
            final int at;
            switch (fastKinds[column])
            {
                case ValueBinder.FAST_STRING:
                case ValueBinder.FAST_STRING_OR_NULL_WORD:
                    at = fastAsciiString(buffer, p, end, column);
                    break;
                case ValueBinder.FAST_INTEGER:
                case ValueBinder.FAST_EPOCH_NANOS:
                    at = fastLong(buffer, p, end, column);
                    break;
                case ValueBinder.FAST_FLOAT64:
                    at = fastDouble(buffer, p, end, column);
                    break;
                default:
                    at = JsonFastPath.FALLBACK;
                    break;
            }
            if (at >= 0)
            {
                return at;
            }
        }
        return fastValue(buffer, p, end, column);
    }

    private int fastAsciiString(final DirectBuffer buffer, final int p, final int end, final int column)
    {
        if (buffer.getByte(p) != '"')
        {
            return JsonFastPath.FALLBACK;
        }
        final int close = fast.scanString(buffer, p, end);
        if (close < 0 || !fast.asciiOnly)
        {
            return JsonFastPath.FALLBACK;
        }
        binder.putValidText(column, buffer, p + 1, close - p - 1);
        return close + 1;
    }

    private int fastLong(final DirectBuffer buffer, final int p, final int end, final int column)
    {
        final int after = fast.scanNumber(buffer, p, end);
        if (after < 0 || !fast.longFits || !binder.integerFits(column, fast.longValue))
        {
            return JsonFastPath.FALLBACK;
        }
        binder.putParsedLong(column, fast.longValue);
        return after;
    }

    private int fastDouble(final DirectBuffer buffer, final int p, final int end, final int column)
    {
        final int after = fast.scanNumber(buffer, p, end);
        if (after < 0 || !fast.doubleExact)
        {
            return JsonFastPath.FALLBACK;
        }
        binder.putParsedDouble(column, fast.doubleValue);
        return after;
    }

    /**
     * One scalar value at {@code p} bound to {@code column} (or only checked, for column -1) as the lexer path would
     * bind it: the index after it, or {@link JsonFastPath#FALLBACK} with nothing bound.
     */
    protected final int fastValue(final DirectBuffer buffer, final int p, final int end, final int column)
    {
        final JsonFastPath fast = this.fast;
        final byte b = buffer.getByte(p);
        if (b == '"')
        {
            final int close = fast.scanString(buffer, p, end);
            if (close < 0)
            {
                return JsonFastPath.FALLBACK;
            }
            if (column >= 0)
            {
                final byte kind = fastKinds[column];
                if ((kind == ValueBinder.FAST_STRING || kind == ValueBinder.FAST_STRING_OR_NULL_WORD) && fast.asciiOnly)
                {
                    binder.putValidText(column, buffer, p + 1, close - p - 1);
                }
                else if (binder.bindJsonString(column, buffer, p + 1, close - p - 1) != ErrorCode.NONE)
                {
                    return JsonFastPath.FALLBACK;
                }
            }
            return close + 1;
        }
        if (b == '-' || (b >= '0' && b <= '9'))
        {
            final int after = fast.scanNumber(buffer, p, end);
            if (after < 0)
            {
                return JsonFastPath.FALLBACK;
            }
            if (column >= 0 && !bindFastNumber(buffer, p, after, column))
            {
                return JsonFastPath.FALLBACK;
            }
            return after;
        }
        final int after;
        final ErrorCode code;
        if (b == 't')
        {
            after = JsonFastPath.scanLiteral(buffer, p, end, "true");
            code = after < 0 || column < 0 ? ErrorCode.NONE : binder.bindJsonBoolean(column, true);
        }
        else if (b == 'f')
        {
            after = JsonFastPath.scanLiteral(buffer, p, end, "false");
            code = after < 0 || column < 0 ? ErrorCode.NONE : binder.bindJsonBoolean(column, false);
        }
        else if (b == 'n')
        {
            after = JsonFastPath.scanLiteral(buffer, p, end, "null");
            code = after < 0 || column < 0 ? ErrorCode.NONE : binder.bindJsonNull(column);
        }
        else
        {
            return JsonFastPath.FALLBACK;
        }
        return code == ErrorCode.NONE ? after : JsonFastPath.FALLBACK;
    }

    private boolean bindFastNumber(final DirectBuffer buffer, final int p, final int after, final int column)
    {
        final JsonFastPath fast = this.fast;
        switch (fastKinds[column])
        {
            case ValueBinder.FAST_INTEGER:
                if (fast.longFits && binder.integerFits(column, fast.longValue))
                {
                    binder.putParsedLong(column, fast.longValue);
                    return true;
                }
                break;
            case ValueBinder.FAST_EPOCH_NANOS:
                if (fast.longFits)
                {
                    binder.putParsedLong(column, fast.longValue);
                    return true;
                }
                break;
            case ValueBinder.FAST_FLOAT64:
                if (fast.doubleExact)
                {
                    binder.putParsedDouble(column, fast.doubleValue);
                    return true;
                }
                break;
            default:
                break;
        }
        return binder.bindJsonNumber(column, buffer, p, after - p) == ErrorCode.NONE;
    }

    @Override
    public final int finish(final RowSink sink)
    {
        if (stopped)
        {
            return ERROR;
        }
        useSink(sink);
        final int r = lexer.finish(this);
        if (r == JsonLexer.COMPLETE && endOfInput())
        {
            return COMPLETE;
        }
        if (r == JsonLexer.ERROR)
        {
            lexerFailed(lexer);
        }
        stopped = true;
        return ERROR;
    }

    /** The sink rows go to; subclasses that stage rows override to keep the binder on their staging sink. */
    protected void useSink(final RowSink sink)
    {
        this.sink = sink;
        binder.sink(sink);
    }

    /** Called once the whole body was tokenized; false (with an error recorded) if the body was incomplete. */
    protected abstract boolean endOfInput();

    /** Binds a JSON value token to a column. RAW is a captured array or object. */
    protected final ErrorCode bindToken(
        final int token, final int column, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (token)
        {
            case JsonLexer.STRING:
                return binder.bindJsonString(column, buffer, offset, length);
            case JsonLexer.NUMBER:
                return binder.bindJsonNumber(column, buffer, offset, length);
            case JsonLexer.TRUE:
                return binder.bindJsonBoolean(column, true);
            case JsonLexer.FALSE:
                return binder.bindJsonBoolean(column, false);
            case JsonLexer.NULL:
                return binder.bindJsonNull(column);
            default:
                return binder.bindJsonRaw(column, buffer, offset, length);
        }
    }

    /** Text of a value token for an error snippet (allocates; error path only). */
    protected static String tokenText(final int token, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (token)
        {
            case JsonLexer.TRUE: return "true";
            case JsonLexer.FALSE: return "false";
            case JsonLexer.NULL: return "null";
            default:
                final int n = Math.min(length, DecodeError.MAX_SNIPPET_CHARS * 4);
                return buffer == null ? "" : buffer.getStringWithoutLengthUtf8(offset, n);
        }
    }

    /** Kind of a value token, as error details name it ("string", "number", ...). */
    protected static String tokenKind(final int token)
    {
        switch (token)
        {
            case JsonLexer.STRING: return "string";
            case JsonLexer.NUMBER: return "number";
            case JsonLexer.TRUE:
            case JsonLexer.FALSE: return "bool";
            case JsonLexer.NULL: return "null";
            case JsonLexer.START_OBJECT:
            case JsonLexer.END_OBJECT: return "object";
            default: return "array";
        }
    }

    protected final long tokenOffset()
    {
        return activeLexer.tokenOffset() + replayOffsetBase;
    }

    protected final long tokenLine()
    {
        return activeLexer.tokenLine() + replayLineBase;
    }

    /**
     * Records a bad record. Returns {@link JsonHandler#CONTINUE} when the policy skips bad records, else
     * {@link JsonHandler#STOP}.
     */
    protected final int reject(
        final ErrorCode code, final int column, final int fieldIndex, final String snippet, final String detail)
    {
        recordsRejected++;
        addError(code, column, fieldIndex, snippet, detail);
        return errorPolicy == ErrorPolicy.STOP ? STOP : CONTINUE;
    }

    /** Records an error that ends decoding; returns {@link JsonHandler#STOP}. */
    protected final int fatal(final ErrorCode code, final String snippet, final String detail)
    {
        addError(code, -1, -1, snippet, detail);
        return STOP;
    }

    protected final void addError(
        final ErrorCode code, final int column, final int fieldIndex, final String snippet, final String detail)
    {
        if (!errors.wouldKeep())
        {
            errors.countDropped();
            return;
        }
        final String columnName = column >= 0 ? schema.column(column).name() : null;
        errors.add(new DecodeError(
            code, recordLine, recordNumber, column, columnName, fieldIndex, tokenOffset(), snippet, detail));
    }

    /** Detail for a value error: the column's type and the JSON kind found. */
    protected final String valueDetail(final int column, final int token)
    {
        return column < 0 ? null : "column type " + schema.column(column).type() + ", found " + tokenKind(token);
    }

    /** True between two records, where a syntax error belongs to the next record, not the last one. */
    protected boolean betweenRecords()
    {
        return false;
    }

    private void lexerFailed(final JsonLexer failed)
    {
        errors.add(new DecodeError(failed.errorCode(), failed.errorLine() + (failed == lexer ? 0 : replayLineBase),
            recordNumber + (betweenRecords() ? 1 : 0), -1, null, -1, failed.errorOffset() + (failed == lexer ? 0 : replayOffsetBase), null, null));
    }

    /** For subclasses replaying buffered input through another lexer: reports that lexer's failure. */
    protected final int replayFailed(final JsonLexer replay)
    {
        lexerFailed(replay);
        return STOP;
    }
}
