package io.stream4flow.collector.live;

import static io.stream4flow.collector.live.LiveHarness.config;
import static io.stream4flow.collector.live.LiveHarness.offline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import io.stream4flow.schema.avro.FlowAvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector into a real Kafka broker with {@code ?format=avro}: blocks of Avro records per message, keyed by
 * the exporter, at most {@code kafka.message-records} each, the records giving back the flow JSON of the offline
 * decode in order.
 */
@KafkaIntegrationTest
class KafkaAvroOutputIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachMessageIsABlockOfAvroRecordsOfTheOfflineDecode(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaExtension.createTopic("flows-avro", 2);
        List<byte[]> payloads = CollectorTest.corpusPayloads(false);
        List<String> want;
        int most = 8;
        try (Collector c = Collector.start(config(dir, "kafka://" + broker.bootstrapServers() + "/" + topic
                + "?format=avro", "udp://127.0.0.1:0").toBuilder().kafkaMessageRecords(most).build())) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            want = offline(payloads, port);
        }
        FlowAvroJson avro = new FlowAvroJson();
        List<ConsumerRecord<byte[], byte[]>> got = KafkaOutputIntegrationTest.readAll(broker.bootstrapServers(),
                topic, want.size(), 30_000, m -> block(avro, m.value()).size());
        List<JsonNode> values = new ArrayList<>();
        int largest = 0;
        for (ConsumerRecord<byte[], byte[]> r : got) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("127.0.0.1");
            assertThat(r.value()[0]).as("not JSON").isNotEqualTo((byte) '{');
            List<GenericRecord> records = block(avro, r.value());
            largest = Math.max(largest, records.size());
            for (GenericRecord record : records) {
                values.add(JSON.readTree(avro.json(record).toString()));
            }
        }
        assertThat(largest).as("records in the largest message").isEqualTo(most);
        assertThat(got.size()).as("messages").isLessThan(want.size());
        List<JsonNode> expected = new ArrayList<>();
        for (String l : want) {
            expected.add(JSON.readTree(l));
        }
        assertThat(values).isEqualTo(expected); // one exporter, one partition: in order
    }

    private static List<GenericRecord> block(FlowAvroJson avro, byte[] value) {
        try {
            return avro.readBlock(value, 0, value.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
