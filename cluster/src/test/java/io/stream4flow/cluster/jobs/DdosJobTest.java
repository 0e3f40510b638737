package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class DdosJobTest {
    private static final long T0 = JobsTestSupport.T0;
    private static final Map<String, String> LOCAL = Map.of("local-net", "10.0.0.0/8");

    /** From {@code sources} addresses, 5 flows each of {@code packets} packets with TCP {@code flags} to the host. */
    private static List<FlowJson> tcp(int sources, String to, int flags, long packets) {
        List<FlowJson> flows = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            for (int i = 0; i < 5; i++) {
                flows.add(FlowJson.tcp("198.18." + (s / 250) + "." + (s % 250 + 1), to, 80, flags, T0 + s * 100L + i)
                        .with("iana:packetDeltaCount", packets).with("iana:octetDeltaCount", packets * 60));
            }
        }
        return flows;
    }

    @Test
    void aSynFloodFromManySourcesIsADdosAndItsBackscatterIsNot() {
        List<FlowJson> flows = new ArrayList<>(tcp(150, "10.0.0.80", 0x02, 100));  // 75,000 SYNs: 1,250 a second
        for (int s = 0; s < 150; s++) {                                            // the server's SYN-ACKs
            flows.add(FlowJson.tcp("10.0.0.80", "198.18.0." + (s + 1), 40_000, 0x12, T0 + s * 100L)
                    .with("iana:packetDeltaCount", 500));
        }
        List<JsonNode> alerts = JobsTestSupport.run(new DdosJob(), LOCAL, flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("ddos");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.0.0.80");
            assertThat(a.get("dst_port").asInt()).isEqualTo(80);
            assertThat(a.has("src_ip")).isFalse();
            assertThat(a.get("targets").asLong()).isEqualTo(150);
            assertThat(a.get("packets").asLong()).isEqualTo(75_000);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("evidence").get("kind").asText()).isEqualTo("syn");
            assertThat(a.get("evidence").get("pps").asDouble()).isEqualTo(1_250.0);
            assertThat(a.get("evidence").get("sample_sources")).hasSize(10);
            assertThat(a.get("description").asText())
                    .isEqualTo("10.0.0.80 received 1250 TCP SYN packets a second from 150 sources");
        });
    }

    @Test
    void aBusyServersVisitorsFewSourcesOrALowRateAreNoDdos() {
        List<FlowJson> flows = new ArrayList<>(tcp(300, "10.0.0.80", 0x1B, 400));  // visitors: handshakes done
        flows.addAll(tcp(50, "10.0.0.81", 0x02, 400));                             // 2,000/s but 50 sources
        flows.addAll(tcp(150, "10.0.0.82", 0x02, 40));                             // 150 sources, 500/s
        flows.addAll(tcp(150, "203.0.113.80", 0x02, 100));                         // not a local host
        assertThat(JobsTestSupport.run(new DdosJob(), LOCAL, flows)).isEmpty();
        assertThat(JobsTestSupport.run(new DdosJob(), Map.of("local-net", "10.0.0.0/8", "min-sources", "50",
                "min-pps", "500"), flows)).extracting(a -> a.get("dst_ip").asText())
                .containsExactlyInAnyOrder("10.0.0.81", "10.0.0.82");
    }

    @Test
    void aUdpFloodIsADdosOfItsOwnKind() {
        List<FlowJson> flows = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            flows.add(FlowJson.proto(17, 1_000, 1_000_000, T0 + s * 100L)
                    .with("iana:sourceIPv4Address", "198.18.1." + (s + 1))
                    .with("iana:destinationIPv4Address", "10.0.0.90")
                    .with("iana:destinationTransportPort", 1_000 + s));
        }
        assertThat(JobsTestSupport.run(new DdosJob(), LOCAL, flows)).singleElement().satisfies(a -> {
            assertThat(a.get("evidence").get("kind").asText()).isEqualTo("udp");
            assertThat(a.has("dst_port")).as("many ports").isFalse();
            assertThat(a.get("severity").asText()).isEqualTo("medium");
        });
    }
}
