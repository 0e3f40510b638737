package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;
import io.stream4flow.cluster.jobs.pattern.PatternConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pattern finder with the bundled SSH configuration (the original's, hydra / medusa / ncrack patterns, window
 * 300 s, limit 7 with weight 3 for a distance below 2): biflows shaped like hydra's logins alert from the third in a
 * window, interactive sessions and unpaired flows never; pairing works across micro-batches and late flows of a
 * closed window are dropped.
 */
class PatternFinderJobTest {
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 300_000;
    private static final String CLIENT = "198.51.100.7";
    private static final String SERVER = "10.0.0.22";

    /** Request (client to server:22) with hydra's request pattern: 16 packets, 1973 bytes, 11959.5 ms. */
    private static FlowJson request(String client, int port, long start) {
        return FlowJson.tcp(client, SERVER, 22, 0x1B, start).with("iana:sourceTransportPort", port)
                .with("iana:packetDeltaCount", 16).with("iana:octetDeltaCount", 1973)
                .with("iana:flowEndMilliseconds", start + 11_960);
    }

    /** The server's response to {@link #request}, starting 100 ms later: 25 packets, 3171 bytes. */
    private static FlowJson response(String client, int port, long start) {
        return FlowJson.tcp(SERVER, client, port, 0x1B, start + 100).with("iana:sourceTransportPort", 22)
                .with("iana:packetDeltaCount", 25).with("iana:octetDeltaCount", 3171)
                .with("iana:flowEndMilliseconds", start + 100 + 11_960);
    }

