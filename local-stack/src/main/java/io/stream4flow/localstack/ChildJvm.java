package io.stream4flow.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.stream4flow.localstack.launcher.ParentWatchdog;

/**
 * Starting, watching and stopping a server in a JVM of its own, with its output in a log file.
 *
 * <p>The child's classpath is never this JVM's: servers bring libraries (Scala 2.13 for Kafka) that must not
 * meet the caller's (Spark's Scala 2.12).
 */
final class ChildJvm {

    private static final int TAIL_BYTES = 16 * 1024;
    private static final int ERROR_LINES = 16;
    private static final int TAIL_LINES = 25;

    /**
     * Start of a log line as the broker writes it (slf4j-simple with date: {@code 2026-11-26T22:27:48.816 [}) or
     * Elasticsearch does ({@code [2026-11-27T00:48:14,331][WARN ]}).
     */
    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("\\[?\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");

    private ChildJvm() {
    }

    /** {@code <javaHome>/bin/java}, or a clear error when it is not there. */
    static Path javaExecutable(Path javaHome) {
        Path java = javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new LocalStackException("Java not found at " + java
                    + " (servers run in a JVM of their own; give the Java 17+ home with javaHome(...))");
        }
        return java;
    }

    /**
     * Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} in {@code workDir}, stdout and stderr
     * into {@code logFile} (appended to, or truncated when {@code append} is false).
     *
     * <p>With {@code watchParent}, the main class runs under {@link ParentWatchdog}, so the child exits when this
     * JVM dies, even by {@code kill -9}; otherwise its stdin is closed at once and it outlives this JVM. The child
     * runs in a session of its own ({@link Sessions}): a Ctrl-C meant for this JVM does not reach it.
     */
    static Process start(Path java, List<String> jvmArgs, List<Path> classpath, String mainClass, List<String> args,
            Path workDir, Path logFile, boolean append, boolean watchParent) {
        List<Path> fullClasspath = new ArrayList<>();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        if (watchParent) {
            fullClasspath.add(writeWatchdogClass(workDir.resolve("launcher")));
        }
        fullClasspath.addAll(classpath);
        command.add("-cp");
        command.add(joinPaths(fullClasspath));
        if (watchParent) {
            command.add(ParentWatchdog.class.getName());
        }
        command.add(mainClass);
        command.addAll(args);

        ProcessBuilder builder = new ProcessBuilder(Sessions.ownSession(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        try {
            Process process = builder.start();
            if (!watchParent) {
                process.getOutputStream().close();
            }
            return process;
        } catch (IOException e) {
            throw new LocalStackException("cannot start " + java + " " + mainClass + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the process to stop (SIGTERM, so its shutdown hooks run), waits up to {@code grace}, then kills it.
     * Returns once it has exited, or after a further 10 s if even the kill did not end it.
     */
    static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An exception for a failed child: {@code what}, the log file, the error lines of the log if there are any,
     * and its last lines.
     */
    static LocalStackException failure(String what, Path logFile) {
        String errors = errors(logFile, ERROR_LINES);
        return new LocalStackException(what + ". Log: " + logFile
                + (errors.isEmpty() ? "" : "\nErrors in the log:\n" + errors)
                + "\nLast lines of the log:\n" + tail(logFile, errors.isEmpty() ? TAIL_LINES : 8));
    }

    /** The last {@code lines} lines of {@code logFile}, or a note saying why there are none. */
    static String tail(Path logFile, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            int from = Math.max(length > size ? 1 : 0, all.length - lines);
            if (from >= all.length) {
                return "  (the log is empty)";
            }
            StringBuilder tail = new StringBuilder();
            for (String line : Arrays.copyOfRange(all, from, all.length)) {
                tail.append("  | ").append(line).append('\n');
            }
            return tail.toString();
        } catch (IOException e) {
            return "  (cannot read the log: " + e.getMessage() + ")";
        }
    }

    /**
     * The first {@code maxLines} lines of {@code logFile} that report an error: {@code ERROR} and {@code FATAL} log
     * lines, each followed by the headers of its exception ({@code SomeException: message}, {@code Caused by: ...};
     * not the {@code at ...} frames; each header once). An empty string when there are none.
     */
    static String errors(Path logFile, int maxLines) {
        StringBuilder errors = new StringBuilder();
        int taken = 0;
        boolean inError = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
            String line;
            while (taken < maxLines && (line = reader.readLine()) != null) {
                boolean logLine = LOG_LINE.matcher(line).lookingAt();
                if (logLine) {
                    inError = line.contains(" ERROR ") || line.contains(" FATAL ") || line.contains("[ERROR]")
                            || line.contains("[FATAL]");
                }
                boolean frame = line.startsWith("\t") || line.startsWith(" ") || line.isBlank();
                if (inError && !frame && (logLine || seen.add(line))) {
                    errors.append("  | ").append(line.length() > 400 ? line.substring(0, 400) + "..." : line)
                            .append('\n');
                    taken++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        return errors.toString();
    }

    static String joinPaths(List<Path> paths) {
        StringBuilder joined = new StringBuilder();
        for (Path path : paths) {
            if (joined.length() > 0) {
                joined.append(java.io.File.pathSeparatorChar);
            }
            joined.append(path);
        }
        return joined.toString();
    }

    /**
     * Copies the class file of {@link ParentWatchdog} (it needs nothing but the JDK) under {@code dir} and
     * returns {@code dir}, a classpath entry. Copying works wherever this class was loaded from, a fat jar
     * included, without putting that jar on the child's classpath.
     */
    static Path writeWatchdogClass(Path dir) {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LocalStackException("class file " + resource + " not found on the classpath");
            }
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return dir;
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + resource + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
