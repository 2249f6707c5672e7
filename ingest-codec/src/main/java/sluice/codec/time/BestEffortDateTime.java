package sluice.codec.time;

import org.agrona.DirectBuffer;
import sluice.codec.error.ErrorCode;
import sluice.codec.value.ParsedValue;

/**
 * Proton's best-effort datetime strings (ClickHouse parseDateTimeBestEffort, the common subset):
 * <ul>
 * <li>ISO 8601 and SQL: {@code YYYY-MM-DD[( |T)hh:mm[:ss[.f]]][Z|(+|-)hh[:mm]|(+|-)hhmm]}, also with {@code /} as the
 * date separator;</li>
 * <li>partial dates: {@code YYYY-MM} (first of the month), {@code YYYY} is not a date but an epoch (below);</li>
 * <li>compact: {@code YYYYMMDD}, {@code YYYYMMDDhhmmss};</li>
 * <li>all digits otherwise (1..19 digits, optional sign): an epoch, unit by {@link EpochUnit#guess};</li>
 * <li>with a fraction: {@code 1617283920.123} as epoch seconds.</li>
 * </ul>
 * Values without an offset are read in {@code zone}. Surrounding whitespace is ignored.
 */
public final class BestEffortDateTime
{
    private BestEffortDateTime()
    {
    }

    /** Into {@code out.longValue} = UTC epoch seconds, {@code out.nanos}. Returns NONE or INVALID_TIMESTAMP. */
    public static ErrorCode parse(
        final DirectBuffer buffer, final int offset, final int length, final LocalTimeZone zone, final ParsedValue out)
    {
        throw new UnsupportedOperationException("stub");
    }
}