    private static List<FlowJson> logins(String client, int n, long start) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(request(client, 40_000 + i, start + i * 15_000L));
            flows.add(response(client, 40_000 + i, start + i * 15_000L));
        }
        return flows;
    }

    @Test
    void twoHydraLoginsAreNoAttackThreeAre() {
        assertThat(JobsTestSupport.run(new PatternFinderJob(), Map.of(), logins(CLIENT, 2, T0))).isEmpty();

        List<JsonNode> alerts = JobsTestSupport.run(new PatternFinderJob(), Map.of(), logins(CLIENT, 3, T0));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("pattern_finder");
            assertThat(a.get("src_ip").asText()).isEqualTo(CLIENT);
            assertThat(a.get("dst_ip").asText()).isEqualTo(SERVER);
            assertThat(a.get("dst_port").asInt()).isEqualTo(22);
            assertThat(a.get("flows").asLong()).isEqualTo(3);
            assertThat(a.get("packets").asLong()).isEqualTo(3 * (16 + 25));
            assertThat(a.get("bytes").asLong()).isEqualTo(3 * (1973 + 3171));
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:10:00.000Z");
            JsonNode evidence = a.get("evidence");
            assertThat(evidence.get("configuration").asText()).isEqualTo("SSH Brute-force Attack Detection");
            assertThat(evidence.get("closest_patterns")).extracting(JsonNode::asText).contains("hydra")
                    .doesNotContain("ncrack-1"); // 2.5 s logins: far from 12 s ones
            // all three at distance 0 from hydra: weight 3 each in the first interval, nothing on the right
            JsonNode hydra = null;
            for (JsonNode p : evidence.get("patterns")) {
                if (p.get("name").asText().equals("hydra")) {
                    hydra = p;
                }
            }
            assertThat(hydra.get("distribution")).extracting(JsonNode::asDouble)
                    .containsExactly(9.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            assertThat(evidence.get("confidence").asText()).isEqualTo("very high");
            assertThat(a.get("severity").asText()).isEqualTo("high");
            assertThat(a.get("description").asText()).startsWith(CLIENT + " made 3 connections to " + SERVER
                    + " port 22 resembling hydra");
        });
    }

    @Test
    void sessionsUnpairedFlowsAndOtherPortsAreNoAttack() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = T0 + i * 20_000L;
            // interactive sessions: thousands of packets over minutes
            flows.add(request("10.0.0.5", 50_000 + i, t).with("iana:packetDeltaCount", 3_000)
                    .with("iana:octetDeltaCount", 400_000).with("iana:flowEndMilliseconds", t + 600_000));
            flows.add(response("10.0.0.5", 50_000 + i, t).with("iana:packetDeltaCount", 4_000)
                    .with("iana:octetDeltaCount", 900_000).with("iana:flowEndMilliseconds", t + 600_000));
            // hydra-shaped requests whose responses never come (or come too late to pair)
            flows.add(request("198.51.100.8", 41_000 + i, t));
            flows.add(response("198.51.100.8", 41_000 + i, t + 2_000));
            // hydra-shaped on another port: filtered out by the configuration
            flows.add(request("198.51.100.9", 42_000 + i, t).with("iana:destinationTransportPort", 2222));
            flows.add(response("198.51.100.9", 42_000 + i, t).with("iana:sourceTransportPort", 2222));
        }
        assertThat(JobsTestSupport.run(new PatternFinderJob(), Map.of(), flows)).isEmpty();
    }

    @Test
    void biflowsPairAcrossMicroBatchesAlertsGrowInPlaceAndLateFlowsAreDropped() throws Exception {
        PatternFinderJob job = new PatternFinderJob();
        List<List<String>> batches;
        try (MicroBatches run = new MicroBatches(job, job.params(Map.of("watermark", "30s")))) {
            run.send(logins(CLIENT, 2, T0));                                        // 0: two, below
            run.send(List.of(request(CLIENT, 40_002, T0 + 30_000)));               // 1: unpaired yet
            run.send(List.of(response(CLIENT, 40_002, T0 + 30_000)));              // 2: third: alert
            run.send(List.of(request(CLIENT, 40_003, T0 + 45_000),
                    response(CLIENT, 40_003, T0 + 45_000)));                         // 3: fourth: grows
            run.send(List.of(request("10.0.0.99", 40_000, T0 + 900_000)));          // 4: watermark on
            run.send(logins(CLIENT, 5, T0 + 100_000));                              // 5: late: dropped
            batches = run.batches();
        }
        List<JsonNode> docs = batches.stream().flatMap(List::stream).map(TestSpark::parse).toList();
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).get("flows").asLong()).isEqualTo(3);
        assertThat(docs.get(1).get("flows").asLong()).isEqualTo(4);
        assertThat(docs.get(1).get("id").asText()).isEqualTo(docs.get(0).get("id").asText());
        assertThat(batches.get(2)).hasSize(1);
        assertThat(batches.get(3)).hasSize(1);
    }

    @Test
    void theOriginalsConfigurationReadsAndBadOnesNameTheKey() throws Exception {
        String original = Files.readString(Path.of("../../shared/stream4flow-data/pattern_finder_ssh_configuration.yml")
                .toAbsolutePath().normalize(), StandardCharsets.UTF_8);
        PatternConfig c = PatternConfig.parse("ssh.yml", original);
        assertThat(c.patterns()).extracting(PatternConfig.Pattern::name)
                .containsExactly("hydra", "medusa", "ncrack-1", "ncrack-2");
        assertThat(c.comparedValues()).hasSize(3);
        assertThat(c.key().srcIp()).isEqualTo("src_ip");
        assertThat(c.window().toSeconds()).isEqualTo(300);

        assertThatThrownBy(() -> PatternConfig.parse("x.yml", original.replace("type: int", "type: integer")))
                .hasMessageStartingWith("x.yml: filter[1].type: unknown type 'integer'");
        assertThatThrownBy(() -> PatternConfig.parse("x.yml", original.replace("ipfix.octetDeltaCount",
                "ipfix.octetCount"))).hasMessageStartingWith("x.yml: vectors.values[1].element: unknown element");
        assertThatThrownBy(() -> PatternConfig.parse("x.yml", original.replace("[16, 1973, 11959.5]", "[16, 1973]")))
                .hasMessageStartingWith("x.yml: distance.patterns[0]: 2 values where the vector has 3");
        assertThatThrownBy(() -> PatternConfig.parse("x.yml", original.replace("type: direct", "type: module")))
                .hasMessageContaining("vectors.values[2].type: 'module' ran Python code");
        assertThatThrownBy(() -> PatternConfig.parse("x.yml", "configuration: [")).hasMessageStartingWith(
                "x.yml: not YAML");

        Path bad = Files.createTempFile("s4f-pattern", ".yml");
        Files.writeString(bad, original.replace("limit: 7", "limit: many"));
        assertThatThrownBy(() -> new PatternFinderJob().params(Map.of("config", bad.toString())))
                .hasMessageStartingWith("job pattern_finder: parameter config: " + bad
                        + ": distance.distribution.default.limit: expected a number");
        assertThatThrownBy(() -> new PatternFinderJob().params(Map.of("config", "/no/such.yml")))
                .hasMessage("job pattern_finder: parameter config: no readable file '/no/such.yml'");
    }
}
