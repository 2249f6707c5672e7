package sluice.codec.json;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import sluice.codec.error.ErrorCode;

/**
 * A resumable JSON (RFC 8259) tokenizer over UTF-8 bytes fed in chunks of any size, reporting tokens to a
 * {@link JsonHandler}. Deliberately hand-written: it is the hot path of every JSON dialect, it must give byte
 * offsets and line numbers for errors, and it hands strings and numbers over as bytes (jackson-core's non-blocking
 * parser hands out {@code char[]} and parses floats through {@code String}).
 * <p>
 * Strings arrive unescaped, as UTF-8: a slice of the input when the string has no escapes and lies inside one chunk
 * (the common case, no copy), else a copy in an internal buffer. Numbers arrive as their text, grammar-checked.
 * Bytes handed to the handler are valid only during the callback. Unpaired surrogate escapes become U+FFFD (as Go's
 * encoding/json does); raw string bytes are not UTF-8-validated here (the binder validates text it stores).
 * <p>
 * Capture: a handler answering {@link JsonHandler#CAPTURE} to {@link #START_OBJECT} or {@link #START_ARRAY} gets
 * that whole container as one {@link #RAW} token (its exact text, whitespace included) instead of its inner tokens;
 * decoders use it for JSON, ARRAY and MAP columns and to buffer rows that arrive before their column list.
 * <p>
 * State lives in fields between calls; locals never span calls. Limits: nesting depth, token length (string, number
 * or captured container). Single-threaded; {@link #reset()} between requests.
 * <table>
 * <caption>limits</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>maxDepth</td><td>{@value #DEFAULT_MAX_DEPTH}</td></tr>
 * <tr><td>maxTokenBytes</td><td>{@value #DEFAULT_MAX_TOKEN_BYTES} (16 MiB, ARCHITECTURE.md "max line/record")</td></tr>
 * <tr><td>multipleValues</td><td>false: one top-level value (a document); true: a stream of values separated by
 * optional whitespace (NDJSON, Feldera)</td></tr>
 * </table>
 */
public final class JsonLexer
{
    public static final int START_OBJECT = 1;
    public static final int END_OBJECT = 2;
    public static final int START_ARRAY = 3;
    public static final int END_ARRAY = 4;
    public static final int NAME = 5;
    public static final int STRING = 6;
    public static final int NUMBER = 7;
    public static final int TRUE = 8;
    public static final int FALSE = 9;
    public static final int NULL = 10;
    /** A captured container, as its complete text. */
    public static final int RAW = 11;

    /** {@link #parse} consumed the chunk; more input or {@link #finish} may follow. */
    public static final int NEED_MORE = 0;
    /** The handler answered {@link JsonHandler#STOP}. */
    public static final int STOPPED = 1;
    /** {@link #finish} saw complete input. */
    public static final int COMPLETE = 2;
    /** Malformed input or a limit; see {@link #errorCode()}. */
    public static final int ERROR = -1;
    /** The handler answered {@link JsonHandler#PAUSE}: input up to {@link #pausedIndex()} was consumed. */
    public static final int PAUSED = 3;

    public static final int DEFAULT_MAX_DEPTH = 128;
    public static final int DEFAULT_MAX_TOKEN_BYTES = 16 * 1024 * 1024;

    private static final int S_VALUE = 0;
    private static final int S_VALUE_OR_END_ARRAY = 1;
    private static final int S_NAME_OR_END_OBJECT = 2;
    private static final int S_NAME = 3;
    private static final int S_COLON = 4;
    private static final int S_AFTER_VALUE = 5;
    private static final int S_STRING = 6;
    private static final int S_ESCAPE = 7;
    private static final int S_UNICODE = 8;
    private static final int S_NUMBER = 9;
    private static final int S_LITERAL = 10;
    private static final int S_END = 11;
    private static final int S_ERROR = 12;

    // Number grammar (RFC 8259 section 6).
    private static final int N_MINUS = 0;
    private static final int N_ZERO = 1;
    private static final int N_INT = 2;
    private static final int N_DOT = 3;
    private static final int N_FRAC = 4;
    private static final int N_EXP = 5;
    private static final int N_EXP_SIGN = 6;
    private static final int N_EXP_DIGITS = 7;

    private static final byte IN_OBJECT = 1;
    private static final byte IN_ARRAY = 2;

