package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine from {@code /proc/stat} (all cores), so that a step can say how
 * much CPU processes other than the sender and the receiver took: the machine is shared, and on 2
 * cores that decides the numbers. Softirq time is kept apart: on loopback it is mostly the packets'
 * own delivery, which the kernel accounts to no process.
 */
final class MachineCpu {
    /** CPU milliseconds since boot: busy in processes (user, nice, system, irq, steal) and in softirq. */
    record Times(long processMillis, long softirqMillis) { }

    private MachineCpu() { }

    static Times now() {
        try {
            String first = Procfs.read(Path.of("/proc/stat")).lines().findFirst().orElse("");
            String[] f = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[8]);
            return new Times(busy * 10, Long.parseLong(f[7]) * 10);
        } catch (IOException | RuntimeException e) {
            return new Times(-1, -1);
        }
    }

    /**
     * Cores that processes other than ours used between two readings: all busy time (softirq
     * included, as the kernel also charges it to the process it interrupted) minus our processes'
     * CPU, never below 0. Approximate, to about 0.1 core: the machine counts in 10 ms ticks, processes
     * precisely.
     */
    static double others(Times before, Times after, long oursMillis, double seconds) {
        long all = (after.processMillis() - before.processMillis()) + (after.softirqMillis() - before.softirqMillis());
        return Math.max(0, (all - oursMillis) / 1000.0 / seconds);
    }

    /** CPU milliseconds used by this JVM (the sender and the harness). */
    static long selfMillis() {
        return Children.cpuMillis(ProcessHandle.current().pid());
    }

    /**
     * Waits until other processes (everything but this JVM and {@code ours}) used less than
     * {@code maxCores} over one second, for at most {@code timeoutSeconds}.
     *
     * @return the CPU, in cores, the others used in the last second measured
     */
    static double awaitQuiet(double maxCores, int timeoutSeconds, long... ours) throws InterruptedException {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        double others;
        do {
            Times t0 = now();
            long own0 = own(ours);
            Thread.sleep(1000);
            Times t1 = now();
            others = others(t0, t1, own(ours) - own0, 1.0);
        } while (others > maxCores && System.nanoTime() < end);
        return others;
    }

    private static long own(long... pids) {
        long sum = selfMillis();
        for (long p : pids) {
            if (p > 0) {
                sum += Math.max(0, Children.cpuMillis(p));
            }
        }
        return sum;
    }
}
