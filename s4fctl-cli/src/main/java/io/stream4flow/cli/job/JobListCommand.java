package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s4fctl job list}: every job with its description, parameters and state. */
@Command(name = "list", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl job list --output json | jq -r '.jobs[].name'",
        description = {"List the jobs of the catalog (and the user SQL jobs started before): name, output, whether "
                + "`s4fctl up` runs it, its state, description and parameters (KEY=DEFAULT, or KEY (required)).",
            "The catalog comes from the job runner itself (a short JVM run)."})
public final class JobListCommand implements Callable<Integer> {
    @Mixin
    private HomeOption homeOption;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv; default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    private final PrintStream out;

    public JobListCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(JobViews.list(new LocalJobService(homeOption.home()).list(), format));
        out.flush();
        return ExitCode.OK;
    }
}
