package sluice.codec.row;

import org.agrona.DirectBuffer;

/**
 * Where decoders deliver typed rows. Implementations: {@link RowBatchEncoder} (the ring record) and test sinks.
 * <p>
 * A row is {@link #beginRow(byte)}, any number of puts (each column at most once, in any order), then
 * {@link #endRow()} or {@link #abortRow()}. Columns are table column indices. Values use one representation per kind:
 * <table>
 * <caption>value representation</caption>
 * <tr><th>kind</th><th>call</th><th>value</th></tr>
 * <tr><td>BOOLEAN</td><td>putBoolean</td><td></td></tr>
 * <tr><td>INT8..INT64</td><td>putLong</td><td>the value, already range-checked</td></tr>
 * <tr><td>UINT8..UINT64</td><td>putLong</td><td>the value; UINT64 as raw two's-complement bits</td></tr>
 * <tr><td>FLOAT32, FLOAT64</td><td>putDouble</td><td>FLOAT32 already rounded to float</td></tr>
 * <tr><td>DECIMAL p ≤ 18</td><td>putLong</td><td>unscaled value at the column's scale</td></tr>
 * <tr><td>DECIMAL p &gt; 18</td><td>putDecimal128</td><td>unscaled value as a 128-bit two's-complement pair</td></tr>
 * <tr><td>DATE</td><td>putLong</td><td>days since 1970-01-01</td></tr>
 * <tr><td>TIME</td><td>putLong</td><td>nanoseconds since midnight</td></tr>
 * <tr><td>TIMESTAMP</td><td>putLong</td><td>microseconds since the epoch (UTC)</td></tr>
 * <tr><td>TIMESTAMP_NS</td><td>putLong</td><td>nanoseconds since the epoch (UTC)</td></tr>
 * <tr><td>UUID</td><td>putDecimal128</td><td>(most, least) significant bits</td></tr>
 * <tr><td>VARCHAR, JSON, INET, ARRAY, MAP</td><td>putBytes</td><td>UTF-8 text</td></tr>
 * <tr><td>BINARY</td><td>putBytes</td><td>the decoded bytes</td></tr>
 * </table>
 * Bytes passed to {@link #putBytes} are valid only during the call. A column left unset in an INSERT row is NULL; in
 * a DELETE or UPDATE row it is also absent ({@link RowBatchReader#isAbsent}). Rows take effect in order. A DELETE on a
 * table with a primary key removes the rows with its key (other columns are ignored); on a table without one it
 * removes one row equal to it on every column (an absent column counts as NULL, NULL matching NULL). An UPDATE, only
 * for tables with a primary key, sets the columns it gives on the row with its key and leaves absent ones unchanged;
 * no row with that key, no change.
 */
public interface RowSink
{
    byte OP_INSERT = 0;
    byte OP_DELETE = 1;
    /** A partial row: only the columns put are changed; the row is found by its primary key. */
    byte OP_UPDATE = 2;

    void beginRow(byte op);

    void putNull(int column);

    void putBoolean(int column, boolean value);

    void putLong(int column, long value);

    void putDouble(int column, double value);

    void putDecimal128(int column, long high, long low);

    void putBytes(int column, DirectBuffer buffer, int offset, int length);

    void endRow();

    /** Drops the row begun by {@link #beginRow(byte)}, as if it had never started. */
    void abortRow();
}
