package sluice.server.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlLexerTest
{
    private static String describe(final List<SqlToken> tokens)
    {
        final StringBuilder out = new StringBuilder();
        for (final SqlToken token : tokens)
        {
            out.append(token.type().name().charAt(0)).append(token.position()).append('=').append(token.text())
                .append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void tokenTypesAndPositions()
    {
        assertEquals("I1=SELECT N8=1.5e-3 S14=, S16=it's S23=, Q25=Mixed \"Case\" S41=, I43=_X$1 I48=FROM I53=T S54=;",
            describe(SqlLexer.tokenize("select 1.5e-3, 'it''s', \"Mixed \"\"Case\"\"\", _x$1 from t;")));
    }

    @Test
    void commentsAreSkipped()
    {
        assertEquals("I1=A I17=B I29=C", describe(SqlLexer.tokenize("a -- comment ;\n b /* x; */\n c")));
        assertEquals("I1=A", describe(SqlLexer.tokenize("a -- to the end")));
    }

    @Test
    void postgresStyleLiterals()
    {
        assertEquals("S1=it's; I11=X", describe(SqlLexer.tokenize("E'it\\'s;' x")));
        assertEquals("S1=a;'b I10=Y", describe(SqlLexer.tokenize("$$a;'b$$ y")));
        assertEquals("S1=q$$ I15=Z", describe(SqlLexer.tokenize("$tag$q$$$tag$ z")));
        assertEquals("S1=$ N2=1 S3=: S4=: I5=INT", describe(SqlLexer.tokenize("$1::int")));
        assertEquals("Q1=back`tick", describe(SqlLexer.tokenize("`back``tick`")));
    }

    @Test
    void unicodeIdentifiers()
    {
        assertEquals("I1=온도 S3=. I4=ÉTÉ", describe(SqlLexer.tokenize("온도.été")));
    }

    @Test
    void everyTokenKnowsItsSourceText()
    {
        final String sql = "select \"Mixed \"\"Case\"\"\", 'it''s', E'a\\'b', $t$x$t$, 1.5e-3, été -- c\n;";
        final StringBuilder out = new StringBuilder();
        for (final SqlToken token : SqlLexer.tokenize(sql))
        {
            out.append('[').append(token.source(sql)).append(']');
            assertEquals(token.position() - 1, token.offset());
        }
        assertEquals("[select][\"Mixed \"\"Case\"\"\"][,]['it''s'][,][E'a\\'b'][,][$t$x$t$][,][1.5e-3][,][été][;]",
            out.toString());
    }
}
