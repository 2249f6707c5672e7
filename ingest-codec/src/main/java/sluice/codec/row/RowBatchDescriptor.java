package sluice.codec.row;

/**
 * Layout of an encoded row batch: the payload of one ring-buffer record. All values little-endian (native order on
 * the machines we deploy to), no alignment padding.
 * <pre>
 *   Batch
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                   Batch Length (header + rows)                |
 *   +---------------------------------------------------------------+
 *   |                           Row Count                           |
 *   +---------------------------------------------------------------+
 *   |                           Table Id                            |
 *   +-------------------------------+-------------------------------+
 *   |        Schema Version         |            Op Mask            |
 *   +-------------------------------+-------------------------------+
 *   |                         Row 0 ... Row N-1                    ...
 *   +---------------------------------------------------------------+
 *
 *   Row (column layout from {@link RowLayout})
 *   +---------------------------------------------------------------+
 *   |              Row Length (header to end of var bytes)          |
 *   +---------------+-----------------------------------------------+
 *   |  Op (0 ins,   |  NULL bitmap: ceil(columns/8) bytes, bit c of  |
 *   |  1 del, 2 upd)|  byte c/8 set = column c is NULL              ...
 *   +---------------+-----------------------------------------------+
 *   |  ABSENT bitmap: same size; bit set = column not given (UPDATE)...
 *   +---------------------------------------------------------------+
 *   |  Slots, one per column in table order, width by type:         |
 *   |  1 (BOOLEAN, INT8, UINT8), 2, 4 (INT32, FLOAT32, DATE), 8      |
 *   |  (INT64, FLOAT64, TIME, TIMESTAMP*, DECIMAL p&lt;=18),             |
 *   |  16 (UUID, DECIMAL p&gt;18: high word then low word),             |
 *   |  8 for variable-length kinds: int offset from row start,      |
 *   |  int length                                                  ...
 *   +---------------------------------------------------------------+
 *   |  Variable-length bytes (UTF-8 text, binary), in put order    ...
 *   +---------------------------------------------------------------+
 * </pre>
 * A NULL or absent column's slot is zero. Rows are self-delimiting, so a reader that knows the schema can walk a
 * batch without an index.
 * <p>
 * The Op Mask has bit {@code 1 << op} set for every op among the batch's rows ({@link #OP_MASK_INSERT_ONLY} for the
 * usual batch of inserts), so the writer can take the one-statement insert path without walking the rows. A
 * non-empty batch with a mask of 0 was written before the mask existed (the field was then the high half of a 32-bit
 * schema version, always 1): it may hold any op, and a reader must walk it.
 */
public final class RowBatchDescriptor
{
    public static final int BATCH_LENGTH_OFFSET = 0;
    public static final int ROW_COUNT_OFFSET = 4;
    public static final int TABLE_ID_OFFSET = 8;
    /** Unsigned 16 bits. */
    public static final int SCHEMA_VERSION_OFFSET = 12;
    /** Unsigned 16 bits: bit {@code 1 << op} set when a row of the batch has that op. */
    public static final int OP_MASK_OFFSET = 14;
    public static final int BATCH_HEADER_LENGTH = 16;

    public static final int ROW_LENGTH_OFFSET = 0;
    public static final int ROW_OP_OFFSET = 4;
    public static final int ROW_HEADER_LENGTH = 5;

    /** The Op Mask of a batch whose rows are all inserts. */
    public static final int OP_MASK_INSERT_ONLY = 1 << RowSink.OP_INSERT;
    /** Every op a row may have: what a batch without a mask may hold. */
    public static final int OP_MASK_ANY = 1 << RowSink.OP_INSERT | 1 << RowSink.OP_DELETE | 1 << RowSink.OP_UPDATE;

    /** Within a variable-length slot. */
    public static final int VAR_OFFSET_OFFSET = 0;
    public static final int VAR_LENGTH_OFFSET = 4;

    private RowBatchDescriptor()
    {
    }
}
