package sluice.server.feldera;

import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.util.Locale;

/**
 * A SQL identifier folded the Feldera way (docs.feldera.com, "Identifiers"): unquoted names are converted to
 * lowercase, {@code "quoted"} names keep their exact characters; after that, names compare exactly. So {@code Emp},
 * {@code EMP} and {@code "emp"} are one name and {@code "Emp"} is another.
 *
 * @param name the stored name.
 * @param quoted whether it was written in double quotes.
 * @param position 1-based character offset of the identifier in the program text.
 */
record FelderaName(String name, boolean quoted, int position)
{
    /**
     * Reads the identifier at the cursor.
     *
     * @param expected what the syntax error says was expected, e.g. {@code "a column name"}.
     * @throws IllegalArgumentException when the token is not a name, is empty, or is {@code `backquoted`}.
     */
    static FelderaName read(final SqlCursor in, final String sql, final String expected)
    {
        final SqlToken token = in.peek();
        if (token == null || !token.isName())
        {
            throw in.syntax(expected);
        }
        in.advance();
        if (token.type() == SqlToken.Type.IDENTIFIER)
        {
            // The lexer upper-cases identifiers for keyword matching; fold the source instead, because upper- then
            // lower-casing is not the identity outside ASCII ("ß" would come back as "ss").
            return new FelderaName(token.source(sql).toLowerCase(Locale.ROOT), false, token.position());
        }
        if (sql.charAt(token.offset()) != '"')
        {
            // Feldera's Calcite parser quotes identifiers with double quotes only.
            throw new IllegalArgumentException("backquoted identifier at position " + token.position() +
                ": Feldera SQL quotes identifiers with double quotes");
        }
        if (token.text().isEmpty())
        {
            throw new IllegalArgumentException("empty identifier at position " + token.position());
        }
        return new FelderaName(token.text(), true, token.position());
    }

    /** How messages print the name: quoted names in double quotes, so the case that matters shows. */
    String display()
    {
        return quoted ? '"' + name + '"' : name;
    }
}