    private static final String[] LITERALS = {"true", "false", "null"};
    private static final int[] LITERAL_TOKENS = {TRUE, FALSE, NULL};
    private static final int NOT_CAPTURING = -1;

    private final ExpandableDirectByteBuffer tokenBuffer = new ExpandableDirectByteBuffer(256);
    private final ExpandableDirectByteBuffer captureBuffer = new ExpandableDirectByteBuffer(256);
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
    private boolean multipleValues;

    private byte[] stack = new byte[16];
    private int depth;
    private int state;
    private boolean stringIsName;
    private int numberState;
    private int literalIndex;
    private int literalPosition;
    private int unicodeDigits;
    private int unicodeValue;
    private int pendingHighSurrogate;
    /** Bytes of the current string or number already copied to {@link #tokenBuffer}; -1 while it is a slice. */
    private int tokenLength;
    private int captureDepth = NOT_CAPTURING;
    private int captureLength;
    private long captureOffset;
    private long captureLine;
    private long topLevelValues;
    private int bomMatched;

    private long chunkBase;
    private int chunkOffset;
    private int pausedIndex;
    private long tokenStart;
    private long tokenLine;
    private long line;
    private long lastNewline;
    private ErrorCode errorCode = ErrorCode.NONE;
    private long errorOffset;
    private long errorLine;

    public JsonLexer()
    {
        reset();
    }

    public JsonLexer maxDepth(final int maxDepth)
    {
        this.maxDepth = maxDepth;
        return this;
    }

    public JsonLexer maxTokenBytes(final int maxTokenBytes)
    {
        this.maxTokenBytes = maxTokenBytes;
        return this;
    }

    public JsonLexer multipleValues(final boolean multipleValues)
    {
        this.multipleValues = multipleValues;
        return this;
    }

    /** Forgets all input; settings are kept. */
    public JsonLexer reset()
    {
        depth = 0;
        state = S_VALUE;
        tokenLength = -1;
        captureDepth = NOT_CAPTURING;
        captureLength = 0;
        pendingHighSurrogate = 0;
        topLevelValues = 0;
        bomMatched = 0;
        chunkBase = 0;
        line = 1;
        lastNewline = -1;
        errorCode = ErrorCode.NONE;
        errorOffset = 0;
        errorLine = 0;
        return this;
    }

    /** Input bytes consumed so far. */
    public long position()
    {
        return chunkBase;
    }

    /** Offset of the current token's first byte from the start of the input. */
    public long tokenOffset()
    {
        return tokenStart;
    }

    /** 1-based line of the current token's first byte. */
    public long tokenLine()
    {
        return tokenLine;
    }

    /** Nesting depth: 0 at top level, 1 inside the outermost container... (after the current token). */
    public int depth()
    {
        return depth;
    }

    /** Complete top-level values seen. */
    public long topLevelValues()
    {
        return topLevelValues;
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }

    public long errorOffset()
    {
        return errorOffset;
    }

    public long errorLine()
    {
        return errorLine;
    }

