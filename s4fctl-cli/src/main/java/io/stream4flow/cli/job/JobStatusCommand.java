package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s4fctl job status}: each job's state and rates. */
@Command(name = "status", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  watch -n 5 s4fctl job status",
        description = {"Show the started jobs (origin `job`) and the jobs of `s4fctl up` (origin `up`): state "
                + "(starting, running, stopped, failed), pid, last micro-batch, input and processed rows per second, "
                + "batch duration, time of the last progress, watermark, Spark master.",
            "Exit code 1 when a job shown has failed."})
public final class JobStatusCommand implements Callable<Integer> {
    @Mixin
    private HomeOption homeOption;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this job.")
    private String name;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv; default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    private final PrintStream out;

    public JobStatusCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        JobService jobs = new LocalJobService(homeOption.home());
        List<JobStatus> shown = name == null ? jobs.status() : List.of(jobs.status(name));
        out.print(JobViews.status(shown, format, System.currentTimeMillis()));
        out.flush();
        return shown.stream().anyMatch(s -> s.state().equals("failed")) ? ExitCode.REJECTED : ExitCode.OK;
    }
}
