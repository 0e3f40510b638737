package io.stream4flow.cli.stack;

import io.stream4flow.localstack.Sessions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process of the local stack (collector, Spark jobs, demo feed) that outlives
 * the {@code s4fctl} that started it, tracked by a pid file so that a later {@code s4fctl status} or
 * {@code s4fctl down} finds it.
 *
 * <p>It runs in a session of its own ({@link Sessions}), so a Ctrl-C in the terminal of a foreground
 * {@code s4fctl up} reaches only {@code s4fctl}, which stops the parts in order.
 *
 * <p>Files in its directory: {@code <name>.pid} (pid and start time, removed at a clean stop) and
 * {@code <name>.log} (stdout and stderr, truncated at every start). A pid file whose process is gone,
 * or whose pid now belongs to a process started at another time, counts as not running.
 *
 * <p>Thread safety: instances are immutable; two {@code s4fctl} processes managing the same
 * service at once are not guarded against beyond the "already running" check.
 */
public final class ServiceProcess {
    private final String name;
    private final Path pidFile;
    private final Path logFile;

    public ServiceProcess(String name, Path dir) {
        this.name = name;
        this.pidFile = dir.resolve(name + ".pid");
        this.logFile = dir.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Starts {@code command} with stdin from /dev/null and output to the log file.
     *
     * @throws StackException if it runs already or cannot be started
     */
    public ProcessHandle start(List<String> command, Map<String, String> environment) {
        Optional<ProcessHandle> running = running();
        if (running.isPresent()) {
            throw new StackException(name + " already runs (pid " + running.get().pid() + "); stop it first with "
                    + "`s4fctl down`");
        }
        try {
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(Sessions.ownSession(command))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(environment);
            Process p = pb.start();
            Instant started = p.info().startInstant().orElse(Instant.EPOCH);
            Files.writeString(pidFile, p.pid() + " " + started.toEpochMilli() + "\n", StandardCharsets.US_ASCII);
            return p.toHandle();
        } catch (IOException e) {
            throw new StackException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The process, if the pid file names one that is alive and was started when the file says. */
    public Optional<ProcessHandle> running() {
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return Optional.empty();
        }
        String[] parts = text.split("\\s+");
        try {
            long pid = Long.parseLong(parts[0]);
            long startedMillis = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> startedMillis == 0
                    || h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedMillis) < 2_000)
                            .orElse(true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the process: SIGTERM, up to {@code grace} to exit, then SIGKILL. Removes the pid file.
     *
     * @return true if a process was running
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> running = running();
        running.ifPresent(h -> terminate(h, grace));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is treated as not running
        }
        return running.isPresent();
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL and up to 5 s more. */
    static void terminate(ProcessHandle h, Duration grace) {
        h.destroy();
        try {
            h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's status check
            }
        }
    }

    /** The java executable of this JVM, for children that are JVMs too. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
