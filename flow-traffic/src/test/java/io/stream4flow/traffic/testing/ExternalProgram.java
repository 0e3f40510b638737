package io.stream4flow.traffic.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs installed on the machine (softflowd, pmacctd, nfcapd, nfdump, python3 with scapy)
 * for tests: finds them with a clear message naming the Debian package when one is missing, runs
 * them with a timeout and their output in a log file, and stops them and their children by process
 * handle (never by name).
 */
public final class ExternalProgram {
    private static final List<Path> EXTRA_DIRS = List.of(Paths.get("/usr/sbin"), Paths.get("/sbin"),
            Paths.get("/usr/local/sbin"), Paths.get("/usr/local/bin"), Paths.get("/usr/bin"));

    private ExternalProgram() { }

    /**
     * The path of an executable on PATH or in the usual sbin folders.
     *
     * @param debianPackage named in the failure message
     * @throws IllegalStateException when it is not installed
     */
    public static Path require(String name, String debianPackage) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Paths.get(d));
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " is not installed (not on PATH nor in /usr/sbin): "
                + "install the Debian package " + debianPackage + " (apt-get install " + debianPackage + ")");
    }

    /** Starts a program with stdout and stderr appended to {@code log}; stdin is empty. */
    public static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    /**
     * Runs a program to its end, and the end of the processes it started (a daemon's plugin
     * processes may still be sending when the parent exits).
     *
     * @return its exit code
     * @throws IllegalStateException when it or a child runs past {@code timeout} (all are killed);
     *     the message holds the end of its log
     */
    public static int run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p = start(command, log);
        Set<ProcessHandle> children = new HashSet<>();
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(children::add);
            if (System.nanoTime() > deadline) {
                kill(p);
                children.forEach(ProcessHandle::destroyForcibly);
                throw timedOut(command, log, timeout);
            }
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                children.forEach(ProcessHandle::destroyForcibly);
                throw timedOut(command, log, timeout);
            }
        }
        return p.exitValue();
    }

    private static IllegalStateException timedOut(List<String> command, Path log, Duration timeout) {
        return new IllegalStateException(command.get(0) + " did not finish within " + timeout.toSeconds()
                + " s; killed. Log " + log + ":\n" + tail(log));
    }

    /** Runs a program that must exit with 0; fails with the end of its log otherwise. */
    public static void runOk(List<String> command, Path log, Duration timeout)
            throws IOException, InterruptedException {
        int rc = run(command, log, timeout);
        if (rc != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + rc + ". Log " + log + ":\n" + tail(log));
        }
    }

    /**
     * Runs a program that must exit with 0, its standard output to {@code stdout} and its errors
     * to {@code log}.
     */
    public static void runToFile(List<String> command, Path stdout, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "$ " + String.join(" ", command) + " > " + stdout + "\n", StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(p);
            throw timedOut(command, log, timeout);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + p.exitValue() + ". Log " + log + ":\n"
                    + tail(log) + "\nOutput " + stdout + ":\n" + tail(stdout));
        }
    }

    /** Sends SIGTERM and waits; kills the process and its children if it does not end in time. */
    public static int stop(Process p, Duration timeout) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(p);
            throw new IllegalStateException("process " + p.pid() + " ignored SIGTERM for " + timeout.toSeconds()
                    + " s; killed");
        }
        return p.exitValue();
    }

    /** Kills a process and every process it started, by handle. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** The last lines of a log, for failure messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
