package io.stream4flow.console.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way background work reaches the UI: updates posted from any thread run on the FX application thread,
 * in the order posted, many per {@code Platform.runLater} (one pending drain at a time), so a burst of alerts costs
 * the FX thread one pulse, not one per alert. Thread-safe; {@link FxLoad} reads the time the drains take.
 */
public final class UiChannel {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor fxThread;
    private final AtomicLong drainNanos = new AtomicLong();
    private final AtomicLong drains = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();

    /** @param fxThread {@code Platform::runLater} (tests may give another executor) */
    public UiChannel(Executor fxThread) {
        this.fxThread = fxThread;
    }

    /** Runs {@code update} on the FX thread soon, after every update posted before it. */
    public void post(Runnable update) {
        queue.add(update);
        if (scheduled.compareAndSet(false, true)) {
            fxThread.execute(this::drain);
        }
    }

    private void drain() {
        long start = System.nanoTime();
        scheduled.set(false);   // before polling: an update posted from now on schedules the next drain
        Runnable r;
        long n = 0;
        while ((r = queue.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
            n++;
        }
        updates.addAndGet(n);
        drains.incrementAndGet();
        drainNanos.addAndGet(System.nanoTime() - start);
    }

    /** Nanoseconds spent running updates so far. */
    public long drainNanos() {
        return drainNanos.get();
    }

    /** Drains run so far (each one FX-thread task). */
    public long drains() {
        return drains.get();
    }

    /** Updates run so far. */
    public long updates() {
        return updates.get();
    }
}
