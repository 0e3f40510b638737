package io.stream4flow.bench.load;

import io.stream4flow.schema.Topics;
import io.stream4flow.localstack.KafkaBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A real Kafka broker (local-stack's {@link KafkaBroker}, KRaft, its own JVM) and the topic the
 * collector produces to, in JSON or Avro ({@code ?format=avro}: one Avro binary record per message).
 * After each step the topic's end offset must have moved by exactly the records the collector
 * decoded: what the broker acknowledged, counted by the broker; the check is the same in both formats. The broker's
 * log segments (gigabytes after a run) are deleted when it stops; its log file stays.
 */
final class KafkaSinkCheck implements SinkCheck {
    static final String TOPIC = Topics.FLOWS;
    private final KafkaBroker broker;
    private final Admin admin;
    private final TopicPartition partition = new TopicPartition(TOPIC, 0);
    private long endOffset;
    private long brokerCpu;
    private final String query;

    private KafkaSinkCheck(KafkaBroker broker, String query) {
        this.broker = broker;
        this.query = query;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        this.admin = Admin.create(p);
    }

    /**
     * Starts a fresh broker with its data in {@code dir} and creates the topic (one partition: one exporter key).
     *
     * @param query appended to the collector's output, {@code ""} (JSON) or {@code "?format=avro"}
     */
    static KafkaSinkCheck start(Path dir, String query, Log log) {
        KafkaBroker broker = KafkaBroker.builder().dataDir(dir).port(0).heap("1g").build();
        try {
            broker.start();
            broker.createTopic(TOPIC, 1);
            log.info("Kafka broker " + broker.bootstrapServers() + " (pid " + broker.pid() + ", started in "
                    + broker.startDuration().toMillis() + " ms, log " + broker.logFile() + ")");
            return new KafkaSinkCheck(broker, query);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public long serverPid() {
        return broker.pid();
    }

    @Override
    public String output() {
        return "kafka://" + broker.bootstrapServers() + "/" + TOPIC + query;
    }

    @Override
    public void beforeStep() throws Exception {
        endOffset = endOffset();
        brokerCpu = Children.cpuMillis(broker.pid());
    }

    @Override
    public void afterStep(long received, Map<String, Long> checks, List<String> problems) throws Exception {
        long moved = endOffset() - endOffset;
        checks.put("topic_messages", moved);
        checks.put("broker_cpu_ms", Children.cpuMillis(broker.pid()) - brokerCpu);
        if (moved != received) {
            problems.add(String.format("the topic grew by %,d messages for %,d records decoded", moved, received));
        }
    }

    private long endOffset() throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        q.put(partition, OffsetSpec.latest());
        ListOffsetsResult r = admin.listOffsets(q);
        return r.partitionResult(partition).get(30, TimeUnit.SECONDS).offset();
    }

    @Override
    public void close() {
        admin.close();
        broker.close();
        try {
            LoadHarness.deleteTree(broker.dataDir().resolve("data"));
        } catch (java.io.IOException ignored) {
            // under target/: the next run deletes it before starting
        }
    }
}
