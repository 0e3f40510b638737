package io.stream4flow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code s4fctl} (this test JVM's classpath) in a detached tmux session of its own server (200x50): keys
 * are sent, the screen is read. The pane stays after the shell exits, so that its end and exit status can be
 * read (the launcher writes the exit status to a file beside it). tmux must be installed: without it the tests fail.
 */
public final class TmuxSession implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final String socket;
    private final Path status;

    private TmuxSession(String socket, Path status) {
        this.socket = socket;
        this.status = status;
    }

    /** Starts {@code s4fctl shell ARGS} in a new session; {@code dir} receives its launcher script. */
    public static TmuxSession shell(Path dir, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("shell"));
        all.addAll(List.of(args));
        return s4fctl(dir, all.toArray(String[]::new));
    }

    /**
     * Starts {@code s4fctl ARGS} (in a child JVM, {@link CliRun#childCommand}) on the terminal of a new session, 200
     * columns by 50 lines; {@code dir} receives its launcher script and {@code s4f-home}, its {@code S4F_HOME}.
     */
    public static TmuxSession s4fctl(Path dir, String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile(dir, "s4fctl", ".sh");
        Path status = dir.resolve(script.getFileName() + ".status");
        StringBuilder line = new StringBuilder();
        for (String word : CliRun.childCommand(args)) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        // a home of the session's own (job names, history defaults), not the user's ~/.stream4flow
        Files.writeString(script, "S4F_HOME='" + dir.resolve("s4f-home") + "'; export S4F_HOME\n" + line
                + "\necho $? > '" + status + "'\n", StandardCharsets.UTF_8);
        TmuxSession s = new TmuxSession("s4f-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                status);
        s.tmux("new-session", "-d", "-s", "t", "-x", "200", "-y", "50", "sh " + script, ";",
                "set-option", "-t", "t", "remain-on-exit", "on");
        return s;
    }

    /** Sends keys as tmux names them ({@code Tab}, {@code Enter}, {@code C-c}, {@code Up}) or literal text. */
    public void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types {@code text} literally. */
    public void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", "-l", "--", text);
    }

    /** The visible screen, trailing blank lines removed. */
    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "t").stripTrailing();
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after {@link #WAIT_SECONDS}. */
    public String await(String what, Predicate<String> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() - deadline > 0) {
                fail("screen never showed " + what + ":\n" + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    /** The last line of the screen (where the prompt is). */
    public String lastLine() throws IOException, InterruptedException {
        String s = screen();
        return s.substring(s.lastIndexOf('\n') + 1);
    }

    /** Waits for the shell's process to end and returns its exit status. */
    public int awaitExit() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip().equals("1")) {
            assertThat(System.nanoTime() - deadline).as("shell still running:\n" + screen()).isNegative();
            Thread.sleep(100);
        }
        return Integer.parseInt(Files.readString(status).strip());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-server");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tmux " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }
}
