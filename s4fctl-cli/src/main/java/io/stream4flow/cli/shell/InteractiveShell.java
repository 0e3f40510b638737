package io.stream4flow.cli.shell;

import io.stream4flow.cli.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * The shell on a terminal. Each line runs on a worker thread while the reader's thread waits; Ctrl-C then stops
 * it: a verb that stops gracefully on Ctrl-C ({@code flows --follow}, {@code kafka tail}: {@code GracefulStop})
 * catches the signal itself while it runs; for the others the signal interrupts the worker thread, and a command
 * still running {@link #CANCEL_WAIT_SECONDS} s later is left to finish in the background (said on stderr). A
 * cancelled command's exit code is 130. Ctrl-C at the prompt clears the line, Ctrl-D on an empty line exits 0.
 */
final class InteractiveShell {
    static final int CANCELLED = 130;
    static final long CANCEL_WAIT_SECONDS = 5;

    private final BiFunction<PrintStream, PrintStream, CommandLine> trees;
    private final Path history;
    private final RecentValues recent = new RecentValues();

    InteractiveShell(BiFunction<PrintStream, PrintStream, CommandLine> trees, Path history) {
        this.trees = trees;
        this.history = history;
    }

    /** The parser of both modes: a trailing backslash, an open quote or parenthesis continue the line. */
    static DefaultParser parser() {
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnEscapedNewLine(true);
        parser.setEofOnUnclosedBracket(DefaultParser.Bracket.ROUND);
        return parser;
    }

    /**
     * The words of one line, as the parser splits them: quotes and escapes removed.
     *
     * @throws org.jline.reader.EOFError when the line goes on in the next one (a trailing backslash, an open quote or
     *     parenthesis)
     */
    static List<String> words(DefaultParser parser, String line) {
        return parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
                .filter(w -> !w.isEmpty()).toList();
    }

    int run() throws IOException {
        Files.createDirectories(history.toAbsolutePath().getParent());
        PrintStream out = new PrintStream(new ScanningOutputStream(System.out, recent), true, StandardCharsets.UTF_8);
        TreeRunner runner = new TreeRunner(trees, out, System.err);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            DefaultParser parser = parser();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("s4fctl").parser(parser)
                    .completer(new ShellCompleter(runner.tree().getCommandSpec(), new JobNames(), recent))
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                    .build();
            int code = ExitCode.OK;
            while (true) {
                String line;
                try {
                    line = reader.readLine(code == ExitCode.OK ? "s4f> " : "s4f[" + code + "]> ");
                } catch (UserInterruptException ctrlC) {
                    continue;
                } catch (EndOfFileException ctrlD) {
                    return ExitCode.OK;
                }
                List<String> words = words(parser, line);
                if (words.isEmpty()) {
                    continue;
                }
                code = runCancellable(terminal, runner, words);
            }
        }
    }

    private static int runCancellable(Terminal terminal, TreeRunner runner, List<String> words) {
        AtomicInteger code = new AtomicInteger(CANCELLED);
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread command = new Thread(() -> code.set(runner.run(words)), "s4fctl-shell-command");
        command.setDaemon(true);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
            cancelled.set(true);
            command.interrupt();
        });
        command.start();
        try {
            long deadline = 0;
            while (command.isAlive()) {
                command.join(100);
                if (cancelled.get() && deadline == 0) {
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CANCEL_WAIT_SECONDS);
                } else if (deadline != 0 && System.nanoTime() - deadline > 0) {
                    System.err.println("s4fctl: the command did not stop on Ctrl-C within " + CANCEL_WAIT_SECONDS
                            + " s; it goes on in the background");
                    return CANCELLED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        return cancelled.get() ? CANCELLED : code.get();
    }
}
