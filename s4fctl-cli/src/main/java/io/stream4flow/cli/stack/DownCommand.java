package io.stream4flow.cli.stack;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code s4fctl down}: stops every part of the local stack that runs, the last started first. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop the local stack started by `s4fctl up` (demo, jobs, collector, Elasticsearch, Kafka). "
                + "Data, checkpoints and logs stay.",
            "stderr: one line per part stopped."})
public final class DownCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", description = "The stack's home; default: $S4F_HOME or ~/.stream4flow.")
    private Path homeDir;

    private final PrintStream err;

    public DownCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        StackHome home = homeDir != null ? new StackHome(homeDir) : StackHome.defaultHome();
        LocalStack stack = new LocalStack(home, StackSettings.load(home).withDemo(true), 0);
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
