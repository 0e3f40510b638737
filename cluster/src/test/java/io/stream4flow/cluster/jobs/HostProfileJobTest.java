package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class HostProfileJobTest {
    /** Midnight UTC of 2023-11-14. */
    private static final long DAY = JobsTestSupport.T0 - JobsTestSupport.T0 % 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private static FlowJson flow(String src, int srcPort, String dst, int dstPort, long packets, long t) {
        return FlowJson.tcp(src, dst, dstPort, 0x1B, t).with("iana:sourceTransportPort", srcPort)
                .with("iana:packetDeltaCount", packets).with("iana:octetDeltaCount", packets * 100);
    }

    @Test
    void aDayOfAHostInHourlySlotsWithItsPeersAndPorts() {
        List<FlowJson> flows = new ArrayList<>();
        // 10.0.0.5 serves HTTPS to two visitors at 02:xx and browses port 53 and 443 at 14:xx
        flows.add(flow("192.0.2.7", 50_000, "10.0.0.5", 443, 10, DAY + 2 * HOUR));
        flows.add(flow("10.0.0.5", 443, "192.0.2.7", 50_000, 20, DAY + 2 * HOUR + 1));
        flows.add(flow("192.0.2.8", 50_001, "10.0.0.5", 443, 5, DAY + 2 * HOUR + 2));
        flows.add(flow("10.0.0.5", 40_000, "10.0.0.53", 53, 1, DAY + 14 * HOUR));
        flows.add(flow("10.0.0.5", 40_001, "198.51.100.1", 443, 7, DAY + 14 * HOUR + 5));
        flows.add(flow("10.0.0.5", 40_002, "198.51.100.1", 443, 3, DAY + 86_400_000L));  // the next day
        List<JsonNode> docs = JobsTestSupport.run(new HostProfileJob(), Map.of("local-net", "10.0.0.0/8"), flows);
        assertThat(docs).extracting(d -> d.get("host").asText() + " " + d.get("day").asText())
                .containsExactlyInAnyOrder("10.0.0.5 2023-11-14", "10.0.0.53 2023-11-14", "10.0.0.5 2023-11-15");
        JsonNode d = docs.stream().filter(x -> x.get("host").asText().equals("10.0.0.5")
                && x.get("day").asText().equals("2023-11-14")).findFirst().orElseThrow();
        assertThat(d.get("type").asText()).isEqualTo("host_profile");
        assertThat(d.get("flows").asLong()).isEqualTo(5);
        assertThat(d.get("flows_out").asLong()).isEqualTo(3);
        assertThat(d.get("flows_in").asLong()).isEqualTo(2);
        assertThat(d.get("packets_in").asLong()).isEqualTo(15);
        assertThat(d.get("bytes_out").asLong()).isEqualTo((20 + 1 + 7) * 100);
        assertThat(d.get("hours")).hasSize(24);
        assertThat(d.get("hours").get(2).get("flows_in").asLong()).isEqualTo(2);
        assertThat(d.get("hours").get(2).get("packets_out").asLong()).isEqualTo(20);
        assertThat(d.get("hours").get(14).get("flows_out").asLong()).isEqualTo(2);
        assertThat(d.get("hours").get(3).get("flows_in").asLong()).isZero();
        assertThat(d.get("peers").asLong()).isEqualTo(4);
        assertThat(d.get("peer_sample").toString())
                .isEqualTo("[\"10.0.0.53\",\"192.0.2.7\",\"192.0.2.8\",\"198.51.100.1\"]");
        assertThat(d.get("ports_offered").toString()).isEqualTo("[443]");
        assertThat(d.get("ports_used").toString()).isEqualTo("[53,443]");
        assertThat(d.get("first_seen").asText()).isEqualTo("2023-11-14T02:00:00.000Z");
        JsonNode resolver = docs.stream().filter(x -> x.get("host").asText().equals("10.0.0.53")).findFirst()
                .orElseThrow();
        assertThat(resolver.get("ports_offered").toString()).isEqualTo("[53]");
        assertThat(resolver.get("flows_in").asLong()).isEqualTo(1);
        assertThat(JobsTestSupport.indices(new HostProfileJob(), Map.of("local-net", "10.0.0.0/8"), flows))
                .containsOnly("s4f-hosts-2023.11.14", "s4f-hosts-2023.11.15");
    }
}
