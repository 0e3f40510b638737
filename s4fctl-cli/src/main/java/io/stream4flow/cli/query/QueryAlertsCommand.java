package io.stream4flow.cli.query;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s4fctl query alerts}: the alerts of a range. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl query alerts --since 24h --filter 'type ssh_bruteforce and dst net 10.0.0.0/8' --output csv",
        description = "Alerts (s4f-alerts-*) whose @timestamp is in the range, newest first.")
public final class QueryAlertsCommand implements Callable<Integer> {
    @Mixin
    private QueryOptions options;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]",
            description = "Order by a field of the alerts (flows, targets, severity, ...); default: @timestamp:desc.")
    private String sort;

    private final PrintStream out;

    public QueryAlertsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        QueryRequest request = options.request(sort);
        out.print(QueryViews.alerts(options.service().alerts(request), options.format));
        out.flush();
        return ExitCode.OK;
    }
}
