package sluice.server.proton;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import sluice.codec.schema.Column;
import sluice.codec.schema.TableSchema;
import sluice.server.sql.SqlCursor;
import sluice.server.sql.SqlToken;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code INSERT INTO [db.]stream [(col, …)] VALUES (…), (…)} as ClickHouse-style SQL sends it, turned into the body
 * Proton's ingest API takes ({@code {"columns":[…],"data":[[…]]}}), so an INSERT goes through the same decoder,
 * coercions, ring and ack rules as a REST ingest, and fails with the same messages naming the row.
 * <p>
 * Values are literals: numbers (with a sign), {@code 'strings'} (ClickHouse's backslash escapes), {@code NULL},
 * {@code true}/{@code false}, {@code [arrays]}, {@code {'maps': …}} and {@code (tuples)}; also {@code now()},
 * {@code now64(…)}, {@code today()} (the statement's time), and type conversions ({@code to_int32(literal)},
 * {@code toDateTime64(literal, 3)}, …) and {@code cast(literal AS type)}, which stand for their literal: the column's type converts it, as for the REST
 * API. Anything else (other expressions, {@code DEFAULT}, {@code INSERT … SELECT}, {@code FORMAT}) is refused with
 * its position.
 */
final class ProtonInsert
{
    /** The parsed statement: the stream, the columns of the rows, and the rows as the ingest API's JSON body. */
    record Statement(String database, String stream, List<String> columns, int rows, String body)
    {
    }

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    /**
     * Type conversions, in either spelling ({@code to_datetime64}, {@code toDateTime64}), that stand for their first
     * argument; others (to_start_of_hour, …) compute, and are refused.
     */
    private static final Pattern CONVERSIONS = Pattern.compile("TO(U?INT(8|16|32|64|128|256)|FLOAT(32|64)|" +
        "DECIMAL(32|64|128|256)?|DATE(32)?|DATETIME(64)?|STRING|FIXEDSTRING|UUID|IPV4|IPV6|BOOL|NULLABLE)");

    private final String sql;
    private final SqlCursor in;
    private final Instant now;

    private ProtonInsert(final String sql, final SqlCursor in, final Instant now)
    {
        this.sql = sql;
        this.in = in;
        this.now = now;
    }

    /** The target of {@code INSERT INTO [db.]name}, and the index of the token after it. */
    record Target(String database, String stream, int next)
    {
    }

    /**
     * Reads {@code INSERT INTO [db.]name}; tokens must start with INSERT.
     *
     * @throws IllegalArgumentException a syntax error, naming the position.
     */
    static Target target(final String sql, final List<SqlToken> tokens)
    {
        final SqlCursor in = new SqlCursor(tokens, 1);
        in.expectKeyword("INTO", "INTO");
        String database = ProtonStreams.DEFAULT_DATABASE;
        String name = ProtonStreamDdl.name(in, sql, "a stream name");
        if (in.acceptSymbol('.'))
        {
            database = name;
            name = ProtonStreamDdl.name(in, sql, "a stream name");
        }
        return new Target(database, name, in.index());
    }

    /**
     * Reads the rest of the statement after {@link #target}: the column list (all of {@code schema}'s columns but an
     * implicit {@code _tp_time} when there is none) and the VALUES.
     *
     * @throws IllegalArgumentException a syntax error or an unsupported value, naming the position.
     */
    static Statement parse(
        final String sql, final List<SqlToken> tokens, final Target target, final TableSchema schema, final Instant now)
    {
        final SqlCursor in = new SqlCursor(tokens, target.next());
        final ProtonInsert p = new ProtonInsert(sql, in, now);
        final List<String> columns = new ArrayList<>();
        if (in.acceptSymbol('('))
        {
            do
            {
                columns.add(ProtonStreamDdl.name(in, sql, "a column name"));
            }
            while (in.acceptSymbol(','));
            in.expectSymbol(')', "')'");
        }
        if (in.peekKeyword("SELECT") || in.peekKeyword("FORMAT") || in.peekKeyword("WITH"))
        {
            throw new IllegalArgumentException("Syntax error: only INSERT … VALUES is supported here, not " +
                in.peek().display() + " at position " + in.peek().position() + " (use /proton/v1/ingest/streams/" +
                target.stream() + " for bulk rows)");
        }
        in.expectKeyword("VALUES", "VALUES");
        final StringBuilder data = new StringBuilder();
        int rows = 0;
        while (in.acceptSymbol('('))
        {
            data.append(rows == 0 ? "[" : ",[");
            p.list(')', data);
            data.append(']');
            rows++;
            in.acceptSymbol(',');
        }
        if (rows == 0)
        {
            throw in.syntax("a row in parentheses after VALUES");
        }
        in.acceptSymbol(';');
        in.expectEnd();
        if (columns.isEmpty())
        {
            for (final Column column : schema.columns())
            {
                columns.add(column.name());
            }
            final int arity = arity(data);
            if (arity == columns.size() - 1 && columns.get(columns.size() - 1).equals(ProtonStreamDdl.TP_TIME))
            {
                // The implicit _tp_time takes its DEFAULT unless the rows give every column.
                columns.remove(columns.size() - 1);
            }
        }
        final StringBuilder body = new StringBuilder("{\"columns\":[");
        for (int c = 0; c < columns.size(); c++)
        {
            body.append(c == 0 ? "\"" : ",\"").append(STRINGS.quoteAsString(columns.get(c))).append('"');
        }
        body.append("],\"data\":[").append(data).append("]}");
        return new Statement(target.database(), target.stream(), columns, rows, body.toString());
    }

    /** The number of values in the first row of {@code data} ("[v,…],[…]"), counting top-level commas. */
    private static int arity(final CharSequence data)
    {
        int depth = 0;
        int values = 1;
        boolean inString = false;
        for (int k = 0; k < data.length(); k++)
        {
            final char c = data.charAt(k);
            if (inString)
            {
                if (c == '\\')
                {
                    k++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '[' || c == '{')
            {
                depth++;
            }
            else if (c == ']' || c == '}')
            {
                if (--depth == 0)
                {
                    return k == 1 ? 0 : values;
                }
            }
            else if (c == ',' && depth == 1)
            {
                values++;
            }
        }
        return values;
    }

    /** Values separated by commas up to {@code close} (consumed), as the elements of a JSON array. */
    private void list(final char close, final StringBuilder out)
    {
        if (!in.acceptSymbol(close))
        {
            do
            {
                value(out);
                out.append(',');
            }
            while (in.acceptSymbol(','));
            out.setLength(out.length() - 1);
            in.expectSymbol(close, "'" + close + "'");
        }
    }

    /** One value, as JSON, appended to {@code out}. */
    private void value(final StringBuilder out)
    {
        final SqlToken t = in.next("a value");
        switch (t.type())
        {
            case NUMBER:
                out.append(number(t.source(sql)));
                return;
            case STRING:
                out.append('"').append(STRINGS.quoteAsString(t.text())).append('"');
                return;
            case SYMBOL:
                if ((t.isSymbol('-') || t.isSymbol('+')) && in.peek() != null &&
                    in.peek().type() == SqlToken.Type.NUMBER)
                {
                    out.append(t.isSymbol('-') ? "-" : "").append(number(in.next("a number").source(sql)));
                    return;
                }
                if (t.isSymbol('[') || t.isSymbol('('))
                {
                    out.append('[');
                    list(t.isSymbol('[') ? ']' : ')', out);
                    out.append(']');
                    return;
                }
                if (t.isSymbol('{'))
                {
                    map(out);
                    return;
                }
                break;
            case IDENTIFIER:
                if (t.isKeyword("NULL"))
                {
                    out.append("null");
                    return;
                }
                if (t.isKeyword("TRUE") || t.isKeyword("FALSE"))
                {
                    out.append(t.text().toLowerCase(Locale.ROOT));
                    return;
                }
                if (in.peekSymbol('('))
                {
                    function(t, out);
                    return;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("Syntax error: cannot read " + t.display() + " at position " +
            t.position() + " as a value: VALUES takes literals, now(), today(), to_…(literal) and cast(literal AS " +
            "type)");
    }

    /** {@code {k: v, …}} after its brace: a JSON object, keys as strings. */
    private void map(final StringBuilder out)
    {
        out.append('{');
        if (!in.acceptSymbol('}'))
        {
            do
            {
                final SqlToken key = in.next("a map key");
                if (key.type() != SqlToken.Type.STRING && key.type() != SqlToken.Type.NUMBER)
                {
                    throw new IllegalArgumentException("Syntax error: a map key must be a string or a number, not " +
                        key.display() + " at position " + key.position());
                }
                out.append('"').append(STRINGS.quoteAsString(key.type() == SqlToken.Type.STRING ? key.text() :
                    key.source(sql))).append("\":");
                in.expectSymbol(':', "':'");
                value(out);
                out.append(',');
            }
            while (in.acceptSymbol(','));
            out.setLength(out.length() - 1);
            in.expectSymbol('}', "'}'");
        }
        out.append('}');
    }

    /** {@code name(…)}: the time functions, and conversions that stand for their literal. */
    private void function(final SqlToken name, final StringBuilder out)
    {
        final String f = name.text();
        if (f.equals("NOW") || f.equals("NOW64") || f.equals("UTC_TIMESTAMP") || f.equals("TODAY"))
        {
            // now64(3, 'UTC') and the like: the arguments only shape the value, which the column's type rounds.
            in.skipParenthesized();
            out.append('"').append(f.equals("TODAY") ? LocalDate.ofInstant(now, ZoneOffset.UTC).toString() :
                now.toString()).append('"');
            return;
        }
        if (f.equals("CAST") || CONVERSIONS.matcher(f.replace("_", "")).matches())
        {
            in.expectSymbol('(', "'('");
            value(out);
            if (!in.acceptSymbol(')'))
            {
                // cast(x AS type), to_datetime64(x, 3, 'UTC'), to_decimal(x, 2): the column's type decides.
                in.skipToClose();
            }
            return;
        }
        throw new IllegalArgumentException("Syntax error: function " + name.source(sql) + " at position " +
            name.position() + " is not supported in VALUES: use a literal, now(), today(), to_…(literal) or " +
            "cast(literal AS type)");
    }

    /** A number as JSON takes it: no leading '.', no trailing '.', no leading zeros. */
    private static String number(final String text)
    {
        String n = text;
        if (n.startsWith("."))
        {
            n = "0" + n;
        }
        if (n.endsWith("."))
        {
            n = n.substring(0, n.length() - 1);
        }
        n = n.replace(".e", "e").replace(".E", "E");
        int zeros = 0;
        while (zeros + 1 < n.length() && n.charAt(zeros) == '0' && Character.isDigit(n.charAt(zeros + 1)))
        {
            zeros++;
        }
        return n.substring(zeros);
    }
}
