package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class HostsJobTest {

    @Test
    void statsPerLocalSourceHostWithDistinctCountsDurationsAndFlags() {
        List<JsonNode> docs = JobsTestSupport.run(new HostsJob(),
                Map.of("local-net", "10.0.0.0/8, 2001:db8::/32"), List.of(
                        FlowJson.tcp("10.1.1.1", "192.0.2.1", 80, 0x02, T0),          // SYN
                        FlowJson.tcp("10.1.1.1", "192.0.2.1", 443, 0x12, T0 + 5),    // SYN ACK
                        FlowJson.tcp("10.1.1.1", "192.0.2.2", 443, 0x19, T0 + 6)     // FIN PSH ACK
                                .with("iana:flowEndMilliseconds", T0 + 6 + 4000),
                        FlowJson.proto(17, 4, 400, T0 + 7).with("iana:sourceIPv4Address", "10.1.1.1")
                                .with("iana:destinationIPv4Address", "192.0.2.3").with("iana:tcpControlBits", 0xFF),
                        FlowJson.tcp("2001:db8::5", "2001:db8:ffff::1", 22, 0xC2, T0),  // CWR ECE SYN
                        FlowJson.tcp("192.0.2.9", "10.1.1.1", 80, 0x02, T0)));         // not local
        assertThat(docs).hasSize(2);
        JsonNode v4 = docs.stream().filter(d -> d.get("host").asText().equals("10.1.1.1")).findFirst().orElseThrow();
        assertThat(v4.get("type").asText()).isEqualTo("hosts");
        assertThat(v4.get("flows").asLong()).isEqualTo(4);
        assertThat(v4.get("packets").asLong()).isEqualTo(7);
        assertThat(v4.get("bytes").asLong()).isEqualTo(580);
        assertThat(v4.get("peers").asLong()).isEqualTo(3);
        assertThat(v4.get("dst_ports").asLong()).isEqualTo(3);
        assertThat(v4.get("mean_duration").asDouble()).isEqualTo((1 + 1 + 4 + 1) / 4.0);
        JsonNode flags = v4.get("tcp_flags");
        assertThat(flags.get("SYN").asLong()).isEqualTo(2);
        assertThat(flags.get("ACK").asLong()).isEqualTo(2);
        assertThat(flags.get("FIN").asLong()).isEqualTo(1);
        assertThat(flags.get("PSH").asLong()).isEqualTo(1);
        assertThat(flags.get("RST").asLong()).isZero();
        assertThat(flags.get("URG").asLong()).isZero();
        assertThat(flags.get("CWR").asLong()).isZero();
        JsonNode v6 = docs.stream().filter(d -> d.get("host").asText().equals("2001:db8::5")).findFirst().orElseThrow();
        assertThat(v6.get("tcp_flags").get("CWR").asLong()).isEqualTo(1);
        assertThat(v6.get("tcp_flags").get("ECE").asLong()).isEqualTo(1);
        assertThat(v6.get("tcp_flags").get("SYN").asLong()).isEqualTo(1);
        assertThat(v6.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
        assertThat(v6.get("window").get("end").asText()).isEqualTo("2023-11-14T22:14:00.000Z");
    }

    @Test
    void largeDistinctCountsAreExact() {
        List<FlowJson> flows = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {     // 3000 peers, 1500 ports
            flows.add(FlowJson.tcp("10.1.1.1", "198.51." + (i / 250) + "." + (i % 250), 1024 + i / 2, 0x18,
                    T0 + i));
        }
        JsonNode doc = JobsTestSupport.run(new HostsJob(), Map.of("local-net", "10.0.0.0/8"), flows).get(0);
        assertThat(doc.get("flows").asLong()).isEqualTo(3000);
        assertThat(doc.get("peers").asLong()).isEqualTo(3000);
        assertThat(doc.get("dst_ports").asLong()).isEqualTo(1500);
    }

    @Test
    void localNetIsRequiredAndValidated() {
        assertThatThrownBy(() -> new HostsJob().params(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job hosts: parameter local-net is required");
        assertThatThrownBy(() -> new HostsJob().params(Map.of("local-net", "10.0.0.0/33")))
                .hasMessage("job hosts: parameter local-net: '10.0.0.0/33' has a bad prefix length (0-32)");
        assertThatThrownBy(() -> new HostsJob().params(Map.of("local-net", "intranet")))
                .hasMessage("job hosts: parameter local-net: 'intranet' is not a CIDR (IPv4 or IPv6 address, optional "
                        + "/LENGTH)");
    }
}
