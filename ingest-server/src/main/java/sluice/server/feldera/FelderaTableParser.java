package sluice.server.feldera;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses one {@code CREATE TABLE} of a Feldera program (grammar in {@link FelderaProgram}) into a
 * {@link FelderaTable}. Key rules follow Feldera's compiler ({@code SqlToRelCompiler.createTableColumnsMetadata}):
 * <ul>
 * <li>The key is either declared on columns ({@code id INT PRIMARY KEY}, several columns make a compound key in
 * declaration order) or by one {@code PRIMARY KEY (a, b)} constraint, not both; every key column must exist, appear
 * once, and not be an ARRAY, MAP or VARIANT.</li>
 * <li>Key columns are NOT NULL. Feldera reports a nullable key column as an error, or in its lenient mode as a
 * warning and then makes the column NOT NULL; Sluice takes the lenient path and says nothing.</li>
 * <li>{@code FOREIGN KEY}, {@code LATENESS}, {@code WATERMARK} and {@code INTERNED} are accepted and ignored: they
 * steer Feldera's incremental engine (which Sluice does not have) and never reject a row. {@code CHECK}
 * constraints would reject rows, so they are refused rather than ignored.</li>
 * </ul>
 * Not thread-safe: one per statement.
 */
final class FelderaTableParser
{
    /** Thread-safe once configured. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTORS = "connectors";
    private static final Set<String> COLUMN_CONSTRAINTS =
        Set.of("NOT", "NULL", "PRIMARY", "FOREIGN", "LATENESS", "WATERMARK", "DEFAULT", "INTERNED");

    private final String sql;
    private final SqlCursor in;
    private final List<ColumnDecl> columns = new ArrayList<>();
    private List<FelderaName> keyConstraint;
    private int keyConstraintPosition;

    /** @param in positioned after {@code CREATE TABLE}. */
    FelderaTableParser(final String sql, final SqlCursor in)
    {
        this.sql = sql;
        this.in = in;
    }

    /** @param ddl the statement's source text. */
    FelderaTable parse(final String ddl)
    {
        final FelderaName table = FelderaName.read(in, sql, "a table name");
        in.expectSymbol('(', "'('");
        do
        {
            final SqlToken token = in.peek();
            if (token != null && token.isSymbol(')') && !columns.isEmpty())
            {
                break; // Feldera accepts a comma before the closing parenthesis (the CSV seed's git_commit table).
            }
            element();
        }
        while (in.acceptSymbol(','));
        in.expectSymbol(')', "',' or ')'");
        final Map<String, String> properties = new LinkedHashMap<>();
        if (in.acceptKeyword("WITH"))
        {
            FelderaProperties.read(in, properties);
        }
        in.expectEnd();
        final String connectors = properties.remove(CONNECTORS);
        if (connectors != null)
        {
            checkConnectors(connectors);
        }
        final List<String> key = primaryKey();
        final List<Column> schemaColumns = new ArrayList<>(columns.size());
        for (final ColumnDecl column : columns)
        {
            schemaColumns.add(column.toColumn(key.contains(column.name.name())));
        }
        return new FelderaTable(table.name(), table.quoted(), new TableSchema(table.name(), schemaColumns), key,
            properties, connectors, ddl);
    }

    /** A column or a table constraint. */
    private void element()
    {
        final SqlToken token = in.peek();
        if (token == null)
        {
            throw in.syntax("a column");
        }
        if (token.isKeyword("CONSTRAINT"))
        {
            in.advance();
            FelderaName.read(in, sql, "a constraint name");
            tableConstraint(in.peek());
        }
        else if (token.isKeyword("PRIMARY") || token.isKeyword("FOREIGN") || token.isKeyword("CHECK"))
        {
            tableConstraint(token);
        }
        else
        {
            column();
        }
    }

