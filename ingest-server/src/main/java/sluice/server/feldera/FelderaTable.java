package sluice.server.feldera;

import sluice.codec.schema.TableSchema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code CREATE TABLE} of a Feldera program ({@link FelderaProgram}). Immutable.
 *
 * @param name the stored name: lowercase when written unquoted, exact when quoted.
 * @param quoted whether the name was written in double quotes (then only that exact case matches).
 * @param schema the columns in declaration order; {@link TableSchema#name()} is {@code name}.
 * @param primaryKey stored names of the key columns in key order, empty for a table without a key.
 * @param properties the {@code WITH} clause's pairs other than {@code 'connectors'}, in order ({@code 'materialized'},
 * {@code 'append_only'}, ...), kept as written and not interpreted here.
 * @param connectorsJson the {@code 'connectors'} value (already checked to be a JSON array) with {@code ''}
 * unescaped, otherwise verbatim; null when the table has none.
 * @param ddl the statement's source text, from {@code CREATE} to its last token (without the {@code ;}).
 */
public record FelderaTable(
    String name,
    boolean quoted,
    TableSchema schema,
    List<String> primaryKey,
    Map<String, String> properties,
    String connectorsJson,
    String ddl)
{
    public FelderaTable
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(ddl, "ddl");
        primaryKey = List.copyOf(primaryKey);
        // Map.copyOf would lose the declaration order.
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
