package sluice.server.machbase;

import sluice.codec.schema.TypeKind;
import sluice.server.auth.Scope;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the Machbase statements {@link MachbaseSql} recognises by their first keyword: CREATE [TAG] TABLE, DROP
 * TABLE and EXEC table_flush (grammar and rules in {@link MachbaseSql}). A CREATE, DROP or EXEC that turns out to
 * be something else (CREATE VIEW, DROP INDEX, EXEC other_procedure) is passed through as EXECUTE. Not thread-safe:
 * one per parse.
 */
final class MachbaseDdl
{
    private final String sql;
    private final SqlCursor in;

    /** @param in positioned after the statement's first keyword (CREATE, DROP, EXEC). */
    MachbaseDdl(final String sql, final SqlCursor in)
    {
        this.sql = sql;
        this.in = in;
    }

    MachbaseStatement create()
    {
        final boolean tag;
        if (in.acceptKeyword("TAG") || in.acceptKeyword("TAGDATA"))
        {
            in.expectKeyword("TABLE", "TABLE");
            tag = true;
        }
        else if (in.acceptKeyword("TABLE"))
        {
            tag = false;
        }
        else
        {
            rejectUnsupportedCreate();
            return MachbaseStatement.passThrough(MachbaseStatement.Kind.EXECUTE, Scope.ADMIN, sql);
        }
        final boolean ifNotExists = in.acceptKeyword("IF");
        if (ifNotExists)
        {
            in.expectKeyword("NOT", "NOT EXISTS");
            in.expectKeyword("EXISTS", "EXISTS");
        }
        final String name = qualifiedName("a table name");
        if (in.peekKeyword("AS"))
        {
            throw new IllegalArgumentException(
                "CREATE TABLE ... AS is not supported (position " + in.peek().position() + ")");
        }
        in.expectSymbol('(', "'('");
        final List<MachbaseColumnDef> columns = new ArrayList<>();
        do
        {
            final SqlToken at = in.peek();
            final MachbaseColumnDef column = column(tag);
            for (final MachbaseColumnDef existing : columns)
            {
                if (existing.name().equals(column.name()))
                {
                    throw new IllegalArgumentException(
                        "duplicate column name " + column.name() + " at position " + at.position());
                }
            }
            if (!tag && column.name().equals(MachbaseTableDef.ARRIVAL_TIME))
            {
                throw new IllegalArgumentException(
                    "column name " + MachbaseTableDef.ARRIVAL_TIME + " is reserved (position " + at.position() +
                        ")");
            }
            columns.add(column);
        }
        while (in.acceptSymbol(','));
        in.expectSymbol(')', "',' or ')'");
        tableOptions();
        final MachbaseTableDef def = new MachbaseTableDef(name, tag, columns);
        if (tag)
        {
            validateTagTable(def);
        }
        return MachbaseStatement.create(sql, def, ifNotExists);
    }

    /** {@code name} or {@code schema.name} (or deeper): the last part, UPPERCASE (Sluice has one namespace). */
    private String qualifiedName(final String expected)
    {
        String name = name(expected);
        while (in.acceptSymbol('.'))
        {
            name = name(expected);
        }
        return name;
    }

