package sluice.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leak check itself works: this JVM runs Netty's detector at paranoid with {@link LeakRecordingDetector} (the
 * surefire argLine), and a buffer dropped without release is reported, with the place it was last used. If the pom
 * stopped passing the properties, every other class would pass without being checked; this one fails instead.
 */
class LeakRecordingDetectorTest
{
    @Test
    void aBufferDroppedWithoutReleaseIsReportedWithWhereItWasUsed() throws InterruptedException
    {
        assertTrue(LeakRecordingDetector.configured(), "surefire's argLine does not name LeakRecordingDetector");
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        LeakCheckExtension.poll();
        LeakRecordingDetector.drain();
        leakOne();
        LeakCheckExtension.poll();
        // Drained here, so LeakCheckExtension finds this class clean.
        final List<String> reports = LeakRecordingDetector.drain();
        assertEquals(1, reports.size(), reports::toString);
        assertTrue(reports.get(0).contains("LeakRecordingDetectorTest.leakOne"), reports.get(0));
    }

    private static void leakOne()
    {
        final ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeLong(42);
    }
}
