package io.stream4flow.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.TmuxSession;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl shell} as a user sees it: on a pseudo-terminal (tmux) for completion, history, Ctrl-C, failures
 * and Ctrl-D; with stdin a file for scripts.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShellCommandTest {
    private static final String PROMPT = "s4f> ";
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");

    @TempDir
    Path dir;

    @Test
    void tabCompletesSubcommandsOptionsAndFilterWords() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("que");
            s.send("Tab");
            s.await("query completed", screen -> screen.contains(PROMPT + "query"));
            s.send("C-u");
            s.type("flows --fil");
            s.send("Tab");
            s.await("--filter completed", screen -> screen.contains(PROMPT + "flows --filter"));
            s.type("pro");
            s.send("Tab");
            s.await("proto completed", screen -> screen.endsWith(PROMPT + "flows --filter proto"));
        }
    }

    @Test
    void addressesSeenInEarlierOutputAreCompleted() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("collector decode " + CorpusFiles.file("netflow5_test_juniper_mx80.dat"));
            s.send("Enter");
            String decoded = s.await("the decoded flows", screen -> IPV4.matcher(screen).find()
                    && screen.endsWith(PROMPT.strip()));
            Matcher m = IPV4.matcher(decoded);
            assertThat(m.find()).isTrue();
            String ip = m.group();
            s.send("C-l");
            s.await("a clear screen", screen -> !screen.contains(ip));
            s.type("flows --filter " + ip.substring(0, ip.length() - 1));
            s.send("Tab");
            s.await(ip + " offered", screen -> screen.contains(ip));
        }
    }

    @Test
    void historyIsKeptInTheFileAndOfferedByUpInTheNextSession() throws Exception {
        Path history = dir.resolve("sub").resolve("shell_history");
        try (TmuxSession s = shell("--history", history.toString())) {
            s.type("--version");
            s.send("Enter");
            s.await("the version", screen -> screen.contains("s4fctl (development build)"));
            s.send("C-d");
            assertThat(s.awaitExit()).isZero();
        }
        assertThat(Files.readString(history)).contains("--version");
        try (TmuxSession s = shell("--history", history.toString())) {
            s.send("Up");
            s.await("the last command", screen -> screen.endsWith(PROMPT + "--version"));
        }
    }

    @Test
    void ctrlCClearsTheLineAndStopsARunningCommandAndTheShellGoesOn() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("query alerts --since 1h");
            s.await("the line typed", screen -> screen.endsWith(PROMPT + "query alerts --since 1h"));
            s.send("C-c");
            s.await("an empty line", screen -> screen.endsWith(PROMPT.strip()));
            s.type("--version");
            s.send("Enter");
            s.await("the version", screen -> screen.contains("s4fctl (development build)"));
            assertThat(s.screen()).doesNotContain("1h--version");

            s.send("C-l");
            s.type("replay --to udp://127.0.0.1:9 --loop 0 --rate 20/s "
                    + CorpusFiles.file("netflow5_test_juniper_mx80.dat"));
            s.send("Enter");
            Thread.sleep(3000);
            // the last line is the replay's progress bar (the shell runs on a terminal), not a prompt
            assertThat(s.lastLine()).as("replay runs: no prompt after it").startsWith("replay ");
            s.send("C-c");
            s.await("the prompt after the replay", screen -> screen.endsWith(PROMPT.strip())
                    || screen.matches("(?s).*s4f\\[\\d+]>$"));
            s.type("--version");
            s.send("Enter");
            s.await("the version again", screen -> screen.contains("s4fctl (development build)"));
        }
    }

    @Test
    void aFailingCommandPrintsItsErrorTheCodeShowsInThePromptAndTheNextRuns() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("flows --nosuch");
            s.send("Enter");
            String screen = s.await("the error", sc -> sc.endsWith("s4f[2]>"));
            assertThat(screen).contains("s4fctl: Unknown option: '--nosuch'", "Try s4fctl flows --help");
            s.type("shell");
            s.send("Enter");
            s.await("shell refused inside the shell", sc -> sc.contains("Unmatched argument at index 0: 'shell'"));
            s.type("--version");
            s.send("Enter");
            s.await("the version and a plain prompt", sc -> sc.contains("s4fctl (development build)")
                    && sc.endsWith(PROMPT.strip()));
        }
    }

    @Test
    void ctrlDOnAnEmptyLineEndsTheShellWithZero() throws Exception {
        try (TmuxSession s = shell()) {
            s.send("C-d");
            assertThat(s.awaitExit()).isZero();
        }
    }

    @Test
    void aScriptStopsAtTheFirstFailingLineWithItsCodeUnlessKeepGoing() throws Exception {
        Path script = Files.writeString(dir.resolve("checks.s4f"),
                "# a comment\n--version\nflows --nosuch\n--version\n", StandardCharsets.UTF_8);

        CliRun stop = run(script);
        assertThat(stop.code()).isEqualTo(ExitCode.USAGE);
        assertThat(stop.out().lines().filter(l -> l.startsWith("s4fctl ")).count()).isEqualTo(1);
        assertThat(stop.err()).contains("s4fctl: Unknown option: '--nosuch'");

        CliRun on = run(script, "--keep-going");
        assertThat(on.code()).isEqualTo(ExitCode.USAGE);
        assertThat(on.out().lines().filter(l -> l.startsWith("s4fctl ")).count()).isEqualTo(2);

        Path fine = Files.writeString(dir.resolve("fine.s4f"), "--version\n", StandardCharsets.UTF_8);
        assertThat(run(fine).code()).isZero();
    }

    @Test
    void aScriptsCommandGoesOnAfterATrailingBackslashOrInsideQuotes() throws Exception {
        String capture = CorpusFiles.file("netflow5_test_juniper_mx80.dat").toString();
        Path script = Files.writeString(dir.resolve("multi.s4f"), "# decode, then a filter over two lines\n"
                + "collector decode \\\n    " + capture + "\n"
                + "flows --filter \"proto tcp and\n    dst port 22\" --nosuch\n--version\n", StandardCharsets.UTF_8);
        CliRun direct = CliRun.s4fctl("collector", "decode", capture);
        assertThat(direct.code()).as(direct.err()).isZero();

        CliRun run = run(script);
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).startsWith(direct.out()).doesNotContain("s4fctl ");
        assertThat(run.errLines()).filteredOn(l -> l.startsWith("s4fctl:"))
                .containsExactly("s4fctl: Unknown option: '--nosuch'");

        Path open = Files.writeString(dir.resolve("open.s4f"), "--version\n\nflows --filter \"proto tcp\n",
                StandardCharsets.UTF_8);
        CliRun unclosed = run(open);
        assertThat(unclosed.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unclosed.out()).startsWith("s4fctl ");
        assertThat(unclosed.err()).contains("s4fctl: shell: line 3: the script ends inside its command");
    }

    @Test
    void jobNamesOfTheCatalogAreCompletedAfterJobStart() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("job start ssh_b");
            // the first Tab asks the job runner for the catalog (a JVM run of seconds): Tab again until it answered
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!s.screen().contains(PROMPT + "job start ssh_bruteforce")) {
                assertThat(System.nanoTime() - deadline).as("no job name offered:\n" + s.screen()).isNegative();
                s.send("Tab");
                Thread.sleep(1_000);
            }
        }
    }

    @Test
    void aTrailingBackslashContinuesTheLine() throws Exception {
        try (TmuxSession s = shell()) {
            s.type("flows \\");
            s.send("Enter");
            s.type("--nosuch");
            s.send("Enter");
            s.await("one command's error", screen -> screen.contains("s4fctl: Unknown option: '--nosuch'")
                    && screen.endsWith("s4f[2]>"));
        }
    }

    /** The shell with a history of this test's own, once it prompts. */
    private TmuxSession shell(String... args) throws Exception {
        String[] all = args.length > 0 ? args : new String[] {"--history", dir.resolve("h").toString()};
        TmuxSession s = TmuxSession.shell(dir, all);
        s.await("the prompt", screen -> screen.endsWith(PROMPT.strip()));
        return s;
    }

    private CliRun run(Path script, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("shell", "--history", dir.resolve("h").toString()));
        all.addAll(List.of(args));
        return CliRun.inChildJvm(Map.of(), script, all.toArray(String[]::new));
    }
}
