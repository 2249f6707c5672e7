package sluice.codec.schema;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical schema notation, for tests, benchmarks and tools (dialect DDL has its own parsers):
 * {@code name TYPE [NOT NULL] [PK] [HIDDEN] [QUOTED] [DEFAULT NULL|ZERO|NOW|OF column]}, columns separated by commas
 * outside parentheses ({@code DEFAULT OF column}: {@link DefaultValue.Kind#COLUMN}). Types: the canonical names, {@code DECIMAL(p,s)}, {@code VARCHAR(n)},
 * {@code TIMESTAMP(p)} / {@code TIMESTAMP(p,Zone/Id)}, {@code ARRAY(T)}, {@code MAP(K,V)}.
 */
public final class SchemaText
{
    private SchemaText()
    {
    }

    public static TableSchema parse(final String table, final String text)
    {
        final List<String> specs = splitTopLevel(text, ',');
        final List<String> names = new ArrayList<>();
        for (final String spec : specs)
        {
            names.add(spec.trim().substring(0, spec.trim().indexOf(' ')));
        }
        final List<Column> columns = new ArrayList<>();
        for (final String spec : specs)
        {
            columns.add(column(spec.trim(), names));
        }
        return new TableSchema(table, columns);
    }

    private static Column column(final String spec, final List<String> names)
    {
        final int space = spec.indexOf(' ');
        final String name = spec.substring(0, space);
        String rest = spec.substring(space + 1).trim();
        int typeEnd = 0;
        int depth = 0;
        while (typeEnd < rest.length() && (depth > 0 || rest.charAt(typeEnd) != ' '))
        {
            depth += rest.charAt(typeEnd) == '(' ? 1 : rest.charAt(typeEnd) == ')' ? -1 : 0;
            typeEnd++;
        }
        final DataType type = type(rest.substring(0, typeEnd));
        final String flags = " " + rest.substring(typeEnd).trim().toUpperCase() + " ";
        final Column.Builder b = Column.builder(name, type)
            .nullable(!flags.contains(" NOT NULL "))
            .primaryKey(flags.contains(" PK "))
            .hidden(flags.contains(" HIDDEN "))
            .caseSensitive(flags.contains(" QUOTED "));
        if (flags.contains(" DEFAULT NULL "))
        {
            b.defaultValue(DefaultValue.NULL);
        }
        else if (flags.contains(" DEFAULT ZERO "))
        {
            b.defaultValue(DefaultValue.TYPE_ZERO);
        }
        else if (flags.contains(" DEFAULT NOW "))
        {
            b.defaultValue(DefaultValue.NOW);
        }
        else if (flags.contains(" DEFAULT OF "))
        {
            final String rawFlags = " " + rest.substring(typeEnd).trim() + " ";
            final int at = flags.indexOf(" DEFAULT OF ") + " DEFAULT OF ".length();
            final String source = rawFlags.substring(at, rawFlags.indexOf(' ', at));
            b.defaultValue(DefaultValue.columnValue(names.indexOf(source), source));
        }
        return b.build();
    }

    /** A canonical type name as {@link DataType#toString()} writes it (also without the quotes around a zone). */
    public static DataType type(final String text)
    {
        final int paren = text.indexOf('(');
        final String base = (paren < 0 ? text : text.substring(0, paren)).toUpperCase();
        final List<String> args = paren < 0 ? List.of() :
            splitTopLevel(text.substring(paren + 1, text.lastIndexOf(')')), ',');
        switch (base)
        {
            case "DECIMAL":
                return DataType.decimal(Integer.parseInt(args.get(0).trim()), Integer.parseInt(args.get(1).trim()));
            case "VARCHAR":
                return args.isEmpty() ? DataType.VARCHAR : DataType.varchar(Integer.parseInt(args.get(0).trim()));
            case "TIMESTAMP":
            case "TIMESTAMP_NS":
                if (args.isEmpty())
                {
                    return "TIMESTAMP".equals(base) ? DataType.TIMESTAMP : DataType.TIMESTAMP_NS;
                }
                return DataType.timestamp(Integer.parseInt(args.get(0).trim()),
                    args.size() > 1 ? ZoneId.of(args.get(1).trim().replace("'", "")) : null);
            case "ARRAY":
                return DataType.array(type(args.get(0).trim()));
            case "MAP":
                return DataType.map(type(args.get(0).trim()), type(args.get(1).trim()));
            default:
                return DataType.of(TypeKind.valueOf(base));
        }
    }

    private static List<String> splitTopLevel(final String text, final char separator)
    {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
