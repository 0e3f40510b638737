package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class ProtocolsJobTest {

    @Test
    void sumsFlowsPacketsAndBytesPerProtocolAndWindow() {
        List<JsonNode> docs = JobsTestSupport.run(new ProtocolsJob(), Map.of(), List.of(
                FlowJson.proto(6, 10, 1000, T0),
                FlowJson.proto(6, 5, 500, T0 + 9_999),
                FlowJson.proto(17, 1, 100, T0 + 1),
                FlowJson.proto(17, 2, 200, T0 + 2).with("iana:samplingPacketInterval", 10),
                FlowJson.proto(6, 7, 700, T0 + 10_000)));
        assertThat(docs).hasSize(3);
        JsonNode tcp = find(docs, 6, "2023-11-14T22:13:00.000Z");
        assertThat(tcp.get("type").asText()).isEqualTo("protocols");
        assertThat(tcp.get("flows").asLong()).isEqualTo(2);
        assertThat(tcp.get("packets").asLong()).isEqualTo(15);
        assertThat(tcp.get("bytes").asLong()).isEqualTo(1500);
        assertThat(tcp.get("window").get("end").asText()).isEqualTo("2023-11-14T22:13:10.000Z");
        assertThat(tcp.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
        JsonNode udp = find(docs, 17, "2023-11-14T22:13:00.000Z");
        assertThat(udp.get("packets").asLong()).isEqualTo(21);
        assertThat(udp.get("bytes").asLong()).isEqualTo(2100);
        JsonNode later = find(docs, 6, "2023-11-14T22:13:10.000Z");
        assertThat(later.get("flows").asLong()).isEqualTo(1);
        assertThat(docs.stream().map(d -> d.get("id").asText()).distinct()).hasSize(3);
        assertThat(docs.stream().map(d -> d.get("id").asText())).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    @Test
    void windowIsAParameterAndIndexFollowsTheEventDate() {
        JobParams p = new ProtocolsJob().params(Map.of("window", "1m"));
        assertThat(p.duration("window").toSeconds()).isEqualTo(60);
        List<JsonNode> docs = JobsTestSupport.run(new ProtocolsJob(), Map.of("window", "1m"), List.of(
                FlowJson.proto(6, 1, 1, T0), FlowJson.proto(6, 1, 1, T0 + 59_000)));
        assertThat(docs).singleElement().satisfies(d -> assertThat(d.get("flows").asLong()).isEqualTo(2));
        assertThat(JobsTestSupport.indices(new ProtocolsJob(), Map.of(), List.of(FlowJson.proto(6, 1, 1, T0))))
                .containsExactly("s4f-stats-2023.11.14");
    }

    private static JsonNode find(List<JsonNode> docs, int protocol, String start) {
        return docs.stream().filter(d -> d.get("protocol").asInt() == protocol
                && d.get("window").get("start").asText().equals(start)).findFirst().orElseThrow();
    }
}
