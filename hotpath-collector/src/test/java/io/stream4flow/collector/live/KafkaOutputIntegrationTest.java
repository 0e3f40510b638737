package io.stream4flow.collector.live;

import static io.stream4flow.collector.live.LiveHarness.config;
import static io.stream4flow.collector.live.LiveHarness.offline;
import static io.stream4flow.collector.live.LiveHarness.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.exporters.ExporterStreams;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector into a real Kafka broker (KRaft, started once per test run by the local-stack
 * fixture): records come out of the topic equal to the offline decode, keyed by exporter; a broker
 * outage fills the producer's bounded buffer, then records are dropped and counted.
 */
@KafkaIntegrationTest
@Tag("exporters")
class KafkaOutputIntegrationTest {

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int n, long timeoutMillis) {
        return readAll(bootstrap, topic, n, timeoutMillis, m -> 1);
    }

    /** As {@link #readAll(String, String, int, long)}, until the messages hold {@code n} records by {@code records}. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int n, long timeoutMillis,
                                                        ToIntFunction<ConsumerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            long end = System.currentTimeMillis() + timeoutMillis;
            int got = 0;
            while (got < n && System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> m : c.poll(Duration.ofMillis(200))) {
                    out.add(m);
                    got += records.applyAsInt(m);
                }
            }
            // nothing more than expected
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    @Test
    void corpusAndSoftflowdStreamsLandInTheTopicAsDecodedOffline(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaExtension.createTopic("flows", 2);
        List<byte[]> payloads = new ArrayList<>(CollectorTest.corpusPayloads(false));
        payloads.addAll(ExporterStreams.shared().get(ExporterStreams.Variant.SOFTFLOWD_IPFIX).payloads());
        List<String> want;
        try (Collector c = Collector.start(config(dir, "kafka://" + broker.bootstrapServers() + "/" + topic,
                "udp://127.0.0.1:0"))) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            want = offline(payloads, port);

        }
        // close() flushed the producer: everything accepted is in the topic
        List<ConsumerRecord<byte[], byte[]>> got = readAll(broker.bootstrapServers(), topic, want.size(), 30_000);
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("127.0.0.1");
            values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        assertThat(values).hasSize(want.size());
        assertThat(sorted(values)).isEqualTo(sorted(want));
        // one exporter = one key = one partition: its records keep their order
        assertThat(values).isEqualTo(want);
    }

    @Test
    void aBrokerOutageFillsTheBufferThenDropsWithCounters(@TempDir Path dir) throws Exception {
        KafkaBroker own = KafkaBroker.builder().dataDir(dir.resolve("kafka")).port(0).heap("256m").build();
        own.start();
        String topic = "outage";
        own.createTopic(topic, 1);
        CollectorConfig d = config(dir, "kafka://" + own.bootstrapServers() + "/" + topic, "udp://127.0.0.1:0");
        CollectorConfig cfg = d.toBuilder().kafkaCompression("none").kafkaLingerMs(0).kafkaBatchBytes(16 << 10)
                .kafkaBufferBytes(256L << 10).warmupMillis(0).build();
        List<byte[]> payloads = ExporterStreams.shared().get(ExporterStreams.Variant.SOFTFLOWD_IPFIX).payloads();
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), payloads.subList(0, 3));
            awaitDelivered(c, 1);
            own.stop();
            for (int i = 0; i < 40; i++) {
                LiveHarness.send(c.boundAddresses().get(0), payloads);
            }
            // wait until the decoder has handed every record to the sink
            long end = System.currentTimeMillis() + 20_000;
            Map<String, Long> t = c.totals();
            while (!t.get("s4f_collector_sink_records_total:accepted").equals(t.get("s4f_collector_records_total"))
                    && System.currentTimeMillis() < end) {
                Thread.sleep(100);
                t = c.totals();
            }
            long accepted = t.get("s4f_collector_sink_records_total:accepted");
            long delivered = t.get("s4f_collector_sink_records_total:delivered");
            long full = t.get("s4f_collector_sink_records_total:dropped_buffer_full");
            long records = t.get("s4f_collector_records_total");
            assertThat(full).as("records dropped on a full buffer").isPositive();
            assertThat(delivered).as("records delivered before the outage").isPositive();
            assertThat(accepted).as("every decoded record reached the sink").isEqualTo(records);
            assertThat(delivered + full).isLessThanOrEqualTo(accepted);
            assertThat(t.get("s4f_collector_ring_full_drops_total")).isZero();
        } finally {
            own.stop();
        }
    }

    private static void awaitDelivered(Collector c, long n) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (c.totals().getOrDefault("s4f_collector_sink_records_total:delivered", 0L) < n
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(c.totals().get("s4f_collector_sink_records_total:delivered")).isGreaterThanOrEqualTo(n);
    }

}
