package io.stream4flow.cli.stack;

import io.stream4flow.schema.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.testing.PcapBuilder;
import io.stream4flow.localstack.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole path on real parts, as {@code s4fctl up} starts them: a capture of IPFIX replayed into the
 * collector reaches Kafka, the Spark jobs and Elasticsearch. The protocol statistics add up exactly to
 * the capture's totals, its port scan gives exactly one alert (in Elasticsearch and on Kafka
 * {@code alerts}) with the right source and target count, and restarting the jobs, from their
 * checkpoint after a kill or from scratch over the same topic, duplicates nothing.
 */
@Tag("slow")
@Tag("stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCANNER = "203.0.113.200";
    private static final int SCAN_TARGETS = 37;
    private static final int SCAN_PORT = 23;
    private static final Duration LANDING = Duration.ofSeconds(180);

    private static Path home;
    private static StackSettings settings;
    private static LocalStack stack;
    /** protocol -> {flows, packets, bytes} of the capture. */
    private static final Map<Integer, long[]> TOTALS = new TreeMap<>();
    private static Map<String, JsonNode> statsAfterFirstRun;

    @BeforeAll
    static void startStackAndReplay() throws Exception {
        home = Files.createTempDirectory("s4f-e2e-");
        // the Elasticsearch user (when the tests run as root) must enter the home
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        int ipfix = LoopbackPorts.udpAndTcp();
        settings = new StackSettings("127.0.0.1", ipfix, LoopbackPorts.udp(), LoopbackPorts.tcp(), LoopbackPorts.tcp(),
                LoopbackPorts.tcp(),
                "local[2]", List.of("10.20.0.0/24"), false, "512m", "512m", "1g", List.of());
        stack = new LocalStack(new StackHome(home), settings, System.currentTimeMillis(), true);
        stack.start(line -> System.err.println("e2e: " + line));

        Path capture = home.resolve("capture.pcap");
        Files.write(capture, capture(System.currentTimeMillis()));
        CliRun replay = CliRun.s4fctl("replay", capture.toString(), "--to", "udp://127.0.0.1:" + ipfix,
                "--rate", "2000/s");
        assertThat(replay.code()).as(replay.err()).isZero();
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (stack != null) {
            stack.stop(line -> System.err.println("e2e: " + line));
        }
    }

    @Test
    @Order(1)
    void protocolStatisticsAddUpToTheCapture() throws Exception {
        Map<Integer, long[]> landed = awaitProtocolTotals();
        assertThat(render(landed)).isEqualTo(render(TOTALS));
        statsAfterFirstRun = stableDocuments("s4f-stats-*");
        assertThat(statsAfterFirstRun.values()).extracting(d -> d.path("type").asText())
                .contains("protocols", "hosts");
    }

    @Test
    @Order(2)
    void theScanGivesExactlyOneAlert() throws Exception {
        List<JsonNode> alerts = awaitAlerts(1);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("type").asText()).isEqualTo("portscan_horizontal");
        assertThat(alert.path("src_ip").asText()).isEqualTo(SCANNER);
        assertThat(alert.path("dst_port").asInt()).isEqualTo(SCAN_PORT);
        assertThat(alert.path("targets").asLong()).isEqualTo(SCAN_TARGETS);
        assertThat(alert.path("flows").asLong()).isEqualTo(SCAN_TARGETS);

        List<ConsumerRecord<String, String>> onKafka = kafkaAlerts();
        Set<String> ids = new HashSet<>();
        JsonNode last = null;
        for (ConsumerRecord<String, String> r : onKafka) {
            JsonNode a = JSON.readTree(r.value());
            if (a.path("src_ip").asText().equals(SCANNER)) {
                ids.add(r.key());
                last = a;
            }
        }
        assertThat(ids).containsExactly(alert.path("id").asText());
        assertThat(last.path("targets").asLong()).isEqualTo(SCAN_TARGETS);
    }

    @Test
    @Order(3)
    void aKilledJobRestartsFromItsCheckpointWithoutDuplicates() throws Exception {
        StackComponent jobs = component("jobs");
        ProcessHandle killed = jobs.process().orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get();
        jobs.start();
        awaitHealthy(jobs);
        Thread.sleep(5_000); // a few more micro-batches
        assertThat(render(protocolTotals())).isEqualTo(render(TOTALS));
        assertThat(stableDocuments("s4f-stats-*")).isEqualTo(statsAfterFirstRun);
        assertThat(alertsOf(SCANNER)).hasSize(1);
    }

    @Test
    @Order(4)
    void theSameDataProcessedAgainFromScratchOverwritesTheSameDocuments() throws Exception {
        component("jobs").stop();
        try (Stream<Path> files = Files.walk(new StackHome(home).checkpoints())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // from the start of the topic: every flow of the capture is read and aggregated again
        LocalStack again = new LocalStack(new StackHome(home), settings, 0, true);
        StackComponent jobs = again.components().stream().filter(c -> c.name().equals("jobs")).findFirst()
                .orElseThrow();
        jobs.start();
        awaitHealthy(jobs);
        long deadline = System.nanoTime() + LANDING.toNanos();
        while (System.nanoTime() < deadline && !documents("s4f-stats-*").equals(statsAfterFirstRun)) {
            Thread.sleep(1_000);
        }
        assertThat(documents("s4f-stats-*")).isEqualTo(statsAfterFirstRun);
        assertThat(render(protocolTotals())).isEqualTo(render(TOTALS));
        assertThat(alertsOf(SCANNER)).hasSize(1);
    }

    // ------------------------------------------------------------------ the capture

    /**
     * IPFIX from one exporter: 20 s of ordinary traffic ending 10 s before {@code now}, and a horizontal
     * SYN scan of {@value #SCAN_TARGETS} hosts on port {@value #SCAN_PORT}, all probes at one instant in
     * the middle of it (so in one window of any length).
     */
    private static byte[] capture(long now) {
        long from = now - 30_000;
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 20, 0, 0), from, false, 42);
        List<DemoFlow> flows = new ArrayList<>();
        scenario.flows(from, from + 20_000, 150, flows);
        int scanner = DemoFlow.ipv4(203, 0, 113, 200);
        long scanAt = from + 10_000;
        for (int i = 0; i < SCAN_TARGETS; i++) {
            flows.add(new DemoFlow(scanner, scenario.host(100 + i), 50_000 + i, SCAN_PORT, DemoFlow.TCP, DemoFlow.SYN,
                    1, 44, scanAt, scanAt));
        }
        for (DemoFlow f : flows) {
            long[] t = TOTALS.computeIfAbsent(f.protocol(), p -> new long[3]);
            t[0]++;
            t[1] += f.packets();
            t[2] += f.bytes();
        }
        DemoMessages writer = new DemoMessages(1);
        PcapBuilder.Pcap pcap = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false);
        for (int i = 0; i < flows.size(); i += DemoMessages.MAX_RECORDS) {
            ByteBuffer m = writer.message(flows, i, now);
            byte[] payload = new byte[m.remaining()];
            m.get(payload);
            pcap.record(now, PcapBuilder.udp4("192.0.2.9", 40000, "127.0.0.1", 4739, payload));
        }
        return pcap.toArray();
    }

    // ------------------------------------------------------------------ Elasticsearch

    private static Map<Integer, long[]> awaitProtocolTotals() throws Exception {
        long deadline = System.nanoTime() + LANDING.toNanos();
        Map<Integer, long[]> landed = protocolTotals();
        while (System.nanoTime() < deadline && !render(landed).equals(render(TOTALS))) {
            Thread.sleep(1_000);
            landed = protocolTotals();
        }
        return landed;
    }

    /**
     * The documents once a micro-batch has been written whole: one job's documents may land before another's of
     * the same batch, so wait until three reads two seconds apart agree.
     */
    private static Map<String, JsonNode> stableDocuments(String indices) throws Exception {
        Map<String, JsonNode> last = documents(indices);
        int same = 0;
        long deadline = System.nanoTime() + LANDING.toNanos();
        while (same < 2 && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            Map<String, JsonNode> now = documents(indices);
            same = now.equals(last) ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    private static Map<Integer, long[]> protocolTotals() throws Exception {
        Map<Integer, long[]> sums = new TreeMap<>();
        for (JsonNode doc : documents("s4f-stats-*").values()) {
            if (doc.path("type").asText().equals("protocols")) {
                long[] t = sums.computeIfAbsent(doc.path("protocol").asInt(), p -> new long[3]);
                t[0] += doc.path("flows").asLong();
                t[1] += doc.path("packets").asLong();
                t[2] += doc.path("bytes").asLong();
            }
        }
        return sums;
    }

    private static String render(Map<Integer, long[]> totals) {
        StringBuilder s = new StringBuilder();
        totals.forEach((p, t) -> s.append(p).append(": flows ").append(t[0]).append(", packets ").append(t[1])
                .append(", bytes ").append(t[2]).append('\n'));
        return s.toString();
    }

    private static List<JsonNode> awaitAlerts(int atLeast) throws Exception {
        long deadline = System.nanoTime() + LANDING.toNanos();
        List<JsonNode> alerts = alertsOf(SCANNER);
        while (System.nanoTime() < deadline && alerts.size() < atLeast) {
            Thread.sleep(1_000);
            alerts = alertsOf(SCANNER);
        }
        return alerts;
    }

    private static List<JsonNode> alertsOf(String src) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode doc : documents("s4f-alerts-*").values()) {
            if (doc.path("src_ip").asText().equals(src)) {
                out.add(doc);
            }
        }
        return out;
    }

    /** Every document of the indices, by id (after a refresh, so that nothing indexed is missed). */
    private static Map<String, JsonNode> documents(String indices) throws Exception {
        String es = settings.elasticsearchUrl();
        HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + indices + "/_refresh?allow_no_indices=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + indices
                        + "/_search?size=10000&allow_no_indices=true&ignore_unavailable=true"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> docs = new HashMap<>();
        for (JsonNode hit : JSON.readTree(r.body()).path("hits").path("hits")) {
            docs.put(hit.path("_index").asText() + "/" + hit.path("_id").asText(), hit.path("_source"));
        }
        return docs;
    }

    // ------------------------------------------------------------------ Kafka, processes, ports

    private static List<ConsumerRecord<String, String>> kafkaAlerts() {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrap());
        p.put("group.id", "e2e-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 3) {
                var batch = c.poll(Duration.ofSeconds(1));
                batch.forEach(out::add);
                empty = batch.isEmpty() && !out.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }

    private static StackComponent component(String name) {
        return stack.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void awaitHealthy(StackComponent c) throws InterruptedException {
        long deadline = System.nanoTime() + c.startTimeout().toNanos();
        while (!c.healthy()) {
            assertThat(System.nanoTime()).as(c.name() + " healthy; log:\n" + Logs.tail(c.logFile(), 30))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
