package sluice.server.store;

import org.duckdb.DuckDBWritableVector;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Direct access to the data buffer of a DuckDB output vector, for the bulk-load scan. DuckDB's
 * {@code DuckDBWritableVector.setLong} and friends take a lock and re-check the type and index for every value
 * (measured: they cost more than the rest of the load's Java work); writing the vector's own buffer, which DuckDB
 * hands out zeroed and in native order, and setting its validity words, does the same with none of that. NULLs
 * still go through {@code setNull}. If a future duckdb_jdbc renames the field, {@link #of} returns null and the scan
 * falls back to the setters.
 */
final class VectorData
{
    private static final Logger LOG = Logger.getLogger(VectorData.class.getName());
    private static final Field DATA = find("data");
    private static final Field VALIDITY = find("validity");

    private VectorData()
    {
    }

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
     * The vector's data buffer (absolute puts at {@code row * width}) with rows {@code 0..rows-1} marked valid, or
     * null when not accessible. The validity mask DuckDB hands out is not all-valid (measured: values written to the
     * data buffer alone read back as NULL), so its words are set here; NULLs are then cleared with {@code setNull}.
     */
    static ByteBuffer of(final DuckDBWritableVector vector, final int rows)
    {
        if (DATA == null || VALIDITY == null)
        {
            return null;
        }
        try
        {
            final ByteBuffer validity = (ByteBuffer)VALIDITY.get(vector);
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
            return (ByteBuffer)DATA.get(vector);
        }
        catch (final IllegalAccessException | RuntimeException e)
        {
            return null;
        }
    }
}
