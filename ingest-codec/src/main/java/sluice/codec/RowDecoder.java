package sluice.codec;

import org.agrona.DirectBuffer;
import sluice.codec.error.DecodeErrors;
import sluice.codec.row.RowSink;

/**
 * A resumable decoder of one request body into rows: fed chunks of any size as they arrive, it keeps its own state
 * between calls, copies only an unfinished tail, and gives identical rows and errors for any split of the same input.
 * <p>
 * Per request: configure and {@code reset(...)} (decoder-specific), then {@link #decode} for each chunk, then
 * {@link #finish}. Every chunk is consumed whole; rows go to the sink as they complete. Bytes of a chunk are not
 * referenced after {@link #decode} returns. Single-threaded; reusable across requests.
 */
public interface RowDecoder
{
    /** The chunk was consumed; feed more or finish. */
    int NEED_MORE = 0;
    /** {@link #finish} completed: all rows were delivered (bad records, if skipped, are in {@link #errors()}). */
    int COMPLETE = 1;
    /** Decoding stopped at an error; {@link #errors()} holds it. Reset before reuse. */
    int ERROR = -1;

    int decode(DirectBuffer buffer, int offset, int length, RowSink sink);

    int finish(RowSink sink);

    /** Errors of the current request (capped list, full count). */
    DecodeErrors errors();

    /** Rows delivered to the sink (ended) in the current request. */
    long rowsDecoded();

    /** Records rejected in the current request (equal to the error count unless a syntax error ended decoding). */
    long recordsRejected();
}
