package sluice.server.feldera;

import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.util.Map;

/**
 * The {@code WITH ('key' = 'value', ...)} clause of Feldera's CREATE TABLE and CREATE VIEW: string keys, string
 * values (Feldera's compiler refuses anything else with "Expected a simple string"), each key once. Stateless.
 */
final class FelderaProperties
{
    private FelderaProperties()
    {
    }

    /**
     * Reads the parenthesised list after {@code WITH} into {@code out}, in order; the cursor ends after the
     * {@code )}.
     *
     * @throws IllegalArgumentException for a syntax error or a key given twice.
     */
    static void read(final SqlCursor in, final Map<String, String> out)
    {
        in.expectSymbol('(', "'(' after WITH");
        do
        {
            final SqlToken key = string(in, "a property name string");
            in.expectSymbol('=', "'='");
            final SqlToken value = string(in, "a property value string");
            if (out.putIfAbsent(key.text(), value.text()) != null)
            {
                throw new IllegalArgumentException(
                    "property '" + key.text() + "' given twice (position " + key.position() + ")");
            }
        }
        while (in.acceptSymbol(','));
        in.expectSymbol(')', "',' or ')'");
    }

    private static SqlToken string(final SqlCursor in, final String expected)
    {
        final SqlToken token = in.peek();
        if (token == null || token.type() != SqlToken.Type.STRING)
        {
            throw in.syntax(expected);
        }
        in.advance();
        return token;
    }
}
