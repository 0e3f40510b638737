package io.stream4flow.cli.query;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s4fctl query stats}: statistics documents of a range. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl query stats --type protocols --since 2h --output json | jq -c '{t: .\"@timestamp\", p: .protocol, bytes}'",
        description = "Statistics (s4f-stats-*) whose @timestamp is in the range, newest first; the table's columns "
                + "follow --type.")
public final class QueryStatsCommand implements Callable<Integer> {
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Mixin
    private QueryOptions options;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "protocols, hosts, topn, dns, tls (or a user SQL job's name); default: every type.")
    private String type;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]",
            description = "Order by a field of the documents (flows, bytes, ...); default: @timestamp:desc.")
    private String sort;

    private final PrintStream out;

    public QueryStatsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (type != null && !TYPE.matcher(type).matches()) {
            throw QueryOptions.usage("--type: '" + type + "' is not a statistics type (protocols, hosts, topn, dns, tls)");
        }
        QueryRequest request = options.request(sort);
        out.print(QueryViews.documents(options.service().stats(type, request), QueryViews.statsColumns(type),
                options.format));
        out.flush();
        return ExitCode.OK;
    }
}