    /** A name, quoted or not, UPPERCASE: Machbase names are case-insensitive even when quoted (see MachbaseSql). */
    private String name(final String expected)
    {
        final SqlToken token = in.peek();
        if (token == null || !token.isName())
        {
            throw in.syntax(expected);
        }
        final String name = token.text().trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("empty identifier at position " + token.position());
        }
        in.advance();
        return name;
    }

    /** CREATE followed by something other than [TAG] TABLE: reject the table forms Sluice cannot own. */
    private void rejectUnsupportedCreate()
    {
        final SqlToken kind = in.peek();
        if (kind == null)
        {
            throw in.syntax("TABLE or TAG TABLE");
        }
        if (kind.isKeyword("VOLATILE") || kind.isKeyword("LOOKUP"))
        {
            throw new IllegalArgumentException(
                kind.text() + " tables are not supported (position " + kind.position() + ")");
        }
        int ahead = 0;
        final StringBuilder words = new StringBuilder();
        SqlToken word;
        while ((word = in.peek(ahead)) != null && (word.isKeyword("OR") || word.isKeyword("REPLACE") ||
            word.isKeyword("TEMP") || word.isKeyword("TEMPORARY")))
        {
            words.append(word.text()).append(' ');
            ahead++;
        }
        if (ahead > 0 && word != null && word.isKeyword("TABLE"))
        {
            throw new IllegalArgumentException(
                "CREATE " + words + "TABLE is not supported (position " + kind.position() +
                    "); use CREATE TABLE or CREATE TAG TABLE");
        }
    }

    private MachbaseColumnDef column(final boolean tag)
    {
        final String name = name("a column name");
        final SqlToken typeToken = in.peek();
        if (typeToken == null || typeToken.type() != SqlToken.Type.IDENTIFIER)
        {
            throw in.syntax("a column type");
        }
        in.advance();
        String typeName = typeToken.text().toLowerCase(Locale.ROOT);
        if (typeName.equals("unsigned"))
        {
            final SqlToken next = in.peek();
            if (next == null || next.type() != SqlToken.Type.IDENTIFIER)
            {
                throw in.syntax("SHORT, INTEGER or LONG after UNSIGNED");
            }
            in.advance();
            typeName = "unsigned " + next.text().toLowerCase(Locale.ROOT);
        }
        if (!MachbaseTypes.isTypeName(typeName))
        {
            throw new IllegalArgumentException(
                "unknown column type '" + typeName + "' at position " + typeToken.position());
        }
        int length = 0;
        if (in.acceptSymbol('('))
        {
            final SqlToken lengthToken = in.peek();
            if (!typeName.equals("varchar"))
            {
                throw new IllegalArgumentException(
                    "column type '" + typeName + "' takes no length (position " + typeToken.position() + ")");
            }
            if (lengthToken == null || lengthToken.type() != SqlToken.Type.NUMBER)
            {
                throw in.syntax("a varchar length");
            }
            in.advance();
            length = varcharLength(lengthToken);
            in.expectSymbol(')', "')'");
            typeName = typeName + "(" + length + ")";
        }
        final MachbaseColumnDef plain =
            new MachbaseColumnDef(name, typeName, MachbaseTypes.dataType(baseName(typeName), length),
                false, false, false, false);
        return columnProperties(plain, tag);
    }

    private static String baseName(final String typeName)
    {
        final int paren = typeName.indexOf('(');
        return paren < 0 ? typeName : typeName.substring(0, paren);
    }

    private static int varcharLength(final SqlToken token)
    {
        final int length;
        try
        {
            length = Integer.parseInt(token.text());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "invalid varchar length " + token.text() + " at position " + token.position(), ex);
        }
        if (length < 1 || length > MachbaseTypes.MAX_VARCHAR_LENGTH)
        {
            throw new IllegalArgumentException("varchar length must be 1.." + MachbaseTypes.MAX_VARCHAR_LENGTH +
                ", not " + length + " (position " + token.position() + ")");
        }
        return length;
    }

    private MachbaseColumnDef columnProperties(final MachbaseColumnDef plain, final boolean tag)
    {
        boolean primaryKey = false;
        boolean basetime = false;
        boolean summarized = false;
        boolean notNull = false;
        while (true)
        {
            final SqlToken token = in.peek();
            if (token == null || token.isSymbol(',') || token.isSymbol(')'))
            {
                break;
            }
            if (token.isKeyword("PRIMARY"))
            {
                in.advance();
                in.expectKeyword("KEY", "KEY");
                tagOnly(token, "PRIMARY KEY", tag);
                primaryKey = true;
            }
            else if (token.isKeyword("BASETIME"))
            {
                in.advance();
                tagOnly(token, "BASETIME", tag);
                basetime = true;
            }
            else if (token.isKeyword("SUMMARIZED"))
            {
                in.advance();
                tagOnly(token, "SUMMARIZED", tag);
                summarized = true;
            }
            else if (token.isKeyword("NOT"))
            {
                in.advance();
                in.expectKeyword("NULL", "NULL");
                notNull = true;
            }
            else if (token.isKeyword("NULL"))
            {
                in.advance();
            }
            else if (token.isKeyword("PROPERTY"))
            {
                // Machbase storage tuning (MINMAX_CACHE_SIZE, ...): nothing DuckDB can use.
                in.advance();
                in.skipParenthesized();
            }
            else
            {
                throw in.syntax("',' or ')'");
            }
        }
        return new MachbaseColumnDef(plain.name(), plain.typeName(), plain.type(), primaryKey, basetime,
            summarized, notNull);
    }

    private static void tagOnly(final SqlToken token, final String property, final boolean tag)
    {
        if (!tag)
        {
            throw new IllegalArgumentException(
                property + " is only allowed in a TAG table (position " + token.position() + ")");
        }
    }

    /**
     * Machbase storage options after the column list: accepted and ignored, because they tune Machbase's own
     * partitions and rollups, which have no DuckDB counterpart. METADATA declares per-tag columns, which
     * Sluice does not have, so it is rejected rather than silently dropped.
     */
    private void tableOptions()
    {
        while (!in.atEnd())
        {
            final SqlToken token = in.peek();
            if (token.isKeyword("METADATA"))
            {
                throw new IllegalArgumentException(
                    "tag METADATA columns are not supported (position " + token.position() + ")");
            }
            if (token.isKeyword("WITH"))
            {
                in.advance();
                in.expectKeyword("ROLLUP", "ROLLUP");
                if (in.peek() != null && in.peek().isSymbol('('))
                {
                    in.skipParenthesized();
                }
                in.acceptKeyword("EXTENSION");
            }
            else if (token.isKeyword("TABLESPACE"))
            {
                in.advance();
                name("a tablespace name");
            }
            else if (token.type() == SqlToken.Type.IDENTIFIER && in.peek(1) != null &&
                in.peek(1).isSymbol('='))
            {
                in.advance();
                in.advance();
                final SqlToken value = in.peek();
                if (value == null || value.type() == SqlToken.Type.SYMBOL)
                {
                    throw in.syntax("a property value");
                }
                in.advance();
            }
            else
            {
                throw in.syntax("end of statement or a table property");
            }
        }
    }

    private static void validateTagTable(final MachbaseTableDef def)
    {
        int keys = 0;
        int basetimes = 0;
        int summarized = 0;
        for (final MachbaseColumnDef column : def.columns())
        {
            if (column.primaryKey())
            {
                keys++;
                if (column.type().kind() != TypeKind.VARCHAR)
                {
                    throw new IllegalArgumentException("PRIMARY KEY column " + column.name() + " of tag table " +
                        def.name() + " must be varchar, not " + column.typeName());
                }
            }
            if (column.basetime())
            {
                basetimes++;
                if (column.type().kind() != TypeKind.TIMESTAMP_NS)
                {
                    throw new IllegalArgumentException("BASETIME column " + column.name() + " of tag table " +
                        def.name() + " must be datetime, not " + column.typeName());
                }
            }
            if (column.summarized())
            {
                summarized++;
                if (!column.type().kind().isNumeric())
                {
                    throw new IllegalArgumentException("SUMMARIZED column " + column.name() + " of tag table " +
                        def.name() + " must be numeric, not " + column.typeName());
                }
            }
        }
        if (keys != 1)
        {
            throw new IllegalArgumentException("tag table " + def.name() + " must have exactly one PRIMARY KEY " +
                "column (varchar, the tag name), found " + keys);
        }
        if (basetimes != 1)
        {
            throw new IllegalArgumentException("tag table " + def.name() + " must have exactly one BASETIME " +
                "column (datetime), found " + basetimes);
        }
        if (summarized > 1)
        {
            throw new IllegalArgumentException("tag table " + def.name() + " may have one SUMMARIZED column, " +
                "found " + summarized);
        }
    }

    MachbaseStatement drop()
    {
        if (!in.acceptKeyword("TABLE"))
        {
            return MachbaseStatement.passThrough(MachbaseStatement.Kind.EXECUTE, Scope.ADMIN, sql);
        }
        final boolean ifExists = in.acceptKeyword("IF");
        if (ifExists)
        {
            in.expectKeyword("EXISTS", "EXISTS");
        }
        final String name = qualifiedName("a table name");
        if (in.peek() != null && in.peek().isSymbol(','))
        {
            throw new IllegalArgumentException(
                "DROP TABLE takes one table (position " + in.peek().position() + ")");
        }
        if (!in.acceptKeyword("CASCADE"))
        {
            in.acceptKeyword("RESTRICT");
        }
        in.expectEnd();
        return MachbaseStatement.drop(sql, name, ifExists);
    }

    MachbaseStatement exec()
    {
        final SqlToken procedure = in.peek();
        if (procedure == null || !procedure.isKeyword("TABLE_FLUSH"))
        {
            return MachbaseStatement.passThrough(MachbaseStatement.Kind.EXECUTE, Scope.ADMIN, sql);
        }
        in.advance();
        in.expectSymbol('(', "'('");
        final SqlToken argument = in.peek();
        if (argument == null || !(argument.isName() || argument.type() == SqlToken.Type.STRING))
        {
            throw in.syntax("a table name");
        }
        final String name;
        if (argument.type() == SqlToken.Type.STRING)
        {
            in.advance();
            name = argument.text().trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty())
            {
                throw new IllegalArgumentException("empty table name at position " + argument.position());
            }
        }
        else
        {
            name = qualifiedName("a table name");
        }
        in.expectSymbol(')', "')'");
        in.expectEnd();
        return MachbaseStatement.flush(sql, name);
    }
}
