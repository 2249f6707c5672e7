package sluice.server.machbase;

import java.util.List;
import java.util.Locale;

/**
 * A position in one statement's {@link SqlToken}s with the accept/expect helpers the Machbase SQL parsers share.
 * Errors are {@link IllegalArgumentException}s naming the token and its position. Not thread-safe: one per parse.
 */
final class SqlCursor
{
    private final List<SqlToken> tokens;
    private int index;

    SqlCursor(final List<SqlToken> tokens, final int index)
    {
        this.tokens = tokens;
        this.index = index;
    }

    /** The token {@code ahead} places after the current one, or null past the end. */
    SqlToken peek(final int ahead)
    {
        final int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** Moves past the current token. */
    void advance()
    {
        index++;
    }

    boolean atEnd()
    {
        return index >= tokens.size();
    }

    /** {@code name} or {@code schema.name} (or deeper): the last part, UPPERCASE. */
    String qualifiedName(final String expected)
    {
        String name = name(expected);
        while (acceptSymbol('.'))
        {
            name = name(expected);
        }
        return name;
    }

    String name(final String expected)
    {
        final SqlToken token = peek();
        if (token == null || !token.isName())
        {
            throw syntax(expected);
        }
        final String name = token.text().trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("empty identifier at position " + token.position());
        }
        index++;
        return name;
    }

    void skipParenthesized()
    {
        expectSymbol('(', "'('");
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

    SqlToken peek()
    {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    boolean peekKeyword(final String keyword)
    {
        return index < tokens.size() && tokens.get(index).isKeyword(keyword);
    }

    boolean acceptKeyword(final String keyword)
    {
        if (peekKeyword(keyword))
        {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(final char symbol)
    {
        if (index < tokens.size() && tokens.get(index).isSymbol(symbol))
        {
            index++;
            return true;
        }
        return false;
    }

    void expectKeyword(final String keyword, final String expected)
    {
        if (!acceptKeyword(keyword))
        {
            throw syntax(expected);
        }
    }

    void expectSymbol(final char symbol, final String expected)
    {
        if (!acceptSymbol(symbol))
        {
            throw syntax(expected);
        }
    }

    void expectEnd()
    {
        if (index < tokens.size())
        {
            throw syntax("end of statement");
        }
    }

    IllegalArgumentException syntax(final String expected)
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
