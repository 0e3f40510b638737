package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the harness starts (collector JVMs, nfcapd, softflowd, the Kafka broker), so that
 * all of them end when the harness does: normally, on an exception, or on SIGINT/SIGTERM (a shutdown
 * hook). Each child's stdout and stderr go to a log file.
 */
public final class Children {
    private static final List<Process> RUNNING = new CopyOnWriteArrayList<>();
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Children::stopAll, "stop-children"));
    }

    private Children() { }

    /** Starts {@code command}, output to {@code log} (truncated), stdin closed. */
    static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        RUNNING.add(p);
        return p;
    }

    /** Like {@link #start} but keeps stdin open: the child may watch it to exit when the harness dies. */
    static Process startWatched(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        RUNNING.add(p);
        return p;
    }

    /** Runs a command to completion (output to {@code log}); its exit status, or -1 after a kill on timeout. */
    public static int run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = start(command, log);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p, Duration.ofSeconds(2));
                return -1;
            }
            return p.exitValue();
        } finally {
            RUNNING.remove(p);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once it has exited (or 10 s after the kill). */
    static void stop(Process p, Duration grace) {
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(p);
        }
    }

    /** Kills every child still running (the shutdown hook; also called at the end of a run). */
    static void stopAll() {
        List<Process> all = new ArrayList<>(RUNNING);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.removeAll(all);
    }

    /** CPU time (user + system, all threads) a process has used so far, in milliseconds; -1 if unknown. */
    static long cpuMillis(long pid) {
        try {
            String stat = Procfs.read(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The last {@code lines} lines of a log, indented, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            StringBuilder b = new StringBuilder();
            for (String l : all.subList(Math.max(0, all.size() - lines), all.size())) {
                b.append("  | ").append(l).append('\n');
            }
            return b.toString();
        } catch (IOException e) {
            return "  (no log: " + e.getMessage() + ")";
        }
    }
}
