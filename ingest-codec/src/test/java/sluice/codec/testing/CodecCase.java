package sluice.codec.testing;

import sluice.codec.bind.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One decoder test case from a {@code .cases} file under {@code src/test/resources/cases}:
 * <pre>
 * === name of the case
 * format: csv | machbase-json | proton-json | ndjson | feldera-json
 * dialect: FELDERA | MACHBASE | PROTON            (default: by format)
 * schema: name VARCHAR, value FLOAT64 NOT NULL     (see {@link SchemaText})
 * options: delimiter=; header=SKIP                 (decoder options, key=value, space separated)
 * timeformat: s        tz: Asia/Seoul              (Machbase; each on its own line)
 * request-time: 2024-01-01T00:00:00Z               (what "now" is)
 * --- input [escaped] [no-final-newline]
 * a;1
 * --- expect
 * + name='a' value=1.0
 * = COMPLETE
 * </pre>
 * {@code escaped} input understands {@code \r \n \t \\ \xHH}; otherwise input lines are taken as they are and joined
 * with LF, with a final LF unless {@code no-final-newline}. Lines starting with {@code #} outside input are comments.
 * Cases in one file inherit format, dialect, schema, options, timeformat and tz from the case before them.
 */
public final class CodecCase
{
    public final String file;
    public final String name;
    public final String format;
    public final Dialect dialect;
    public final String schema;
    public final Map<String, String> options;
    public final String timeformat;
    public final String tz;
    public final String requestTime;
    public final byte[] input;
    public final List<String> expected;

    private CodecCase(
        final String file, final String name, final String format, final Dialect dialect, final String schema,
        final Map<String, String> options, final String timeformat, final String tz, final String requestTime,
        final byte[] input, final List<String> expected)
    {
        this.file = file;
        this.name = name;
        this.format = format;
        this.dialect = dialect;
        this.schema = schema;
        this.options = options;
        this.timeformat = timeformat;
        this.tz = tz;
        this.requestTime = requestTime;
        this.input = input;
        this.expected = expected;
    }

    @Override
    public String toString()
    {
        return file + ": " + name;
    }

    /** The same case with other input (and no expectations): for fuzzing. */
    public CodecCase withInput(final byte[] otherInput)
    {
        return new CodecCase(file, name, format, dialect, schema, options, timeformat, tz, requestTime, otherInput,
            List.of());
    }

    /**
     * Every {@code *.cases} file under the test resources' {@code cases/} directory, sorted: what the case and fuzz
     * tests run, so a new file is never left out of either.
     */
    public static List<String> files()
    {
        try (Stream<Path> listing = Files.list(Path.of(CodecCase.class.getResource("/cases").toURI())))
        {
            return listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cases")).sorted().toList();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        catch (final URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    public static List<CodecCase> load(final String resource)
    {
        try (InputStream in = CodecCase.class.getResourceAsStream("/cases/" + resource))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no test resource cases/" + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static List<CodecCase> parse(final String file, final String text)
    {
        final List<CodecCase> cases = new ArrayList<>();
        final String[] lines = text.split("\n", -1);
        String format = "csv";
        Dialect dialect = null;
        String schema = null;
        Map<String, String> options = new LinkedHashMap<>();
        String timeformat = null;
        String tz = null;
        String requestTime = null;
        int i = 0;
        while (i < lines.length)
        {
            if (!lines[i].startsWith("=== "))
            {
                i++;
                continue;
            }
            final String name = lines[i++].substring(4).trim();
            byte[] input = null;
            final List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("=== "))
            {
                final String line = lines[i];
                if (line.startsWith("--- input"))
                {
                    final boolean escaped = line.contains("escaped");
                    final boolean finalNewline = !line.contains("no-final-newline");
                    final StringBuilder sb = new StringBuilder();
                    i++;
                    boolean first = true;
                    while (i < lines.length && !lines[i].startsWith("--- expect"))
                    {
                        sb.append(first ? "" : "\n").append(lines[i]);
                        first = false;
                        i++;
                    }
                    if (finalNewline && !first)
                    {
                        sb.append('\n');
                    }
                    input = escaped ? unescape(sb.toString()) : sb.toString().getBytes(StandardCharsets.UTF_8);
                    continue;
                }
                if (line.startsWith("--- expect"))
                {
                    i++;
                    while (i < lines.length && !lines[i].startsWith("=== "))
                    {
                        final String e = lines[i++];
                        if (!e.isBlank() && !e.startsWith("#"))
                        {
                            expected.add(e.strip());
                        }
                    }
                    continue;
                }
                if (!line.startsWith("#") && line.contains(":"))
                {
                    final String key = line.substring(0, line.indexOf(':')).trim();
                    final String value = line.substring(line.indexOf(':') + 1).trim();
                    switch (key)
                    {
                        case "format": format = value; break;
                        case "dialect": dialect = Dialect.valueOf(value); break;
                        case "schema": schema = value; break;
                        case "timeformat": timeformat = value; break;
                        case "tz": tz = value; break;
                        case "request-time": requestTime = value; break;
                        case "options":
                            options = new LinkedHashMap<>();
                            for (final String kv : value.split("\\s+"))
                            {
                                if (!kv.isEmpty())
                                {
                                    final int eq = kv.indexOf('=');
                                    if (eq < 0)
                                    {
                                        options.put(kv, "true");
                                    }
                                    else
                                    {
                                        options.put(kv.substring(0, eq), kv.substring(eq + 1));
                                    }
                                }
                            }
                            break;
                        default:
                            throw new IllegalArgumentException(file + ": unknown key '" + key + "' in case " + name);
                    }
                }
                i++;
            }
            if (input == null)
            {
                throw new IllegalArgumentException(file + ": case " + name + " has no input");
            }
            cases.add(new CodecCase(file, name, format, dialect != null ? dialect : defaultDialect(format), schema,
                options, timeformat, tz, requestTime, input, expected));
        }
        return cases;
    }

    private static Dialect defaultDialect(final String format)
    {
        switch (format)
        {
            case "machbase-json":
            case "ndjson": return Dialect.MACHBASE;
            case "proton-json": return Dialect.PROTON;
            default: return Dialect.FELDERA;
        }
    }

    static byte[] unescape(final String s)
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++)
        {
            final byte b = utf8[i];
            if (b != '\\' || i + 1 == utf8.length)
            {
                out.write(b);
                continue;
            }
            final byte n = utf8[++i];
            switch (n)
            {
                case 'r': out.write('\r'); break;
                case 'n': out.write('\n'); break;
                case 't': out.write('\t'); break;
                case '\\': out.write('\\'); break;
                case 'x':
                    out.write(Integer.parseInt(new String(utf8, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                    break;
                default:
                    out.write('\\');
                    out.write(n);
            }
        }
        return out.toByteArray();
    }
}
