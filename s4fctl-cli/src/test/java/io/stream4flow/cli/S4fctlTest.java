package io.stream4flow.cli;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree and the central mapping of failures to exit codes. */
class S4fctlTest {

    @Test
    void noArgumentsIsAUsageErrorPointingToHelp() {
        CliRun r = s4fctl();

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("s4fctl: Missing required subcommand", "Try s4fctl --help");
    }

    @Test
    void unknownVerbIsAUsageError() {
        CliRun r = s4fctl("collector", "frobnicate");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(2).last().isEqualTo("Try s4fctl collector --help");
    }

    @Test
    void helpListsTheVerbsAndTheExitCodes() {
        CliRun r = s4fctl("--help");

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("collector", "Exit codes:", "usage error", "I/O error");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyVerbsHelpHasAnExampleThatNamesIt() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        List<CommandLine> leaves = new ArrayList<>();
        collectLeaves(S4fctl.commandLine(sink, sink), leaves);
        assertThat(leaves).hasSizeGreaterThan(25);
        List<String> without = new ArrayList<>();
        for (CommandLine leaf : leaves) {
            String path = leaf.getCommandSpec().qualifiedName(" ");
            CliRun help = s4fctl((path.substring(path.indexOf(' ') + 1) + " --help").split(" "));
            assertThat(help.code()).as(path).isZero();
            if (!help.out().matches("(?s).*Examples?:?\\s.*" + path.replace(" ", "\\s+") + ".*")) {
                without.add(path);
            }
        }
        assertThat(without).as("verbs whose --help has no example").isEmpty();
    }

    private static void collectLeaves(CommandLine cmd, List<CommandLine> into) {
        if (cmd.getSubcommands().isEmpty()) {
            into.add(cmd);
            return;
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
            collectLeaves(sub, into);
        }
    }

    @Test
    void versionIsPrinted() {
        CliRun r = s4fctl("--version");

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("s4fctl ");
    }

    @Test
    void completionCoversTheWholeTreeAndRefusesOtherShells() {
        for (String shell : new String[] {"bash", "zsh"}) {
            CliRun r = s4fctl("completion", shell);
            assertThat(r.code()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).contains("complete -F").contains("query", "flows", "alerts", "--filter", "--since");
        }
        CliRun fish = s4fctl("completion", "fish");
        assertThat(fish.code()).isEqualTo(ExitCode.USAGE);
        assertThat(fish.err()).contains("fish");
    }
}
