package io.stream4flow.cli.shell;

import io.stream4flow.cli.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.jline.reader.EOFError;
import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code s4fctl shell}: the commands of s4fctl, one line after another, in one JVM. On a terminal, an interactive
 * line editor ({@link InteractiveShell}); otherwise, the lines of stdin as a script, which stops at the first
 * failing line with its exit code unless {@code --keep-going}.
 */
@Command(name = ShellCommand.NAME, mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl shell < morning-checks.s4f",
        description = {"Run s4fctl commands interactively: Tab completes commands, options, filter words, job names "
                + "and the addresses and alert types seen in earlier output; Up/Down and Ctrl-R search the history; "
                + "a trailing \\ or an unclosed quote or parenthesis continues the line; Ctrl-C clears the line or "
                + "stops the running command; Ctrl-D exits. A failing command prints its error and the shell goes "
                + "on; the prompt shows the last exit code when it is not 0 (s4f[2]> ).",
            "Without a terminal, the lines of stdin are run one by one ('#' starts a comment; a trailing \\ or an "
                + "unclosed quote or parenthesis continues a command on the next line), stopping at the first that "
                + "fails, whose exit code is the shell's:",
            "  s4fctl shell < checks.s4f",
            "  printf 'job list\\nquery alerts --since 1h\\n' | s4fctl shell --keep-going"})
public final class ShellCommand implements Callable<Integer> {
    static final String NAME = "shell";

    @Option(names = "--history", paramLabel = "FILE",
            description = "The history file; default: ~/.stream4flow/shell_history.")
    private Path history = Path.of(System.getProperty("user.home"), ".stream4flow", "shell_history");

    @Option(names = "--keep-going", description = "Script mode: run every line; exit with the last failure's code.")
    private boolean keepGoing;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final BiFunction<PrintStream, PrintStream, CommandLine> trees;

    /** @param trees builds the command tree writing to the given stdout and stderr ({@code S4fctl::commandLine}) */
    public ShellCommand(InputStream in, PrintStream out, PrintStream err,
            BiFunction<PrintStream, PrintStream, CommandLine> trees) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.trees = trees;
    }

    @Override
    public Integer call() throws IOException {
        if (System.console() != null) {
            return new InteractiveShell(trees, history).run();
        }
        return script();
    }

    private int script() throws IOException {
        TreeRunner runner = new TreeRunner(trees, out, err);
        DefaultParser parser = InteractiveShell.parser();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int result = ExitCode.OK;
        StringBuilder command = new StringBuilder();
        int lineNumber = 0;
        int firstLine = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (command.length() == 0) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                firstLine = lineNumber;
            }
            command.append(line);
            List<String> words;
            try {
                words = InteractiveShell.words(parser, command.toString());
            } catch (EOFError open) {
                // as in a POSIX shell: a backslash before the newline removes both; in quotes the newline stays
                if (escapedEnd(command)) {
                    command.setLength(command.length() - 1);
                } else {
                    command.append('\n');
                }
                continue;
            }
            command.setLength(0);
            int code = runner.run(words);
            if (code != ExitCode.OK) {
                result = code;
                if (!keepGoing) {
                    return result;
                }
            }
        }
        if (command.length() > 0) {
            err.println("s4fctl: shell: line " + firstLine + ": the script ends inside its command (a trailing \\, "
                    + "an unclosed quote or parenthesis)");
            return ExitCode.USAGE;
        }
        return result;
    }

    private static boolean escapedEnd(CharSequence command) {
        int backslashes = 0;
        for (int i = command.length() - 1; i >= 0 && command.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
