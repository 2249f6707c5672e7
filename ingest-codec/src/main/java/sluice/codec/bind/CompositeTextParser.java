package sluice.codec.bind;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.json.JsonText;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TypeKind;
import sluice.codec.time.EpochDays;
import sluice.codec.time.SqlTemporalParser;
import sluice.codec.value.Ascii;
import sluice.codec.value.DecimalParser;
import sluice.codec.value.FloatParser;
import sluice.codec.value.InetParser;
import sluice.codec.value.IntegerParser;
import sluice.codec.value.ParsedValue;
import sluice.codec.value.UuidParser;
import sluice.codec.value.Utf8;

/**
 * Parses an ARRAY or MAP value given as one complete text (a CSV field, a JSON string, or a captured JSON
 * container), checks every element against the element type, and writes it as canonical JSON that storage can cast
 * ({@code ["a","b"]}, {@code {"k":1}}): strings re-quoted, dates and timestamps in ISO form, numbers as written.
 * <p>
 * Besides JSON, strings may be single-quoted, as in the Feldera CSV seed's {@code [[ 'abc', '123'], ['c', 'sql']]}
 * (a quote inside is doubled or backslash-escaped). Elements may be {@code null}. Recursive descent over a complete
 * buffer: composite values are bounded by the record limit, and nesting by {@link #MAX_DEPTH}.
 */
final class CompositeTextParser
{
    static final int MAX_DEPTH = 32;

    private final ParsedValue value = new ParsedValue();
    private final ExpandableDirectByteBuffer text = new ExpandableDirectByteBuffer(64);
    private final JsonText jsonText = new JsonText();
    private DirectBuffer src;
    private int pos;
    private int end;
    private MutableDirectBuffer out;
    private int outPos;
    private int textLength;
    private ErrorCode failure;

    int outputLength()
    {
        return outPos;
    }

    /** Parses {@code src[offset, offset + length)} as a value of {@code type} (ARRAY or MAP) into {@code out}. */
    ErrorCode parse(
        final DataType type, final DirectBuffer src, final int offset, final int length,
        final MutableDirectBuffer out)
    {
        this.src = src;
        this.pos = offset;
        this.end = offset + length;
        this.out = out;
        this.outPos = 0;
        this.failure = type.kind() == TypeKind.MAP ? ErrorCode.INVALID_MAP : ErrorCode.INVALID_ARRAY;
        skipWhitespace();
        final boolean ok = parseValue(type, 0);
        skipWhitespace();
        return ok && pos == end ? ErrorCode.NONE : failure;
    }

    /** Feldera's JSON BINARY: an array of byte values 0..255 (also -128..-1). Returns the byte count or -1. */
    int parseByteArray(final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer out)
    {
        this.src = src;
        this.pos = offset;
        this.end = offset + length;
        skipWhitespace();
        if (!consume('['))
        {
            return -1;
        }
        int n = 0;
        skipWhitespace();
        if (consume(']'))
        {
            return 0;
        }
        do
        {
            skipWhitespace();
            final int start = pos;
            while (pos < end && (Ascii.isDigit(src.getByte(pos)) || src.getByte(pos) == '-'))
            {
                pos++;
            }
            if (IntegerParser.parse(src, start, pos - start, TypeKind.INT16, value) != ErrorCode.NONE ||
                value.longValue < -128 || value.longValue > 255)
            {
                return -1;
            }
            out.putByte(n++, (byte)value.longValue);
            skipWhitespace();
        }
        while (consume(','));
        return consume(']') && skipWhitespaceToEnd() ? n : -1;
    }

    private boolean skipWhitespaceToEnd()
    {
        skipWhitespace();
        return pos == end;
    }

    private boolean parseValue(final DataType type, final int depth)
    {
        if (depth > MAX_DEPTH || pos >= end)
        {
            return false;
        }
        if (matchLiteral("null"))
        {
            outPos = jsonText.appendLiteral(out, outPos, "null");
            return true;
        }
        switch (type.kind())
        {
            case ARRAY:
                return parseArray(type.elementType(), depth);
            case MAP:
                return parseMap(type.keyType(), type.valueType(), depth);
            case BOOLEAN:
                if (matchLiteral("true"))
                {
                    outPos = jsonText.appendLiteral(out, outPos, "true");
                    return true;
                }
                if (matchLiteral("false"))
                {
                    outPos = jsonText.appendLiteral(out, outPos, "false");
                    return true;
                }
                return false;
            case JSON:
                return copyJsonValue(depth);
            default:
                if (type.kind().isNumeric())
                {
                    return parseNumber(type);
                }
                return parseStringElement(type);
        }
    }

