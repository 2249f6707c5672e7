package sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json}) of the decoder benchmarks into the table the README shows: rows/s and
 * MB/s as the median over forks of each fork's mean (on a shared 2-core VM the JIT lands in different states from
 * fork to fork, and the median is robust to the odd slow one), the ratio to the baseline measured in the same run, and
 * bytes allocated per row. Usage: {@code java -cp benchmarks.jar sluice.bench.RatioReport result.json}.
 */
public final class RatioReport
{
    private RatioReport()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        final Map<String, double[]> rates = new LinkedHashMap<>();
        final Map<String, Double> allocation = new LinkedHashMap<>();
        for (final JsonNode result : results)
        {
            final String benchmark = result.get("benchmark").asText();
            final String key = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1) +
                " " + params(result.get("params"));
            rates.put(key, forkMeans(result.get("primaryMetric").get("rawData")));
            final JsonNode gc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            if (!gc.isMissingNode())
            {
                allocation.put(key, gc.get("score").asDouble());
            }
        }
        System.out.println("| benchmark | data | rows/s (median of forks, min-max) | MB/s | ratio to baseline | B/row |");
        System.out.println("|---|---|---|---|---|---|");
        for (final Map.Entry<String, double[]> entry : rates.entrySet())
        {
            final String key = entry.getKey();
            if (key.contains("Baseline"))
            {
                continue;
            }
            final String data = key.substring(key.indexOf(' ') + 1);
            final String baselineKey = rates.keySet().stream()
                .filter(k -> k.contains("Baseline") && k.endsWith(data) &&
                    k.startsWith(key.substring(0, key.indexOf('.'))))
                .findFirst().orElse(null);
            row(key, entry.getValue(), allocation.get(key), bytesPerRow(data));
            if (baselineKey != null)
            {
                row(baselineKey, rates.get(baselineKey), allocation.get(baselineKey), bytesPerRow(data));
                System.out.printf(Locale.ROOT, "| **ratio** | %s | | | **%.2f×** | |%n", data,
                    median(entry.getValue()) / median(rates.get(baselineKey)));
            }
        }
    }

    private static void row(final String key, final double[] forks, final Double bytes, final double bytesPerRow)
    {
        final double median = median(forks);
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f (%,.0f-%,.0f) | %.0f | | %s |%n",
            key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1), median,
            Arrays.stream(forks).min().orElse(0), Arrays.stream(forks).max().orElse(0),
            median * bytesPerRow / 1e6, bytes == null ? "" : String.format(Locale.ROOT, "%.3f", bytes));
    }

    private static double bytesPerRow(final String data)
    {
        if (data.contains("sensor4") || data.contains("mixed12"))
        {
            final String dataset = data.contains("sensor4") ? "sensor4" : "mixed12";
            return BenchData.csv(dataset, CsvDecoderBenchmark.ROWS, 42).length / (double)CsvDecoderBenchmark.ROWS;
        }
        return (data.contains("ndjson") ? BenchData.ndjson(JsonDecoderBenchmark.ROWS, 42) :
            BenchData.machbaseJson(JsonDecoderBenchmark.ROWS, 42)).length / (double)JsonDecoderBenchmark.ROWS;
    }

    private static String params(final JsonNode params)
    {
        final List<String> parts = new ArrayList<>();
        params.properties().forEach(e -> parts.add(e.getValue().asText()));
        return String.join(" ", parts);
    }

    private static double[] forkMeans(final JsonNode rawData)
    {
        final double[] means = new double[rawData.size()];
        for (int f = 0; f < rawData.size(); f++)
        {
            double sum = 0;
            for (final JsonNode iteration : rawData.get(f))
            {
                sum += iteration.asDouble();
            }
            means[f] = sum / rawData.get(f).size();
        }
        return means;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
