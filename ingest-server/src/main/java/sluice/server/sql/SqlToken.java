package sluice.server.sql;

/**
 * One token of SQL text ({@link SqlLexer}).
 *
 * @param type what kind of token.
 * @param text identifiers: upper-cased, so keywords compare with {@link #isKeyword}; a dialect that folds names
 * another way reads the name from {@link #source}. Strings and quoted identifiers: the content with escapes
 * resolved; numbers and symbols: as written.
 * @param position 1-based character offset of the token's first character in the SQL text (what error messages
 * print).
 * @param endOffset 0-based offset just past the token's last character, so the token as written is
 * {@code sql.substring(position - 1, endOffset)}.
 */
public record SqlToken(Type type, String text, int position, int endOffset)
{
    /** Token kinds. */
    public enum Type
    {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL
    }

    /** 0-based offset of the token's first character. */
    public int offset()
    {
        return position - 1;
    }

    /** The token exactly as written in {@code sql}, the text it was lexed from. */
    public String source(final String sql)
    {
        return sql.substring(offset(), endOffset);
    }

    /** The source text from the start of {@code first} to the end of {@code last}, exactly as written. */
    public static String source(final String sql, final SqlToken first, final SqlToken last)
    {
        return sql.substring(first.offset(), last.endOffset());
    }

    public boolean isKeyword(final String keyword)
    {
        return type == Type.IDENTIFIER && text.equals(keyword);
    }

    public boolean isSymbol(final char symbol)
    {
        return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }

    public boolean isName()
    {
        return type == Type.IDENTIFIER || type == Type.QUOTED_IDENTIFIER;
    }

    /** How error messages quote the token. */
    public String display()
    {
        switch (type)
        {
            case STRING: return "'" + text + "'";
            default: return "\"" + text + "\"";
        }
    }
}
