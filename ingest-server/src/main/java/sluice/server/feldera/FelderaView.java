package sluice.server.feldera;

import java.util.List;
import java.util.Objects;

/**
 * One {@code CREATE [LOCAL | MATERIALIZED] VIEW} of a Feldera program ({@link FelderaProgram}). The query is kept as
 * text, not parsed: whoever creates the view runs it. Immutable.
 *
 * @param name the stored name: lowercase when written unquoted, exact when quoted.
 * @param quoted whether the name was written in double quotes.
 * @param kind how Feldera would expose the view.
 * @param columnNames stored names of the optional column list ({@code CREATE VIEW v (a, b) AS ...}), empty when the
 * query's own column names apply.
 * @param query the source text from the token after {@code AS} to the statement's last token, exactly as written
 * (comments inside it included).
 * @param ddl the statement's source text, from {@code CREATE} to its last token (without the {@code ;}).
 */
public record FelderaView(String name, boolean quoted, Kind kind, List<String> columnNames, String query, String ddl)
{
    /** The view modifiers of Feldera's grammar. */
    public enum Kind
    {
        /** {@code CREATE VIEW}: an output of the pipeline. */
        STANDARD,
        /** {@code CREATE LOCAL VIEW}: an intermediate result Feldera does not expose. */
        LOCAL,
        /** {@code CREATE MATERIALIZED VIEW}: an output whose full contents Feldera also keeps for queries. */
        MATERIALIZED
    }

    public FelderaView
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(ddl, "ddl");
        columnNames = List.copyOf(columnNames);
    }
}
