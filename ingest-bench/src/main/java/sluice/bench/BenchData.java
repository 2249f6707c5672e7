package sluice.bench;

import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded, realistic request bodies for the decoder benchmarks: the same bytes for Sluice and its baseline.
 * <ul>
 * <li>sensor4: {@code NAME, TIME (epoch ns), VALUE (double), STATUS (int)}, the Machbase sensor shape;</li>
 * <li>mixed12: twelve columns of Feldera types (integers, strings with quoted commas, timestamps, decimals, dates,
 * booleans, floats, unsigned, UUIDs).</li>
 * </ul>
 */
final class BenchData
{
    static final String SENSOR4_SCHEMA = "NAME VARCHAR NOT NULL, TIME TIMESTAMP_NS NOT NULL, VALUE FLOAT64, STATUS INT32";
    static final String MIXED12_SCHEMA = "id INT64 NOT NULL, name VARCHAR, ts TIMESTAMP, value FLOAT64, count INT32, " +
        "flag BOOLEAN, price DECIMAL(12,2), day DATE, note VARCHAR, ratio FLOAT32, code UINT16, uid UUID";
    private static final long BASE_TIME_NS = 1_700_000_000_000_000_000L;

    private BenchData()
    {
    }

    static TableSchema schema(final String dataset)
    {
        return SchemaText.parse("bench", "sensor4".equals(dataset) ? SENSOR4_SCHEMA : MIXED12_SCHEMA);
    }

    static byte[] csv(final String dataset, final int rows, final long seed)
    {
        final Random random = new Random(seed);
        final StringBuilder sb = new StringBuilder(rows * 64);
        for (int i = 0; i < rows; i++)
        {
            if ("sensor4".equals(dataset))
            {
                sensorCsv(sb, i, random);
            }
            else
            {
                mixedCsv(sb, i, random);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sensorCsv(final StringBuilder sb, final int i, final Random random)
    {
        sb.append("sensor-").append(String.format(Locale.ROOT, "%04d", random.nextInt(10_000))).append(',')
            .append(BASE_TIME_NS + i * 1_000_000L + random.nextInt(1000)).append(',')
            .append(value(random)).append(',')
            .append(random.nextInt(1000)).append('\n');
    }

    private static void mixedCsv(final StringBuilder sb, final int i, final Random random)
    {
        final long micros = 1_708_863_153_000_000L + i * 1_000L + random.nextInt(1000);
        final java.time.LocalDateTime ts = java.time.LocalDateTime.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), (int)Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
        sb.append(i).append(',')
            .append("user_").append(random.nextInt(100_000)).append(',')
            .append(ts.toLocalDate()).append(' ').append(ts.toLocalTime()).append(',')
            .append(value(random)).append(',')
            .append(random.nextInt(2_000_000) - 1_000_000).append(',')
            .append(random.nextBoolean()).append(',')
            .append(random.nextInt(1_000_000)).append('.').append(String.format(Locale.ROOT, "%02d", random.nextInt(100)))
            .append(',')
            .append(java.time.LocalDate.ofEpochDay(19_000 + random.nextInt(2000))).append(',')
            .append(random.nextInt(10) == 0 ? "\"free text, with a comma\"" : "plain note").append(',')
            .append(random.nextInt(1000) / 8.0f).append(',')
            .append(random.nextInt(65536)).append(',')
            .append(new java.util.UUID(random.nextLong(), random.nextLong())).append('\n');
    }

    /** A sensor reading like {@code 195.1859}: four decimals, a few hundred at most. */
    private static String value(final Random random)
    {
        return String.format(Locale.ROOT, "%.4f", random.nextDouble() * 400 - 50);
    }

    /** Machbase {@code {"data":{"columns":[...],"rows":[[...],...]}}} of sensor4 rows. */
    static byte[] machbaseJson(final int rows, final long seed)
    {
        final Random random = new Random(seed);
        final StringBuilder sb = new StringBuilder(rows * 64);
        sb.append("{\"data\":{\"columns\":[\"NAME\",\"TIME\",\"VALUE\",\"STATUS\"],\"rows\":[\n");
        for (int i = 0; i < rows; i++)
        {
            sb.append(i == 0 ? "" : ",\n").append("[\"sensor-")
                .append(String.format(Locale.ROOT, "%04d", random.nextInt(10_000))).append("\",")
                .append(BASE_TIME_NS + i * 1_000_000L + random.nextInt(1000)).append(',')
                .append(value(random)).append(',').append(random.nextInt(1000)).append(']');
        }
        return sb.append("]}}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** NDJSON of sensor4 rows. */
    static byte[] ndjson(final int rows, final long seed)
    {
        final Random random = new Random(seed);
        final StringBuilder sb = new StringBuilder(rows * 80);
        for (int i = 0; i < rows; i++)
        {
            sb.append("{\"NAME\":\"sensor-").append(String.format(Locale.ROOT, "%04d", random.nextInt(10_000)))
                .append("\",\"TIME\":").append(BASE_TIME_NS + i * 1_000_000L + random.nextInt(1000))
                .append(",\"VALUE\":").append(value(random))
                .append(",\"STATUS\":").append(random.nextInt(1000)).append("}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
