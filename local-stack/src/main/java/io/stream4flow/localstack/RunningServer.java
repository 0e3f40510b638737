package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A server of the local stack found running from its pid file, possibly started by another process (for
 * {@code s4fctl status} and {@code s4fctl down} after {@code s4fctl up --detach}).
 *
 * <p>The pid file (written by the launcher at start, deleted at stop) has two lines: the process id and the port the
 * server listens on ({@code host} is not recorded: it is the one of the server's configuration).
 *
 * @param pid  process id of the server's main process (for Elasticsearch: its command-line launcher, the parent of
 *             the server JVM)
 * @param host the address it listens on, as configured
 * @param port the client port (Kafka) or HTTP port (Elasticsearch) it was started with
 */
public record RunningServer(long pid, String host, int port) {

    /** Whether the process is still alive (it may have stopped since it was found). */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Writes {@code pidFile}: {@code pid} and {@code port}, one per line. A {@link LocalStackException} if it cannot.
     */
    static void writePidFile(Path pidFile, long pid, int port) {
        try {
            Files.write(pidFile, (pid + "\n" + port + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + pidFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server recorded in {@code pidFile} if the file exists, names a live process, and that process's command
     * line contains {@code commandMarker} (so a process id reused by an unrelated program is not taken for the
     * server; when the command line cannot be read, the process is assumed to be the server). Empty otherwise; a
     * pid file of a dead process is deleted. Unreadable or malformed files count as absent.
     */
    static Optional<RunningServer> fromPidFile(Path pidFile, String host, String commandMarker) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(lines.get(0).trim());
            port = lines.size() > 1 ? Integer.parseInt(lines.get(1).trim()) : 0;
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isServer = handle.map(h -> commandLine(h).map(c -> c.contains(commandMarker)).orElse(true))
                .orElse(false);
        if (!isServer) {
            deleteQuietly(pidFile);
            return Optional.empty();
        }
        return Optional.of(new RunningServer(pid, host, port));
    }

    /**
     * The whole command line from {@code /proc/<pid>/cmdline} (arguments joined by spaces): {@link ProcessHandle.Info}
     * truncates long ones, such as a JVM's with a long classpath. Falls back to it where {@code /proc} is missing.
     */
    static Optional<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            if (raw.length > 0) {
                return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return process.info().commandLine();
    }

    /**
     * Stops the process and its descendants: SIGTERM to the process (a clean shutdown), up to {@code grace}, then
     * SIGKILL to it and to every descendant still alive, waiting up to 10 s more. Returns whether it was running.
     * Blocks the calling thread.
     */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> found = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (found.isEmpty()) {
            return false;
        }
        stop(found.get(), grace);
        return true;
    }

    /** See {@link #stop(Duration)}. */
    static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
        // the children end by themselves once their parent is gone (Elasticsearch watches its stdin); give them the
        // rest of the grace period, then kill what is left
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle child : descendants) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!awaitExit(child, Duration.ofNanos(left))) {
                child.destroyForcibly();
                awaitExit(child, Duration.ofSeconds(10));
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is harmless: the next start checks the process it names
        }
    }
}
