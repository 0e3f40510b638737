package io.stream4flow.cluster.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;
import io.stream4flow.cluster.output.DocumentSink;
import io.stream4flow.cluster.output.ElasticsearchWriter;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;

import picocli.CommandLine;

/**
 * Kafka -> protocols and portscan -> the real Elasticsearch node: documents land under their ids in the daily
 * indices with the template's mappings; a fresh checkpoint from the earliest offsets overwrites (same count);
 * a restart from the checkpoint writes nothing (versions unchanged).
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
class JobRunnerElasticsearchIntegrationTest {

    /** 2021-03-04T05:06:00Z: a day no other test writes. */
    private static final long T0 = 1_614_834_360_000L;
    private static final String STATS = "s4f-stats-2021.03.04";
    private static final String ALERTS = "s4f-alerts-2021.03.04";

    @Test
    void documentsAreOverwrittenNotDuplicatedAndARestartWritesNothing() throws Exception {
        scenario(T0, STATS, ALERTS, false);
    }

    /** The same through the combined query ({@code --combine}, checkpoint protocols+portscan), a day later. */
    @Test
    void theCombinedQueryAlsoOverwritesAndRestartsWithoutWriting() throws Exception {
        scenario(T0 + 86_400_000L, "s4f-stats-2021.03.05", "s4f-alerts-2021.03.05", true);
    }

    /**
     * Host profiles carry the alerts of their host: the scanner's profile of the day lists the scan alert once,
     * beside its traffic, also after the same data was processed again from a fresh checkpoint.
     */
    @Test
    void hostProfilesListTheAlertsOfTheirHostOnce() throws Exception {
        long t0 = T0 + 2 * 86_400_000L;
        String bootstrap = KafkaExtension.bootstrapServers();
        String flows = KafkaExtension.createTopic("flows", 2);
        String alerts = KafkaExtension.createTopic("alerts", 1);
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            values.add(FlowJson.syn("10.0.0.7", "192.0.2." + i, 23, t0 + i).json());
        }
        KafkaFlows.produce(bootstrap, flows, values);
        String[] args = {"--bootstrap", bootstrap, "--topic", flows, "--alerts-topic", alerts, "--job", "portscan",
            "--job", "host_profile", "--local-net", "10.0.0.0/8", "--starting-offsets", "earliest",
            "--trigger", "available-now"};
        try (ElasticsearchWriter writer = ElasticsearchWriter.connect(ElasticsearchExtension.httpUrl())) {
            writer.installTemplates();
            ElasticsearchClient es = writer.client();
            for (String dir : new String[] {"s4f-es-it-profile-a", "s4f-es-it-profile-b"}) {
                JobRunner runner = new JobRunner();
                new CommandLine(runner).parseArgs(concat(args, "--checkpoint-dir",
                        Files.createTempDirectory(dir).toString()));
                var plan = runner.plan();
                assertThat(JobRunner.awaitAll(TestSpark.session(), JobRunner.start(TestSpark.session(), plan,
                        runner.config(), new DocumentSink(writer, bootstrap, alerts, JobPlan.profileLinks(plan)))))
                        .isZero();
                es.indices().refresh(r -> r.index("s4f-*"));
                ObjectNode alert = es.search(s -> s.index("s4f-alerts-2021.03.06"), ObjectNode.class).hits().hits()
                        .get(0).source();
                var profiles = es.search(s -> s.index("s4f-hosts-2021.03.06").query(q -> q.term(t -> t.field("host")
                        .value("10.0.0.7"))), ObjectNode.class).hits().hits();
                assertThat(profiles).hasSize(1);
                ObjectNode profile = profiles.get(0).source();
                assertThat(profile.get("flows").asLong()).isEqualTo(21);
                assertThat(profile.get("alerts")).hasSize(1);
                var entry = profile.get("alerts").get(alert.get("id").asText() + ":source");
                assertThat(entry.get("id").asText()).isEqualTo(alert.get("id").asText());
                assertThat(entry.get("type").asText()).isEqualTo("portscan_horizontal");
                assertThat(entry.get("role").asText()).isEqualTo("source");
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void scenario(long t0, String statsIndex, String alertsIndex, boolean combine)
            throws Exception {
        final long T0 = t0;
        final String STATS = statsIndex;
        final String ALERTS = alertsIndex;
        String bootstrap = KafkaExtension.bootstrapServers();
        String flows = KafkaExtension.createTopic("flows", 2);
        String alerts = KafkaExtension.createTopic("alerts", 1);
        List<String> values = new ArrayList<>();
        for (int window = 0; window < 2; window++) {
            for (int protocol : new int[] {1, 6, 17}) {
                values.add(FlowJson.proto(protocol, 2, 200, T0 + window * 10_000L).json());
            }
        }
        for (int i = 1; i <= 21; i++) {
            values.add(FlowJson.syn("10.0.0.7", "192.0.2." + i, 23, T0 + i).json());
        }
        KafkaFlows.produce(bootstrap, flows, values);
        Path first = Files.createTempDirectory("s4f-es-it-a");
        Path second = Files.createTempDirectory("s4f-es-it-b");

        try (ElasticsearchWriter writer = ElasticsearchWriter.connect(ElasticsearchExtension.httpUrl())) {
            writer.installTemplates();
            ElasticsearchClient es = writer.client();

            run(writer, bootstrap, flows, alerts, first, combine);
            // protocols 6 (3 protocols x 2 windows, +21 TCP SYNs in the first), portscan 1
            assertThat(count(es, STATS)).isEqualTo(6);
            assertThat(count(es, ALERTS)).isEqualTo(1);
            ObjectNode alert = es.search(s -> s.index(ALERTS), ObjectNode.class).hits().hits().get(0).source();
            String alertId = alert.get("id").asText();
            assertThat(es.search(s -> s.index(ALERTS), ObjectNode.class).hits().hits().get(0).id())
                    .isEqualTo(alertId);
            assertThat(alert.get("targets").asLong()).isEqualTo(21);
            var mapping = es.indices().getMapping(m -> m.index(ALERTS)).result().get(ALERTS).mappings()
                    .properties();
            assertThat(mapping.get("src_ip").isIp()).isTrue();
            assertThat(mapping.get("@timestamp").isDate()).isTrue();
            assertThat(mapping.get("type").isKeyword()).isTrue();

            run(writer, bootstrap, flows, alerts, second, combine);       // replay everything with a fresh checkpoint
            assertThat(count(es, STATS)).isEqualTo(6);
            assertThat(count(es, ALERTS)).isEqualTo(1);
            long version = version(es, ALERTS, alertId);
            assertThat(version).isEqualTo(2);

            run(writer, bootstrap, flows, alerts, first, combine);        // restart: nothing new after the checkpoint
            assertThat(version(es, ALERTS, alertId)).isEqualTo(version);
            assertThat(count(es, STATS)).isEqualTo(6);
        }
    }

    private static void run(ElasticsearchWriter writer, String bootstrap, String flows, String alerts, Path dir,
            boolean combine) {
        JobRunner runner = new JobRunner();
        new CommandLine(runner).parseArgs("--bootstrap", bootstrap, "--topic", flows, "--alerts-topic", alerts,
                "--checkpoint-dir", dir.toString(), "--job", "protocols", "--job", "portscan",
                "--starting-offsets", "earliest", "--trigger", "available-now");
        List<StreamingQuery> queries = JobRunner.start(TestSpark.session(), runner.plan(), runner.config(),
                new DocumentSink(writer, bootstrap, alerts), combine);
        if (combine) {
            assertThat(queries).extracting(StreamingQuery::name).containsExactly("protocols+portscan");
            assertThat(dir.resolve("protocols+portscan")).isDirectory();
        }
        assertThat(JobRunner.awaitAll(TestSpark.session(), queries)).isZero();
    }

    private static long count(ElasticsearchClient es, String index) throws Exception {
        es.indices().refresh(r -> r.index(index));
        return es.count(c -> c.index(index)).count();
    }

    private static long version(ElasticsearchClient es, String index, String id) throws Exception {
        GetResponse<ObjectNode> doc = es.get(g -> g.index(index).id(id), ObjectNode.class);
        assertThat(doc.found()).isTrue();
        return doc.version();
    }
}
