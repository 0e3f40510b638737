package io.stream4flow.cli.query;

import picocli.CommandLine.Command;

/** {@code s4fctl query}: the group of verbs that read the alerts, statistics and host profiles from Elasticsearch. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Search what the jobs wrote to Elasticsearch: alerts, statistics, host profiles, top talkers.",
            "Every verb takes a time range (--since, or --from/--to), --filter in nfdump's syntax, --limit, --sort "
                    + "and --output table|json|csv."})
public final class QueryCommand {
}
