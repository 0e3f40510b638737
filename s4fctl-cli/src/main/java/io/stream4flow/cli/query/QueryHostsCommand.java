package io.stream4flow.cli.query;

import io.stream4flow.cli.ExitCode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code s4fctl query hosts}: host statistics windows, the busiest first. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl query hosts --since 1h --filter 'net 10.0.0.0/24' --limit 20",
        description = "Host statistics (s4f-stats-* of type hosts: one document per local host and 60 s window) in "
                + "the range, most flows first.")
public final class QueryHostsCommand implements Callable<Integer> {
    @Mixin
    private QueryOptions options;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]",
            description = "flows, bytes, packets, peers, dst_ports, @timestamp, ...; default: flows:desc.")
    private String sort;

    private final PrintStream out;

    public QueryHostsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        QueryRequest request = options.request(sort);
        out.print(QueryViews.documents(options.service().hosts(request), QueryViews.HOSTS, options.format));
        out.flush();
        return ExitCode.OK;
    }
}
