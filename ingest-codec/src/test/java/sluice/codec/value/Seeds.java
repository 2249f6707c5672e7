package sluice.codec.value;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeds for the randomized tests: fresh each run, or fixed with {@code -Dsluice.test.seed=N} to replay a failure;
 * a failure message always names the seed.
 */
final class Seeds
{
    private Seeds()
    {
    }

    @FunctionalInterface
    interface SeededBody
    {
        void run(Random random);
    }

    static void run(final SeededBody body)
    {
        final String fixed = System.getProperty("sluice.test.seed");
        final long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        try
        {
            body.run(new Random(seed));
        }
        catch (final AssertionError ex)
        {
            fail("seed " + seed + " (replay with -Dsluice.test.seed=" + seed + "): " + ex.getMessage(), ex);
        }
    }
}
