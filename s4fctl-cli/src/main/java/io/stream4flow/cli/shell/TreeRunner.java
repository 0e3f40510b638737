package io.stream4flow.cli.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * Runs one line of the shell: a fresh command tree (so that nothing of one line's options stays for the next), the
 * same handlers and so the same one-line errors and exit codes as {@code s4fctl} itself, without {@code shell}.
 */
final class TreeRunner {
    private final BiFunction<PrintStream, PrintStream, CommandLine> trees;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param trees builds the command tree writing to the given stdout and stderr ({@code S4fctl::commandLine})
     */
    TreeRunner(BiFunction<PrintStream, PrintStream, CommandLine> trees, PrintStream out, PrintStream err) {
        this.trees = trees;
        this.out = out;
        this.err = err;
    }

    /** A tree as the shell offers it: without {@code shell}. */
    CommandLine tree() {
        CommandLine root = trees.apply(out, err);
        root.getCommandSpec().removeSubcommand(ShellCommand.NAME);
        return root;
    }

    /** Runs {@code words} to completion on the calling thread; returns its exit code. */
    int run(List<String> words) {
        CommandLine cmd = tree();
        int code = cmd.execute(words.toArray(String[]::new));
        cmd.getOut().flush();
        cmd.getErr().flush();
        out.flush();
        err.flush();
        return code;
    }
}
