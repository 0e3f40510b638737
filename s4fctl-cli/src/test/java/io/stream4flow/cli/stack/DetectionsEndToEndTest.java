package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.stack.DetectionTraffic.Expected;
import io.stream4flow.traffic.testing.ExternalProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every detection family end to end with the defaults of its job, on real parts as {@code s4fctl up} starts them:
 * softflowd reads one capture of real packets ({@link DetectionTraffic}: SSH password guessing, a SYN flood, an NTP
 * reflection, a client using an outside resolver, an open resolver, a port scan, and ordinary traffic) and exports
 * its flows as IPFIX to the stack's collector, whose records go through Kafka {@code flows} to the Spark jobs
 * (portscan, ssh_bruteforce, ddos, reflected_ddos, dns_external_resolver, dns_open_resolver, and pattern_finder
 * with the original's SSH configuration given the guessing connections' shape as its pattern). For each attack,
 * Elasticsearch holds exactly one alert of its type, naming the attack's sender and target with the flows, packets,
 * bytes and targets of the capture, and the same alert id is on Kafka {@code alerts}; the ordinary traffic raises
 * nothing.
 *
 * <p>softflowd ({@code -r}) reads the whole file, then expires and exports every flow and exits (file mode applies
 * no timeouts; see the collector's {@code ExporterStreams}); {@code -a} makes the capture's times the flow times.
 */
@Tag("slow")
@Tag("stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectionsEndToEndTest {
    private static final List<String> JOBS = List.of("portscan", "ssh_bruteforce", "ddos", "reflected_ddos",
            "dns_external_resolver", "dns_open_resolver", "pattern_finder");
    private static final Duration LANDING = Duration.ofSeconds(180);

    private static StackFixture fixture;
    private static DetectionTraffic traffic;

    @BeforeAll
    static void startStackAndExport() throws Exception {
        traffic = new DetectionTraffic(System.currentTimeMillis());
        Path patterns = Files.createTempFile("s4f-e2e-patterns", ".yml");
        Files.writeString(patterns, patternConfiguration(traffic.guess()));
        List<String> jobArguments = new ArrayList<>();
        JOBS.forEach(j -> jobArguments.addAll(List.of("--job", j)));
        jobArguments.addAll(List.of("--param", "pattern_finder.config=" + patterns));
        fixture = StackFixture.start(List.of(DetectionTraffic.LOCAL_NET), jobArguments);

        Path capture = fixture.home().resolve("detections.pcap");
        Files.write(capture, traffic.pcap());
        Path log = fixture.home().resolve("softflowd.log");
        List<String> softflowd = List.of(ExternalProgram.require("softflowd", "softflowd").toString(), "-d", "-a",
                "-r", capture.toString(), "-n", "127.0.0.1:" + fixture.settings().ipfixPort(), "-c", "none",
                "-v", "10");
        int rc = ExternalProgram.run(softflowd, log, Duration.ofSeconds(60));
        assertThat(rc).as("softflowd exit status; log:\n" + ExternalProgram.tail(log)).isZero();
    }

    @AfterAll
    static void stopStack() {
        if (fixture != null) {
            fixture.stop();
        }
    }

    @Test
    @Order(1)
    void sshPasswordGuessing() throws Exception {
        assertRaisedOnce("ssh_bruteforce");
    }

    @Test
    @Order(2)
    void synFlood() throws Exception {
        JsonNode alert = assertRaisedOnce("ddos");
        assertThat(alert.path("evidence").path("kind").asText()).isEqualTo("syn");
        assertThat(alert.path("evidence").path("sample_sources").get(0).asText())
                .isEqualTo(DetectionTraffic.floodSource(0));
    }

    @Test
    @Order(3)
    void reflection() throws Exception {
        JsonNode alert = assertRaisedOnce("reflected_ddos");
        assertThat(alert.path("evidence").path("service_port").asInt()).isEqualTo(123);
        assertThat(alert.path("evidence").path("queries").asLong()).isEqualTo(1); // one flow of queries
        assertThat(alert.path("evidence").path("amplification").asDouble()).isGreaterThanOrEqualTo(40);
    }

    @Test
    @Order(4)
    void clientOfAnOutsideResolver() throws Exception {
        assertRaisedOnce("dns_external_resolver");
    }

    @Test
    @Order(5)
    void openResolver() throws Exception {
        JsonNode alert = assertRaisedOnce("dns_open_resolver");
        assertThat(alert.path("evidence").path("sample_clients").toString())
                .isEqualTo("[\"" + DetectionTraffic.OUTSIDE_CLIENT + "\"]");
    }

    @Test
    @Order(6)
    void portScan() throws Exception {
        assertRaisedOnce("portscan_vertical");
    }

    @Test
    @Order(7)
    void theGuessingConnectionsResembleTheirPattern() throws Exception {
        JsonNode alert = assertRaisedOnce("pattern_finder");
        assertThat(alert.path("evidence").path("closest_patterns").toString()).isEqualTo("[\"guessing\"]");
    }

    /**
     * The original's SSH configuration (filters, vectors, distribution) with one pattern, the shape of the
     * capture's guessing connections, and a limit of ten close biflows (the administrator's three logins stay
     * below it).
     */
    private static String patternConfiguration(DetectionTraffic.Login g) throws Exception {
        String original = Files.readString(Path.of("../../shared/stream4flow-data/pattern_finder_ssh_configuration.yml")
                .toAbsolutePath().normalize());
        int from = original.indexOf("    patterns:");
        int to = original.indexOf("    distribution:");
        assertThat(from).isPositive();
        String pattern = "    patterns:\n        - name: guessing\n          request: [" + g.clientPackets() + ", "
                + g.clientBytes() + ", " + g.durationMs() + "]\n          response: [" + g.serverPackets() + ", "
                + g.serverBytes() + ", " + g.durationMs() + "]\n";
        return (original.substring(0, from) + pattern + original.substring(to)).replace("limit: 7", "limit: 30");
    }

    @Test
    @Order(8)
    void theOrdinaryTrafficRaisesNothing() throws Exception {
        Set<String> wanted = new TreeSet<>();
        traffic.expected().forEach(e -> wanted.add(key(e.type(), e.srcIp(), e.dstIp())));
        StackFixture.await(DetectionsEndToEndTest::alertKeys, k -> k.containsAll(wanted), LANDING);
        Set<String> keys = new TreeSet<>();
        Set<String> ordinaryHosts = new HashSet<>(DetectionTraffic.CLIENTS);
        ordinaryHosts.addAll(DetectionTraffic.AUTHORITATIVE);
        ordinaryHosts.addAll(List.of(DetectionTraffic.ADMIN, DetectionTraffic.LOCAL_RESOLVER,
                DetectionTraffic.WEB_SERVER, DetectionTraffic.NTP_SERVER));
        List<String> naming = new ArrayList<>();
        for (JsonNode a : fixture.stableDocuments("s4f-alerts-*", Duration.ofSeconds(30)).values()) {
            keys.add(key(a.path("type").asText(), text(a, "src_ip"), text(a, "dst_ip")));
            if (ordinaryHosts.contains(text(a, "src_ip")) || ordinaryHosts.contains(text(a, "dst_ip"))) {
                naming.add(a.path("description").asText());
            }
        }
        assertThat(naming).as("alerts naming a host of the ordinary traffic").isEmpty();
        assertThat(keys).as("type src -> dst of every alert").isEqualTo(wanted);
    }

    // ------------------------------------------------------------------ checks

    /**
     * Waits until Elasticsearch has the alert of {@code type} with the numbers of the capture, then asserts that it
     * is the only one of its type and that its id is on Kafka {@code alerts} with the same fields.
     */
    private static JsonNode assertRaisedOnce(String type) throws Exception {
        Expected e = traffic.expected().stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
        String want = render(e);
        List<JsonNode> alerts = StackFixture.await(() -> alertsOf(type),
                a -> a.stream().anyMatch(d -> render(d).equals(want)), LANDING);
        assertThat(alerts).as(type + " alerts").isNotEmpty();
        assertThat(alerts.stream().map(DetectionsEndToEndTest::render).toList()).containsExactly(want);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("job").asText()).isEqualTo(type.startsWith("portscan") ? "portscan" : type);

        String id = alert.path("id").asText();
        Set<String> ids = new HashSet<>();
        List<String> withThatId = new ArrayList<>();
        for (ConsumerRecord<String, String> r : fixture.kafkaAlerts()) {
            JsonNode a = StackFixture.JSON.readTree(r.value());
            if (a.path("type").asText().equals(type)) {
                ids.add(r.key());
                if (r.key().equals(id)) {
                    withThatId.add(render(a));
                }
            }
        }
        assertThat(ids).as(type + " alert ids on Kafka").containsExactly(id);
        assertThat(withThatId).as("the alert's records on Kafka").contains(want);
        return alert;
    }

    private static List<JsonNode> alertsOf(String type) throws Exception {
        return fixture.alerts().stream().filter(a -> a.path("type").asText().equals(type)).toList();
    }

    private static Set<String> alertKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (JsonNode a : fixture.alerts()) {
            keys.add(key(a.path("type").asText(), text(a, "src_ip"), text(a, "dst_ip")));
        }
        return keys;
    }

    private static String key(String type, String src, String dst) {
        return type + " " + src + " -> " + dst;
    }

    /** The fields an alert must have, one line: absent ones as null. */
    private static String render(Expected e) {
        return key(e.type(), e.srcIp(), e.dstIp()) + " port " + e.dstPort() + ": flows " + e.flows() + ", packets "
                + e.packets() + ", bytes " + e.bytes() + ", targets " + e.targets();
    }

    private static String render(JsonNode a) {
        String port = text(a, "dst_port");
        return key(a.path("type").asText(), text(a, "src_ip"), text(a, "dst_ip")) + " port " + port + ": flows "
                + a.path("flows").asLong() + ", packets " + a.path("packets").asLong() + ", bytes "
                + a.path("bytes").asLong() + ", targets " + a.path("targets").asLong();
    }

    /** A field's text, or null when the document does not have it. */
    private static String text(JsonNode a, String field) {
        JsonNode v = a.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
