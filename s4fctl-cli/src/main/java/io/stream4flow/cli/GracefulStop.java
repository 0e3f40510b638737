package io.stream4flow.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a long-running verb ({@code collector run}, {@code replay --loop 0}) end gracefully on
 * SIGTERM or Ctrl-C (SIGINT) and still exit 0, the way a service manager expects.
 *
 * <p>A JVM that exits on a signal through shutdown hooks alone reports 128+signal (143, 130) even
 * when every hook finished cleanly. So, while installed, SIGTERM and SIGINT are caught and only
 * call {@code stop}, on a thread of their own; the verb's thread then sees its work end, prints its
 * summary and returns its exit code normally. Signals are caught with {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}, exported for exactly this; Kafka and Netty use it the same way),
 * called reflectively because javac warns about every direct use and the warning cannot be
 * suppressed. A shutdown hook remains for every other way the JVM can end (SIGHUP,
 * {@code System.exit} elsewhere): it calls {@code stop} too and waits up to
 * {@link #HOOK_WAIT_MILLIS} for {@link #close} (the verb being done). Where signals cannot be
 * caught (another JVM, {@code -Xrs}), only the hook is used.
 *
 * <p>A second SIGTERM or SIGINT while the first stop is under way ends the JVM at once
 * ({@link Runtime#halt}, exit 128+signal), for a stop that takes too long.
 *
 * <p>{@code stop} must be idempotent and callable from any thread. Install one at a time.
 */
public final class GracefulStop implements AutoCloseable {
    static final long HOOK_WAIT_MILLIS = 10_000;
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final List<Object> signals = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger caught = new AtomicInteger();
    private final Thread hook;
    private Method handle;

    private GracefulStop(Runnable stop) {
        catchSignals(stop);
        hook = new Thread(() -> {
            stop.run();
            try {
                done.await(HOOK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "s4fctl-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the signal handlers and the hook; close it when the verb is done. */
    public static GracefulStop install(Runnable stop) {
        return new GracefulStop(stop);
    }

    /** Restores the previous signal handlers and removes the hook (unless the JVM is already ending). */
    @Override
    public void close() {
        done.countDown();
        for (int i = 0; i < signals.size(); i++) {
            try {
                handle.invoke(null, signals.get(i), previous.get(i));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // leave our handler in place: it only starts an idempotent stop
            }
        }
        signals.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and returns now that done is counted down
        }
    }

    private void catchSignals(Runnable stop) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method name = signalClass.getMethod("getName");
            Method number = signalClass.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(GracefulStop.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                if (caught.incrementAndGet() > 1) {
                                    Runtime.getRuntime().halt(128 + (int) number.invoke(args[0]));
                                }
                                Thread t = new Thread(stop, "s4fctl-stop-on-SIG" + name.invoke(args[0]));
                                t.setDaemon(true);
                                t.start();
                                return null;
                            case "equals":
                                return proxy == args[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            default:
                                return "s4fctl graceful stop";
                        }
                    });
            for (String s : SIGNALS) {
                Object signal = signalClass.getConstructor(String.class).newInstance(s);
                try {
                    previous.add(handle.invoke(null, signal, handler));
                    signals.add(signal);
                } catch (InvocationTargetException refused) {
                    // this signal cannot be caught here (-Xrs, or in use by the JVM): the hook remains
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            // no sun.misc.Signal in this JVM: the hook remains
        }
    }
}
