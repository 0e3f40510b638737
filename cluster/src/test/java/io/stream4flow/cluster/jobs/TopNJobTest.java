package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class TopNJobTest {

    @Test
    void topPortsAndHostsInDescendingFlowsWithTiesInOrder() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flows.add(FlowJson.tcp("10.0.0.1", "192.0.2.1", 443, 0x18, T0 + i));
        }
        for (int i = 0; i < 3; i++) {
            flows.add(FlowJson.tcp("10.0.0.1", "192.0.2.2", 80, 0x18, T0 + i)
                    .with("flowmon:httpHost", i == 0 ? "b.example" : "www.example.org"));
        }
        flows.add(FlowJson.tcp("10.0.0.1", "192.0.2.3", 8080, 0x18, T0));
        flows.add(FlowJson.tcp("10.0.0.1", "192.0.2.4", 22, 0x18, T0));
        flows.add(FlowJson.tcp("10.0.0.2", "192.0.2.1", 25, 0x18, T0));
        List<JsonNode> docs = JobsTestSupport.run(new TopNJob(), Map.of("n", "3"), flows);
        assertThat(docs).hasSize(2);
        JsonNode one = docs.stream().filter(d -> d.get("src_ip").asText().equals("10.0.0.1")).findFirst()
                .orElseThrow();
        assertThat(one.get("type").asText()).isEqualTo("topn");
        assertThat(one.get("top_dst_ports").toString())
                .isEqualTo("[{\"port\":443,\"flows\":5},{\"port\":80,\"flows\":3},{\"port\":22,\"flows\":1}]");
        assertThat(one.get("top_dst_hosts").toString()).isEqualTo(
                "[{\"ip\":\"192.0.2.1\",\"flows\":5},{\"ip\":\"192.0.2.2\",\"flows\":3},"
                        + "{\"ip\":\"192.0.2.3\",\"flows\":1}]");
        assertThat(one.get("top_http_hosts").toString()).isEqualTo(
                "[{\"host\":\"www.example.org\",\"flows\":2},{\"host\":\"b.example\",\"flows\":1}]");
        JsonNode two = docs.stream().filter(d -> d.get("src_ip").asText().equals("10.0.0.2")).findFirst()
                .orElseThrow();
        assertThat(two.get("top_dst_ports").toString()).isEqualTo("[{\"port\":25,\"flows\":1}]");
        assertThat(two.get("top_http_hosts").toString()).isEqualTo("[]");
        assertThat(two.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
    }
}