    private void tableConstraint(final SqlToken token)
    {
        if (in.acceptKeyword("PRIMARY"))
        {
            in.expectKeyword("KEY", "KEY");
            if (keyConstraint != null)
            {
                throw new IllegalArgumentException("PRIMARY KEY already declared at position " +
                    keyConstraintPosition + " (position " + token.position() + ")");
            }
            keyConstraint = nameList("a key column");
            keyConstraintPosition = token.position();
        }
        else if (in.acceptKeyword("FOREIGN"))
        {
            // FOREIGN KEY (a, b) REFERENCES t (x, y): Feldera does not enforce foreign keys at run time either.
            in.expectKeyword("KEY", "KEY");
            nameList("a column");
            in.expectKeyword("REFERENCES", "REFERENCES");
            FelderaName.read(in, sql, "a table name");
            nameList("a column");
        }
        else if (token != null && token.isKeyword("CHECK"))
        {
            throw new IllegalArgumentException("CHECK constraints are not supported (position " +
                token.position() + ")");
        }
        else
        {
            throw in.syntax("PRIMARY KEY, FOREIGN KEY or CHECK");
        }
    }

    private List<FelderaName> nameList(final String expected)
    {
        in.expectSymbol('(', "'('");
        final List<FelderaName> names = new ArrayList<>();
        do
        {
            names.add(FelderaName.read(in, sql, expected));
        }
        while (in.acceptSymbol(','));
        in.expectSymbol(')', "',' or ')'");
        return names;
    }

    private void column()
    {
        final FelderaName name = FelderaName.read(in, sql, "a column name or a table constraint");
        for (final ColumnDecl existing : columns)
        {
            if (existing.name.name().equals(name.name()))
            {
                throw new IllegalArgumentException("duplicate column name " + name.display() + " at position " +
                    name.position() + " (first declared at position " + existing.name.position() + ")");
            }
        }
        final DataType type;
        try
        {
            type = FelderaTypes.read(in, sql);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("column " + name.display() + ": " + ex.getMessage(), ex);
        }
        final ColumnDecl column = new ColumnDecl(name, type);
        constraints(column);
        columns.add(column);
    }

    private void constraints(final ColumnDecl column)
    {
        while (true)
        {
            final SqlToken token = in.peek();
            if (token == null || token.isSymbol(',') || token.isSymbol(')'))
            {
                return;
            }
            in.advance();
            if (token.isKeyword("NOT"))
            {
                in.expectKeyword("NULL", "NULL");
                column.notNull = true;
            }
            else if (token.isKeyword("NULL"))
            {
                column.explicitNull = true;
            }
            else if (token.isKeyword("PRIMARY"))
            {
                in.expectKeyword("KEY", "KEY");
                if (column.primaryKey)
                {
                    throw new IllegalArgumentException("column " + column.name.display() +
                        " already declared PRIMARY KEY (position " + token.position() + ")");
                }
                column.primaryKey = true;
            }
            else if (token.isKeyword("DEFAULT"))
            {
                if (column.defaultValue != null)
                {
                    throw new IllegalArgumentException("column " + column.name.display() +
                        " has two DEFAULT clauses (position " + token.position() + ")");
                }
                column.defaultValue = FelderaDefault.read(in, sql);
            }
            else if (token.isKeyword("FOREIGN"))
            {
                in.expectKeyword("KEY", "KEY");
                in.expectKeyword("REFERENCES", "REFERENCES");
                FelderaName.read(in, sql, "a table name");
                in.expectSymbol('(', "'('");
                FelderaName.read(in, sql, "a column name");
                in.expectSymbol(')', "')'");
            }
            else if (token.isKeyword("LATENESS") || token.isKeyword("WATERMARK"))
            {
                skipExpression(token);
            }
            else if (!token.isKeyword("INTERNED"))
            {
                throw new IllegalArgumentException("syntax error at position " + token.position() + " near " +
                    token.display() + ": expected a column constraint, ',' or ')'");
            }
        }
    }

    /**
     * LATENESS and WATERMARK take an expression (usually an INTERVAL literal) that ends at the next top-level comma,
     * closing parenthesis or column constraint keyword (NOT and NULL included, so a NOT NULL after it is not lost).
     */
    private void skipExpression(final SqlToken keyword)
    {
        int depth = 0;
        int skipped = 0;
        SqlToken token;
        while ((token = in.peek()) != null)
        {
            if (depth == 0 && (token.isSymbol(',') || token.isSymbol(')') || startsColumnConstraint(token)))
            {
                break;
            }
            depth += token.isSymbol('(') ? 1 : token.isSymbol(')') ? -1 : 0;
            in.advance();
            skipped++;
        }
        if (skipped == 0)
        {
            throw new IllegalArgumentException(
                keyword.text() + " needs an expression (position " + keyword.position() + ")");
        }
    }

