package io.stream4flow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view rows of flow JSON: first source, fallbacks, sampling, ICMP and DNS rules, values of the wrong kind. */
class FlowViewMapTest {

    private static Map<String, Object> row(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return FlowViewMap.of(b, 0, b.length);
    }

    @Test
    void takesTheFirstSourceOfEachColumnInViewOrder() {
        Map<String, Object> r = row("{\"@type\":\"ipfix.entry\",\"ipfix:exporterAddress\":\"10.0.0.9\",\"ipfix:odid\":3,"
                + "\"iana:sourceIPv4Address\":\"10.0.0.1\",\"iana:destinationIPv4Address\":\"10.0.0.2\","
                + "\"iana:sourceTransportPort\":1234,\"iana:destinationTransportPort\":22,\"iana:protocolIdentifier\":6,"
                + "\"iana:tcpControlBits\":18,\"iana:packetTotalCount\":9,\"iana:packetDeltaCount\":10,"
                + "\"iana:octetDeltaCount\":1500,\"iana:flowStartMilliseconds\":1000,\"iana:flowEndMilliseconds\":2500}");

        assertThat(r).containsExactly(Map.entry("exporter", "10.0.0.9"), Map.entry("odid", 3L),
                Map.entry("flow_start", 1000L), Map.entry("flow_end", 2500L), Map.entry("ip_version", 4),
                Map.entry("src_ip", "10.0.0.1"), Map.entry("dst_ip", "10.0.0.2"), Map.entry("src_port", 1234),
                Map.entry("dst_port", 22), Map.entry("protocol", 6), Map.entry("tcp_flags", 18),
                Map.entry("packets", 10L), Map.entry("bytes", 1500L), Map.entry("sampling", 1L));
    }

    @Test
    void countersAreMultipliedBySamplingAndTimesFallBack() {
        Map<String, Object> r = row("{\"iana:sourceIPv6Address\":\"2001:db8::1\",\"iana:packetDeltaCount\":3,"
                + "\"iana:samplingInterval\":100,\"iana:flowEndMilliseconds\":7000,\"ipfix:exportTime\":9000}");

        assertThat(r).containsEntry("packets", 300L).containsEntry("bytes", 0L).containsEntry("sampling", 100L)
                .containsEntry("ip_version", 6).containsEntry("flow_start", 7000L).containsEntry("flow_end", 7000L);
        assertThat(row("{\"ipfix:exportTime\":9000}")).containsEntry("flow_start", 9000L)
                .containsEntry("flow_end", 9000L).doesNotContainKey("ip_version");
    }

    @Test
    void icmpAndDnsCodesAreDerivedFromTheCombinedElements() {
        Map<String, Object> r = row("{\"iana:icmpTypeCodeIPv4\":771,\"flowmon:dnsFlagsCodes\":33155,"
                + "\"cesnet:DNSRCode\":0}");

        assertThat(r).containsEntry("icmp_type", 3).containsEntry("icmp_code", 3).containsEntry("dns_rcode", 3);
    }

    @Test
    void valuesOfAnotherKindDoNotCountAndNonObjectsAreNull() {
        Map<String, Object> r = row("{\"iana:sourceTransportPort\":\"80\",\"iana:destinationTransportPort\":[1,2],"
                + "\"iana:protocolIdentifier\":6.5,\"iana:sourceIPv4Address\":null,\"nested\":{\"a\":1}}");

        assertThat(r).doesNotContainKeys("src_port", "dst_port", "protocol", "src_ip");
        assertThat(row("[1]")).isNull();
        assertThat(row("{\"a\":")).isNull();
        assertThat(row("")).isNull();
    }
}
