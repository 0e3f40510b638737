package io.stream4flow.cli.stack;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.output.TextTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code s4fctl status}: which parts of the local stack run and answer, where they listen, their
 * logs, and each Spark job's last micro-batch and rates. Exit 0 when every part is healthy, 3 when
 * one is not.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl status",
        description = {"Show the local stack started by `s4fctl up`: each part (running and healthy, running but "
                + "not answering, or stopped), its pid, address and log; each Spark job's state, last micro-batch "
                + "and rates.",
            "stdout: the tables. Exit code 0 when every part is healthy, 3 when one is not."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    private HomeOption homeOption;

    private final PrintStream out;

    public StatusCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        StackHome home = homeOption.home();
        LocalStack stack = new LocalStack(home, StackSettings.load(home), 0);
        out.print(render(stack));
        out.flush();
        boolean allHealthy = stack.components().stream().allMatch(StackComponent::healthy);
        return allHealthy ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** The components table and, when the jobs wrote one, the jobs table. */
    static String render(LocalStack stack) {
        TextTable parts = new TextTable(List.of("PART", "STATE", "PID", "WHERE", "LOG"),
                new boolean[] {false, false, true, false, false});
        for (StackComponent c : stack.components()) {
            Optional<ProcessHandle> p = c.process();
            String state = p.isEmpty() ? "stopped" : c.healthy() ? "healthy" : "not answering";
            parts.row(List.of(c.name(), state, p.map(h -> Long.toString(h.pid())).orElse("-"), c.where(),
                    c.logFile().toString()));
        }
        StringBuilder s = new StringBuilder(parts.render());
        Optional<JobsStatus> jobs = JobsStatus.read(stack.home().jobs().resolve(JobsStatus.FILE));
        if (jobs.isPresent()) {
            TextTable t = new TextTable(List.of("JOB", "STATE", "BATCH", "INPUT/S", "PROCESSED/S", "UPDATED", "MESSAGE"),
                    new boolean[] {false, false, true, true, true, false, false});
            long now = System.currentTimeMillis();
            for (JobsStatus.Job j : jobs.get().jobs()) {
                t.row(List.of(j.name(), j.state(), Long.toString(j.batch()),
                        String.format(Locale.ROOT, "%.0f", j.inputRowsPerSecond()),
                        String.format(Locale.ROOT, "%.0f", j.processedRowsPerSecond()),
                        ((now - j.updatedMillis()) / 1000) + " s ago", j.message()));
            }
            s.append('\n').append(t.render());
        }
        return s.toString();
    }
}
