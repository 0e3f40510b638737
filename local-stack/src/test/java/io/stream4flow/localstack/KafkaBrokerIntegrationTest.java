package io.stream4flow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;

/** Starts real Kafka brokers (KRaft, own JVM): the shared one of {@link KafkaExtension}, and failing ones. */
@KafkaIntegrationTest
class KafkaBrokerIntegrationTest {

    private static final int MESSAGES = 1000;

    @Test
    void producedMessagesComeBackInOrder(KafkaBroker kafka) {
        System.out.printf("[local-stack] shared broker start took %d ms%n", kafka.startDuration().toMillis());
        assertThat(kafka.isRunning()).isTrue();
        String topic = KafkaExtension.createTopic("roundtrip", 1);

        long produceStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "message-" + i));
            }
            producer.flush();
        }

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < MESSAGES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        System.out.printf("[local-stack] %d messages produced and consumed in %d ms%n", values.size(),
                Duration.ofNanos(System.nanoTime() - produceStart).toMillis());

        assertThat(values).hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(values.get(i)).isEqualTo("message-" + i);
        }
    }

    @Test
    void createTopicIsIdempotent(KafkaBroker kafka) {
        String topic = KafkaExtension.createTopic("twice", 2);
        kafka.createTopic(topic, 2);
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryReusesTheRunningBroker(KafkaBroker kafka) {
        KafkaBroker second = KafkaBroker.builder().dataDir(kafka.dataDir()).port(0).build().start();

        assertThat(second.isReused()).isTrue();
        assertThat(second.pid()).isEqualTo(kafka.pid());
        assertThat(second.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
        second.createTopic(KafkaExtension.createTopic("reused", 1), 1);
        assertThat(KafkaBroker.findRunning(kafka.dataDir()))
                .hasValueSatisfying(found -> assertThat(found.port()).isEqualTo(kafka.port()));
        assertThatThrownBy(() -> KafkaBroker.builder().dataDir(kafka.dataDir()).port(kafka.port() == 1 ? 2 : 1)
                .build().start())
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("running on the data directory")
                .hasMessageContaining("not on the requested port");
        // second is not stopped here: it is the shared broker
    }

    @Test
    void aDetachedBrokerIsStoppedFromItsDataDirectory(@TempDir Path dir) {
        KafkaBroker broker = KafkaBroker.builder().dataDir(dir).port(0).stopWithThisJvm(false).build().start();
        long pid = broker.pid();
        int port = broker.port();

        assertThat(KafkaBroker.stopRunning(dir)).isTrue();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(Ports.accepts("127.0.0.1", port, 500)).isFalse();
        assertThat(KafkaBroker.findRunning(dir)).isEmpty();
        assertThat(KafkaBroker.stopRunning(dir)).isFalse();
    }

    @Test
    void portAlreadyTakenIsReportedBeforeStarting(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            KafkaBroker broker = KafkaBroker.builder().dataDir(dir).port(taken.getLocalPort()).build();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Kafka broker cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("already in use");
            assertThat(broker.isRunning()).isFalse();
            broker.stop();
        }
    }

    @Test
    void brokerExitingAtStartupIsReportedWithItsLog(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            KafkaBroker broker = KafkaBroker.builder().dataDir(dir).port(taken.getLocalPort())
                    .checkPortsBeforeStart(false).build();

            long start = System.nanoTime();
            assertThatThrownBy(broker::start)
                    .satisfies(e -> System.out.printf("[local-stack] failed start reported after %d ms:%n%s%n",
                            Duration.ofNanos(System.nanoTime() - start).toMillis(), e.getMessage()))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Kafka broker exited during start-up")
                    .hasMessageContaining(broker.logFile().toString())
                    .hasMessageContaining("Address already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }
}
