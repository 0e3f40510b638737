package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.CliRun;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.testing.PcapBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private static final String SCANNER = "203.0.113.200";
    private static final int SCAN_TARGETS = 37;
    private static final int SCAN_PORT = 23;
    private static final Duration LANDING = Duration.ofSeconds(180);

    private static StackFixture fixture;
    /** protocol -> {flows, packets, bytes} of the capture. */
    private static final Map<Integer, long[]> TOTALS = new TreeMap<>();
    private static Map<String, JsonNode> statsAfterFirstRun;

    @BeforeAll
    static void startStackAndReplay() throws Exception {
        fixture = StackFixture.start(List.of("10.20.0.0/24"), List.of());
        Path capture = fixture.home().resolve("capture.pcap");
        Files.write(capture, capture(System.currentTimeMillis()));
        CliRun replay = CliRun.s4fctl("replay", capture.toString(), "--to",
                "udp://127.0.0.1:" + fixture.settings().ipfixPort(), "--rate", "2000/s");
        assertThat(replay.code()).as(replay.err()).isZero();
    }

    @AfterAll
    static void stopStack() {
        if (fixture != null) {
            fixture.stop();
        }
    }

    @Test
    @Order(1)
    void protocolStatisticsAddUpToTheCapture() throws Exception {
        Map<Integer, long[]> landed = awaitProtocolTotals();
        assertThat(render(landed)).isEqualTo(render(TOTALS));
        statsAfterFirstRun = fixture.stableDocuments("s4f-stats-*", LANDING);
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

        List<ConsumerRecord<String, String>> onKafka = fixture.kafkaAlerts();
        Set<String> ids = new HashSet<>();
        JsonNode last = null;
        for (ConsumerRecord<String, String> r : onKafka) {
            JsonNode a = StackFixture.JSON.readTree(r.value());
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
        StackComponent jobs = fixture.component("jobs");
        ProcessHandle killed = jobs.process().orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get();
        jobs.start();
        fixture.awaitHealthy(jobs);
        Thread.sleep(5_000); // a few more micro-batches
        assertThat(render(protocolTotals())).isEqualTo(render(TOTALS));
        assertThat(fixture.stableDocuments("s4f-stats-*", LANDING)).isEqualTo(statsAfterFirstRun);
        assertThat(alertsOf(SCANNER)).hasSize(1);
    }

    @Test
    @Order(4)
    void theSameDataProcessedAgainFromScratchOverwritesTheSameDocuments() throws Exception {
        fixture.component("jobs").stop();
        StackHome home = new StackHome(fixture.home());
        try (Stream<Path> files = Files.walk(home.checkpoints())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // from the start of the topic: every flow of the capture is read and aggregated again
        LocalStack again = new LocalStack(home, fixture.settings(), 0, true);
        StackComponent jobs = again.components().stream().filter(c -> c.name().equals("jobs")).findFirst()
                .orElseThrow();
        jobs.start();
        fixture.awaitHealthy(jobs);
        assertThat(StackFixture.await(() -> fixture.documents("s4f-stats-*"), statsAfterFirstRun::equals, LANDING))
                .isEqualTo(statsAfterFirstRun);
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
        return StackFixture.await(StackEndToEndTest::protocolTotals, t -> render(t).equals(render(TOTALS)), LANDING);
    }

    private static Map<Integer, long[]> protocolTotals() throws Exception {
        Map<Integer, long[]> sums = new TreeMap<>();
        for (JsonNode doc : fixture.documents("s4f-stats-*").values()) {
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
        return StackFixture.await(() -> alertsOf(SCANNER), a -> a.size() >= atLeast, LANDING);
    }

    private static List<JsonNode> alertsOf(String src) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode doc : fixture.alerts()) {
            if (doc.path("src_ip").asText().equals(src)) {
                out.add(doc);
            }
        }
        return out;
    }
}
