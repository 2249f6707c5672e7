package sluice.server.proton;

import com.fasterxml.jackson.databind.JsonNode;
import sluice.codec.schema.Column;
import sluice.codec.schema.DataType;
import sluice.codec.schema.DefaultValue;
import sluice.codec.schema.TableSchema;
import sluice.codec.schema.TypeKind;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlLexer;
import sluice.server.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proton's stream DDL (spec/proton.md "Streams"), from SQL or from the DDL endpoint's JSON, into a
 * {@link ProtonStream}:
 * <pre>
 * CREATE STREAM [IF NOT EXISTS] [db.]name (col type [DEFAULT expr], …) [SETTINGS key = 'value', …] [;]
 * </pre>
 * <ul>
 * <li>Names are case-sensitive, bare or quoted with {@code `…`} or {@code "…"}; keywords are case-insensitive. We
 * deviate on names that differ only in case ({@code id}, {@code Id}): DuckDB stores the rows and cannot tell such
 * columns apart, so they are rejected.</li>
 * <li>Types: {@link ProtonTypes}. A column is NOT NULL unless its type is {@code nullable(T)}.</li>
 * <li>DEFAULT: {@link ProtonDefault}. Without one, a column gets Proton's type default ({@link DefaultValue#TYPE_ZERO}:
 * 0, '', the epoch, []), a nullable one NULL.</li>
 * <li>{@code _tp_time datetime64(3, 'UTC') DEFAULT now64(3, 'UTC')} is appended, visible, unless declared; a
 * declared one must be a datetime or datetime64 and gets {@code now64()} when it has no DEFAULT (it is the ingest
 * time either way). Other names starting with {@code _tp_} are Proton's and are rejected.</li>
 * <li>SETTINGS: {@code event_time_column='col'} names a declared date, datetime or datetime64 column (Proton takes
 * any expression there; only a column name is supported) whose value fills {@code _tp_time} at ingest;
 * {@code mode='append'} is accepted, other modes (versioned and changelog streams) rejected; any other setting
 * (shards, retention, …) is accepted and ignored, since none changes what is stored.</li>
 * <li>Anything else (ORDER BY, PARTITION BY, TTL, column CODEC or COMMENT, …) is an error.</li>
 * </ul>
 * String literals take {@code ''} for a quote; ClickHouse's backslash escapes are not read. Every error is an
 * {@link IllegalArgumentException} whose message names the column, type or setting and its position. Stateless.
 */
public final class ProtonStreamDdl
{
    /** Proton's implicit event-time column. */
    public static final String TP_TIME = "_tp_time";
    /** Names Proton keeps for its own columns. */
    public static final String RESERVED_PREFIX = "_tp_";

    private static final String TP_TIME_TYPE = "datetime64(3, 'UTC')";
    private static final String TP_TIME_DEFAULT = "now64(3, 'UTC')";
    private static final String EVENT_TIME_SETTING = "event_time_column";
    private static final String MODE_SETTING = "mode";

    private ProtonStreamDdl()
    {
    }

    /** A declared column, before the stream-wide rules apply. */
    private record Declared(String name, ProtonTypes.Parsed type, ProtonDefault defaultExpression, int position)
    {
    }

