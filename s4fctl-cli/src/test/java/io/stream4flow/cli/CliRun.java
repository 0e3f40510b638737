package io.stream4flow.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What one in-process run of s4fctl printed and returned: the fixture of the CLI tests. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code s4fctl args...} through {@link S4fctl#run}, capturing stdout and stderr. */
    public static CliRun s4fctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = S4fctl.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command line of {@code s4fctl args...} in a child JVM on this test's class path. */
    public static List<String> childCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), S4fctl.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code s4fctl args...} in a child JVM ({@link #childCommand}) with {@code env} added to this process's
     * environment and stdin read from {@code stdin} (null: none), and waits at most a minute for it.
     */
    public static CliRun inChildJvm(Map<String, String> env, Path stdin, String... args) throws IOException,
            InterruptedException {
        File out = File.createTempFile("s4fctl-out", ".txt");
        File err = File.createTempFile("s4fctl-err", ".txt");
        try {
            ProcessBuilder b = new ProcessBuilder(childCommand(args)).redirectOutput(out).redirectError(err);
            b.environment().putAll(env);
            if (stdin != null) {
                b.redirectInput(stdin.toFile());
            }
            Process p = b.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("s4fctl " + String.join(" ", args) + " still runs after 60 s");
            }
            return new CliRun(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    /** The lines of stdout (none when it is empty). */
    public List<String> lines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** The lines of stderr. */
    public List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
}
