package sluice.server.cli;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler from its own shutdown hook, which can run before Sluice's hook has
 * logged how the stop went ("draining the rings", "stopped"), so those lines were lost. This manager ignores that
 * reset until {@link #shutdownLogged()} is called. Installed through {@code java.util.logging.manager} before any
 * logger exists.
 */
public final class ShutdownLogManager extends LogManager
{
    private static volatile boolean resetAllowed;

    @Override
    public void reset()
    {
        if (resetAllowed)
        {
            super.reset();
        }
    }

    /** The server's shutdown hook has logged its last line: logging may now be closed. */
    public static void shutdownLogged()
    {
        resetAllowed = true;
        final LogManager manager = LogManager.getLogManager();
        if (manager instanceof ShutdownLogManager)
        {
            manager.reset();
        }
    }
}