    private boolean parseArray(final DataType elementType, final int depth)
    {
        if (!consume('['))
        {
            return false;
        }
        putOut('[');
        skipWhitespace();
        if (consume(']'))
        {
            putOut(']');
            return true;
        }
        while (true)
        {
            skipWhitespace();
            if (!parseValue(elementType, depth + 1))
            {
                return false;
            }
            skipWhitespace();
            if (consume(']'))
            {
                putOut(']');
                return true;
            }
            if (!consume(','))
            {
                return false;
            }
            putOut(',');
        }
    }

    private boolean parseMap(final DataType keyType, final DataType valueType, final int depth)
    {
        if (!consume('{'))
        {
            return false;
        }
        putOut('{');
        skipWhitespace();
        if (consume('}'))
        {
            putOut('}');
            return true;
        }
        while (true)
        {
            skipWhitespace();
            // Keys are strings in JSON whatever their type; check the text against the key type.
            if (!readString() || !keyFits(keyType))
            {
                return false;
            }
            outPos = jsonText.appendQuoted(out, outPos, text, 0, textLength);
            skipWhitespace();
            if (!consume(':'))
            {
                return false;
            }
            putOut(':');
            skipWhitespace();
            if (!parseValue(valueType, depth + 1))
            {
                return false;
            }
            skipWhitespace();
            if (consume('}'))
            {
                putOut('}');
                return true;
            }
            if (!consume(','))
            {
                return false;
            }
            putOut(',');
        }
    }

    private boolean keyFits(final DataType keyType)
    {
        final TypeKind kind = keyType.kind();
        if (kind.isInteger())
        {
            return IntegerParser.parse(text, 0, textLength, kind, value) == ErrorCode.NONE;
        }
        if (kind.isNumeric())
        {
            return checkNumber(keyType, text, 0, textLength);
        }
        return kind == TypeKind.VARCHAR ? Utf8.isValid(text, 0, textLength) : formatScalarString(keyType, false);
    }

    private boolean parseNumber(final DataType type)
    {
        final int start = pos;
        while (pos < end && isNumberByte(src.getByte(pos)))
        {
            pos++;
        }
        final int length = pos - start;
        if (length == 0 || !checkNumber(type, src, start, length))
        {
            return false;
        }
        out.putBytes(outPos, src, start, length);
        outPos += length;
        return true;
    }

    private boolean checkNumber(final DataType type, final DirectBuffer buffer, final int start, final int length)
    {
        final TypeKind kind = type.kind();
        if (kind.isInteger())
        {
            return IntegerParser.parse(buffer, start, length, kind, value) == ErrorCode.NONE;
        }
        if (kind == TypeKind.DECIMAL)
        {
            return DecimalParser.parse(buffer, start, length, type.precision(), type.scale(), value) == ErrorCode.NONE;
        }
        // NaN and infinities have no JSON form; inside a JSON array they would not cast back.
        return (kind == TypeKind.FLOAT32 ?
            FloatParser.parseFloat(buffer, start, length, value) :
            FloatParser.parseDouble(buffer, start, length, value)) == ErrorCode.NONE &&
            !Double.isNaN(value.doubleValue) && !Double.isInfinite(value.doubleValue);
    }

