package io.stream4flow.cli.collector;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import io.stream4flow.collector.net.HostPort;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl collector stats [--metrics HOST:PORT] [--output table|json]}: reads a running
 * collector's metrics ({@link MetricsScrape}) and prints them ({@link StatsReport}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl collector stats --metrics 127.0.0.1:9464 --output json | jq '.metrics[] | select(.name | test(\"errors\"))'", sortOptions = false,
        description = {
            "Print the counters of a running collector (its Prometheus metrics endpoint).",
            "table: one row per exporter (datagrams, records, bytes, sequence lost, errors, templates, "
                    + "held), then every other metric. json: every metric with its labels."})
public final class StatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", description = "The collector's metrics address "
            + "(metrics.listen in its config); default: collector.metrics of the configuration (`s4fctl config show`), "
            + "else the local stack's.")
    private String metrics;

    @Mixin
    private HomeOption homeOption;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json; default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    private final PrintStream out;
    private final PrintStream err;

    public StatsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        HostPort at = ClientConfig.load(homeOption.home())
                .with(ConfigKey.COLLECTOR_METRICS, metrics, "--metrics").collectorMetrics();
        if (format == OutputFormat.csv) {
            throw new ParameterException(spec.commandLine(), "--output csv: collector stats prints table or json");
        }
        PrometheusText.Parsed parsed = PrometheusText.parse(MetricsScrape.fetch(at));
        out.print(format == OutputFormat.json ? StatsReport.json(parsed.samples()) : StatsReport.table(parsed.samples()));
        out.flush();
        if (parsed.badLines() > 0) {
            err.println("s4fctl: " + parsed.badLines() + " lines of the metrics page could not be read (skipped)");
        }
        return ExitCode.OK;
    }
}
