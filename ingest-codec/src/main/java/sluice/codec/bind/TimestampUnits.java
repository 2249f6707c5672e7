package sluice.codec.bind;

import sluice.codec.schema.DataType;
import sluice.codec.schema.TypeKind;
import sluice.codec.time.EpochDays;
import sluice.codec.time.EpochUnit;

/**
 * Instants into a timestamp column's unit: microseconds for TIMESTAMP, nanoseconds for TIMESTAMP_NS, truncated
 * (floor) to the column's precision, checked against years 0..9999 (any long of nanoseconds lies inside them). Every
 * conversion is a multiplication or a division by a constant. Pure functions.
 */
final class TimestampUnits
{
    /** Returned for an instant the column cannot hold. */
    static final long OUT_OF_RANGE = Long.MIN_VALUE;

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};
    /** Epoch seconds whose nanoseconds fit a long: 1677-09-21 .. 2262-04-11. */
    private static final long MAX_NANOS_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
    private static final long MAX_NANOS_AS_MICROS = Long.MAX_VALUE / 1_000L - 1;
    private static final long MAX_NANOS_AS_MILLIS = Long.MAX_VALUE / 1_000_000L - 1;
    private static final long MAX_MICROS_AS_MILLIS = Long.MAX_VALUE / 1_000L - 1;
    private static final long MAX_MICROS_SECONDS = Long.MAX_VALUE / 1_000_000L - 1;
    private static final long MIN_EPOCH_MICROS = EpochDays.MIN_EPOCH_SECOND * 1_000_000L;
    private static final long MAX_EPOCH_MICROS = EpochDays.MAX_EPOCH_SECOND * 1_000_000L + 999_999L;

    private TimestampUnits()
    {
    }

    /** An integer epoch in {@code unit}, or {@link #OUT_OF_RANGE}. */
    static long fromEpoch(final DataType type, final long v, final EpochUnit unit)
    {
        long units;
        if (type.kind() == TypeKind.TIMESTAMP_NS)
        {
            // Any long of nanoseconds lies inside years 0..9999; coarser units must not overflow on the way.
            switch (unit)
            {
                case NANOS: units = v; break;
                case MICROS: units = v > MAX_NANOS_AS_MICROS || v < -MAX_NANOS_AS_MICROS ? OUT_OF_RANGE : v * 1_000L;
                    break;
                case MILLIS: units = v > MAX_NANOS_AS_MILLIS || v < -MAX_NANOS_AS_MILLIS ? OUT_OF_RANGE :
                    v * 1_000_000L;
                    break;
                default: units = v > MAX_NANOS_SECONDS || v < -MAX_NANOS_SECONDS ? OUT_OF_RANGE : v * 1_000_000_000L;
                    break;
            }
            if (units != OUT_OF_RANGE && type.precision() < 9)
            {
                final long step = POWERS_OF_TEN[9 - type.precision()];
                units = Math.floorDiv(units, step) * step;
            }
        }
        else
        {
            switch (unit)
            {
                case NANOS: units = Math.floorDiv(v, 1_000L); break;
                case MICROS: units = v; break;
                case MILLIS: units = v > MAX_MICROS_AS_MILLIS || v < -MAX_MICROS_AS_MILLIS ? OUT_OF_RANGE : v * 1_000L;
                    break;
                default: units = v > MAX_MICROS_SECONDS || v < -MAX_MICROS_SECONDS ? OUT_OF_RANGE : v * 1_000_000L;
                    break;
            }
            if (units != OUT_OF_RANGE && (units > MAX_EPOCH_MICROS || units < MIN_EPOCH_MICROS))
            {
                units = OUT_OF_RANGE;
            }
            if (units != OUT_OF_RANGE && type.precision() < 6)
            {
                final long step = POWERS_OF_TEN[6 - type.precision()];
                units = Math.floorDiv(units, step) * step;
            }
        }
        return units;
    }

    /** Epoch seconds and a nanosecond of second, or {@link #OUT_OF_RANGE}. */
    static long fromSeconds(final DataType type, final long seconds, final int nanos)
    {
        if (type.kind() == TypeKind.TIMESTAMP)
        {
            if (seconds > EpochDays.MAX_EPOCH_SECOND || seconds < EpochDays.MIN_EPOCH_SECOND)
            {
                return OUT_OF_RANGE;
            }
            final long micros = seconds * 1_000_000L + nanos / 1_000;
            final int precision = type.precision();
            if (precision >= 6)
            {
                return micros;
            }
            final long unit = POWERS_OF_TEN[6 - precision];
            return Math.floorDiv(micros, unit) * unit;
        }
        if (seconds > MAX_NANOS_SECONDS || seconds < -MAX_NANOS_SECONDS)
        {
            return OUT_OF_RANGE;
        }
        final long epochNanos = seconds * 1_000_000_000L + nanos;
        final int precision = type.precision();
        if (precision >= 9)
        {
            return epochNanos;
        }
        final long unit = POWERS_OF_TEN[9 - precision];
        return Math.floorDiv(epochNanos, unit) * unit;
    }
}
