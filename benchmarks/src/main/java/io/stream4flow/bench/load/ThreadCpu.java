package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, from {@code /proc/PID/task/TID/stat} (the thread's name is the
 * name the JVM gave the native thread, at most 15 characters). Threads of the same name are summed;
 * JIT compiler and GC threads are grouped. For the collector's own threads ({@code s4f-*}) also the
 * time they were runnable but waiting for a CPU ({@code /proc/PID/task/TID/schedstat}, second field),
 * as {@code NAME (waiting for a CPU)}: what a thread that is not CPU-bound and still falls behind
 * lost to the other threads of the machine.
 */
final class ThreadCpu {
    private ThreadCpu() { }

    /** Milliseconds of CPU per thread-name group, now. */
    static Map<String, Long> snapshot(long pid) {
        Map<String, Long> out = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> ts = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) ts::iterator) {
                try {
                    String stat = Procfs.read(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    out.merge(group(name), ms, Long::sum);
                    if (name.startsWith("s4f-")) {
                        String[] sched = Procfs.read(t.resolve("schedstat")).trim().split("\\s+");
                        out.merge(group(name) + " (waiting for a CPU)", Long.parseLong(sched[1]) / 1_000_000, Long::sum);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static String group(String name) {
        if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) {
            return "JIT compiler";
        }
        if (name.startsWith("G1 ") || name.startsWith("GC Thread")) {
            return "GC";
        }
        return name.replaceAll("-\\d+$", "-N").replaceAll("#\\d+$", "#N");
    }

    /** {@code after - before} as cores (CPU seconds per second of {@code seconds}), largest first. */
    static Map<String, Double> cores(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> d = new HashMap<>();
        after.forEach((k, v) -> {
            long delta = v - before.getOrDefault(k, 0L);
            if (delta > 0) {
                d.put(k, delta / 1000.0 / seconds);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        d.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return sorted;
    }
}
