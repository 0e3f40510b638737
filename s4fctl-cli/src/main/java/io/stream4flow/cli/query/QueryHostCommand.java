package io.stream4flow.cli.query;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.schema.net.IpLiterals;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s4fctl query host IP}: one host's profiles and the alerts it was part of. */
@Command(name = "host", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl query host 10.0.0.7 --since 1d",
        description = {"One host: its profiles (s4f-hosts-*, one per day, whose window overlaps the range) and the "
                + "alerts it was the source or target of: those its profiles list and those an alerts search by "
                + "src_ip or dst_ip finds in the range.",
            "--filter, --sort and --limit apply to both searches (the sort chooses what the limit keeps); the "
                    + "alerts are shown newest first."})
public final class QueryHostCommand implements Callable<Integer> {
    @Mixin
    private QueryOptions options;

    @Parameters(index = "0", paramLabel = "IP", description = "An IPv4 or IPv6 address.")
    private String address;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]",
            description = "Which profiles and alerts the limit keeps; default: @timestamp:desc (the newest).")
    private String sort;

    private final PrintStream out;

    public QueryHostCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (IpLiterals.parse(address) == null) {
            throw QueryOptions.usage("host: '" + address + "' is not an IPv4 or IPv6 address");
        }
        QueryRequest request = options.request(sort);
        out.print(QueryViews.host(options.service().host(address, request), options.format));
        out.flush();
        return ExitCode.OK;
    }
}
