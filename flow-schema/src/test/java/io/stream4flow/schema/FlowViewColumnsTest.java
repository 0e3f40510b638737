package io.stream4flow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowViewColumnsTest {
    private static FlowViewColumns.Column column(String name) {
        return FlowViewColumns.ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theViewColumnsInOrderWithTheirSources() {
        assertThat(FlowViewColumns.ALL).extracting(FlowViewColumns.Column::name).containsExactly("exporter", "odid",
                "flow_start", "flow_end", "ip_version", "src_ip", "dst_ip", "src_port", "dst_port", "protocol",
                "tcp_flags", "packets", "bytes", "sampling", "in_if", "out_if", "src_as", "dst_as", "vlan", "tos",
                "icmp_type", "icmp_code", "dns_name", "dns_qtype", "dns_rcode", "http_host", "tls_cipher_suites",
                "fields");
        assertThat(column("packets").sources()).containsExactly("iana:packetDeltaCount", "iana:packetTotalCount");
        assertThat(column("icmp_type").sources()).containsExactly("iana:icmpTypeIPv4", "iana:icmpTypeIPv6",
                "iana:icmpTypeCodeIPv4", "iana:icmpTypeCodeIPv6");
        assertThat(column("dns_rcode").sources()).isEqualTo(List.of("flowmon:dnsFlagsCodes", "cesnet:DNSRCode"));
        assertThat(column("exporter").sources()).containsExactly(FlowKeys.EXPORTER_ADDRESS);
        assertThat(column("flow_end").sources()).containsExactly(FlowKeys.FLOW_END_MILLISECONDS, "iana:flowEndSeconds",
                "iana:flowEndMicroseconds", "iana:flowEndNanoseconds", FlowKeys.EXPORT_TIME);
        assertThat(column("http_host").type()).isEqualTo("string");
    }
}
