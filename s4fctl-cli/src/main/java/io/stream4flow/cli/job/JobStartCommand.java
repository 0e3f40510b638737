package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
        JobStatus s = new LocalJobService(homeOption.home()).start(request.on(on, sparkConf));
        err.println("job " + s.name() + ": started (pid " + s.pid().orElse(-1) + ") on " + s.master() + "; log "
                + s.log() + "; checkpoint " + s.checkpoint());
        err.flush();
        return ExitCode.OK;
    }
}
