package sluice.server.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty reports a leaked buffer (issue 6, "Hostile input"): a {@code ByteBuf} that is never
 * released is a slow memory leak in a server that runs for months, and Netty's own report is only a log line.
 * Registered for every class of this module through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled}, so it is the outermost extension: its {@code afterAll}
 * runs after a class's {@link sluice.server.e2e.TestServer} has stopped, when whatever the server held is garbage.
 * <p>
 * Netty notices a leak only when the collector has cleared the buffer and a later allocation polls the detector's
 * queue, so the check collects, lets the reference handler enqueue, and allocates, a few times over. A buffer a class
 * leaks but still references is found in a later class: the message says so. Does nothing unless the JVM was started
 * with {@link LeakRecordingDetector} (surefire's argLine; see the parent pom).
 */
public final class LeakCheckExtension implements AfterAllCallback
{
    private static final int ROUNDS = 3;
    private static final long SETTLE_MILLIS = 20;
    /** Reports in the failure message; one missing release usually leaks on every request, so they repeat. */
    private static final int SHOWN = 5;

    @Override
    public void afterAll(final ExtensionContext context) throws InterruptedException
    {
        if (!LeakRecordingDetector.configured())
        {
            return;
        }
        poll();
        final List<String> leaks = LeakRecordingDetector.drain();
        if (!leaks.isEmpty())
        {
            throw new AssertionError(leaks.size() + " Netty leak report(s) after " + context.getDisplayName() +
                " (a buffer still referenced at the end of an earlier class shows up here)" +
                (leaks.size() > SHOWN ? ", the first " + SHOWN : "") + ":\n" +
                String.join("\n\n", leaks.subList(0, Math.min(SHOWN, leaks.size()))));
        }
    }

    /** Makes the detectors look at every buffer that became garbage by now. */
    static void poll() throws InterruptedException
    {
        for (int i = 0; i < ROUNDS; i++)
        {
            System.gc();
            Thread.sleep(SETTLE_MILLIS);
            // Each allocation through a leak-aware allocator polls the ByteBuf detector's queue.
            ByteBufAllocator.DEFAULT.buffer(1).release();
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            Unpooled.buffer(1).release();
        }
    }
}
