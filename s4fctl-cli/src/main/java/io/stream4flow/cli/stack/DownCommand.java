package io.stream4flow.cli.stack;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code s4fctl down}: stops every part of the local stack that runs, the last started first. */
@Command(name = "down", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl down --home /srv/stream4flow",
        description = {"Stop the local stack started by `s4fctl up` (the jobs of `s4fctl job start`, demo, jobs, collector, "
                + "Elasticsearch, Kafka). "
                + "Data, checkpoints and logs stay.",
            "stderr: one line per part stopped."})
public final class DownCommand implements Callable<Integer> {
    @Mixin
    private HomeOption homeOption;

    private final PrintStream err;

    public DownCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        StackHome home = homeOption.home();
        LocalStack stack = new LocalStack(home, StackSettings.load(home).withDemo(true), 0);
        StopRequest.write(home);      // before the first stop: a foreground up reports it as asked for
        int[] stopped = {0};
        stack.stop(line -> {
            stopped[0]++;
            err.println(line);
        });
        if (stopped[0] == 0) {
            err.println("nothing was running (home " + home.root() + ")");
        }
        err.flush();
        return ExitCode.OK;
    }
}
