package io.stream4flow.cli.config;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.collector.MetricsScrape;
import io.stream4flow.collector.net.HostPort;
import io.stream4flow.localstack.LoopbackPorts;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code s4fctl config show|check} and the verbs reading the configuration, against the tests' real Kafka broker and
 * Elasticsearch node and a real collector (a child JVM with its metrics endpoint on).
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
@Timeout(180)
class ConfigCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hunter2-not-shown";

    private static Process collector;
    private static String metrics;
    private static Path home;

    @BeforeAll
    static void startCollectorAndWriteConfig() throws Exception {
        metrics = "127.0.0.1:" + LoopbackPorts.tcp();
        collector = new ProcessBuilder(CliRun.childCommand("collector", "run", "--listen", "udp://127.0.0.1:0",
                "--metrics", metrics, "--output", "null")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean up = false;
        for (int i = 0; i < 300 && !up; i++) {
            try {
                up = MetricsScrape.fetch(HostPort.parse(metrics)).contains("s4f_collector");
            } catch (CommandFailure e) {
                Thread.sleep(100);
            }
        }
        assertThat(up).as("the collector's metrics at " + metrics).isTrue();
        home = home("kafka:\n  bootstrap: " + KafkaExtension.bootstrapServers() + "\n"
                + "elasticsearch:\n  url: " + ElasticsearchExtension.httpUrl() + "\n  username: analyst\n"
                + "  password: " + SECRET + "\n"
                + "spark:\n  master: local[2]\n"
                + "collector:\n  metrics: " + metrics + "\n");
    }

    @AfterAll
    static void stopCollector() throws Exception {
        if (collector != null) {
            collector.destroy();
            collector.waitFor();
        }
    }

    @Test
    void checkSaysEveryEndpointAnswers() throws Exception {
        CliRun r = s4fctl("config", "check", "--home", home.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines().get(0)).matches("SERVICE +ADDRESS +RESULT +DETAIL");
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("kafka").contains(
                KafkaExtension.bootstrapServers(), " answers ", "1 broker (PLAINTEXT)"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).matches("elasticsearch +http://\\S+ +answers +"
                + "Elasticsearch \\d+\\.\\d+\\.\\d+, cluster .*"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).matches("spark +local\\[2] +local +runs inside.*"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).matches("collector +http://" + metrics.replace(".", "\\.")
                + "/metrics +answers +[1-9]\\d* metric samples"));

        CliRun json = s4fctl("config", "check", "--home", home.toString(), "--output", "json");
        List<String> results = new ArrayList<>();
        for (String line : json.lines()) {
            JsonNode o = JSON.readTree(line);
            results.add(o.get("service").asText() + "=" + o.get("result").asText());
        }
        assertThat(results).containsExactly("kafka=answers", "elasticsearch=answers", "spark=local",
                "collector=answers");
    }

    @Test
    void anEndpointThatDoesNotAnswerIsNamedAndTheExitCodeIsThree() throws Exception {
        int dead = LoopbackPorts.tcp();
        Path bad = home("kafka:\n  bootstrap: " + KafkaExtension.bootstrapServers() + "\n"
                + "elasticsearch:\n  url: http://127.0.0.1:" + dead + "\n"
                + "spark:\n  master: spark://127.0.0.1:" + dead + "\n"
                + "collector:\n  metrics: 127.0.0.1:" + dead + "\n");
        CliRun r = s4fctl("config", "check", "--home", bad.toString(), "--output", "json", "--timeout", "2");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILURE);
        Map<String, String> results = new java.util.LinkedHashMap<>();
        for (String line : r.lines()) {
            JsonNode o = JSON.readTree(line);
            results.put(o.get("service").asText(), o.get("result").asText());
        }
        assertThat(results).containsExactly(Map.entry("kafka", "answers"), Map.entry("elasticsearch", "unreachable"),
                Map.entry("spark", "unreachable"), Map.entry("collector", "unreachable"));
    }

    @Test
    void showMasksSecretsAndSaysWhereEachValueCameFrom() throws Exception {
        CliRun r = s4fctl("config", "show", "--home", home.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(SECRET);
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).matches("elasticsearch\\.password +\\*{8} +config\\.yaml"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).matches("kafka\\.security_protocol +PLAINTEXT +default"));
        assertThat(r.lines()).last().asString().isEqualTo("file: " + home.resolve("config.yaml"));

        CliRun child = CliRun.inChildJvm(Map.of("S4F_ELASTICSEARCH_URL", "https://es.example:9200"), null,
                "config", "show", "--home", home.toString(), "--output", "json");
        assertThat(child.code()).as(child.err()).isZero();
        assertThat(child.out()).doesNotContain(SECRET);
        JsonNode url = null;
        for (String line : child.lines()) {
            JsonNode o = JSON.readTree(line);
            if (o.get("key").asText().equals("elasticsearch.url")) {
                url = o;
            }
        }
        assertThat(url).isNotNull();
        assertThat(url.get("value").asText()).isEqualTo("https://es.example:9200");
        assertThat(url.get("source").asText()).isEqualTo("env S4F_ELASTICSEARCH_URL");
    }

    @Test
    void theVerbsReadTheirEndpointsFromTheConfiguration() throws Exception {
        CliRun alerts = s4fctl("query", "alerts", "--home", home.toString(), "--output", "json");
        assertThat(alerts.code()).as(alerts.err()).isZero();
        String topic = KafkaExtension.createTopic("config-flows", 1);
        CliRun flows = s4fctl("flows", "--home", home.toString(), "--topic", topic, "--from-beginning", "--output",
                "json");
        assertThat(flows.code()).as(flows.err()).isZero();
        assertThat(flows.out()).isEmpty();
        CliRun stats = s4fctl("collector", "stats", "--home", home.toString(), "--output", "json");
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("s4f_collector_datagrams_total");

        Path bad = home("elasticsearch:\n  url: 127.0.0.1:9200\n");
        CliRun refused = s4fctl("query", "alerts", "--home", bad.toString());
        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.errLines()).containsExactly("s4fctl: elasticsearch.url (config.yaml): '127.0.0.1:9200' is "
                + "not an http:// or https:// URL");
    }

    private static Path home(String yaml) throws Exception {
        Path dir = Files.createTempDirectory("s4f-config-");
        Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return dir;
    }
}
