package sluice.codec.decode;

import org.junit.jupiter.api.Test;
import sluice.codec.testing.CaseRunner;
import sluice.codec.testing.CodecCase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutation fuzzing of every decoder: the inputs of all decoder cases (every {@code *.cases} file), mutated
 * (bytes flipped, structural bytes inserted, ranges deleted, duplicated or cut), each decoded whole and in random
 * chunks. Checks: no exception escapes; the output is the same for both feeds; a decode that fails carries at least
 * one error value.
 * <p>
 * Each iteration first picks a decoder configuration (decoder, dialect, and for Feldera JSON the update format and
 * {@code array}), then a case of it, so a configuration with one case is fuzzed as often as CSV with fifty; and
 * {@link #theCorpusCoversEveryDecoderConfigurationTheServerUses} fails if one the server uses has no case to start
 * from (issue 6: Feldera's {@code array=true} had cases only for {@code insert_delete}).
 * <p>
 * {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.iterations=N} sets its length (default 4000 per run).
 */
class DecoderFuzzTest
{
    /** Every decoder configuration the server builds: MachbaseWriteWorker, ProtonIngestWorker, FelderaIngressWorker. */
    private static final List<String> SERVER_CONFIGURATIONS = List.of(
        "csv MACHBASE", "csv FELDERA", "machbase-json MACHBASE", "ndjson MACHBASE", "proton-json PROTON",
        "feldera-json FELDERA INSERT_DELETE", "feldera-json FELDERA RAW", "feldera-json FELDERA DEBEZIUM",
        "feldera-json FELDERA INSERT_DELETE array", "feldera-json FELDERA RAW array",
        "feldera-json FELDERA DEBEZIUM array");
    private static final byte[] INTERESTING = {
        '"', '\'', ',', ';', '\t', '\n', '\r', '{', '}', '[', ']', ':', '\\', '0', '9', '-', '+', 'e', 'E', '.', ' ',
        'n', 't', 'f', 'N', 'u', '#', (byte)0xFF, (byte)0xC3, (byte)0xEF, (byte)0x80, 0};

    private final CaseRunner runner = new CaseRunner();

    /** The fuzz corpus: every case with input, by configuration. */
    private static Map<String, List<CodecCase>> corpus()
    {
        return CodecCase.files().stream().flatMap(f -> CodecCase.load(f).stream()).filter(c -> c.input.length > 0)
            .collect(Collectors.groupingBy(DecoderFuzzTest::configuration, TreeMap::new, Collectors.toList()));
    }

    /** Which decoder, set up how: the unit of coverage. */
    static String configuration(final CodecCase c)
    {
        final String decoder = c.format + " " + c.dialect;
        if (!c.format.equals("feldera-json"))
        {
            return decoder;
        }
        return decoder + " " + c.options.getOrDefault("updateFormat", "INSERT_DELETE") +
            (Boolean.parseBoolean(c.options.getOrDefault("array", "false")) ? " array" : "");
    }

    @Test
    void theCorpusCoversEveryDecoderConfigurationTheServerUses()
    {
        final Map<String, List<CodecCase>> corpus = corpus();
        final List<String> missing = SERVER_CONFIGURATIONS.stream().filter(c -> !corpus.containsKey(c)).toList();
        assertTrue(missing.isEmpty(), "no decoder case, so nothing to fuzz, for " + missing + "; have " +
            corpus.keySet());
    }

    @Test
    void mutatedInputsNeverThrowAndDecodeTheSameForAnySplit()
    {
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        final int iterations = Integer.getInteger("fuzz.iterations", 4000);
        final Random random = new Random(seed);
        final List<List<CodecCase>> configurations = new ArrayList<>(corpus().values());
        int failedDecodes = 0;
        for (int i = 0; i < iterations; i++)
        {
            final List<CodecCase> cases = configurations.get(random.nextInt(configurations.size()));
            final CodecCase base = cases.get(random.nextInt(cases.size()));
            final CodecCase c = base.withInput(mutate(base.input, random));
            final int[] chunks = randomChunks(c.input.length, random);
            try
            {
                final List<String> whole = runner.run(c, new int[]{c.input.length});
                final List<String> split = runner.run(c, chunks);
                assertEquals(whole, split, "random split " + Arrays.toString(chunks));
                final String status = whole.get(whole.size() - 1);
                if (status.startsWith("= ERROR"))
                {
                    failedDecodes++;
                    assertTrue(whole.stream().anyMatch(line -> line.startsWith("! ")), "an ERROR without an error");
                }
                if (status.contains("rejected="))
                {
                    assertTrue(whole.stream().anyMatch(line -> line.startsWith("! ")), "rejected without an error");
                }
            }
            catch (final Throwable t)
            {
                fail("fuzz.seed=" + seed + " iteration " + i + " from " + base + " input " +
                    escape(c.input) + " chunks " + Arrays.toString(chunks), t);
            }
        }
        // A mutator that never breaks anything would test nothing.
        assertTrue(failedDecodes > iterations / 20, "only " + failedDecodes + " failed decodes; seed " + seed);
    }

    static byte[] mutate(final byte[] input, final Random random)
    {
        byte[] out = input.clone();
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++)
        {
            final int at = random.nextInt(out.length);
            switch (random.nextInt(6))
            {
                case 0:
                    out[at] = (byte)random.nextInt(256);
                    break;
                case 1:
                    out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 2:
                {
                    final byte[] grown = new byte[out.length + 1];
                    System.arraycopy(out, 0, grown, 0, at);
                    grown[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(out, at, grown, at + 1, out.length - at);
                    out = grown;
                    break;
                }
                case 3:
                {
                    final int n = Math.min(out.length - at, 1 + random.nextInt(8));
                    final byte[] shrunk = new byte[out.length - n];
                    System.arraycopy(out, 0, shrunk, 0, at);
                    System.arraycopy(out, at + n, shrunk, at, out.length - at - n);
                    out = shrunk;
                    break;
                }
                case 4:
                {
                    final int n = Math.min(out.length - at, 1 + random.nextInt(16));
                    final byte[] grown = new byte[out.length + n];
                    System.arraycopy(out, 0, grown, 0, at + n);
                    System.arraycopy(out, at, grown, at + n, out.length - at);
                    out = grown;
                    break;
                }
                default:
                    out = Arrays.copyOf(out, at);
                    break;
            }
        }
        return out;
    }

    static int[] randomChunks(final int length, final Random random)
    {
        final List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0)
        {
            final int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
            sizes.add(size);
            left -= size;
        }
        if (sizes.isEmpty())
        {
            sizes.add(0);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String escape(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder("\"");
        for (final byte b : bytes)
        {
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\')
            {
                sb.append((char)b);
            }
            else
            {
                sb.append(String.format("\\x%02x", b & 0xFF));
            }
        }
        return sb.append('"').toString();
    }
}
