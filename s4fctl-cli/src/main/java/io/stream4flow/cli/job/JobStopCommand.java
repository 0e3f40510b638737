package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s4fctl job stop}: stops a started job gracefully; its checkpoint stays. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl job stop ssh_bruteforce && s4fctl job start ssh_bruteforce   # resumes from the checkpoint",
        description = {"Stop a job started by `s4fctl job start`: SIGTERM, the runner stops its queries, then exits. "
                + "The checkpoint stays, so a later `job start NAME` resumes where it stopped. The jobs of `s4fctl up` "
                + "stop with `s4fctl down`.",
            "stderr: how long it took."})
public final class JobStopCommand implements Callable<Integer> {
    @Mixin
    private HomeOption homeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The job.")
    private String name;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for it to stop before it is killed; default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    private final PrintStream err;

    public JobStopCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        JobStatus s = new LocalJobService(homeOption.home()).stop(name, Duration.ofSeconds(timeoutSeconds));
        err.println(String.format(Locale.ROOT, "job %s: %s in %.1f s; checkpoint kept in %s", name, s.state(),
                (System.nanoTime() - t0) / 1e9, s.checkpoint()));
        err.flush();
        return s.running() ? ExitCode.FAILURE : ExitCode.OK;
    }
}
