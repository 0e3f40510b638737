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

    /**
     * From {@code sources} addresses, 5 flows each of {@code packets} packets with TCP {@code flags} to the host, the
     * sources starting 60 ms apart from {@code T0} (150 sources: 9 s, within one 10 s window).
     */
    private static List<FlowJson> tcp(int sources, String to, int flags, long packets) {
        List<FlowJson> flows = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            for (int i = 0; i < 5; i++) {
                flows.add(FlowJson.tcp("198.18." + (s / 250) + "." + (s % 250 + 1), to, 80, flags, T0 + s * 60L + i)
                        .with("iana:packetDeltaCount", packets).with("iana:octetDeltaCount", packets * 60));
            }
        }
        return flows;
    }

    /** From each of {@code sources} addresses one UDP flow of {@code packets} packets to the host's port 53. */
    private static List<FlowJson> udp(int sources, String to, long packets, long windowStart) {
        List<FlowJson> flows = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            flows.add(FlowJson.proto(17, packets, packets * 70, windowStart + s * (9_000L / sources))
                    .with("iana:sourceIPv4Address", "198.18." + (s / 250 + 2) + "." + (s % 250 + 1))
                    .with("iana:destinationIPv4Address", to)
                    .with("iana:destinationTransportPort", 53));
        }
        return flows;
    }

    @Test
    void aSynFloodFromManySourcesIsADdosAndItsBackscatterIsNot() {
        List<FlowJson> flows = new ArrayList<>(tcp(150, "10.0.0.80", 0x02, 20));   // 15,000 SYNs: 1,500 a second
        for (int s = 0; s < 150; s++) {                                            // the server's SYN-ACKs
            flows.add(FlowJson.tcp("10.0.0.80", "198.18.0." + (s + 1), 40_000, 0x12, T0 + s * 60L)
                    .with("iana:packetDeltaCount", 500));
        }
        List<JsonNode> alerts = JobsTestSupport.run(new DdosJob(), LOCAL, flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("ddos");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.0.0.80");
            assertThat(a.get("dst_port").asInt()).isEqualTo(80);
            assertThat(a.has("src_ip")).isFalse();
            assertThat(a.get("targets").asLong()).isEqualTo(150);
            assertThat(a.get("packets").asLong()).isEqualTo(15_000);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
            assertThat(a.get("window").get("end").asText()).isEqualTo("2023-11-14T22:13:10.000Z");
            assertThat(a.get("evidence").get("kind").asText()).isEqualTo("syn");
            assertThat(a.get("evidence").get("pps").asDouble()).isEqualTo(1_500.0);
            assertThat(a.get("evidence").has("normal_pps")).as("no window of the host before").isFalse();
            assertThat(a.get("evidence").get("sample_sources")).hasSize(10);
            assertThat(a.get("description").asText())
                    .isEqualTo("10.0.0.80 received 1500 TCP SYN packets a second from 150 sources");
        });
    }

    @Test
    void aBusyServersVisitorsFewSourcesOrALowRateAreNoDdos() {
        List<FlowJson> flows = new ArrayList<>(tcp(300, "10.0.0.80", 0x1B, 400));  // visitors: handshakes done
        flows.addAll(tcp(50, "10.0.0.81", 0x02, 100));                             // 2,500/s but 50 sources
        flows.addAll(tcp(150, "10.0.0.82", 0x02, 5));                              // 150 sources, 375/s
        flows.addAll(tcp(150, "203.0.113.80", 0x02, 100));                         // not a local host
        assertThat(JobsTestSupport.run(new DdosJob(), LOCAL, flows)).isEmpty();
        assertThat(JobsTestSupport.run(new DdosJob(), Map.of("local-net", "10.0.0.0/8", "min-sources", "50",
                "min-pps", "300"), flows)).extracting(a -> a.get("dst_ip").asText())
                .containsExactlyInAnyOrder("10.0.0.81", "10.0.0.82");
    }

    @Test
    void aUdpFloodIsADdosOfItsOwnKind() {
        List<FlowJson> flows = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            flows.add(FlowJson.proto(17, 300, 300_000, T0 + s * 40L)
                    .with("iana:sourceIPv4Address", "198.18.1." + (s + 1))
                    .with("iana:destinationIPv4Address", "10.0.0.90")
                    .with("iana:destinationTransportPort", 1_000 + s));
        }
        assertThat(JobsTestSupport.run(new DdosJob(), LOCAL, flows)).singleElement().satisfies(a -> {
            assertThat(a.get("evidence").get("kind").asText()).isEqualTo("udp");
            assertThat(a.get("evidence").get("pps").asDouble()).isEqualTo(6_000.0);
            assertThat(a.has("dst_port")).as("many ports").isFalse();
            assertThat(a.get("severity").asText()).isEqualTo("medium");
        });
    }

    /**
     * A resolver seen first at 300 queries a second from 120 clients, then for five minutes at 2,500: the step is
     * under ten times its normal rate and does not alert although it crosses the absolute thresholds; then a flood
     * of 40,000 a second is over ten times the normal rate the five minutes raised and alerts; a larger
     * min-increase keeps it below the bar. A host seen first above the thresholds (no quiet window yet) alerts in
     * each window until it has one.
     */
    @Test
    void theHostsOwnNormalRateRaisesTheBar() {
        List<FlowJson> flows = new ArrayList<>();
        for (int w = 0; w < 60; w++) {
            flows.addAll(udp(120, "10.0.0.53", w < 30 ? 25 : 209, T0 + w * 10_000L));
        }
        flows.addAll(udp(200, "10.0.0.53", 2_000, T0 + 60 * 10_000L));             // 40,000/s
        flows.addAll(udp(120, "10.0.0.54", 250, T0));                                // 3,000/s from the first
        flows.addAll(udp(120, "10.0.0.54", 250, T0 + 10_000L));
        List<JsonNode> alerts = JobsTestSupport.run(new DdosJob(), LOCAL, flows);
        assertThat(alerts).extracting(a -> a.get("dst_ip").asText() + " " + a.get("window").get("start").asText())
                .containsExactlyInAnyOrder("10.0.0.53 2023-11-14T22:23:00.000Z",
                        "10.0.0.54 2023-11-14T22:13:00.000Z", "10.0.0.54 2023-11-14T22:13:10.000Z");
        JsonNode flood = alerts.stream().filter(a -> a.get("dst_ip").asText().equals("10.0.0.53")).findFirst()
                .orElseThrow();
        assertThat(flood.get("evidence").get("pps").asDouble()).isEqualTo(40_000.0);
        // 300, then 30 windows of 2,508 weighing 1/60 each: 300 + 2,208 x (1 - (59/60)^30)
        assertThat(flood.get("evidence").get("normal_pps").asDouble()).isCloseTo(300 + 2_208 * (1 - Math.pow(59 / 60.0,
                30)), org.assertj.core.data.Offset.offset(0.1));
        assertThat(flood.get("severity").asText()).isEqualTo("high");

        assertThat(JobsTestSupport.run(new DdosJob(), Map.of("local-net", "10.0.0.0/8", "min-increase", "40"), flows))
                .extracting(a -> a.get("dst_ip").asText()).doesNotContain("10.0.0.53");
    }

    /**
     * A web server with a few visitors a second (completed handshakes, 50 packets a second) is flooded for two
     * windows: both alert against its normal rate (the first flood window does not become the normal), the visitors'
     * windows do not.
     */
    @Test
    void aFloodOfAQuietServerAlertsInEveryWindowItLasts() {
        List<FlowJson> flows = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            for (int v = 0; v < 10; v++) {
                flows.add(FlowJson.tcp("192.0.2." + (v + 1), "10.0.0.80", 443, 0x1B, T0 + w * 10_000L + v * 900L)
                        .with("iana:packetDeltaCount", 50));
            }
        }
        for (int w = 6; w < 8; w++) {
            for (int s = 0; s < 150; s++) {
                flows.add(FlowJson.tcp("198.18.0." + (s + 1), "10.0.0.80", 443, 0x02, T0 + w * 10_000L + s * 60L)
                        .with("iana:packetDeltaCount", 100));
            }
        }
        List<JsonNode> alerts = JobsTestSupport.run(new DdosJob(), LOCAL, flows);
        assertThat(alerts).extracting(a -> a.get("window").get("start").asText())
                .containsExactlyInAnyOrder("2023-11-14T22:14:00.000Z", "2023-11-14T22:14:10.000Z");
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("evidence").get("pps").asDouble()).isEqualTo(1_500.0));
        // the normal rate of the visitors' windows, then decayed over the first flood window (counted as no traffic)
        assertThat(alerts).extracting(a -> a.get("evidence").get("normal_pps").asDouble())
                .containsExactlyInAnyOrder(50.0, Math.round(500 * 59 / 60.0) / 10.0);
    }
}
