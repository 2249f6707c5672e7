package sluice.server.store;

import org.agrona.concurrent.UnsafeBuffer;
import org.duckdb.DuckDBWritableVector;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Direct access to the data and validity buffers of a DuckDB output vector, for the bulk-load scan. DuckDB's
 * {@code DuckDBWritableVector.setLong} and friends take a lock and re-check the type and index for every value, and
 * its string setter copies every value twice and crosses JNI once per value (measured: together they cost more than
 * the rest of the load's Java work). Writing the vector's own buffers, which DuckDB hands out zeroed and in native
 * order, does the same with none of that. If a future duckdb_jdbc renames the fields, {@link #wrap} returns false and
 * the scan falls back to the setters. One instance, reused for every vector; writer thread only.
 */
final class OutputVector
{
    /** Bytes of DuckDB's {@code string_t}: a 4-byte length, then 12 bytes of inlined text or a prefix and pointer. */
    static final int STRING_T_BYTES = 16;
    /** Longest string DuckDB stores inside its {@code string_t}, with no heap allocation. */
    static final int INLINE_STRING_MAX = 12;

    private static final Logger LOG = Logger.getLogger(OutputVector.class.getName());
    private static final Field DATA = find("data");
    private static final Field VALIDITY = find("validity");

    private final UnsafeBuffer data = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer validity = new UnsafeBuffer(new byte[0]);

    private static Field find(final String name)
    {
        try
        {
            final Field field = DuckDBWritableVector.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.getType() == ByteBuffer.class ? field : null;
        }
        catch (final ReflectiveOperationException | RuntimeException e)
        {
            LOG.log(Level.INFO, "DuckDB vector buffers not accessible, using the per-value setters", e);
            return null;
        }
    }

    /**
     * Points at {@code vector}'s buffers and marks rows {@code 0..rows-1} valid; false when the buffers are not
     * accessible. The validity mask a new vector starts with is all NULL (measured: values written to the data buffer
     * alone read back as NULL), so its words are set here and NULLs then cleared with {@link #setNull}.
     */
    boolean wrap(final DuckDBWritableVector vector, final int rows)
    {
        if (DATA == null || VALIDITY == null)
        {
            return false;
        }
        final ByteBuffer dataBuffer;
        final ByteBuffer validityBuffer;
        try
        {
            dataBuffer = (ByteBuffer)DATA.get(vector);
            validityBuffer = (ByteBuffer)VALIDITY.get(vector);
        }
        catch (final IllegalAccessException | RuntimeException e)
        {
            return false;
        }
        if (dataBuffer == null || validityBuffer == null || !dataBuffer.isDirect() || !validityBuffer.isDirect())
        {
            return false;
        }
        data.wrap(dataBuffer);
        validity.wrap(validityBuffer);
        final int fullWords = rows >>> 6;
        for (int w = 0; w < fullWords; w++)
        {
            validity.putLong(w << 3, -1L);
        }
        final int rest = rows & 63;
        if (rest != 0)
        {
            final int at = fullWords << 3;
            validity.putLong(at, validity.getLong(at) | (1L << rest) - 1);
        }
        return true;
    }

    /** The data buffer: value {@code i} of a fixed-width type at {@code i * width}, native byte order. */
    UnsafeBuffer data()
    {
        return data;
    }

    void setNull(final int row)
    {
        final int at = (row >>> 6) << 3;
        validity.putLong(at, validity.getLong(at) & ~(1L << (row & 63)));
    }
}
