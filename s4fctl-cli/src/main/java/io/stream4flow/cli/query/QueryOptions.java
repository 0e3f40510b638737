package io.stream4flow.cli.query;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import io.stream4flow.schema.filter.FilterException;
import io.stream4flow.schema.filter.FilterExpr;
import io.stream4flow.schema.filter.FilterParser;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every {@code query} verb shares (a picocli mixin): the range, the filter, limit, sort, output, and
 * where Elasticsearch is. A bad value is a {@link CommandFailure} of {@link ExitCode#USAGE} with one line naming
 * the option ({@code --filter: column 18: expected an address after 'ip'}).
 */
public final class QueryOptions {
    @Option(names = "--since", paramLabel = "DURATION",
            description = "The range ends now (or at --to) and starts this long before: 30m, 1h, 2d, 1w; default 1h.")
    String since;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start of the range: ISO 8601 (2026-03-04T05:06:07Z, 2026-03-04), now, or now-2h.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the range, as --from; default: now.")
    String to;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "nfdump filter syntax: 'src net 10.0.0.0/8 and dst port 22', 'type ddos', 'severity high'.")
    String filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most N results (1 to 10000); default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (one JSON document a line) or csv; default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--es", paramLabel = "URL",
            description = "Elasticsearch's HTTP address; default: elasticsearch.url of the configuration "
                    + "(`s4fctl config show`), else the local stack's (http://127.0.0.1:9200).")
    String es;

    @Mixin
    HomeOption homeOption;

    /** The service at {@code --es}, or at the configured Elasticsearch ({@link ClientConfig}). */
    QueryService service() {
        ClientConfig config = ClientConfig.load(homeOption.home()).with(ConfigKey.ELASTICSEARCH_URL, es, "--es");
        return new ElasticsearchQueryService(config.elasticsearch(), Duration.ofSeconds(10));
    }

    /** The request of the options; {@code sort} is the verb's {@code --sort} (null: its default). */
    QueryRequest request(String sort) {
        try {
            TimeRange range = TimeRange.of(since, from, to, Instant.now());
            return new QueryRequest(range, filter(), limit, sort == null ? null : Sort.parse(sort));
        } catch (FilterException e) {
            throw usage("--filter: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private FilterExpr filter() {
        return filter == null || filter.isBlank() ? null : FilterParser.parse(filter);
    }

    static CommandFailure usage(String message) {
        return new CommandFailure(ExitCode.USAGE, message);
    }
}
