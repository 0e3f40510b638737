package io.stream4flow.collector.live;

import static io.stream4flow.collector.live.LiveHarness.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.schema.avro.FlowBlock;
import io.stream4flow.traffic.replay.ReplayInput;
import io.stream4flow.traffic.replay.Replayer;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped while a steady stream of NetFlow v5 is replayed into the collector, then started again on the
 * same data and port: the producer's bounded buffer holds what arrives meanwhile, and once the broker is back every
 * record the collector accepted is delivered, once (the topic holds exactly that many), with no drop of any reason.
 *
 * <p>{@code s4f.reliability.rate} (records/s, default 20 000), {@code s4f.reliability.outage} (seconds, default 10)
 * and {@code s4f.reliability.buffer} ({@code kafka.buffer} in MiB, default 512) size it; {@code docs/reliability.sh}
 * runs it at 100 000 records/s with a 30 s outage. The figures are printed and written to {@code
 * target/reliability/broker-outage.tsv} for the report ({@code docs/reliability.md}).
 */
@Tag("reliability")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrokerOutageTest {
    private static final String TOPIC = "flows-outage";
    /** A Juniper MX80's NetFlow v5 datagram (29 records), replayed over and over. */
    private static final String CAPTURE = "netflow5_test_juniper_mx80.dat";
    private static final int RECORDS_PER_DATAGRAM = 29;

    @Test
    void everyRecordAcceptedDuringTheOutageIsDeliveredOnceTheBrokerIsBack(@TempDir Path dir) throws Exception {
        int rate = Integer.getInteger("s4f.reliability.rate", 20_000);
        int outageSeconds = Integer.getInteger("s4f.reliability.outage", 10);
        long bufferBytes = Long.getLong("s4f.reliability.buffer", 512L) << 20;
        int[] ports = freePorts();
        Path data = dir.resolve("kafka");
        KafkaBroker broker = broker(data, ports).start();
        try {
            broker.createTopic(TOPIC, 1);
            CollectorConfig cfg = config(dir, "kafka://" + broker.bootstrapServers() + "/" + TOPIC
                    + "?format=avro", "udp://127.0.0.1:0").toBuilder().udpReceiveBufferBytes(8 << 20)
                    .ringSize(1 << 14).kafkaBufferBytes(bufferBytes).build();
            byte[] datagram = Files.readAllBytes(CorpusFiles.file(CAPTURE));
            Map<String, Long> t;
            long sentDatagrams;
            try (Collector c = Collector.start(cfg)) {
                Replayer replayer = new Replayer(new Replayer.Options(c.boundAddresses().get(0),
                        (double) rate / RECORDS_PER_DATAGRAM, 0, 0), note -> { });
                CompletableFuture<Replayer.Result> replay = CompletableFuture.supplyAsync(() -> {
                    try {
                        return replayer.replay(ReplayInput.payloads(List.of(datagram)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(5_000);
                assertThat(c.totals().getOrDefault("s4f_collector_sink_records_total:delivered", 0L))
                        .as("records delivered before the outage").isPositive();
                broker.stop();
                long stoppedAt = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(outageSeconds));
                long deliveredDuringOutage = c.totals().get("s4f_collector_sink_records_total:delivered");
                broker = broker(data, ports).start();
                double outage = (System.nanoTime() - stoppedAt) / 1e9;
                Thread.sleep(5_000);
                replayer.stop();
                sentDatagrams = replay.get(30, TimeUnit.SECONDS).datagrams();
                t = awaitSettled(c, Duration.ofSeconds(150));

                long sent = sentDatagrams * RECORDS_PER_DATAGRAM;
                long received = t.get("s4f_collector_datagrams_total") * RECORDS_PER_DATAGRAM;
                long accepted = t.get("s4f_collector_sink_records_total:accepted");
                long delivered = t.get("s4f_collector_sink_records_total:delivered");
                long full = t.get("s4f_collector_sink_records_total:dropped_buffer_full");
                long failed = t.get("s4f_collector_sink_records_total:dropped_error");
                long inTopic = recordsInTopic(broker.bootstrapServers(), delivered);
                long bytesPerRecord = t.getOrDefault("s4f_collector_sink_bytes_total", 0L) / Math.max(1, accepted);
                String figures = String.format(Locale.ROOT, "%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", rate,
                        outage, sent, received, accepted, delivered, full, failed, inTopic,
                        t.get("s4f_collector_ring_full_drops_total"), bufferBytes >> 20, bytesPerRecord);
                System.out.printf(Locale.ROOT, "broker outage: %d records/s, broker down %.1f s, kafka.buffer %d MiB; "
                        + "records sent %d, received %d, accepted %d, delivered %d (%d before the broker was back), "
                        + "dropped: buffer full %d, error %d, ring full %d; in the topic %d; %d bytes per record%n",
                        rate, outage, bufferBytes >> 20, sent, received, accepted, delivered, deliveredDuringOutage,
                        full, failed, t.get("s4f_collector_ring_full_drops_total"), inTopic, bytesPerRecord);
                Path report = Path.of("target", "reliability", "broker-outage.tsv");
                Files.createDirectories(report.getParent());
                Files.writeString(report, "rate\toutage_s\tsent\treceived\taccepted\tdelivered\tdropped_buffer_full"
                        + "\tdropped_error\tin_topic\tdropped_ring_full\tbuffer_mib\tbytes_per_record\n" + figures,
                        StandardCharsets.UTF_8);

                assertThat(accepted).as("records accepted while the broker was down").isGreaterThan(
                        deliveredDuringOutage);
                assertThat(full + failed).as("records dropped").isZero();
                assertThat(delivered).as("every accepted record delivered").isEqualTo(accepted);
                assertThat(inTopic).as("each once in the topic").isEqualTo(delivered);
                assertThat(accepted).as("what was decoded reached the sink")
                        .isEqualTo(t.get("s4f_collector_records_total"));
            }
        } finally {
            broker.stop();
        }
    }

    private static KafkaBroker broker(Path data, int[] ports) {
        return KafkaBroker.builder().dataDir(data).port(ports[0]).controllerPort(ports[1]).heap("512m")
                .stopWithThisJvm(true).build();
    }

    /** Waits until the decoder handed every record to the sink and the producer answered for each. */
    private static Map<String, Long> awaitSettled(Collector c, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, Long> t = c.totals();
        while (System.nanoTime() < end) {
            t = c.totals();
            long accepted = t.getOrDefault("s4f_collector_sink_records_total:accepted", 0L);
            long answered = t.getOrDefault("s4f_collector_sink_records_total:delivered", 0L)
                    + t.getOrDefault("s4f_collector_sink_records_total:dropped_buffer_full", 0L)
                    + t.getOrDefault("s4f_collector_sink_records_total:dropped_error", 0L);
            if (accepted == t.getOrDefault("s4f_collector_records_total", -1L) && answered == accepted) {
                return t;
            }
            Thread.sleep(200);
        }
        return t;
    }

    /** The records of the topic's Avro blocks, read until {@code expected} came or nothing more does. */
    private static long recordsInTopic(String bootstrap, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(records >= expected ? 2 : 20)) {
                for (ConsumerRecord<byte[], byte[]> m : consumer.poll(Duration.ofMillis(200))) {
                    records += FlowBlock.records(m.value());
                    idleSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
