package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class ReflectedDdosJobTest {
    private static final long T0 = JobsTestSupport.T0;
    private static final Map<String, String> LOCAL = Map.of("local-net", "10.0.0.0/8");

    /**
     * {@code n} spoofed queries of {@code queryBytes} from {@code victim} to {@code reflector}'s UDP {@code port}, each
     * answered with {@code answerBytes}, one every 50 ms (up to 1,200 in one minute).
     */
    private static List<FlowJson> reflection(String reflector, String victim, int port, int n, long queryBytes,
                                             long answerBytes) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = T0 + i * 50L;
            flows.add(udp(victim, 40_000 + i % 1000, reflector, port, queryBytes, t));
            flows.add(udp(reflector, port, victim, 40_000 + i % 1000, answerBytes, t + 1));
        }
        return flows;
    }

    private static FlowJson udp(String src, int srcPort, String dst, int dstPort, long bytes, long t) {
        return FlowJson.proto(17, 1, bytes, t).with("iana:sourceIPv4Address", src)
                .with("iana:destinationIPv4Address", dst).with("iana:sourceTransportPort", srcPort)
                .with("iana:destinationTransportPort", dstPort).with("iana:flowEndMilliseconds", t);
    }

    @Test
    void dnsAnswersFortyTimesTheirQueriesOntoOneOutsideHostAreAReflection() {
        List<FlowJson> flows = reflection("10.0.0.53", "203.0.113.9", 53, 500, 75, 3_000);
        List<JsonNode> alerts = JobsTestSupport.run(new ReflectedDdosJob(), LOCAL, flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("reflected_ddos");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.0.0.53");
            assertThat(a.get("dst_ip").asText()).isEqualTo("203.0.113.9");
            assertThat(a.get("flows").asLong()).isEqualTo(500);
            assertThat(a.get("bytes").asLong()).isEqualTo(1_500_000);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("evidence").get("service_port").asInt()).isEqualTo(53);
            assertThat(a.get("evidence").get("amplification").asDouble()).isEqualTo(40.0);
            assertThat(a.get("evidence").get("query_bytes").asLong()).isEqualTo(500 * 75);
            assertThat(a.get("evidence").get("queries").asLong()).isEqualTo(500);
            assertThat(a.get("description").asText())
                    .isEqualTo("10.0.0.53 (UDP port 53) reflected 1500000 bytes onto 203.0.113.9, 40 times what it was asked");
            assertThat(a.get("job").asText()).isEqualTo("reflected_ddos");
        });
    }

    @Test
    void belowTheBytesOrTheAmplificationOrOrdinaryAnswersAreNone() {
        List<FlowJson> flows = new ArrayList<>(reflection("10.0.0.53", "203.0.113.9", 53, 333, 75, 3_000));
        flows.addAll(reflection("10.0.0.54", "203.0.113.10", 53, 1_000, 300, 2_700));  // 9 times
        flows.addAll(reflection("10.0.0.123", "203.0.113.11", 123, 5_000, 76, 76));    // NTP time, 1:1
        flows.addAll(reflection("10.0.0.80", "203.0.113.12", 8080, 500, 75, 3_000));   // not an amplifying port
        assertThat(JobsTestSupport.run(new ReflectedDdosJob(), LOCAL, flows)).isEmpty();
        assertThat(JobsTestSupport.run(new ReflectedDdosJob(), Map.of("local-net", "10.0.0.0/8",
                "min-bytes", "900000", "min-amplification", "9", "ports", "53,8080"), flows))
                .extracting(a -> a.get("src_ip").asText())
                .containsExactlyInAnyOrder("10.0.0.53", "10.0.0.54", "10.0.0.80");
    }

    @Test
    void aBadPortListIsOneLineNamingTheParameter() {
        assertThatThrownBy(() -> new ReflectedDdosJob().params(Map.of("local-net", "10.0.0.0/8", "ports", "53,70000")))
                .hasMessage("job reflected_ddos: parameter ports: expected ports like 53,123 (1 to 65535), got '70000'");
    }
}