    /**
     * Parses one {@code CREATE STREAM} statement (an optional trailing {@code ;} included).
     *
     * @throws IllegalArgumentException for a syntax error or a definition Proton or Sluice rejects.
     */
    public static ProtonStream parse(final String sql)
    {
        final SqlCursor in = new SqlCursor(SqlLexer.tokenize(sql), 0);
        in.expectKeyword("CREATE", "CREATE");
        in.expectKeyword("STREAM", "STREAM");
        final boolean ifNotExists = in.acceptKeyword("IF");
        if (ifNotExists)
        {
            in.expectKeyword("NOT", "NOT EXISTS");
            in.expectKeyword("EXISTS", "EXISTS");
        }
        String database = ProtonStreams.DEFAULT_DATABASE;
        String name = name(in, sql, "a stream name");
        if (in.acceptSymbol('.'))
        {
            database = name;
            name = name(in, sql, "a stream name after '" + database + ".'");
        }
        in.expectSymbol('(', "'('");
        final List<Declared> columns = new ArrayList<>();
        do
        {
            final SqlToken at = in.peek();
            final String column = name(in, sql, "a column name");
            final ProtonTypes.Parsed type = ProtonTypes.read(in, sql);
            final ProtonDefault defaultExpression = in.acceptKeyword("DEFAULT") ? ProtonDefault.read(in, sql) : null;
            columns.add(new Declared(column, type, defaultExpression, at.position()));
        }
        while (in.acceptSymbol(','));
        in.expectSymbol(')', "',' or ')'");
        String eventTimeColumn = null;
        int eventTimePosition = 0;
        if (in.acceptKeyword("SETTINGS"))
        {
            do
            {
                final SqlToken key = in.peek();
                final String setting = name(in, sql, "a setting name").toLowerCase(Locale.ROOT);
                in.expectSymbol('=', "'='");
                final SqlToken value = in.peek();
                if (value == null || value.type() != SqlToken.Type.STRING && value.type() != SqlToken.Type.NUMBER)
                {
                    throw in.syntax("a setting value");
                }
                in.advance();
                if (setting.equals(EVENT_TIME_SETTING))
                {
                    eventTimeColumn = value.text();
                    eventTimePosition = key.position();
                }
                else if (setting.equals(MODE_SETTING) && !value.text().equalsIgnoreCase("append"))
                {
                    throw new IllegalArgumentException("stream mode '" + value.text() +
                        "' is not supported, only 'append' (position " + value.position() + ")");
                }
            }
            while (in.acceptSymbol(','));
        }
        in.acceptSymbol(';');
        if (!in.atEnd())
        {
            final SqlToken extra = in.peek();
            throw new IllegalArgumentException("syntax error at position " + extra.position() + " near " +
                extra.display() + ": expected SETTINGS or end of statement (ORDER BY, PARTITION BY, TTL and the " +
                "like are not supported)");
        }
        return define(database, name, ifNotExists, columns, eventTimeColumn, eventTimePosition, sql);
    }

    /**
     * The DDL endpoint's body: {@code {"name", "columns": [{"name", "type", "nullable"?, "default"?}, …],
     * "event_time_column"?}} (other keys, such as Proton's shards or order_by_expression, are ignored). The stream is
     * in {@link ProtonStreams#DEFAULT_DATABASE}; {@code nullable: true} wraps the type in {@code nullable(…)};
     * {@code default} is an expression as in SQL ({@code "now64(3)"}, {@code "'abc'"}, {@code "0"}), a JSON number
     * or boolean being taken as that literal.
     *
     * @throws IllegalArgumentException for a body of the wrong shape (messages start {@code Invalid Request}) or a
     * definition {@link #parse} would reject, naming the column.
     */
    public static ProtonStream fromJson(final JsonNode body)
    {
        if (body == null || !body.isObject())
        {
            throw new IllegalArgumentException("Invalid Request, the body must be a JSON object");
        }
        final String name = text(body, "name", "");
        if (name == null)
        {
            throw new IllegalArgumentException("Invalid Request, 'name' field is missing");
        }
        final JsonNode columnsNode = body.get("columns");
        if (columnsNode == null)
        {
            throw new IllegalArgumentException("Invalid Request, 'columns' field is missing");
        }
        if (!columnsNode.isArray() || columnsNode.isEmpty())
        {
            throw new IllegalArgumentException("Invalid Request, 'columns' field is invalid");
        }
        final List<Declared> columns = new ArrayList<>();
        final StringBuilder ddl = new StringBuilder("CREATE STREAM ")
            .append(quoteName(ProtonStreams.DEFAULT_DATABASE)).append('.').append(quoteName(name)).append(" (");
        for (int i = 0; i < columnsNode.size(); i++)
        {
            final JsonNode c = columnsNode.get(i);
            final String where = "columns[" + i + "]";
            if (!c.isObject())
            {
                throw new IllegalArgumentException("Invalid Request, " + where + " must be an object");
            }
            final String column = text(c, "name", where);
            final String typeText = text(c, "type", where);
            if (column == null || typeText == null)
            {
                throw new IllegalArgumentException("Invalid Request, " + where + ": '" +
                    (column == null ? "name" : "type") + "' field is missing");
            }
            final JsonNode nullableNode = c.get("nullable");
            if (nullableNode != null && !nullableNode.isBoolean() && !nullableNode.isNull())
            {
                throw new IllegalArgumentException("Invalid Request, " + where + ": 'nullable' must be true or false");
            }
            ProtonTypes.Parsed type = inColumn(column, () -> ProtonTypes.parse(typeText));
            if (nullableNode != null && nullableNode.asBoolean() && !type.nullable())
            {
                // The same checks as nullable(T) written out (no nullable(array(…))).
                final String wrapped = "nullable(" + type.text() + ")";
                type = inColumn(column, () -> ProtonTypes.parse(wrapped));
            }
            final String defaultText = defaultText(c.get("default"), where);
            final ProtonDefault defaultExpression = defaultText == null ? null :
                inColumn(column, () -> defaultExpression(defaultText));
            columns.add(new Declared(column, type, defaultExpression, 0));
            ddl.append(i == 0 ? "" : ", ").append(quoteName(column)).append(' ').append(type.text());
            if (defaultExpression != null)
            {
                ddl.append(" DEFAULT ").append(defaultExpression.text());
            }
        }
        ddl.append(')');
        final JsonNode eventTimeNode = body.get("event_time_column");
        String eventTimeColumn = null;
        if (eventTimeNode != null && !eventTimeNode.isNull())
        {
            if (!eventTimeNode.isTextual())
            {
                throw new IllegalArgumentException("Invalid Request, 'event_time_column' must be a string");
            }
            eventTimeColumn = eventTimeNode.asText();
            ddl.append(" SETTINGS ").append(EVENT_TIME_SETTING).append(" = ")
                .append(ProtonTypes.quote(eventTimeColumn));
        }
        return define(ProtonStreams.DEFAULT_DATABASE, name, false, columns, eventTimeColumn, 0, ddl.toString());
    }