    /**
     * Tokenizes {@code buffer[offset, offset + length)}. Returns {@link #NEED_MORE} when all of it was consumed,
     * {@link #STOPPED} or {@link #ERROR}; after either of those the lexer must be {@link #reset()}.
     */
    public int parse(final DirectBuffer buffer, final int offset, final int length, final JsonHandler handler)
    {
        if (state == S_ERROR)
        {
            return ERROR;
        }
        final int end = offset + length;
        chunkOffset = offset;
        int i = offset;
        if (bomMatched < 3)
        {
            i = skipByteOrderMark(buffer, i, end);
            if (i < 0)
            {
                return ERROR;
            }
        }
        int captureStart = offset;
        int tokenRunStart = offset;
        while (i < end)
        {
            switch (state)
            {
                case S_STRING:
                    i = scanString(buffer, i, end, tokenRunStart, handler);
                    break;
                case S_ESCAPE:
                    i = onEscape(buffer, i);
                    tokenRunStart = i;
                    break;
                case S_UNICODE:
                    i = onUnicodeDigit(buffer, i);
                    tokenRunStart = i;
                    break;
                case S_NUMBER:
                    i = scanNumber(buffer, i, end, tokenRunStart, handler);
                    break;
                case S_LITERAL:
                    i = onLiteralByte(buffer, i, handler);
                    break;
                default:
                {
                    final byte b = buffer.getByte(i);
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t')
                    {
                        if (b == '\n')
                        {
                            line++;
                            lastNewline = absolute(i);
                        }
                        i++;
                        continue;
                    }
                    final boolean wasCapturing = captureDepth != NOT_CAPTURING;
                    i = onStructural(b, buffer, i, handler);
                    if (i >= 0)
                    {
                        if (!wasCapturing && captureDepth != NOT_CAPTURING)
                        {
                            captureStart = i - 1;
                        }
                        else if (wasCapturing && captureDepth == NOT_CAPTURING)
                        {
                            i = emitCapture(buffer, captureStart, i, handler);
                        }
                    }
                    // A number's first byte was consumed by onStructural and belongs to its text.
                    tokenRunStart = state == S_NUMBER ? i - 1 : i;
                    break;
                }
            }
            if (i < 0)
            {
                if (i == PAUSE_SIGNAL)
                {
                    // Paused right after a container ended: no token or capture is in progress.
                    chunkBase += pausedIndex - offset;
                    return PAUSED;
                }
                return i == STOP_SIGNAL ? STOPPED : ERROR;
            }
        }
        if (state == S_STRING || state == S_NUMBER)
        {
            if (!stashTokenRun(buffer, tokenRunStart, end))
            {
                return ERROR;
            }
        }
        if (captureDepth != NOT_CAPTURING)
        {
            if (!appendCapture(buffer, captureStart, end))
            {
                return ERROR;
            }
        }
        chunkBase += end - offset;
        return NEED_MORE;
    }

