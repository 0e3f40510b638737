package io.stream4flow.cli;

import io.stream4flow.cli.collector.CollectorCommand;
import io.stream4flow.cli.analyze.AnalyzeCommand;
import io.stream4flow.cli.collector.DecodeCommand;
import io.stream4flow.cli.collector.RunCommand;
import io.stream4flow.cli.collector.StatsCommand;
import io.stream4flow.cli.demo.DemoCommand;
import io.stream4flow.cli.config.ConfigCommand;
import io.stream4flow.cli.console.ConsoleCommand;
import io.stream4flow.cli.deploy.DeployBundleCommand;
import io.stream4flow.cli.deploy.DeployCommand;
import io.stream4flow.cli.elasticsearch.ElasticsearchCommand;
import io.stream4flow.cli.elasticsearch.ElasticsearchRunCommand;
import io.stream4flow.cli.flows.FlowsCommand;
import io.stream4flow.cli.job.JobCommand;
import io.stream4flow.cli.job.JobListCommand;
import io.stream4flow.cli.job.JobLogsCommand;
import io.stream4flow.cli.job.JobStartCommand;
import io.stream4flow.cli.job.JobStatusCommand;
import io.stream4flow.cli.job.JobStopCommand;
import io.stream4flow.cli.stack.DownCommand;
import io.stream4flow.cli.stack.StatusCommand;
import io.stream4flow.cli.stack.UpCommand;
import io.stream4flow.cli.kafka.KafkaCommand;
import io.stream4flow.cli.query.QueryAlertsCommand;
import io.stream4flow.cli.query.QueryCommand;
import io.stream4flow.cli.query.QueryHostCommand;
import io.stream4flow.cli.query.QueryHostsCommand;
import io.stream4flow.cli.query.QueryStatsCommand;
import io.stream4flow.cli.query.QueryTopCommand;
import io.stream4flow.cli.kafka.KafkaRunCommand;
import io.stream4flow.cli.kafka.KafkaTailCommand;
import io.stream4flow.cli.replay.ReplayCommand;
import io.stream4flow.cli.shell.ShellCommand;
import io.stream4flow.cli.spark.SparkCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code s4fctl}, the operator command line. This class only assembles the command tree; each verb
 * is a small class that delegates to a service, and {@link Failures} turns exceptions into exit
 * codes ({@link ExitCode}).
 */
@Command(name = "s4fctl", mixinStandardHelpOptions = true, versionProvider = S4fctl.Version.class,
        description = "Operate Stream4Flow (NetFlow/IPFIX collection and analysis).")
public final class S4fctl {

    private S4fctl() { }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs one command line to completion on the calling thread.
     *
     * @param out where records and help go (the caller owns it; flushed, not closed)
     * @param err where summaries and messages go
     * @return the exit code, one of {@link ExitCode}
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = commandLine(out, err);
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree: every verb is registered here and nowhere else. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine root = new CommandLine(new S4fctl())
                .addSubcommand(new CommandLine(new CollectorCommand())
                        .addSubcommand(new DecodeCommand(out, err))
                        .addSubcommand(new RunCommand(out, err))
                        .addSubcommand(new StatsCommand(out, err)))
                .addSubcommand(new CommandLine(new KafkaCommand())
                        .addSubcommand(new KafkaRunCommand(err))
                        .addSubcommand(new KafkaTailCommand(out, err)))
                .addSubcommand(new CommandLine(new ElasticsearchCommand())
                        .addSubcommand(new ElasticsearchRunCommand(err)))
                .addSubcommand(new ReplayCommand(err))
                .addSubcommand(new AnalyzeCommand(out, err))
                .addSubcommand(new FlowsCommand(out, err))
                .addSubcommand(new DemoCommand(err))
                .addSubcommand(new UpCommand(err))
                .addSubcommand(new StatusCommand(out))
                .addSubcommand(new DownCommand(err))
                .addSubcommand(new CommandLine(new JobCommand())
                        .addSubcommand(new JobListCommand(out))
                        .addSubcommand(new JobStartCommand(err))
                        .addSubcommand(new JobStopCommand(err))
                        .addSubcommand(new JobStatusCommand(out))
                        .addSubcommand(new JobLogsCommand(out)))
                .addSubcommand(new CommandLine(new QueryCommand())
                        .addSubcommand(new QueryAlertsCommand(out))
                        .addSubcommand(new QueryStatsCommand(out))
                        .addSubcommand(new QueryHostCommand(out))
                        .addSubcommand(new QueryHostsCommand(out))
                        .addSubcommand(new QueryTopCommand(out)))
                .addSubcommand(new CommandLine(new SparkCommand())
                        .addSubcommand(new SparkCommand.Home(err))
                        .addSubcommand(new SparkCommand.Master(err))
                        .addSubcommand(new SparkCommand.Worker(err)))
                .addSubcommand(new CommandLine(new ConfigCommand())
                        .addSubcommand(new ConfigCommand.Show(out))
                        .addSubcommand(new ConfigCommand.Check(out)))
                .addSubcommand(new CommandLine(new DeployCommand(out, err))
                        .addSubcommand(new DeployBundleCommand(err)))
                .addSubcommand(new ConsoleCommand())
                .addSubcommand(new CompletionCommand(out))
                .addSubcommand(new ShellCommand(System.in, out, err, S4fctl::commandLine));
        Failures failures = new Failures();
        root.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        root.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        root.setParameterExceptionHandler(failures);
        root.setExecutionExceptionHandler(failures);
        documentExitCodes(root);
        return root;
    }

    private static void documentExitCodes(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.descriptions());
        cmd.getSubcommands().values().forEach(S4fctl::documentExitCodes);
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = S4fctl.class.getPackage().getImplementationVersion();
            return new String[] {"s4fctl " + (v == null ? "(development build)" : v)};
        }
    }
}