    /** {@code `name`}, backticks doubled: how a generated DDL writes a name. */
    public static String quoteName(final String name)
    {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String text(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty())
        {
            throw new IllegalArgumentException("Invalid Request, " + (where.isEmpty() ? "" : where + ": ") + "'" +
                field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static String defaultText(final JsonNode value, final String where)
    {
        if (value == null || value.isNull())
        {
            return null;
        }
        if (value.isTextual() || value.isNumber() || value.isBoolean())
        {
            return value.asText();
        }
        throw new IllegalArgumentException(
            "Invalid Request, " + where + ": 'default' must be an expression string, a number or a boolean");
    }

    private static ProtonDefault defaultExpression(final String text)
    {
        final SqlCursor in = new SqlCursor(SqlLexer.tokenize(text), 0);
        final ProtonDefault expression = ProtonDefault.read(in, text);
        in.expectEnd();
        return expression;
    }

    private static <T> T inColumn(final String column, final java.util.function.Supplier<T> parse)
    {
        try
        {
            return parse.get();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("column " + column + ": " + ex.getMessage(), ex);
        }
    }

    /** The stream-wide rules, shared by both forms; positions are 0 for the JSON form (not printed then). */
    private static ProtonStream define(
        final String database, final String name, final boolean ifNotExists, final List<Declared> declared,
        final String eventTimeColumn, final int eventTimePosition, final String ddl)
    {
        final List<Column> schema = new ArrayList<>();
        final List<ProtonColumn> shown = new ArrayList<>();
        boolean tpTimeDeclared = false;
        for (int i = 0; i < declared.size(); i++)
        {
            final Declared d = declared.get(i);
            for (int j = 0; j < i; j++)
            {
                final String other = declared.get(j).name();
                if (other.equals(d.name()))
                {
                    throw new IllegalArgumentException("duplicate column name " + d.name() + at(d.position()));
                }
                if (other.equalsIgnoreCase(d.name()))
                {
                    throw differOnlyInCase(other, d);
                }
            }
            final boolean isTpTime = d.name().equals(TP_TIME);
            if (!isTpTime && d.name().equalsIgnoreCase(TP_TIME))
            {
                throw differOnlyInCase(TP_TIME, d);
            }
            if (!isTpTime && d.name().startsWith(RESERVED_PREFIX))
            {
                throw new IllegalArgumentException("column name " + d.name() + " is reserved: names starting with " +
                    RESERVED_PREFIX + " belong to Proton" + at(d.position()));
            }
            final DataType type = d.type().type();
            final boolean nullable = d.type().nullable();
            DefaultValue defaultValue;
            String defaultText = d.defaultExpression() == null ? null : d.defaultExpression().text();
            if (d.defaultExpression() != null)
            {
                defaultValue = d.defaultExpression().toDefaultValue(type, nullable, d.name(), d.type().text());
            }
            else
            {
                defaultValue = nullable ? DefaultValue.NULL : DefaultValue.TYPE_ZERO;
            }
            if (isTpTime)
            {
                tpTimeDeclared = true;
                if (!isTimestamp(type.kind()))
                {
                    throw new IllegalArgumentException(TP_TIME + " must be a datetime or datetime64 column, not " +
                        d.type().text() + at(d.position()));
                }
                if (d.defaultExpression() == null)
                {
                    defaultValue = DefaultValue.NOW;
                }
            }
            schema.add(Column.builder(d.name(), type).nullable(nullable).caseSensitive(true)
                .defaultValue(defaultValue).build());
            shown.add(new ProtonColumn(d.name(), d.type().text(), nullable, defaultText));
        }
        if (!tpTimeDeclared)
        {
            final ProtonTypes.Parsed type = ProtonTypes.parse(TP_TIME_TYPE);
            schema.add(Column.builder(TP_TIME, type.type()).nullable(false).caseSensitive(true)
                .defaultValue(DefaultValue.NOW).build());
            shown.add(new ProtonColumn(TP_TIME, type.text(), false, TP_TIME_DEFAULT));
        }
        if (eventTimeColumn != null)
        {
            checkEventTimeColumn(declared, eventTimeColumn, eventTimePosition);
            feedTpTime(schema, shown, eventTimeColumn);
        }
        if (name.isEmpty() || database.isEmpty())
        {
            throw new IllegalArgumentException("a stream name must not be empty");
        }
        return new ProtonStream(database, name, ifNotExists, new TableSchema(name, schema), eventTimeColumn, ddl,
            shown);
    }

    /**
     * Proton tells {@code id} and {@code Id} apart; DuckDB, where the rows go, matches column names
     * case-insensitively even when quoted, so such a stream cannot be stored.
     */
    private static IllegalArgumentException differOnlyInCase(final String first, final Declared second)
    {
        return new IllegalArgumentException("column names " + first + " and " + second.name() +
            " differ only in case, which the storage cannot tell apart" + at(second.position()));
    }

    /** {@code _tp_time} takes the event time column's value when a row does not give it (Proton's DEFAULT). */
    private static void feedTpTime(final List<Column> schema, final List<ProtonColumn> shown, final String column)
    {
        int source = -1;
        int tpTime = -1;
        for (int i = 0; i < schema.size(); i++)
        {
            source = schema.get(i).name().equals(column) ? i : source;
            tpTime = schema.get(i).name().equals(TP_TIME) ? i : tpTime;
        }
        final Column old = schema.get(tpTime);
        schema.set(tpTime, Column.builder(TP_TIME, old.type()).nullable(old.nullable()).caseSensitive(true)
            .defaultValue(DefaultValue.columnValue(source, column)).build());
        final ProtonColumn shownOld = shown.get(tpTime);
        shown.set(tpTime, new ProtonColumn(TP_TIME, shownOld.type(), shownOld.nullable(), column));
    }

    private static void checkEventTimeColumn(final List<Declared> declared, final String column, final int position)
    {
        for (final Declared d : declared)
        {
            if (d.name().equals(column))
            {
                final TypeKind kind = d.type().type().kind();
                if (column.equals(TP_TIME) || kind != TypeKind.DATE && !isTimestamp(kind))
                {
                    break;
                }
                return;
            }
        }
        throw new IllegalArgumentException("event_time_column '" + column + "' must name a date, datetime or " +
            "datetime64 column of the stream other than " + TP_TIME + at(position));
    }

    private static boolean isTimestamp(final TypeKind kind)
    {
        return kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMP_NS;
    }

    private static String at(final int position)
    {
        return position > 0 ? " (position " + position + ")" : "";
    }

    /** A bare name as written (case kept) or a quoted one's content: Proton names are case-sensitive. */
    static String name(final SqlCursor in, final String sql, final String expected)
    {
        final SqlToken token = in.peek();
        if (token == null || !token.isName())
        {
            throw in.syntax(expected);
        }
        in.advance();
        final String name = token.type() == SqlToken.Type.QUOTED_IDENTIFIER ? token.text() : token.source(sql);
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("empty name at position " + token.position());
        }
        return name;
    }
}