    /**
     * Ends the input. A number at the very end is completed. Returns {@link #COMPLETE} if every value is complete
     * (and, for a document, one value was seen), else {@link #ERROR} ({@link ErrorCode#JSON_TRUNCATED}).
     */
    public int finish(final JsonHandler handler)
    {
        if (state == S_ERROR)
        {
            return ERROR;
        }
        if (state == S_NUMBER && depth == 0)
        {
            if (!isNumberComplete())
            {
                return fail(ErrorCode.JSON_SYNTAX, chunkBase);
            }
            final int r = emitNumber(null, 0, 0, handler);
            if (r < 0)
            {
                return r == STOP_SIGNAL ? STOPPED : ERROR;
            }
        }
        if (state == S_END || (state == S_VALUE && depth == 0 && (multipleValues || topLevelValues > 0)))
        {
            return COMPLETE;
        }
        return fail(ErrorCode.JSON_TRUNCATED, chunkBase);
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static final int STOP_SIGNAL = -2;
    private static final int ERROR_SIGNAL = -1;
    private static final int PAUSE_SIGNAL = -3;

    private int skipByteOrderMark(final DirectBuffer buffer, final int offset, final int end)
    {
        int i = offset;
        while (bomMatched < 3 && i < end)
        {
            final int expected = bomMatched == 0 ? 0xEF : bomMatched == 1 ? 0xBB : 0xBF;
            if ((buffer.getByte(i) & 0xFF) != expected)
            {
                if (bomMatched > 0)
                {
                    // A partial byte order mark is not JSON.
                    return fail(ErrorCode.JSON_SYNTAX, absolute(i));
                }
                bomMatched = 3;
                return i;
            }
            bomMatched++;
            i++;
        }
        return i;
    }

    private long absolute(final int index)
    {
        return chunkBase + (index - chunkOffset);
    }

    private int onStructural(final byte b, final DirectBuffer buffer, final int i, final JsonHandler handler)
    {
        final int s = state;
        switch (b)
        {
            case '{':
            case '[':
                if (s != S_VALUE && s != S_VALUE_OR_END_ARRAY)
                {
                    return syntaxError(i);
                }
                return openContainer(b == '{' ? IN_OBJECT : IN_ARRAY, i, handler);
            case '}':
                if (s != S_NAME_OR_END_OBJECT && !(s == S_AFTER_VALUE && stack[depth - 1] == IN_OBJECT))
                {
                    return syntaxError(i);
                }
                return closeContainer(END_OBJECT, i, handler);
            case ']':
                if (s != S_VALUE_OR_END_ARRAY && !(s == S_AFTER_VALUE && stack[depth - 1] == IN_ARRAY))
                {
                    return syntaxError(i);
                }
                return closeContainer(END_ARRAY, i, handler);
            case ',':
                if (s != S_AFTER_VALUE)
                {
                    return syntaxError(i);
                }
                state = stack[depth - 1] == IN_OBJECT ? S_NAME : S_VALUE;
                return i + 1;
            case ':':
                if (s != S_COLON)
                {
                    return syntaxError(i);
                }
                state = S_VALUE;
                return i + 1;
            case '"':
                if (s == S_NAME || s == S_NAME_OR_END_OBJECT)
                {
                    stringIsName = true;
                }
                else if (s == S_VALUE || s == S_VALUE_OR_END_ARRAY)
                {
                    stringIsName = false;
                }
                else
                {
                    return syntaxError(i);
                }
                beginToken(i);
                tokenStart = absolute(i);
                state = S_STRING;
                return i + 1;
            default:
                if (s != S_VALUE && s != S_VALUE_OR_END_ARRAY)
                {
                    return syntaxError(i);
                }
                if (b == '-' || (b >= '0' && b <= '9'))
                {
                    beginToken(i);
                    numberState = b == '-' ? N_MINUS : b == '0' ? N_ZERO : N_INT;
                    state = S_NUMBER;
                    return i + 1;
                }
                for (int k = 0; k < LITERALS.length; k++)
                {
                    if (b == LITERALS[k].charAt(0))
                    {
                        beginToken(i);
                        literalIndex = k;
                        literalPosition = 1;
                        state = S_LITERAL;
                        return i + 1;
                    }
                }
                return syntaxError(i);
        }
    }

    private void beginToken(final int i)
    {
        tokenStart = absolute(i);
        tokenLine = line;
        tokenLength = -1;
    }

    private int openContainer(final byte kind, final int i, final JsonHandler handler)
    {
        tokenStart = absolute(i);
        tokenLine = line;
        if (depth == maxDepth)
        {
            return fail(ErrorCode.JSON_TOO_DEEP, tokenStart);
        }
        if (depth == stack.length)
        {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[depth++] = kind;
        state = kind == IN_OBJECT ? S_NAME_OR_END_OBJECT : S_VALUE_OR_END_ARRAY;
        if (captureDepth != NOT_CAPTURING)
        {
            return i + 1;
        }
        final int action = handler.onToken(kind == IN_OBJECT ? START_OBJECT : START_ARRAY, null, 0, 0);
        if (action == JsonHandler.CAPTURE)
        {
            captureDepth = depth;
            captureLength = 0;
            captureOffset = tokenStart;
            captureLine = tokenLine;
        }
        else if (action == JsonHandler.STOP)
        {
            return STOP_SIGNAL;
        }
        else if (action == JsonHandler.PAUSE)
        {
            pausedIndex = i + 1;
            return PAUSE_SIGNAL;
        }
        return i + 1;
    }

    private int closeContainer(final int token, final int i, final JsonHandler handler)
    {
        depth--;
        if (captureDepth != NOT_CAPTURING)
        {
            if (depth < captureDepth)
            {
                // The captured container is complete: emitCapture reports it once the bytes are in place.
                captureDepth = NOT_CAPTURING;
            }
            else
            {
                afterValue();
                return i + 1;
            }
            return i + 1;
        }
        tokenStart = absolute(i);
        tokenLine = line;
        afterValue();
        final int action = handler.onToken(token, null, 0, 0);
        if (action == JsonHandler.PAUSE)
        {
            pausedIndex = i + 1;
            return PAUSE_SIGNAL;
        }
        return action == JsonHandler.STOP ? STOP_SIGNAL : i + 1;
    }

    /** After {@link #PAUSED}: the index in the buffer passed to {@link #parse} of the first byte not consumed. */
    public int pausedIndex()
    {
        return pausedIndex;
    }

    /**
     * True between values of a container or of the top level, with no token in progress: where a caller may read
     * whole values itself and account for them with {@link #advanceOverValues}. Not while a byte order mark is
     * partly read: the rest of it, or the error for a broken one, is the lexer's to see (a caller's fast path took
     * {@code EF | {...}} split after the EF for a record; DecoderFuzzTest, issue 6).
     */
    public boolean atValueBoundary()
    {
        return (bomMatched == 0 || bomMatched == 3) &&
            (state == S_AFTER_VALUE || state == S_VALUE_OR_END_ARRAY || (state == S_VALUE && depth == 0));
    }

    /** True if the next value in the current array must be preceded by a comma. */
    public boolean expectsComma()
    {
        return state == S_AFTER_VALUE;
    }

    /**
     * Accounts for {@code bytes} of input holding {@code values} complete values (with the commas between them) and
     * {@code newlines} line feeds that the caller consumed itself at a value boundary; the lexer continues after
     * them as if it had read them.
     */
    public void advanceOverValues(final int bytes, final int newlines, final long values)
    {
        assert atValueBoundary() : "not at a value boundary";
        if (bytes > 0)
        {
            // A byte order mark only counts first in the input: after values read by the caller, EF BB BF is an error.
            bomMatched = 3;
        }
        chunkBase += bytes;
        line += newlines;
        if (values > 0)
        {
            if (depth == 0)
            {
                topLevelValues += values;
                state = multipleValues ? S_VALUE : S_END;
            }
            else
            {
                state = S_AFTER_VALUE;
            }
        }
    }

    private void afterValue()
    {
        if (depth == 0)
        {
            topLevelValues++;
            state = multipleValues ? S_VALUE : S_END;
        }
        else
        {
            state = S_AFTER_VALUE;
        }
    }

    private int emitCapture(final DirectBuffer buffer, final int captureStart, final int end, final JsonHandler handler)
    {
        afterValue();
        tokenStart = captureOffset;
        tokenLine = captureLine;
        final int r;
        if (captureLength == 0)
        {
            if (end - captureStart > maxTokenBytes)
            {
                return fail(ErrorCode.VALUE_TOO_LONG, captureOffset);
            }
            r = handler.onToken(RAW, buffer, captureStart, end - captureStart);
        }
        else
        {
            if (!appendCapture(buffer, captureStart, end))
            {
                return ERROR_SIGNAL;
            }
            r = handler.onToken(RAW, captureBuffer, 0, captureLength);
            captureLength = 0;
        }
        return r == JsonHandler.STOP ? STOP_SIGNAL : end;
    }

    private boolean appendCapture(final DirectBuffer buffer, final int from, final int to)
    {
        final int n = to - from;
        if (captureLength + (long)n > maxTokenBytes)
        {
            fail(ErrorCode.VALUE_TOO_LONG, captureOffset);
            return false;
        }
        captureBuffer.putBytes(captureLength, buffer, from, n);
        captureLength += n;
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Strings.

    private int scanString(
        final DirectBuffer buffer, final int from, final int end, final int runStart, final JsonHandler handler)
    {
        if (pendingHighSurrogate != 0 && buffer.getByte(from) != '\\')
        {
            // A high surrogate escape not followed by a low one (the copy mode is already on after an escape).
            pendingHighSurrogate = 0;
            if (!putCodePoint(0xFFFD))
            {
                return ERROR_SIGNAL;
            }
        }
        int i = from;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                return endString(buffer, runStart, i, handler);
            }
            if (b == '\\')
            {
                if (!copyRun(buffer, runStart, i))
                {
                    return ERROR_SIGNAL;
                }
                state = S_ESCAPE;
                return i + 1;
            }
            if ((b & 0xFF) < 0x20)
            {
                return syntaxError(i);
            }
            i++;
        }
        return i;
    }

    private int endString(final DirectBuffer buffer, final int runStart, final int quote, final JsonHandler handler)
    {
        state = S_VALUE;
        final boolean name = stringIsName;
        if (name)
        {
            state = S_COLON;
        }
        else
        {
            afterValue();
        }
        if (captureDepth != NOT_CAPTURING)
        {
            return quote + 1;
        }
        final int token = name ? NAME : STRING;
        final int r;
        if (tokenLength < 0)
        {
            if (quote - runStart > maxTokenBytes)
            {
                return fail(ErrorCode.VALUE_TOO_LONG, tokenStart);
            }
            r = handler.onToken(token, buffer, runStart, quote - runStart);
        }
        else
        {
            if (!copyRun(buffer, runStart, quote))
            {
                return ERROR_SIGNAL;
            }
            r = handler.onToken(token, tokenBuffer, 0, tokenLength);
        }
        tokenLength = -1;
        return r == JsonHandler.STOP ? STOP_SIGNAL : quote + 1;
    }

    /** Appends {@code buffer[from, to)} to the token buffer, switching the token to copied mode. */
    private boolean copyRun(final DirectBuffer buffer, final int from, final int to)
    {
        if (tokenLength < 0)
        {
            tokenLength = 0;
        }
        if (captureDepth != NOT_CAPTURING)
        {
            return true;
        }
        final int n = to - from;
        if (tokenLength + (long)n > maxTokenBytes)
        {
            fail(ErrorCode.VALUE_TOO_LONG, tokenStart);
            return false;
        }
        if (n > 0)
        {
            tokenBuffer.putBytes(tokenLength, buffer, from, n);
            tokenLength += n;
        }
        return true;
    }

    private boolean stashTokenRun(final DirectBuffer buffer, final int runStart, final int end)
    {
        return copyRun(buffer, runStart, end);
    }

    private int onEscape(final DirectBuffer buffer, final int i)
    {
        final byte b = buffer.getByte(i);
        if (b == 'u')
        {
            state = S_UNICODE;
            unicodeDigits = 0;
            unicodeValue = 0;
            return i + 1;
        }
        if (pendingHighSurrogate != 0)
        {
            putCodePoint(0xFFFD);
            pendingHighSurrogate = 0;
        }
        final int decoded;
        switch (b)
        {
            case '"': decoded = '"'; break;
            case '\\': decoded = '\\'; break;
            case '/': decoded = '/'; break;
            case 'b': decoded = '\b'; break;
            case 'f': decoded = '\f'; break;
            case 'n': decoded = '\n'; break;
            case 'r': decoded = '\r'; break;
            case 't': decoded = '\t'; break;
            default: return syntaxError(i);
        }
        if (!putTokenByte(decoded))
        {
            return ERROR_SIGNAL;
        }
        state = S_STRING;
        return i + 1;
    }

    private int onUnicodeDigit(final DirectBuffer buffer, final int i)
    {
        final int digit = hexValue(buffer.getByte(i));
        if (digit < 0)
        {
            return syntaxError(i);
        }
        unicodeValue = (unicodeValue << 4) | digit;
        if (++unicodeDigits < 4)
        {
            return i + 1;
        }
        state = S_STRING;
        final int unit = unicodeValue;
        if (pendingHighSurrogate != 0)
        {
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                final int codePoint = 0x10000 + ((pendingHighSurrogate - 0xD800) << 10) + (unit - 0xDC00);
                pendingHighSurrogate = 0;
                return putCodePoint(codePoint) ? i + 1 : ERROR_SIGNAL;
            }
            pendingHighSurrogate = 0;
            if (!putCodePoint(0xFFFD))
            {
                return ERROR_SIGNAL;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDBFF)
        {
            pendingHighSurrogate = unit;
            return i + 1;
        }
        return putCodePoint(unit >= 0xDC00 && unit <= 0xDFFF ? 0xFFFD : unit) ? i + 1 : ERROR_SIGNAL;
    }

    private static int hexValue(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }

    private boolean putCodePoint(final int cp)
    {
        if (cp < 0x80)
        {
            return putTokenByte(cp);
        }
        if (cp < 0x800)
        {
            return putTokenByte(0xC0 | (cp >> 6)) && putTokenByte(0x80 | (cp & 0x3F));
        }
        if (cp < 0x10000)
        {
            return putTokenByte(0xE0 | (cp >> 12)) && putTokenByte(0x80 | ((cp >> 6) & 0x3F)) &&
                putTokenByte(0x80 | (cp & 0x3F));
        }
        return putTokenByte(0xF0 | (cp >> 18)) && putTokenByte(0x80 | ((cp >> 12) & 0x3F)) &&
            putTokenByte(0x80 | ((cp >> 6) & 0x3F)) && putTokenByte(0x80 | (cp & 0x3F));
    }

    private boolean putTokenByte(final int b)
    {
        if (tokenLength < 0)
        {
            tokenLength = 0;
        }
        if (captureDepth != NOT_CAPTURING)
        {
            return true;
        }
        if (tokenLength >= maxTokenBytes)
        {
            fail(ErrorCode.VALUE_TOO_LONG, tokenStart);
            return false;
        }
        tokenBuffer.putByte(tokenLength++, (byte)b);
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Numbers and literals.

    private int scanNumber(
        final DirectBuffer buffer, final int from, final int end, final int runStart, final JsonHandler handler)
    {
        int i = from;
        int ns = numberState;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            final boolean digit = b >= '0' && b <= '9';
            switch (ns)
            {
                case N_MINUS:
                    if (!digit)
                    {
                        return syntaxError(i);
                    }
                    ns = b == '0' ? N_ZERO : N_INT;
                    break;
                case N_ZERO:
                case N_INT:
                    if (digit && ns == N_INT)
                    {
                        break;
                    }
                    if (b == '.')
                    {
                        ns = N_DOT;
                    }
                    else if (b == 'e' || b == 'E')
                    {
                        ns = N_EXP;
                    }
                    else
                    {
                        numberState = ns;
                        return emitNumber(buffer, runStart, i, handler);
                    }
                    break;
                case N_DOT:
                    if (!digit)
                    {
                        return syntaxError(i);
                    }
                    ns = N_FRAC;
                    break;
                case N_FRAC:
                    if (digit)
                    {
                        break;
                    }
                    if (b == 'e' || b == 'E')
                    {
                        ns = N_EXP;
                        break;
                    }
                    numberState = ns;
                    return emitNumber(buffer, runStart, i, handler);
                case N_EXP:
                    if (b == '+' || b == '-')
                    {
                        ns = N_EXP_SIGN;
                        break;
                    }
                    if (!digit)
                    {
                        return syntaxError(i);
                    }
                    ns = N_EXP_DIGITS;
                    break;
                case N_EXP_SIGN:
                    if (!digit)
                    {
                        return syntaxError(i);
                    }
                    ns = N_EXP_DIGITS;
                    break;
                default:
                    if (digit)
                    {
                        break;
                    }
                    numberState = ns;
                    return emitNumber(buffer, runStart, i, handler);
            }
            i++;
        }
        numberState = ns;
        return i;
    }

    private boolean isNumberComplete()
    {
        return numberState == N_ZERO || numberState == N_INT || numberState == N_FRAC || numberState == N_EXP_DIGITS;
    }

    /** Reports the number ending before {@code end}; the byte at {@code end} is then read again as structure. */
    private int emitNumber(final DirectBuffer buffer, final int runStart, final int end, final JsonHandler handler)
    {
        if (!isNumberComplete())
        {
            return syntaxError(end);
        }
        afterValue();
        if (captureDepth != NOT_CAPTURING)
        {
            tokenLength = -1;
            return end;
        }
        final int r;
        if (tokenLength < 0)
        {
            if (end - runStart > maxTokenBytes)
            {
                return fail(ErrorCode.VALUE_TOO_LONG, tokenStart);
            }
            r = handler.onToken(NUMBER, buffer, runStart, end - runStart);
        }
        else
        {
            if (buffer != null && !copyRun(buffer, runStart, end))
            {
                return ERROR_SIGNAL;
            }
            r = handler.onToken(NUMBER, tokenBuffer, 0, tokenLength);
        }
        tokenLength = -1;
        return r == JsonHandler.STOP ? STOP_SIGNAL : end;
    }

    private int onLiteralByte(final DirectBuffer buffer, final int i, final JsonHandler handler)
    {
        final String literal = LITERALS[literalIndex];
        if (buffer.getByte(i) != literal.charAt(literalPosition))
        {
            return syntaxError(i);
        }
        if (++literalPosition < literal.length())
        {
            return i + 1;
        }
        afterValue();
        if (captureDepth != NOT_CAPTURING)
        {
            return i + 1;
        }
        return handler.onToken(LITERAL_TOKENS[literalIndex], null, 0, 0) == JsonHandler.STOP ? STOP_SIGNAL : i + 1;
    }

    // ----------------------------------------------------------------------------------------------------------------

    private int syntaxError(final int i)
    {
        return fail(ErrorCode.JSON_SYNTAX, absolute(i));
    }

    private int fail(final ErrorCode code, final long offset)
    {
        if (state != S_ERROR)
        {
            errorCode = code;
            errorOffset = offset;
            errorLine = line;
            state = S_ERROR;
        }
        return ERROR_SIGNAL;
    }

}
