package io.stream4flow.bench.load;

import io.stream4flow.schema.Topics;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.schema.avro.FlowBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real Kafka broker (local-stack's {@link KafkaBroker}, KRaft, its own JVM) and the topic the
 * collector produces to, in JSON or Avro ({@code ?format=avro}). After each step the topic must hold exactly the
 * records the collector decoded, as the broker acknowledged them: for JSON (one record per message) its end offset
 * moved by that many; for Avro (a block of records per message) the counts of the new blocks sum to that, read back
 * with a consumer after the step. The broker's
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
        long end = endOffset();
        long moved = end - endOffset;
        checks.put("topic_messages", moved);
        checks.put("broker_cpu_ms", Children.cpuMillis(broker.pid()) - brokerCpu);
        if (!query.contains("format=avro")) {
            if (moved != received) {
                problems.add(String.format("the topic grew by %,d messages for %,d records decoded", moved, received));
            }
            return;
        }
        long records = blockRecords(endOffset, end);
        checks.put("topic_records", records);
        if (records != received) {
            problems.add(String.format("the topic's %,d new messages hold %,d records for %,d records decoded", moved,
                    records, received));
        }
    }

    /** The records in the blocks of Avro flow records at offsets [from, to) (read after the step). */
    private long blockRecords(long from, long to) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(List.of(partition));
            c.seek(partition, from);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long at = from;
            while (at < to && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> m : c.poll(Duration.ofMillis(500))) {
                    if (m.offset() < to) {
                        records += Math.max(0, FlowBlock.records(m.value()));
                    }
                    at = m.offset() + 1;
                }
            }
        }
        return records;
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
