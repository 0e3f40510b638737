package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class PortscanJobTest {

    private static List<FlowJson> horizontal(String src, int hosts, int port, long start) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            flows.add(FlowJson.syn(src, "192.0.2." + i, port, start + i));
        }
        return flows;
    }

    @Test
    void nineteenTargetsAreNoScanTwentyAreAndSynAckFlowsDoNotCount() {
        List<FlowJson> flows = new ArrayList<>(horizontal("10.0.0.1", 19, 22, T0));
        for (int i = 100; i < 110; i++) {
            flows.add(FlowJson.tcp("10.0.0.1", "192.0.2." + i, 22, 0x12, T0));   // SYN ACK
            flows.add(FlowJson.tcp("10.0.0.1", "192.0.2." + i, 22, 0x06, T0));   // SYN RST
        }
        assertThat(JobsTestSupport.run(new PortscanJob(), Map.of(), flows)).isEmpty();

        flows.add(FlowJson.syn("10.0.0.1", "192.0.2.20", 22, T0 + 30_000).with("iana:octetDeltaCount", 44));
        List<JsonNode> alerts = JobsTestSupport.run(new PortscanJob(), Map.of(), flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("portscan_horizontal");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.0.0.1");
            assertThat(a.get("dst_port").asInt()).isEqualTo(22);
            assertThat(a.has("dst_ip")).isFalse();
            assertThat(a.get("targets").asLong()).isEqualTo(20);
            assertThat(a.get("flows").asLong()).isEqualTo(20);
            assertThat(a.get("packets").asLong()).isEqualTo(20);
            assertThat(a.get("bytes").asLong()).isEqualTo(19 * 60 + 44);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("job").asText()).isEqualTo("portscan");
            assertThat(a.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:00.001Z");
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
            assertThat(a.get("description").asText()).isEqualTo("10.0.0.1 sent TCP SYNs to port 22 of 20 hosts");
            assertThat(a.get("evidence").get("sample_targets")).hasSize(10);
            assertThat(a.get("evidence").get("sample_targets").get(0).asText()).isEqualTo("192.0.2.1");
            assertThat(a.get("evidence").get("last_seen").asText()).isEqualTo("2023-11-14T22:13:31.000Z");
            assertThat(a.get("id").asText()).matches("[0-9a-f]{32}");
        });
    }

    @Test
    void verticalScanOverIpv6WithThresholdParameter() {
        List<FlowJson> flows = new ArrayList<>();
        for (int port = 1; port <= 5; port++) {
            flows.add(FlowJson.syn("2001:db8::66", "2001:db8::1", port, T0 + port));
        }
        flows.add(FlowJson.syn("2001:db8::66", "2001:db8::1", 5, T0 + 100));    // a repeat: 6 flows, 5 targets
        List<JsonNode> alerts = JobsTestSupport.run(new PortscanJob(), Map.of("min-targets", "5"), flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("portscan_vertical");
            assertThat(a.get("dst_ip").asText()).isEqualTo("2001:db8::1");
            assertThat(a.has("dst_port")).isFalse();
            assertThat(a.get("targets").asLong()).isEqualTo(5);
            assertThat(a.get("flows").asLong()).isEqualTo(6);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
        });
        assertThat(JobsTestSupport.run(new PortscanJob(), Map.of("min-targets", "6"), flows)).isEmpty();
    }

    @Test
    void scansInDifferentWindowsAreSeparateAlertsWithDifferentIds() {
        List<FlowJson> flows = new ArrayList<>(horizontal("10.0.0.1", 100, 443, T0));
        flows.addAll(horizontal("10.0.0.1", 20, 443, T0 + 60_000));
        List<JsonNode> alerts = JobsTestSupport.run(new PortscanJob(), Map.of(), flows);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("id").asText()).isNotEqualTo(alerts.get(1).get("id").asText());
        assertThat(alerts).anySatisfy(a -> assertThat(a.get("severity").asText()).isEqualTo("high"));
    }
}
