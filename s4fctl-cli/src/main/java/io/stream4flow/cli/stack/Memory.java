package io.stream4flow.cli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The memory check of {@code s4fctl up}: the heaps asked for plus each JVM's overhead must fit. */
final class Memory {
    /** Per JVM beyond its heap (metaspace, threads, buffers), and the collector's whole share (MiB). */
    static final long OVERHEAD_MIB = 250;
    static final long COLLECTOR_MIB = 400;

    private Memory() {
    }

    static void requireAvailable(StackSettings s) {
        long need = mib(s.kafkaHeap()) + mib(s.elasticsearchHeap()) + mib(s.jobsHeap()) + 3 * OVERHEAD_MIB
                + COLLECTOR_MIB;
        long available = availableMib();
        if (available >= 0 && available < need) {
            throw new StackException(String.format(Locale.ROOT, "not enough memory: the stack needs about %d MiB "
                    + "(heaps: Kafka %s, Elasticsearch %s, jobs %s, plus the collector and JVM overhead) and %d MiB "
                    + "are available; lower --jobs-heap or stop other programs", need, s.kafkaHeap(),
                    s.elasticsearchHeap(), s.jobsHeap(), available));
        }
    }

    /** Size like 512m or 2g in MiB. */
    static long mib(String size) {
        String t = size.trim().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(t.replaceAll("[kmg]$", ""));
        return t.endsWith("g") ? n * 1024 : t.endsWith("k") ? Math.max(1, n / 1024) : t.endsWith("m") ? n : n >> 20;
    }

    /** MemAvailable of /proc/meminfo in MiB, or -1 where there is none. */
    static long availableMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
