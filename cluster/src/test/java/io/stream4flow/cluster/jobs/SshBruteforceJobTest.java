package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class SshBruteforceJobTest {
    /** The start of a 5-minute window (the job's default). */
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 300_000;

    /** One refused login: 15 packets, 3 KB from the client in 2 s. */
    private static FlowJson attempt(String src, String dst, long start) {
        return FlowJson.tcp(src, dst, 22, 0x1B, start).with("iana:packetDeltaCount", 15)
                .with("iana:octetDeltaCount", 3_000).with("iana:flowEndMilliseconds", start + 2_000);
    }

    /** {@code n} attempts, one a second from {@code start}. */
    private static List<FlowJson> attempts(String src, String dst, int n, long start) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(attempt(src, dst, start + i * 1_000L));
        }
        return flows;
    }

    @Test
    void twentyNineAttemptsAreNoAttackThirtyAre() {
        List<FlowJson> flows = attempts("198.51.100.7", "10.0.0.22", 29, T0);
        assertThat(JobsTestSupport.run(new SshBruteforceJob(), Map.of(), flows)).isEmpty();

        flows.add(attempt("198.51.100.7", "10.0.0.22", T0 + 200_000));
        List<JsonNode> alerts = JobsTestSupport.run(new SshBruteforceJob(), Map.of(), flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("ssh_bruteforce");
            assertThat(a.get("src_ip").asText()).isEqualTo("198.51.100.7");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.0.0.22");
            assertThat(a.get("dst_port").asInt()).isEqualTo(22);
            assertThat(a.get("flows").asLong()).isEqualTo(30);
            assertThat(a.get("packets").asLong()).isEqualTo(30 * 15);
            assertThat(a.get("bytes").asLong()).isEqualTo(30 * 3_000);
            assertThat(a.get("targets").asLong()).isEqualTo(1);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("job").asText()).isEqualTo("ssh_bruteforce");
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:10:00.000Z");
            assertThat(a.get("description").asText()).isEqualTo("198.51.100.7 made 30 SSH login attempts to 10.0.0.22");
            assertThat(a.get("evidence").get("attempts").asLong()).isEqualTo(30);
            assertThat(a.get("evidence").get("avg_packets").asDouble()).isEqualTo(15.0);
            assertThat(a.get("evidence").get("avg_bytes").asDouble()).isEqualTo(3_000.0);
            assertThat(a.get("id").asText()).matches("[0-9a-f]{32}");
        });
    }

    @Test
    void sessionsCopiesProbesAndTheServersRepliesAreNoAttempts() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = T0 + i * 5_000L;
            // an interactive session's flows: long-lived, many packets
            flows.add(attempt("10.0.0.5", "10.0.0.22", t).with("iana:packetDeltaCount", 400)
                    .with("iana:octetDeltaCount", 40_000).with("iana:flowEndMilliseconds", t + 60_000));
            // scp uploads: few connections' worth of packets, but megabytes
            flows.add(attempt("10.0.0.6", "10.0.0.22", t).with("iana:octetDeltaCount", 2_000_000));
            // SYN probes (a scan of port 22): one or two packets
            flows.add(attempt("10.0.0.7", "10.0.0.22", t).with("iana:packetDeltaCount", 1)
                    .with("iana:octetDeltaCount", 60));
            // the server's side of an attack's connections: source port 22, to the client's ephemeral port
            flows.add(attempt("10.0.0.22", "198.51.100.7", t).with("iana:sourceTransportPort", 22)
                    .with("iana:destinationTransportPort", 40_000 + i));
            // UDP to port 22
            flows.add(attempt("10.0.0.8", "10.0.0.22", t).with("iana:protocolIdentifier", 17));
        }
        assertThat(JobsTestSupport.run(new SshBruteforceJob(), Map.of(), flows)).isEmpty();
    }

    @Test
    void attemptsCountPerServerAndPerWindowAndTheParametersMoveTheThresholds() {
        List<FlowJson> flows = new ArrayList<>(attempts("198.51.100.7", "10.0.0.22", 20, T0));
        flows.addAll(attempts("198.51.100.7", "10.0.0.23", 20, T0));        // another server: 20 each, no alert
        flows.addAll(attempts("198.51.100.9", "10.0.0.22", 150, T0 + 300_000)); // next window: high
        List<JsonNode> alerts = JobsTestSupport.run(new SshBruteforceJob(), Map.of(), flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("src_ip").asText()).isEqualTo("198.51.100.9");
            assertThat(a.get("severity").asText()).isEqualTo("high");
        });
        assertThat(JobsTestSupport.run(new SshBruteforceJob(), Map.of("min-attempts", "20"), flows)).hasSize(3);
        assertThat(JobsTestSupport.run(new SshBruteforceJob(), Map.of("min-attempts", "20", "port", "2222"), flows))
                .isEmpty();
        assertThat(JobsTestSupport.run(new SshBruteforceJob(), Map.of("min-attempts", "20", "max-packets", "10"),
                flows)).isEmpty();
    }
}
