package io.stream4flow.cluster.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParams;
import io.stream4flow.cluster.output.DocumentSink;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;

import picocli.CommandLine;

/**
 * The runner's queries against the real Kafka broker: flows topic -> portscan -> alerts topic, then a restart
 * from the checkpoint. (Elasticsearch is off here: {@code --es none}.)
 */
@KafkaIntegrationTest
class JobRunnerKafkaIntegrationTest {

    private static final long T0 = 1_700_000_040_000L;

    @Test
    void portscanAlertsReachTheAlertsTopicKeyedByIdAndARestartReprocessesNothing() throws Exception {
        String bootstrap = KafkaExtension.bootstrapServers();
        String flows = KafkaExtension.createTopic("flows", 2);
        String alerts = KafkaExtension.createTopic("alerts", 1);
        Path checkpoints = Files.createTempDirectory("s4f-runner-it");
        KafkaFlows.produce(bootstrap, flows, scan(1, 25));
        KafkaFlows.produce(bootstrap, flows, List.of(FlowJson.proto(17, 1, 100, T0).json(), "garbage"));

        runOnce(bootstrap, flows, alerts, checkpoints);
        List<ConsumerRecord<String, String>> first = KafkaFlows.readAll(bootstrap, alerts);
        assertThat(first).hasSize(1);
        JsonNode alert = TestSpark.parse(first.get(0).value());
        assertThat(alert.get("type").asText()).isEqualTo("portscan_horizontal");
        assertThat(alert.get("targets").asLong()).isEqualTo(25);
        assertThat(first.get(0).key()).isEqualTo(alert.get("id").asText());

        runOnce(bootstrap, flows, alerts, checkpoints);                    // nothing new since the checkpoint
        assertThat(KafkaFlows.readAll(bootstrap, alerts)).hasSize(1);

        KafkaFlows.produce(bootstrap, flows, scan(26, 28));                 // the same scan grows
        runOnce(bootstrap, flows, alerts, checkpoints);
        List<ConsumerRecord<String, String>> all = KafkaFlows.readAll(bootstrap, alerts);
        assertThat(all).hasSize(2);
        JsonNode grown = TestSpark.parse(all.get(1).value());
        assertThat(grown.get("targets").asLong()).isEqualTo(28);
        assertThat(all.get(1).key()).isEqualTo(first.get(0).key());
    }

    @Test
    void badOptionsAreOneLineErrors() {
        assertThatThrownBy(() -> runner("--job", "portscan", "--param", "portscan.min-targets=x").plan())
                .hasMessage("job portscan: parameter min-targets: expected a positive integer, got 'x'");
        assertThatThrownBy(() -> runner("--job", "hosts").plan())
                .hasMessageStartingWith("job hosts: parameter local-net is required");
        assertThatThrownBy(() -> runner("--param", "scan.window=1m").plan())
                .hasMessageStartingWith("unknown job scan");
        assertThatThrownBy(() -> runner("--trigger", "soon").config())
                .hasMessageStartingWith("--trigger: expected a duration");
        Map<JobDefinition, JobParams> plan = runner("--local-net", "10.0.0.0/8", "--param", "topn.n=3").plan();
        assertThat(plan.keySet()).extracting(JobDefinition::name)
                .containsExactly("protocols", "hosts", "topn", "portscan");
        assertThat(plan.values()).filteredOn(p -> p.job().equals("topn")).singleElement()
                .satisfies(p -> assertThat(p.integer("n")).isEqualTo(3));
        assertThat(runner("--local-net", "10.0.0.0/8", "--job", "dns_external_resolver").plan().values())
                .singleElement().satisfies(p -> assertThat(p.cidrs("local-net")).hasSize(1));
    }

    @Test
    void aUserSqlJobIsPlannedAloneOrBesideNamedJobsAndBadOnesAreRefused() {
        String q = "SELECT window, src_ip, count(*) AS flows FROM flows GROUP BY window(flow_start, '1 minute'), src_ip";
        assertThat(runner("--sql-query", q, "--sql-name", "busy").plan().keySet()).extracting(JobDefinition::name)
                .containsExactly("busy");
        assertThat(runner("--sql-query", q, "--job", "portscan", "--sql-emit", "stats").plan().keySet())
                .extracting(JobDefinition::name).containsExactly("portscan", "sql");
        assertThatThrownBy(() -> runner("--sql-query", q, "--sql-emit", "mail").plan())
                .hasMessage("--sql-emit: expected alerts or stats, got 'mail'");
        assertThatThrownBy(() -> runner("--sql-query", q, "--sql-name", "portscan").plan())
                .hasMessage("--sql-name: portscan is the name of a job of the catalog");
    }

    private static void runOnce(String bootstrap, String flows, String alerts, Path checkpoints) {
        JobRunner runner = runner("--bootstrap", bootstrap, "--topic", flows, "--alerts-topic", alerts,
                "--es", "none", "--checkpoint-dir", checkpoints.toString(), "--job", "portscan",
                "--starting-offsets", "earliest", "--trigger", "available-now");
        List<StreamingQuery> queries = JobRunner.start(TestSpark.session(), runner.plan(), runner.config(),
                new DocumentSink(null, bootstrap, alerts));
        assertThat(JobRunner.awaitAll(TestSpark.session(), queries)).isZero();
    }

    private static JobRunner runner(String... args) {
        JobRunner runner = new JobRunner();
        new CommandLine(runner).parseArgs(args);
        return runner;
    }

    private static List<String> scan(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(FlowJson.syn("10.0.0.1", "192.0.2." + i, 3389, T0 + i).json());
        }
        return out;
    }
}
