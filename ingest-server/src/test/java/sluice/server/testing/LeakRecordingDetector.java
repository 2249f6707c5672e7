package sluice.server.testing;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Netty's leak detector, made to remember what it reports so a test can fail on it: Netty itself only logs a
 * "LEAK:" line, which a green build hides. Installed for every test JVM of this module by the surefire argLine
 * ({@code -Dio.netty.customResourceLeakDetector=sluice.server.testing.LeakRecordingDetector}, read by Netty's
 * {@code ResourceLeakDetectorFactory} when it makes the first detector) and read by {@link LeakCheckExtension}.
 * <p>
 * One instance per resource type (ByteBuf, timers...), made on whatever thread first touches that type; all of them
 * report into one list, guarded by its own monitor. Netty still logs each report as usual.
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T>
{
    /** The system property through which Netty's factory finds this class. */
    public static final String PROPERTY = "io.netty.customResourceLeakDetector";

    private static final List<String> REPORTS = new ArrayList<>();

    /** The constructor Netty's factory looks up by reflection. */
    public LeakRecordingDetector(final Class<?> resourceType, final int samplingInterval)
    {
        super(resourceType, samplingInterval);
    }

    /**
     * The older constructor, which Netty's factory looks up first and logs a SEVERE stack trace for when it is
     * missing, in every test JVM; {@code maxActive} has been ignored by Netty since 4.1.
     */
    @SuppressWarnings("deprecation")
    public LeakRecordingDetector(final Class<?> resourceType, final int samplingInterval, final long maxActive)
    {
        super(resourceType, samplingInterval, maxActive);
    }

    /** True when this JVM was started with the property naming this class (a plain IDE run may not be). */
    public static boolean configured()
    {
        return LeakRecordingDetector.class.getName().equals(System.getProperty(PROPERTY));
    }

    /** The reports since the last call, oldest first; the list is emptied. */
    public static List<String> drain()
    {
        synchronized (REPORTS)
        {
            final List<String> reports = new ArrayList<>(REPORTS);
            REPORTS.clear();
            return reports;
        }
    }

    @Override
    protected void reportTracedLeak(final String resourceType, final String records)
    {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(final String resourceType)
    {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected " +
            "(no access records: run with -Dio.netty.leakDetection.level=paranoid to see where it was used)");
        super.reportUntracedLeak(resourceType);
    }

    private static void record(final String report)
    {
        synchronized (REPORTS)
        {
            REPORTS.add(report);
        }
    }
}
