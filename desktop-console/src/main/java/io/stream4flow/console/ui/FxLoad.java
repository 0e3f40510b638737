package io.stream4flow.console.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How hard the FX application thread works, sampled once a second: its CPU time per second (all of it: layout,
 * CSS, rendering and our updates), the share of it spent in {@link UiChannel} updates, how late a
 * {@code runLater} probe ran (what a user feels as lag), and the heap that stays (not what is waiting in the
 * young generation to be collected). Shown in the status bar; the load test reads it too.
 */
public final class FxLoad implements AutoCloseable {

    /**
     * One second's figures.
     *
     * @param fxCpuMillisPerSecond the FX thread's CPU time in the last second, ms (1000: saturated)
     * @param updateMillisPerSecond of it, in {@link UiChannel} updates
     * @param probeLagMillis how long the last {@code runLater} probe waited for the FX thread
     * @param heapAfterGcBytes the heap that stays, {@link #heapAfterGc()}
     * @param updatesPerSecond channel updates run in the last second
     */
    public record Sample(double fxCpuMillisPerSecond, double updateMillisPerSecond, double probeLagMillis,
            long heapAfterGcBytes, double updatesPerSecond) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s4f-console-load");
        t.setDaemon(true);
        return t;
    });
    private final Executor fxThread;
    private final UiChannel channel;
    private volatile long fxThreadId = -1;
    private volatile double probeLagMillis;
    private volatile Sample last = new Sample(0, 0, 0, 0, 0);
    private long lastCpu = -1;
    private long lastDrain;
    private long lastUpdates;
    private long lastAt;

    public FxLoad(Executor fxThread, UiChannel channel, Consumer<Sample> onSample) {
        this.fxThread = fxThread;
        this.channel = channel;
        fxThread.execute(() -> fxThreadId = Thread.currentThread().getId());
        timer.scheduleAtFixedRate(() -> {
            Sample s = sample();
            last = s;
            channel.post(() -> onSample.accept(s));
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** The last second's figures. */
    public Sample last() {
        return last;
    }

    private Sample sample() {
        long now = System.nanoTime();
        long sent = now;
        fxThread.execute(() -> probeLagMillis = (System.nanoTime() - sent) / 1e6);
        long cpu = fxThreadId >= 0 && threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(fxThreadId) : 0;
        long drain = channel.drainNanos();
        long updates = channel.updates();
        Sample s;
        if (lastCpu < 0) {
            s = new Sample(0, 0, 0, heapAfterGc(), 0);
        } else {
            double seconds = (now - lastAt) / 1e9;
            s = new Sample((cpu - lastCpu) / 1e6 / seconds, (drain - lastDrain) / 1e6 / seconds, probeLagMillis,
                    heapAfterGc(), (updates - lastUpdates) / seconds);
        }
        lastCpu = cpu;
        lastDrain = drain;
        lastUpdates = updates;
        lastAt = now;
        return s;
    }

    /**
     * The heap that stays: each eden space as its last collection left it, every other heap pool (survivors, old
     * generation) as it is now, so an upper bound of what is retained that does not wait for an old collection.
     */
    public static long heapAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP) {
                continue;
            }
            boolean eden = p.getName().contains("Eden") && p.getCollectionUsage() != null;
            sum += eden ? p.getCollectionUsage().getUsed() : p.getUsage().getUsed();
        }
        return sum;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
