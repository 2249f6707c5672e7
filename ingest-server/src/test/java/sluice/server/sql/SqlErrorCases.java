package sluice.server.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a statement/error case file: cases separated by blank lines, each one or more lines of SQL followed by a
 * line {@code => expected message}; lines starting with {@code #} are comments. Shared by the dialect DDL tests
 * (Machbase {@code /db/query}, Feldera {@code program_code}).
 */
public final class SqlErrorCases
{
    private SqlErrorCases()
    {
    }

    /** {sql, message} pairs. */
    public static List<String[]> load(final String resource)
    {
        final List<String[]> cases = new ArrayList<>();
        final StringBuilder sql = new StringBuilder();
        for (final String line : read(resource).split("\n", -1))
        {
            if (line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("=> "))
            {
                if (sql.length() == 0)
                {
                    throw new IllegalStateException(resource + ": message without a statement: " + line);
                }
                cases.add(new String[] {sql.toString(), line.substring(3)});
                sql.setLength(0);
            }
            else if (!line.isBlank())
            {
                sql.append(sql.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (sql.length() != 0)
        {
            throw new IllegalStateException(resource + ": statement without a message: " + sql);
        }
        return cases;
    }

    public static String read(final String resource)
    {
        try (InputStream in = SqlErrorCases.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
