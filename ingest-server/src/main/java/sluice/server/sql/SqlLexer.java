package sluice.server.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into {@link SqlToken}s for the dialect parsers (Machbase {@code /db/query}, Feldera
 * {@code program_code}): just enough lexing to recognise DDL, split statements and classify a statement by its first
 * keyword, without being fooled by keywords, {@code ;} or comment markers inside literals.
 * <ul>
 * <li>Whitespace and comments ({@code -- …} to end of line, {@code /* … *}{@code /}, not nested) are dropped.</li>
 * <li>{@code 'text'} with {@code ''} for a quote; {@code E'…'} also takes backslash escapes (DuckDB, PostgreSQL);
 * {@code $$…$$} and {@code $tag$…$tag$} dollar quoting (DuckDB).</li>
 * <li>{@code "quoted identifier"} with {@code ""} for a quote; {@code `…`} likewise.</li>
 * <li>Unquoted identifiers start with a letter or {@code _} and go on with letters, digits, {@code _} and
 * {@code $}; their {@link SqlToken#text()} is upper-cased so keywords compare exactly (Machbase also stores names
 * UPPERCASE; Feldera folds to lowercase from {@link SqlToken#source}).</li>
 * <li>Numbers: digits with an optional fraction and exponent.</li>
 * <li>Everything else is a one-character {@link SqlToken.Type#SYMBOL}, so operators such as {@code ::} or
 * {@code ->>} never make lexing fail.</li>
 * </ul>
 * Positions are 1-based character offsets into the text, which is what error messages print; every token also knows
 * where it ends, so a parser can cut the exact source text between two tokens. Stateless; the method is
 * thread-safe.
 */
public final class SqlLexer
{
    private SqlLexer()
    {
    }

    /**
     * @throws IllegalArgumentException for an unterminated literal, quoted identifier or block comment, naming
     * where it starts.
     */
    public static List<SqlToken> tokenize(final String sql)
    {
        return tokenize(sql, false);
    }

    /**
     * As {@link #tokenize(String)}, but every {@code '…'} string also takes backslash escapes, as ClickHouse (and so
     * Proton) reads them: {@code \'}, {@code \\}, {@code \n}, {@code \t}, {@code \xHH}, ….
     */
    public static List<SqlToken> tokenizeClickHouse(final String sql)
    {
        return tokenize(sql, true);
    }

    private static List<SqlToken> tokenize(final String sql, final boolean backslashInStrings)
    {
        final List<SqlToken> tokens = new ArrayList<>();
        final int length = sql.length();
        int i = 0;
        while (i < length)
        {
            final char c = sql.charAt(i);
            if (Character.isWhitespace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-')
            {
                i = skipLineComment(sql, i);
            }
            else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*')
            {
                i = skipBlockComment(sql, i);
            }
            else if (c == '\'')
            {
                i = string(sql, i, i, backslashInStrings, tokens);
            }
            else if ((c == 'E' || c == 'e') && i + 1 < length && sql.charAt(i + 1) == '\'')
            {
                i = string(sql, i, i + 1, true, tokens);
            }
            else if (c == '"' || c == '`')
            {
                i = quotedIdentifier(sql, i, c, tokens);
            }
            else if (c == '$' && dollarTagEnd(sql, i) > 0)
            {
                i = dollarString(sql, i, tokens);
            }
            else if (isIdentifierStart(c))
            {
                final int start = i;
                while (i < length && isIdentifierPart(sql.charAt(i)))
                {
                    i++;
                }
                tokens.add(new SqlToken(
                    SqlToken.Type.IDENTIFIER, sql.substring(start, i).toUpperCase(Locale.ROOT), start + 1, i));
            }
            else if (isDigit(c) || (c == '.' && i + 1 < length && isDigit(sql.charAt(i + 1))))
            {
                i = number(sql, i, tokens);
            }
            else
            {
                tokens.add(new SqlToken(SqlToken.Type.SYMBOL, String.valueOf(c), i + 1, i + 1));
                i++;
            }
        }
        return tokens;
    }

    private static int skipLineComment(final String sql, final int start)
    {
        final int newline = sql.indexOf('\n', start);
        return newline < 0 ? sql.length() : newline + 1;
    }

    private static int skipBlockComment(final String sql, final int start)
    {
        final int end = sql.indexOf("*/", start + 2);
        if (end < 0)
        {
            throw new IllegalArgumentException("unterminated comment starting at position " + (start + 1));
        }
        return end + 2;
    }

    /** A string literal whose opening quote is at {@code quote}; the token starts at {@code start}. */
    private static int string(
        final String sql, final int start, final int quote, final boolean backslashEscapes, final List<SqlToken> out)
    {
        final StringBuilder text = new StringBuilder();
        // Bytes of consecutive \xHH escapes: together they spell UTF-8 ('\xE4\xB8\xAD' is one character).
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int length = sql.length();
        int i = quote + 1;
        while (i < length)
        {
            final char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes && i + 3 < length && sql.charAt(i + 1) == 'x' &&
                Character.digit(sql.charAt(i + 2), 16) >= 0 && Character.digit(sql.charAt(i + 3), 16) >= 0)
            {
                bytes.write(Integer.parseInt(sql.substring(i + 2, i + 4), 16));
                i += 4;
                continue;
            }
            flush(bytes, text);
            if (c == '\'')
            {
                if (i + 1 < length && sql.charAt(i + 1) == '\'')
                {
                    text.append('\'');
                    i += 2;
                    continue;
                }
                out.add(new SqlToken(SqlToken.Type.STRING, text.toString(), start + 1, i + 1));
                return i + 1;
            }
            if (c == '\\' && backslashEscapes && i + 1 < length)
            {
                i = escape(sql, i + 1, text);
                continue;
            }
            text.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated string literal starting at position " + (start + 1));
    }

    private static void flush(final ByteArrayOutputStream bytes, final StringBuilder text)
    {
        if (bytes.size() > 0)
        {
            text.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    /** The C-style escape whose letter is at {@code i} ({@code \\xHH} is read by the caller), appended to text. */
    private static int escape(final String sql, final int i, final StringBuilder text)
    {
        final char e = sql.charAt(i);
        switch (e)
        {
            case 'n': text.append('\n'); return i + 1;
            case 't': text.append('\t'); return i + 1;
            case 'r': text.append('\r'); return i + 1;
            case 'b': text.append('\b'); return i + 1;
            case 'f': text.append('\f'); return i + 1;
            case '0': text.append('\0'); return i + 1;
            case 'a': text.append('\u0007'); return i + 1;
            case 'v': text.append('\u000b'); return i + 1;
            default:
                // \\, \', a lone \x and any other character stand for themselves.
                text.append(e);
                return i + 1;
        }
    }

    private static int quotedIdentifier(final String sql, final int start, final char quote, final List<SqlToken> out)
    {
        final StringBuilder text = new StringBuilder();
        final int length = sql.length();
        int i = start + 1;
        while (i < length)
        {
            final char c = sql.charAt(i);
            if (c == quote)
            {
                if (i + 1 < length && sql.charAt(i + 1) == quote)
                {
                    text.append(quote);
                    i += 2;
                    continue;
                }
                out.add(new SqlToken(SqlToken.Type.QUOTED_IDENTIFIER, text.toString(), start + 1, i + 1));
                return i + 1;
            }
            text.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated quoted identifier starting at position " + (start + 1));
    }

    /** End (exclusive) of a {@code $tag$} opener at {@code start}, or 0 when it is not one ({@code $1} is not). */
    private static int dollarTagEnd(final String sql, final int start)
    {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'))
        {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : 0;
    }

    private static int dollarString(final String sql, final int start, final List<SqlToken> out)
    {
        final int bodyStart = dollarTagEnd(sql, start);
        final String tag = sql.substring(start, bodyStart);
        final int end = sql.indexOf(tag, bodyStart);
        if (end < 0)
        {
            throw new IllegalArgumentException("unterminated string literal starting at position " + (start + 1));
        }
        out.add(new SqlToken(SqlToken.Type.STRING, sql.substring(bodyStart, end), start + 1, end + tag.length()));
        return end + tag.length();
    }

    private static int number(final String sql, final int start, final List<SqlToken> out)
    {
        final int length = sql.length();
        int i = start;
        while (i < length && isDigit(sql.charAt(i)))
        {
            i++;
        }
        if (i < length && sql.charAt(i) == '.')
        {
            i++;
            while (i < length && isDigit(sql.charAt(i)))
            {
                i++;
            }
        }
        if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E'))
        {
            int j = i + 1;
            if (j < length && (sql.charAt(j) == '+' || sql.charAt(j) == '-'))
            {
                j++;
            }
            if (j < length && isDigit(sql.charAt(j)))
            {
                i = j;
                while (i < length && isDigit(sql.charAt(i)))
                {
                    i++;
                }
            }
        }
        out.add(new SqlToken(SqlToken.Type.NUMBER, sql.substring(start, i), start + 1, i));
        return i;
    }

    private static boolean isIdentifierStart(final char c)
    {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentifierPart(final char c)
    {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
