package sluice.server.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SIGTERM and SIGINT as a request to stop, handled by the main thread, which then exits with status 0. Left to the
 * JVM, these signals run the shutdown hooks and exit with 128 + the signal (143 for SIGTERM), which service managers
 * and {@code docker stop} report as a failure although the stop was clean.
 * <p>
 * {@code sun.misc.Signal} (module jdk.unsupported, meant for exactly this) is reached by reflection: javac's
 * "internal proprietary API" warning on a direct use cannot be suppressed, and the build compiles with -Werror.
 */
public final class StopSignals
{
    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());
    private static final String[] SIGNALS = {"TERM", "INT"};

    private StopSignals()
    {
    }

    /**
     * Runs {@code onStop} (on a JVM signal thread: it must only hand over) when SIGTERM or SIGINT arrives. Returns
     * false if the handlers could not be installed (e.g. {@code -Xrs}); the shutdown hooks then still stop the server,
     * with the JVM's exit status.
     */
    public static boolean install(final Runnable onStop)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final InvocationHandler invocation = (proxy, method, args) -> invoke(proxy, method, args, onStop);
            final Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(),
                new Class<?>[]{handlerClass}, invocation);
            final Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (final String name : SIGNALS)
            {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        }
        catch (final ReflectiveOperationException | RuntimeException | LinkageError e)
        {
            LOG.log(Level.WARNING, "cannot handle SIGTERM/SIGINT; stopping through the shutdown hook instead (exit " +
                "status 128 + signal)", e);
            return false;
        }
    }

    private static Object invoke(final Object proxy, final Method method, final Object[] args, final Runnable onStop)
    {
        switch (method.getName())
        {
            case "handle":
                onStop.run();
                return null;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "sluice stop signal handler";
        }
    }
}
