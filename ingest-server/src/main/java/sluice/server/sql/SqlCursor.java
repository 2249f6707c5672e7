package sluice.server.sql;

import java.util.List;

/**
 * A position in one statement's {@link SqlToken}s with the accept/expect helpers the dialect DDL parsers share.
 * Keywords are matched against {@link SqlToken#text()} (upper-cased); how a name is folded is the dialect's business,
 * so there is no name reader here. Errors are {@link IllegalArgumentException}s naming the token and its position.
 * Not thread-safe: one per parse.
 */
public final class SqlCursor
{
    private final List<SqlToken> tokens;
    private int index;

    /** @param index the first token to read. */
    public SqlCursor(final List<SqlToken> tokens, final int index)
    {
        this.tokens = tokens;
        this.index = index;
    }

    /** The token {@code ahead} places after the current one, or null past the end. */
    public SqlToken peek(final int ahead)
    {
        final int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** The index of the current token. */
    public int index()
    {
        return index;
    }

    /** The current token, consumed; a syntax error naming {@code expected} at the end. */
    public SqlToken next(final String expected)
    {
        final SqlToken token = peek();
        if (token == null)
        {
            throw syntax(expected);
        }
        index++;
        return token;
    }

    public boolean peekSymbol(final char symbol)
    {
        return index < tokens.size() && tokens.get(index).isSymbol(symbol);
    }

    /** Moves past the current token. */
    public void advance()
    {
        index++;
    }

    public boolean atEnd()
    {
        return index >= tokens.size();
    }

    /** Skips a balanced {@code ( … )} group, nested parentheses included, whatever it contains. */
    public void skipParenthesized()
    {
        expectSymbol('(', "'('");
        skipToClose();
    }

    /** After a {@code (}: skips what follows up to and including its matching {@code )}. */
    public void skipToClose()
    {
        int depth = 1;
        while (depth > 0)
        {
            final SqlToken token = peek();
            if (token == null)
            {
                throw syntax("')'");
            }
            if (token.isSymbol('('))
            {
                depth++;
            }
            else if (token.isSymbol(')'))
            {
                depth--;
            }
            index++;
        }
    }

    public SqlToken peek()
    {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    public boolean peekKeyword(final String keyword)
    {
        return index < tokens.size() && tokens.get(index).isKeyword(keyword);
    }

    public boolean acceptKeyword(final String keyword)
    {
        if (peekKeyword(keyword))
        {
            index++;
            return true;
        }
        return false;
    }

    public boolean acceptSymbol(final char symbol)
    {
        if (peekSymbol(symbol))
        {
            index++;
            return true;
        }
        return false;
    }

    public void expectKeyword(final String keyword, final String expected)
    {
        if (!acceptKeyword(keyword))
        {
            throw syntax(expected);
        }
    }

    public void expectSymbol(final char symbol, final String expected)
    {
        if (!acceptSymbol(symbol))
        {
            throw syntax(expected);
        }
    }

    public void expectEnd()
    {
        if (index < tokens.size())
        {
            throw syntax("end of statement");
        }
    }

    /**
     * A non-negative integer literal (a type's precision, scale or length), consumed.
     *
     * @param what {@code precision}, {@code scale} or {@code length}, for messages.
     */
    public int expectInt(final String what)
    {
        final SqlToken token = peek();
        if (token == null || token.type() != SqlToken.Type.NUMBER)
        {
            throw syntax("a " + what);
        }
        advance();
        try
        {
            return Integer.parseInt(token.text());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "invalid " + what + " " + token.text() + " at position " + token.position(), ex);
        }
    }

    public IllegalArgumentException syntax(final String expected)
    {
        final SqlToken token = peek();
        if (token == null)
        {
            return new IllegalArgumentException("syntax error at end of statement: expected " + expected);
        }
        return new IllegalArgumentException("syntax error at position " + token.position() + " near " +
            token.display() + ": expected " + expected);
    }
}
