package sluice.server.machbase;

import sluice.server.auth.Scope;

import java.util.Objects;

/**
 * What a {@code /db/query} SQL text is, as {@link MachbaseSql#parse} classified it. Immutable.
 * <table>
 * <caption>kinds and the fields they set</caption>
 * <tr><th>kind</th><th>{@link #table()}</th><th>{@link #ifExists()}</th><th>{@link #tableDef()}</th>
 * <th>caller answers</th></tr>
 * <tr><td>CREATE_TAG_TABLE, CREATE_LOG_TABLE</td><td>name</td><td>IF NOT EXISTS given</td><td>set</td>
 * <td>{@link MachbaseResponses#CREATED}</td></tr>
 * <tr><td>DROP_TABLE</td><td>name</td><td>IF EXISTS given</td><td>null</td>
 * <td>{@link MachbaseResponses#DROPPED}</td></tr>
 * <tr><td>FLUSH_TABLE ({@code EXEC table_flush(t)})</td><td>name</td><td>false</td><td>null</td>
 * <td>{@link MachbaseResponses#EXECUTED}</td></tr>
 * <tr><td>FETCH (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, ... and DML with RETURNING)</td><td>null</td>
 * <td>false</td><td>null</td><td>{@link MachbaseQueryWriter}</td></tr>
 * <tr><td>INSERT, UPDATE, DELETE</td><td>null</td><td>false</td><td>null</td>
 * <td>{@link MachbaseResponses#rowsInserted} (…Updated, …Deleted)</td></tr>
 * <tr><td>EXECUTE (any other statement)</td><td>null</td><td>false</td><td>null</td>
 * <td>{@link MachbaseResponses#EXECUTED}</td></tr>
 * </table>
 * FETCH, INSERT, UPDATE, DELETE and EXECUTE are for DuckDB to run: {@link #sql()} is the text as given.
 */
public final class MachbaseStatement
{
    /** Statement kinds (class comment). */
    public enum Kind
    {
        CREATE_TAG_TABLE,
        CREATE_LOG_TABLE,
        DROP_TABLE,
        FLUSH_TABLE,
        FETCH,
        INSERT,
        UPDATE,
        DELETE,
        EXECUTE
    }

    private final Kind kind;
    private final Scope scope;
    private final String sql;
    private final String table;
    private final boolean ifExists;
    private final MachbaseTableDef tableDef;

    private MachbaseStatement(
        final Kind kind, final Scope scope, final String sql, final String table, final boolean ifExists,
        final MachbaseTableDef tableDef)
    {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.table = table;
        this.ifExists = ifExists;
        this.tableDef = tableDef;
    }

    static MachbaseStatement create(final String sql, final MachbaseTableDef tableDef, final boolean ifNotExists)
    {
        return new MachbaseStatement(tableDef.tag() ? Kind.CREATE_TAG_TABLE : Kind.CREATE_LOG_TABLE, Scope.ADMIN, sql,
            tableDef.name(), ifNotExists, tableDef);
    }

    static MachbaseStatement drop(final String sql, final String table, final boolean ifExists)
    {
        return new MachbaseStatement(Kind.DROP_TABLE, Scope.ADMIN, sql, table, ifExists, null);
    }

    static MachbaseStatement flush(final String sql, final String table)
    {
        return new MachbaseStatement(Kind.FLUSH_TABLE, Scope.INGEST, sql, table, false, null);
    }

    /**
     * A statement DuckDB runs as given; {@code scope} is what it needs: {@code query} only when it cannot write
     * (a FETCH may be a DML with RETURNING, a PRAGMA or an EXPLAIN ANALYZE, which run what they name).
     */
    static MachbaseStatement passThrough(final Kind kind, final Scope scope, final String sql)
    {
        return new MachbaseStatement(kind, scope, sql, null, false, null);
    }

    /** The scope a key needs to run it. */
    public Scope scope()
    {
        return scope;
    }

    public Kind kind()
    {
        return kind;
    }

    /** The SQL text as given to {@link MachbaseSql#parse}. */
    public String sql()
    {
        return sql;
    }

    /** UPPERCASE table name of CREATE, DROP and FLUSH; null otherwise. */
    public String table()
    {
        return table;
    }

    /** CREATE: {@code IF NOT EXISTS} was given; DROP: {@code IF EXISTS} was given; false otherwise. */
    public boolean ifExists()
    {
        return ifExists;
    }

    /** The declared table of CREATE_TAG_TABLE and CREATE_LOG_TABLE; null otherwise. */
    public MachbaseTableDef tableDef()
    {
        return tableDef;
    }

    /** True when the statement returns rows, so the answer is a result set ({@link MachbaseQueryWriter}). */
    public boolean isFetch()
    {
        return kind == Kind.FETCH;
    }

    /** True for the kinds {@link MachbaseSql} handles itself rather than passing to DuckDB. */
    public boolean isDdl()
    {
        return kind == Kind.CREATE_TAG_TABLE || kind == Kind.CREATE_LOG_TABLE || kind == Kind.DROP_TABLE ||
            kind == Kind.FLUSH_TABLE;
    }

    @Override
    public String toString()
    {
        return kind + (table != null ? " " + table : "") + (ifExists ? " (if exists)" : "");
    }
}
