package sluice.server.machbase;

/**
 * One token of SQL text ({@link SqlLexer}).
 *
 * @param type what kind of token.
 * @param text identifiers: upper-cased (quoted ones too, see {@link MachbaseSql}); strings and quoted identifiers:
 * the content with escapes resolved; numbers and symbols: as written.
 * @param position 1-based character offset of the token's first character in the SQL text.
 */
record SqlToken(Type type, String text, int position)
{
    /** Token kinds. */
    enum Type
    {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL
    }

    boolean isKeyword(final String keyword)
    {
        return type == Type.IDENTIFIER && text.equals(keyword);
    }

    boolean isSymbol(final char symbol)
    {
        return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }

    boolean isName()
    {
        return type == Type.IDENTIFIER || type == Type.QUOTED_IDENTIFIER;
    }

    /** How error messages quote the token. */
    String display()
    {
        switch (type)
        {
            case STRING: return "'" + text + "'";
            default: return "\"" + text + "\"";
        }
    }
}
