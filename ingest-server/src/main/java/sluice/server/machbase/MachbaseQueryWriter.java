package sluice.server.machbase;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * Writes a result set as the body of a {@code /db/query} response for a fetch statement, in the format and with
 * the options of {@link MachbaseQueryOptions} (spec/machbase.md "JSON result"):
 * <table>
 * <caption>formats</caption>
 * <tr><th>format</th><th>{@link #contentType}</th><th>body</th></tr>
 * <tr><td>json</td><td>{@code application/json; charset=utf-8}</td><td>{@link JsonResultEncoder}</td></tr>
 * <tr><td>csv</td><td>{@code text/csv; charset=utf-8}</td><td>{@link CsvResultEncoder}</td></tr>
 * <tr><td>box</td><td>{@code text/plain; charset=utf-8}</td><td>{@link BoxResultEncoder}</td></tr>
 * <tr><td>ndjson</td><td>{@code application/x-ndjson}</td><td>{@link NdjsonResultEncoder}</td></tr>
 * </table>
 * Column names come back UPPERCASE, types as {@link MachbaseTypes#outputTypeName(String)}, values as
 * {@link CellFormatter} prints them. The charset parameter is added to Neo's {@code application/json} and
 * {@code text/plain} because the bodies are UTF-8 and a browser showing a box table otherwise guesses.
 * <p>
 * Contract: the caller has executed the statement and owns {@code rs} and {@code out} (neither is closed; the
 * body is flushed to {@code out} before returning); compression ({@code compress=gzip}) is the caller's, by
 * wrapping {@code out}. The first row is fetched before a byte is written, so when that fetch throws, {@code out}
 * is untouched and the caller can still answer with an error; a failure after that leaves a truncated body.
 * {@code elapsedNanos} is asked once, when the JSON body ends, for its {@code "elapse"}; the other formats carry
 * no elapsed time and never call it. Stateless and thread-safe; each call is for one response.
 */
public final class MachbaseQueryWriter
{
    private static final int WRITER_BUFFER_CHARS = 16 * 1024;

    private MachbaseQueryWriter()
    {
    }

    /** The {@code Content-Type} of the body {@link #write} produces for these options. */
    public static String contentType(final MachbaseQueryOptions options)
    {
        switch (options.format())
        {
            case CSV: return "text/csv; charset=utf-8";
            case BOX: return "text/plain; charset=utf-8";
            case NDJSON: return "application/x-ndjson";
            default: return "application/json; charset=utf-8";
        }
    }

    /**
     * Writes the whole result.
     *
     * @param rs a fresh result set, before its first row.
     * @param elapsedNanos time since the request started, read when the JSON body ends.
     * @return the number of rows written.
     * @throws SQLException from reading {@code rs}.
     * @throws IOException from {@code out}.
     */
    public static long write(
        final ResultSet rs,
        final MachbaseQueryOptions options,
        final OutputStream out,
        final LongSupplier elapsedNanos) throws SQLException, IOException
    {
        final ResultColumn[] columns = ResultColumn.of(rs.getMetaData());
        final boolean hasRow = rs.next();
        final CellFormatter cells = new CellFormatter(options);
        // Not closed: closing would close the caller's stream.
        final Writer writer =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITER_BUFFER_CHARS);
        final long rows;
        switch (options.format())
        {
            case CSV:
                rows = CsvResultEncoder.write(rs, hasRow, columns, cells, options, writer);
                break;
            case BOX:
                rows = BoxResultEncoder.write(rs, hasRow, columns, cells, options, writer);
                break;
            case NDJSON:
                rows = NdjsonResultEncoder.write(rs, hasRow, columns, cells, options, writer);
                break;
            default:
                rows = JsonResultEncoder.write(rs, hasRow, columns, cells, options, writer, elapsedNanos);
                break;
        }
        writer.flush();
        return rows;
    }

    /**
     * Go's {@code time.Duration.String()} of a duration in nanoseconds, as Neo prints {@code "elapse"}:
     * {@code 0s}, {@code 512ns}, {@code 1.5µs}, {@code 1.234ms}, {@code 2.5s}, {@code 1m2.5s}, {@code 1h0m0s}.
     */
    public static String goDuration(final long nanos)
    {
        return GoDuration.format(nanos);
    }
}