    /** True for the first keyword of a column constraint, where a DEFAULT literal or a skipped expression ends. */
    static boolean startsColumnConstraint(final SqlToken token)
    {
        return token.type() == SqlToken.Type.IDENTIFIER && COLUMN_CONSTRAINTS.contains(token.text());
    }

    /** Stored names of the key columns, in key order; checks the rules in the class comment. */
    private List<String> primaryKey()
    {
        final List<String> key = new ArrayList<>();
        if (keyConstraint != null)
        {
            for (final ColumnDecl column : columns)
            {
                if (column.primaryKey)
                {
                    throw new IllegalArgumentException("column " + column.name.display() + " declared PRIMARY KEY " +
                        "in a table with a PRIMARY KEY constraint (position " + keyConstraintPosition + ")");
                }
            }
            for (final FelderaName name : keyConstraint)
            {
                if (key.contains(name.name()))
                {
                    throw new IllegalArgumentException("column " + name.display() +
                        " appears twice in the PRIMARY KEY (position " + name.position() + ")");
                }
                if (find(name.name()) == null)
                {
                    throw new IllegalArgumentException("PRIMARY KEY column " + name.display() +
                        " does not correspond to a column (position " + name.position() + ")");
                }
                key.add(name.name());
            }
        }
        else
        {
            for (final ColumnDecl column : columns)
            {
                if (column.primaryKey)
                {
                    key.add(column.name.name());
                }
            }
        }
        for (final String name : key)
        {
            final ColumnDecl column = find(name);
            final TypeKind kind = column.type.kind();
            if (kind == TypeKind.ARRAY || kind == TypeKind.MAP || kind == TypeKind.JSON)
            {
                throw new IllegalArgumentException("PRIMARY KEY column " + column.name.display() +
                    " cannot have type " + column.type + " (position " + column.name.position() + ")");
            }
        }
        return key;
    }

    private ColumnDecl find(final String name)
    {
        for (final ColumnDecl column : columns)
        {
            if (column.name.name().equals(name))
            {
                return column;
            }
        }
        return null;
    }

    private static void checkConnectors(final String connectors)
    {
        final JsonNode node;
        try (JsonParser parser = JSON.createParser(connectors))
        {
            node = JSON.readTree(parser);
            if (node != null && parser.nextToken() != null)
            {
                throw new IllegalArgumentException("'connectors' has more JSON after its array" +
                    at(parser.currentTokenLocation()));
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(
                "'connectors' is not valid JSON: " + ex.getOriginalMessage() + at(ex.getLocation()), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading a string cannot fail", ex);
        }
        if (node == null || !node.isArray())
        {
            throw new IllegalArgumentException("'connectors' must be a JSON array of connector objects");
        }
        for (final JsonNode connector : node)
        {
            if (!connector.isObject())
            {
                throw new IllegalArgumentException("'connectors' must be a JSON array of connector objects, not " +
                    "an array holding " + connector.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Where in the connectors text, which may span many lines of the program. */
    private static String at(final JsonLocation location)
    {
        return location == null ? "" :
            " (line " + location.getLineNr() + ", column " + location.getColumnNr() + " of the JSON)";
    }

    /** A column as declared; nullability and the default are settled once the whole key is known. */
    private static final class ColumnDecl
    {
        private final FelderaName name;
        private final DataType type;
        private boolean notNull;
        private boolean explicitNull;
        private boolean primaryKey;
        private FelderaDefault defaultValue;

        private ColumnDecl(final FelderaName name, final DataType type)
        {
            this.name = name;
            this.type = type;
        }

        Column toColumn(final boolean inKey)
        {
            if (notNull && explicitNull)
            {
                throw new IllegalArgumentException("column " + name.display() + " is declared both NULL and NOT NULL " +
                    "(position " + name.position() + ")");
            }
            final boolean nullable = !notNull && !inKey;
            final Column.Builder builder = Column.builder(name.name(), type)
                .nullable(nullable)
                .primaryKey(inKey)
                .caseSensitive(name.quoted());
            if (defaultValue != null)
            {
                builder.defaultValue(defaultValue.toDefaultValue(type, nullable, name.display()));
            }
            return builder.build();
        }
    }
}
