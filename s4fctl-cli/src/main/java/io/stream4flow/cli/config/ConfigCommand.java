package io.stream4flow.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.stack.HomeOption;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl config show|check}: the client configuration ({@link ClientConfig}) as it is in effect, and a try of
 * each endpoint it names ({@link ConfigCheck}).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Where s4fctl finds Kafka, Elasticsearch, the Spark master and the collector's metrics, and how "
                + "it logs in: <home>/config.yaml (home: --home, $S4F_HOME or ~/.stream4flow), overridden by "
                + "S4F_<SECTION>_<KEY> environment variables (a secret also from the file named by "
                + "S4F_<SECTION>_<KEY>_FILE), and by each verb's own options.",
            "Example config.yaml:",
            "  kafka:",
            "    bootstrap: broker1:9093",
            "    security_protocol: SASL_SSL",
            "    sasl_mechanism: SCRAM-SHA-512",
            "    username: s4f",
            "    password_file: /etc/stream4flow/kafka.password   # mode 0600",
            "    truststore: /etc/stream4flow/ca.pem",
            "  elasticsearch:",
            "    url: https://consumer:9200",
            "    username: s4f",
            "    password_file: /etc/stream4flow/es.password",
            "    ca: /etc/stream4flow/ca.pem",
            "  spark:",
            "    master: spark://master:7077",
            "  collector:",
            "    metrics: producer:9464"})
public final class ConfigCommand {
    static final String MASK = "********";

    /** {@code config show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print every setting in effect, where it came from (option, env VAR, config.yaml, stack, "
                    + "default) and the file read; secrets are shown as " + MASK + ".",
                "Example: s4fctl config show --output json | jq -r 'select(.source != \"stack\")'"})
    public static final class Show implements Callable<Integer> {
        @Mixin
        private HomeOption homeOption;

        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
                description = "table, json (one object a line: key, value, source) or csv; default: ${DEFAULT-VALUE}.")
        private OutputFormat format;

        private final PrintStream out;

        public Show(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            ClientConfig config = ClientConfig.load(homeOption.home());
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<ConfigKey, ClientConfig.Setting> e : config.settings().entrySet()) {
                rows.add(List.of(e.getKey().key(), e.getKey().secret() ? MASK : e.getValue().value(),
                        e.getValue().source()));
            }
            if (format == OutputFormat.json) {
                ObjectMapper json = new ObjectMapper();
                for (List<String> r : rows) {
                    ObjectNode o = json.createObjectNode().put("key", r.get(0)).put("value", r.get(1))
                            .put("source", r.get(2));
                    out.println(o.toString());
                }
            } else {
                out.print(format.rows(List.of("KEY", "VALUE", "SOURCE"), new boolean[3], rows));
                if (format == OutputFormat.table) {
                    out.println("file: " + config.file()
                            + (Files.isRegularFile(config.file()) ? "" : " (none)"));
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code config check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Try each endpoint of the configuration once, logged in as configured, and say which "
                    + "answers: Kafka (cluster id, brokers), Elasticsearch (version), the Spark master (a "
                    + "connection; nothing to reach for local[*]) and the collector's metrics page.",
                "Exit 0: every endpoint answers; 1: one refused the credentials; 3: one is not reachable.",
                "Example: s4fctl config check || echo 'fix the endpoints above'"})
    public static final class Check implements Callable<Integer> {
        @Mixin
        private HomeOption homeOption;

        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
                description = "table, json (one object a line: service, address, result, detail) or csv; default: "
                        + "${DEFAULT-VALUE}.")
        private OutputFormat format;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
                description = "How long each endpoint may take to answer; default: ${DEFAULT-VALUE}.")
        private int timeoutSeconds;

        @Spec
        private CommandSpec spec;

        private final PrintStream out;

        public Check(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout: " + timeoutSeconds
                        + " is not a positive number of seconds");
            }
            List<ConfigCheck.Outcome> outcomes = new ConfigCheck(ClientConfig.load(homeOption.home()),
                    Duration.ofSeconds(timeoutSeconds)).run();
            List<List<String>> rows = new ArrayList<>();
            for (ConfigCheck.Outcome o : outcomes) {
                rows.add(List.of(o.service(), o.address(), o.result().name(), o.detail()));
            }
            if (format == OutputFormat.json) {
                ObjectMapper json = new ObjectMapper();
                for (ConfigCheck.Outcome o : outcomes) {
                    out.println(json.createObjectNode().put("service", o.service()).put("address", o.address())
                            .put("result", o.result().name()).put("detail", o.detail()).toString());
                }
            } else {
                out.print(format.rows(List.of("SERVICE", "ADDRESS", "RESULT", "DETAIL"), new boolean[4], rows));
            }
            out.flush();
            if (outcomes.stream().anyMatch(o -> o.result() == ConfigCheck.Result.unreachable)) {
                return ExitCode.FAILURE;
            }
            return outcomes.stream().anyMatch(o -> o.result() == ConfigCheck.Result.refused) ? ExitCode.REJECTED
                    : ExitCode.OK;
        }
    }
}
