package io.stream4flow.cli.flows;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import io.stream4flow.schema.Topics;
import io.stream4flow.schema.filter.FilterException;
import io.stream4flow.schema.filter.FilterParser;
import io.stream4flow.schema.filter.FlowPredicate;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl flows [--filter EXPR] [--since AGE | --from-beginning] [--limit N] [--follow]
 * [--output table|json|csv]}: the flows of the flows topic that a filter accepts, read by {@link FlowReader} and
 * printed by {@link FlowPrinter}. Failures go to {@link io.stream4flow.cli.Failures}: a bad filter or option is a
 * usage error (2), no broker is 3.
 */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print the flows of the flows topic (JSON or Avro blocks, as the collector writes them) that a filter "
                    + "accepts, like nfdump -o line (table), as JSON lines or CSV.",
            "Reads every partition without a consumer group (nothing is committed), from the first record whose "
                    + "Kafka timestamp is within --since (default: the last 10 minutes) or from the beginning, up "
                    + "to the end of the topic as it was at the start; --follow goes on until Ctrl-C.",
            "Packets and bytes are those of the flows view: multiplied by the sampling interval when it is "
                    + "above 1.",
            "Examples:",
            "  s4fctl flows --filter 'proto tcp and dst port 22'",
            "  s4fctl flows --from-beginning --filter 'net 10.0.0.0/8' --output csv --limit 100",
            "  s4fctl flows --since 1h --filter 'inet6' --follow"})
public final class FlowsCommand implements Callable<Integer> {
    /** Read from this far back when neither --since nor --from-beginning is given. */
    static final Duration DEFAULT_SINCE = Duration.ofMinutes(10);
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOption homeOption;

    @Option(names = "--filter", paramLabel = "EXPR", defaultValue = "any",
            description = "nfdump's filter syntax (flow-schema README), e.g. 'src net 10.0.0.0/8 and dst port 22'. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String filter;

    @Option(names = "--since", paramLabel = "AGE",
            description = "Start at the first record of each partition written this long ago or later: 30s, 10m, "
                    + "2h, 1d. Default: 10m.")
    private String since;

    @Option(names = "--from-beginning", description = "Start at the oldest record kept.")
    private boolean fromBeginning;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Stop after N matching flows; 0: no limit. Default: ${DEFAULT-VALUE}.")
    private long limit;

    @Option(names = "--follow", description = "Keep reading new flows until Ctrl-C.")
    private boolean follow;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (nfdump -o line), json (one flow per line) or csv. Default: ${DEFAULT-VALUE}.")
    private String output;

    @Option(names = "--utc", description = "Table times in UTC; default: the local time zone (as nfdump).")
    private boolean utc;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "The broker (several: comma-separated); default: kafka.bootstrap of the configuration "
                    + "(`s4fctl config show`), else the local stack's.")
    private String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.FLOWS,
            description = "Default: ${DEFAULT-VALUE}.")
    private String topic;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public FlowsCommand(PrintStream out, PrintStream err) {
        this(out, err, Clock.systemUTC());
    }

    FlowsCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Predicate<Map<String, ?>> accepts;
        try {
            accepts = FlowPredicate.of(FilterParser.parse(filter));
        } catch (FilterException e) {
            throw new ParameterException(spec.commandLine(), "--filter: " + e.getMessage());
        }
        OutputFormat format = format();
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit: " + limit + " is negative (0: no limit)");
        }
        if (fromBeginning && since != null) {
            throw new ParameterException(spec.commandLine(), "--since and --from-beginning exclude each other");
        }
        Instant start = fromBeginning ? null : clock.instant().minus(since == null ? DEFAULT_SINCE : age(since));
        KafkaEndpoint kafka = ClientConfig.load(homeOption.home())
                .with(ConfigKey.KAFKA_BOOTSTRAP, bootstrap, "--bootstrap").kafka();
        String servers = kafka.bootstrap();
        FlowReader reader = FlowReader.open(kafka, topic, start);
        FlowPrinter printer = new FlowPrinter(format, utc ? ZoneOffset.UTC : ZoneId.systemDefault());
        boolean terminal = System.console() != null;
        try (reader; GracefulStop stop = GracefulStop.install(reader::stop)) {
            if (terminal) {
                err.println("reading " + topic + " at " + servers + " (" + reader.partitions() + " partitions, "
                        + (start == null ? "from the beginning" : "since " + start) + (follow ? "); stop with Ctrl-C" : ")"));
            }
            out.print(printer.header());
            long matched = reader.run(accepts, limit, follow, flow -> out.print(printer.line(flow)),
                    () -> { out.flush(); return !out.checkError(); });
            out.flush();
            if (terminal) {
                err.println(matched + " of " + reader.flows() + " flows matched" + (reader.unreadable() == 0 ? ""
                        : "; " + reader.unreadable() + " messages were not flows"));
            }
        }
        return ExitCode.OK;
    }

    private OutputFormat format() {
        try {
            return OutputFormat.valueOf(output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--output: expected table, json or csv, got '" + output + "'");
        }
    }

    /** {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms}. */
    private Duration age(String text) {
        Matcher m = AGE.matcher(text.strip());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--since: expected an age such as 30s, 10m, 2h or 1d, got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

}
