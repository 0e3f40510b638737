package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code s4fctl job start}: validates a job and starts it in the background. */
@Command(name = "start", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl job start portscan --param min-targets=50 --local-net 10.0.0.0/8",
        description = {"Start a job of the catalog (NAME, see `s4fctl job list`) or, with NAME `sql`, a user SQL job "
                + "over the table `flows`, in a Spark driver of its own on the local stack. The parameters are checked "
                + "first (a bad one: one line, exit 2); a job stopped before resumes from its checkpoint. With "
                + "--master spark://HOST:PORT the driver runs here and its executors on the workers of that Spark "
                + "standalone cluster (a master that does not answer: one line, exit 3).",
            "With --foreground it stays while the job runs, as a service manager expects: SIGTERM or Ctrl-C stops the "
                + "job gracefully (checkpoint kept) and exits 0, a job that ends by itself exits 1, and a job of "
                + "this name that already runs (started here) is watched instead of refused.",
            "stderr: the pid, master, log and checkpoint of the started job."})
public final class JobStartCommand implements Callable<Integer> {
    static final String SQL = "sql";

    @Mixin
    private HomeOption homeOption;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The job, or `sql` for a user SQL job.")
    private String name;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A parameter of the job, repeatable.")
    private List<String> params = new ArrayList<>();

    @Option(names = "--local-net", paramLabel = "CIDR[,CIDR...]",
            description = "Local networks for a job that takes them; default: the stack's (`up --local-net`).")
    private String localNet;

    @Option(names = "--name", paramLabel = "NAME", description = "sql: the job's name (a lower-case word), the "
            + "documents' type and job.")
    private String sqlName;

    @Option(names = "--query", paramLabel = "SQL", description = "sql: a continuous Spark SQL query over `flows`.")
    private String query;

    @Option(names = "--emit", paramLabel = "alerts|stats", description = "sql: what its rows become; default: alerts.")
    private String emit;

    @Option(names = "--master", paramLabel = "URL", description = "The Spark master: local[*], local[N] or "
            + "spark://HOST:PORT (a standalone cluster); default: spark.master of the configuration (`s4fctl config "
            + "show`), else the stack's (`up --master`).")
    private String master;

    @Option(names = "--spark-conf", paramLabel = "spark.KEY=VALUE", description = "One more Spark setting of the job, "
            + "repeatable, e.g. spark.cores.max=2, spark.executor.memory=1g, spark.driver.host=ADDRESS.")
    private List<String> sparkConf = new ArrayList<>();

    @Option(names = "--foreground", description = "Stay while the job runs (for systemd or another supervisor); "
            + "SIGTERM stops the job gracefully.")
    private boolean foreground;

    /** How long a --foreground stop waits for the job (inside a supervisor's usual 60 s before SIGKILL). */
    static final Duration FOREGROUND_GRACE = Duration.ofSeconds(50);
    private static final long WATCH_MILLIS = 2_000;

    private final PrintStream err;

    public JobStartCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        JobRequest request;
        if (name.equals(SQL)) {
            if (sqlName == null || query == null) {
                throw new ParameterException(spec.commandLine(), "job start sql needs --name NAME and --query SQL");
            }
            if (!params.isEmpty() || localNet != null) {
                throw new ParameterException(spec.commandLine(), "job start sql takes no --param or --local-net");
            }
            if (emit != null && !emit.equals("alerts") && !emit.equals("stats")) {
                throw new ParameterException(spec.commandLine(), "--emit: expected alerts or stats, got '" + emit + "'");
            }
            request = JobRequest.sql(sqlName, query, emit);
        } else {
            if (sqlName != null || query != null || emit != null) {
                throw new ParameterException(spec.commandLine(), "--name, --query and --emit are for `job start sql`");
            }
            request = JobRequest.catalog(name, params, localNet);
        }
        String on = master != null ? master : ClientConfig.load(homeOption.home()).sparkMaster();
        LocalJobService jobs = new LocalJobService(homeOption.home());
        Optional<JobStatus> running = foreground ? jobs.status().stream().filter(j -> j.name().equals(request.name())
                && j.origin().equals(JobStatus.STARTED) && j.running()).findFirst() : Optional.empty();
        JobStatus s = running.orElseGet(() -> jobs.start(request.on(on, sparkConf)));
        String started = "job " + s.name() + ": " + (running.isPresent() ? "runs already" : "started") + " (pid "
                + s.pid().orElse(-1) + ") on " + s.master() + "; log " + s.log() + "; checkpoint " + s.checkpoint();
        if (foreground) {
            return watch(jobs, s.name(), started);
        }
        err.println(started);
        err.flush();
        return ExitCode.OK;
    }

    /**
     * Prints {@code started} once SIGTERM and Ctrl-C are caught (they stop the job gracefully), then waits while the
     * job runs: exit 0 when stopped so, 1 when it ends by itself.
     */
    private int watch(LocalJobService jobs, String job, String started) {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                try {
                    jobs.stop(job, FOREGROUND_GRACE);
                } catch (JobException ended) {
                    // it ended on its own meanwhile: nothing to stop
                } finally {
                    stopped.countDown();
                }
            }
        };
        try (GracefulStop graceful = GracefulStop.install(stop)) {
            err.println(started);
            err.flush();
            while (true) {
                if (stopped.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                    err.println("job " + job + ": stopped; checkpoint kept");
                    return ExitCode.OK;
                }
                JobStatus now = jobs.status(job);
                if (!now.running() && !stopping.get()) {
                    err.println("job " + job + ": ended by itself (" + now.state() + (now.message().isEmpty() ? ""
                            : ": " + now.message()) + "); its log: " + now.log());
                    return ExitCode.REJECTED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            return ExitCode.OK;
        }
    }
}
