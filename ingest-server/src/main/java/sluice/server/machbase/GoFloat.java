package sluice.server.machbase;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating-point text as Neo prints it, which is Go's {@code strconv} and {@code encoding/json}:
 * <ul>
 * <li>{@link #appendShortest} with {@code jsonStyle} false: {@code strconv.FormatFloat(v, 'f', -1, bits)}, the
 * fewest digits that read back as the same value, never an exponent ({@code 1}, {@code 0.1},
 * {@code 100000000000000000000000}, {@code 0.0000001}). Neo's CSV, box and NDJSON output.</li>
 * <li>with {@code jsonStyle} true: {@code encoding/json}, the same digits but with an exponent when the magnitude
 * is below 1e-6 or at least 1e21 ({@code 1e-7}, {@code 1.5e+21}). Neo's JSON output.</li>
 * <li>{@link #appendFixed}: {@code strconv.FormatFloat(v, 'f', n, 64)}, the exact binary value rounded half-even
 * to n decimals; the sign of a negative value survives rounding to zero ({@code -0.00}), as in Go.</li>
 * </ul>
 * Non-finite values are the caller's (Neo prints {@code NaN}, {@code +Inf}, {@code -Inf}). A FLOAT (32-bit) value
 * is passed as the double it widens to, with {@code float32} set, so that its shortest form is the float's
 * ({@code 0.1}, not {@code 0.10000000149011612}: Neo's JSON writer widens first, its CSV writer does not; we follow
 * the CSV writer everywhere).
 * <p>
 * JDK 17's {@link Double#toString} is not always the shortest representation (JDK-4511638, fixed in 19), so the
 * digits are searched for: the JDK's digit count bounds the answer, and for each candidate length the nearest
 * decimal of that length (or, at a power of two, the one on the other side) is checked to read back exactly. A few
 * BigDecimal operations per value: fine for query output, not for a hot ingest path. Integral values below
 * 2<sup>53</sup> (2<sup>24</sup> for floats), the common case, skip the search. Stateless and thread-safe.
 */
final class GoFloat
{
    private static final double TWO_POW_53 = 9007199254740992.0;
    private static final double TWO_POW_24 = 16777216.0;

    private GoFloat()
    {
    }

    /** Appends a finite {@code value} in Go's shortest form (class comment). */
    static void appendShortest(
        final double value, final boolean float32, final boolean jsonStyle, final StringBuilder out)
    {
        if (value == 0)
        {
            out.append(isNegativeZero(value) ? "-0" : "0");
            return;
        }
        final double abs = Math.abs(value);
        if (abs < (float32 ? TWO_POW_24 : TWO_POW_53) && value == Math.rint(value))
        {
            // Spacing between neighbours is at most 1 here, so no shorter decimal names the same value.
            out.append((long)value);
            return;
        }
        final BigDecimal digits = shortest(value, float32);
        final boolean exponent = jsonStyle && (float32 ?
            (float)abs < 1e-6f || (float)abs >= 1e21f : abs < 1e-6 || abs >= 1e21);
        if (!exponent)
        {
            out.append(digits.toPlainString());
            return;
        }
        appendExponent(digits, out);
    }

    /** Appends a finite {@code value} with exactly {@code decimals} (≥ 0) digits after the point. */
    static void appendFixed(final double value, final int decimals, final StringBuilder out)
    {
        final String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if ((value < 0 || isNegativeZero(value)) && text.charAt(0) != '-')
        {
            out.append('-');
        }
        out.append(text);
    }

    /** The shortest decimal that reads back as {@code value}; nearest to it when several are as short. */
    static BigDecimal shortest(final double value, final boolean float32)
    {
        final BigDecimal exact = new BigDecimal(value);
        final String jdk = float32 ? Float.toString((float)value) : Double.toString(value);
        // The JDK's digits always read back, so its length is an upper bound; the property "some decimal of n
        // significant digits reads back" only grows with n, so a binary search finds the least n.
        int low = 1;
        int high = new BigDecimal(jdk).stripTrailingZeros().precision();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (candidate(exact, mid, value, float32) != null)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        final BigDecimal best = candidate(exact, low, value, float32);
        return (best != null ? best : new BigDecimal(jdk)).stripTrailingZeros();
    }

    /** The decimal of {@code digits} significant digits nearest to {@code exact} that reads back, or null. */
    private static BigDecimal candidate(
        final BigDecimal exact, final int digits, final double value, final boolean float32)
    {
        final BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (readsBack(nearest, value, float32))
        {
            return nearest;
        }
        // Just above a power of two the interval that reads back is twice as wide above the value as below it,
        // so the neighbour on the other side can qualify when the nearest does not.
        final RoundingMode otherSide = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        final BigDecimal other = exact.round(new MathContext(digits, otherSide));
        return readsBack(other, value, float32) ? other : null;
    }

    private static boolean readsBack(final BigDecimal decimal, final double value, final boolean float32)
    {
        return float32 ? decimal.floatValue() == (float)value : decimal.doubleValue() == value;
    }

    /** Go's {@code 'e'} with -1 precision and encoding/json's clean-up: {@code 1.5e+21}, {@code 1e-7}. */
    private static void appendExponent(final BigDecimal digits, final StringBuilder out)
    {
        final String unscaled = digits.unscaledValue().abs().toString();
        final int exponent = unscaled.length() - 1 - digits.scale();
        if (digits.signum() < 0)
        {
            out.append('-');
        }
        out.append(unscaled.charAt(0));
        if (unscaled.length() > 1)
        {
            out.append('.').append(unscaled, 1, unscaled.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        final int magnitude = Math.abs(exponent);
        // strconv pads the exponent to two digits; encoding/json then drops the pad of a negative one (e-07 → e-7).
        if (magnitude < 10 && exponent > 0)
        {
            out.append('0');
        }
        out.append(magnitude);
    }

    private static boolean isNegativeZero(final double value)
    {
        return Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
    }
}