    private static boolean isNumberByte(final byte b)
    {
        return Ascii.isDigit(b) || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private boolean parseStringElement(final DataType type)
    {
        if (!readString())
        {
            return false;
        }
        return formatScalarString(type, true);
    }

    /** Checks the string in {@link #text} against {@code type} and, if {@code write}, writes its canonical form. */
    private boolean formatScalarString(final DataType type, final boolean write)
    {
        switch (type.kind())
        {
            case VARCHAR:
                if (!Utf8.isValid(text, 0, textLength))
                {
                    return false;
                }
                if (write)
                {
                    outPos = jsonText.appendQuoted(out, outPos, text, 0, textLength);
                }
                return true;
            case DATE:
                if (SqlTemporalParser.parseDate(text, 0, textLength, value) != ErrorCode.NONE)
                {
                    return false;
                }
                if (write)
                {
                    putOut('"');
                    putDate(value.longValue);
                    putOut('"');
                }
                return true;
            case TIME:
                if (SqlTemporalParser.parseTime(text, 0, textLength, value) != ErrorCode.NONE)
                {
                    return false;
                }
                if (write)
                {
                    putOut('"');
                    putTime(value.longValue / 1_000_000_000L, (int)(value.longValue % 1_000_000_000L));
                    putOut('"');
                }
                return true;
            case TIMESTAMP:
            case TIMESTAMP_NS:
                if (SqlTemporalParser.parseTimestamp(text, 0, textLength, value) != ErrorCode.NONE)
                {
                    return false;
                }
                if (write)
                {
                    final long days = Math.floorDiv(value.longValue, 86_400L);
                    final long secondOfDay = Math.floorMod(value.longValue, 86_400L);
                    putOut('"');
                    putDate(days);
                    putOut(' ');
                    putTime(secondOfDay, value.nanos);
                    putOut('"');
                }
                return true;
            case UUID:
                if (UuidParser.parse(text, 0, textLength, value) != ErrorCode.NONE)
                {
                    return false;
                }
                if (write)
                {
                    putOut('"');
                    putUuid(value.highBits, value.longValue);
                    putOut('"');
                }
                return true;
            case INET:
                if (InetParser.validate(text, 0, textLength) != ErrorCode.NONE)
                {
                    return false;
                }
                if (write)
                {
                    outPos = jsonText.appendQuoted(out, outPos, text, 0, textLength);
                }
                return true;
            default:
                return false;
        }
    }

    /** Copies one JSON value (any type, checked by the same grammar) as canonical text. */
    private boolean copyJsonValue(final int depth)
    {
        if (depth > MAX_DEPTH || pos >= end)
        {
            return false;
        }
        final byte b = src.getByte(pos);
        if (b == '[')
        {
            return parseArray(JSON_TYPE, depth);
        }
        if (b == '{')
        {
            return parseMap(DataType.VARCHAR, JSON_TYPE, depth);
        }
        if (b == '"' || b == '\'')
        {
            if (!readString() || !Utf8.isValid(text, 0, textLength))
            {
                return false;
            }
            outPos = jsonText.appendQuoted(out, outPos, text, 0, textLength);
            return true;
        }
        for (final String literal : LITERALS)
        {
            if (matchLiteral(literal))
            {
                outPos = jsonText.appendLiteral(out, outPos, literal);
                return true;
            }
        }
        return parseNumber(DataType.FLOAT64);
    }

    private static final DataType JSON_TYPE = DataType.JSON;
    private static final String[] LITERALS = {"true", "false", "null"};

    /** Reads a double- or single-quoted string at {@link #pos} into {@link #text}, unescaped. */
    private boolean readString()
    {
        if (pos >= end)
        {
            return false;
        }
        final byte quote = src.getByte(pos);
        if (quote != '"' && quote != '\'')
        {
            return false;
        }
        pos++;
        textLength = 0;
        while (pos < end)
        {
            final byte b = src.getByte(pos++);
            if (b == quote)
            {
                if (quote == '\'' && pos < end && src.getByte(pos) == '\'')
                {
                    text.putByte(textLength++, quote);
                    pos++;
                    continue;
                }
                return true;
            }
            if (b == '\\')
            {
                if (pos >= end || !readEscape())
                {
                    return false;
                }
                continue;
            }
            if ((b & 0xFF) < 0x20 && quote == '"')
            {
                return false;
            }
            text.putByte(textLength++, b);
        }
        return false;
    }

    private boolean readEscape()
    {
        final byte e = src.getByte(pos++);
        switch (e)
        {
            case '"':
            case '\'':
            case '\\':
            case '/':
                text.putByte(textLength++, e);
                return true;
            case 'b': text.putByte(textLength++, (byte)'\b'); return true;
            case 'f': text.putByte(textLength++, (byte)'\f'); return true;
            case 'n': text.putByte(textLength++, (byte)'\n'); return true;
            case 'r': text.putByte(textLength++, (byte)'\r'); return true;
            case 't': text.putByte(textLength++, (byte)'\t'); return true;
            case 'u':
                return readUnicodeEscape();
            default:
                return false;
        }
    }

    private boolean readUnicodeEscape()
    {
        int unit = readHex4();
        if (unit < 0)
        {
            return false;
        }
        int codePoint = unit;
        if (unit >= 0xD800 && unit <= 0xDBFF)
        {
            codePoint = 0xFFFD;
            if (pos + 1 < end && src.getByte(pos) == '\\' && src.getByte(pos + 1) == 'u')
            {
                final int save = pos;
                pos += 2;
                final int low = readHex4();
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    codePoint = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }
                else
                {
                    pos = save;
                }
            }
        }
        else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
            codePoint = 0xFFFD;
        }
        putTextCodePoint(codePoint);
        return true;
    }

    private int readHex4()
    {
        if (pos + 4 > end)
        {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++)
        {
            final int b = src.getByte(pos++);
            final int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 :
                b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
            if (d < 0)
            {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private void putTextCodePoint(final int cp)
    {
        if (cp < 0x80)
        {
            text.putByte(textLength++, (byte)cp);
        }
        else if (cp < 0x800)
        {
            text.putByte(textLength++, (byte)(0xC0 | (cp >> 6)));
            text.putByte(textLength++, (byte)(0x80 | (cp & 0x3F)));
        }
        else if (cp < 0x10000)
        {
            text.putByte(textLength++, (byte)(0xE0 | (cp >> 12)));
            text.putByte(textLength++, (byte)(0x80 | ((cp >> 6) & 0x3F)));
            text.putByte(textLength++, (byte)(0x80 | (cp & 0x3F)));
        }
        else
        {
            text.putByte(textLength++, (byte)(0xF0 | (cp >> 18)));
            text.putByte(textLength++, (byte)(0x80 | ((cp >> 12) & 0x3F)));
            text.putByte(textLength++, (byte)(0x80 | ((cp >> 6) & 0x3F)));
            text.putByte(textLength++, (byte)(0x80 | (cp & 0x3F)));
        }
    }

    private boolean matchLiteral(final String literal)
    {
        final int n = literal.length();
        if (end - pos < n || !Ascii.equals(src, pos, n, literal))
        {
            return false;
        }
        pos += n;
        return true;
    }

    private boolean consume(final char c)
    {
        if (pos < end && src.getByte(pos) == c)
        {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace()
    {
        pos = Ascii.skipLeading(src, pos, end);
    }

    private void putOut(final char c)
    {
        out.putByte(outPos++, (byte)c);
    }

    private void putDate(final long epochDay)
    {
        putDigits(EpochDays.year(epochDay), 4);
        putOut('-');
        putDigits(EpochDays.month(epochDay), 2);
        putOut('-');
        putDigits(EpochDays.dayOfMonth(epochDay), 2);
    }

    private void putTime(final long secondOfDay, final int nanos)
    {
        putDigits(secondOfDay / 3600, 2);
        putOut(':');
        putDigits(secondOfDay / 60 % 60, 2);
        putOut(':');
        putDigits(secondOfDay % 60, 2);
        if (nanos != 0)
        {
            putOut('.');
            putDigits(nanos, 9);
        }
    }

    private void putDigits(final long v, final int width)
    {
        long rest = v;
        for (int i = width - 1; i >= 0; i--)
        {
            out.putByte(outPos + i, (byte)('0' + rest % 10));
            rest /= 10;
        }
        outPos += width;
    }

    private void putUuid(final long high, final long low)
    {
        putHex(high >>> 32, 8);
        putOut('-');
        putHex(high >>> 16, 4);
        putOut('-');
        putHex(high, 4);
        putOut('-');
        putHex(low >>> 48, 4);
        putOut('-');
        putHex(low, 12);
    }

    private void putHex(final long v, final int digits)
    {
        for (int i = digits - 1; i >= 0; i--)
        {
            out.putByte(outPos++, (byte)"0123456789abcdef".charAt((int)((v >>> (4 * i)) & 0xF)));
        }
    }
}
