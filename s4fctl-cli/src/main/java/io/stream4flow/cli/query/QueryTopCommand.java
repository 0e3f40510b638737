package io.stream4flow.cli.query;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s4fctl query top}: the top talkers of a range. */
@Command(name = "top", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl query top --since 1h --sort flows --limit 10",
        description = {"Top talkers: the local hosts with the most traffic in the range, from the host statistics "
                + "(a terms aggregation by host over s4f-stats-* of type hosts, flows, packets and bytes summed).",
            "Only hosts of the hosts job's local-net have statistics; --filter selects the statistics documents "
                    + "(net 10.1.0.0/16, flows > 100)."})
public final class QueryTopCommand implements Callable<Integer> {
    private static final Set<String> METRICS = Set.of("flows", "packets", "bytes");

    @Mixin
    private QueryOptions options;

    @Option(names = "--sort", paramLabel = "flows|packets|bytes", defaultValue = "bytes",
            description = "What makes a host top; default: ${DEFAULT-VALUE}.")
    private String sort;

    private final PrintStream out;

    public QueryTopCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        String metric = sort.strip().toLowerCase(Locale.ROOT);
        if (metric.endsWith(":desc")) {
            metric = metric.substring(0, metric.length() - ":desc".length());
        }
        if (!METRICS.contains(metric)) {
            throw QueryOptions.usage("--sort: '" + sort + "': top sorts by flows, packets or bytes (most first)");
        }
        QueryRequest request = options.request(null);
        out.print(QueryViews.top(options.service().top(metric, request), options.format));
        out.flush();
        return ExitCode.OK;
    }
}
