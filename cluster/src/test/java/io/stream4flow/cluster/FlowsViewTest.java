package io.stream4flow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class FlowsViewTest {

    private static final long T0 = 1_700_000_000_000L;

    private static Row only(Dataset<Row> view) {
        List<Row> rows = view.collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void ipv4TcpFlowGivesTheCanonicalColumnsInOrder() {
        Dataset<Row> view = FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.tcp("10.0.0.1", "192.0.2.7", 443, 0x12, T0)
                        .with("iana:ingressInterface", 3).with("iana:egressInterface", 4)
                        .with("iana:bgpSourceAsNumber", 64500).with("iana:vlanId", 12)
                        .with("iana:ipClassOfService", 8).json()));
        assertThat(view.columns()).containsExactly("exporter", "odid", "flow_start", "flow_end", "ip_version",
                "src_ip", "dst_ip", "src_port", "dst_port", "protocol", "tcp_flags", "packets", "bytes", "sampling",
                "in_if", "out_if", "src_as", "dst_as", "vlan", "tos", "icmp_type", "icmp_code", "dns_name",
                "dns_qtype", "dns_rcode", "http_host", "tls_cipher_suites", "fields");
        Row r = only(view);
        assertThat(r.<String>getAs("exporter")).isEqualTo("192.0.2.1");
        assertThat(r.<Timestamp>getAs("flow_start").getTime()).isEqualTo(T0);
        assertThat(r.<Timestamp>getAs("flow_end").getTime()).isEqualTo(T0 + 1000);
        assertThat(r.<Integer>getAs("ip_version")).isEqualTo(4);
        assertThat(r.<String>getAs("src_ip")).isEqualTo("10.0.0.1");
        assertThat(r.<String>getAs("dst_ip")).isEqualTo("192.0.2.7");
        assertThat(r.<Integer>getAs("dst_port")).isEqualTo(443);
        assertThat(r.<Integer>getAs("protocol")).isEqualTo(6);
        assertThat(r.<Integer>getAs("tcp_flags")).isEqualTo(0x12);
        assertThat(r.<Long>getAs("packets")).isEqualTo(1L);
        assertThat(r.<Long>getAs("bytes")).isEqualTo(60L);
        assertThat(r.<Long>getAs("sampling")).isEqualTo(1L);
        assertThat(r.<Long>getAs("in_if")).isEqualTo(3L);
        assertThat(r.<Long>getAs("out_if")).isEqualTo(4L);
        assertThat(r.<Long>getAs("src_as")).isEqualTo(64500L);
        assertThat(r.<Long>getAs("dst_as")).isNull();
        assertThat(r.<Integer>getAs("vlan")).isEqualTo(12);
        assertThat(r.<Integer>getAs("tos")).isEqualTo(8);
        Map<String, String> fields = r.getJavaMap(r.fieldIndex("fields"));
        assertThat(fields).containsEntry("ipfix:templateId", "256").containsEntry("ipfix:version", "10")
                .doesNotContainKeys("iana:sourceIPv4Address", "@type", "iana:octetDeltaCount");
    }

    @Test
    void ipv6AddressesLandInTheSameColumns() {
        Row r = only(FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.tcp("2001:db8::1", "2001:db8:1::2", 22, 2, T0).json())));
        assertThat(r.<Integer>getAs("ip_version")).isEqualTo(6);
        assertThat(r.<String>getAs("src_ip")).isEqualTo("2001:db8::1");
        assertThat(r.<String>getAs("dst_ip")).isEqualTo("2001:db8:1::2");
    }

    @Test
    void samplingUpscalesPacketsAndBytes() {
        Row r = only(FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(17, 3, 300, T0).with("iana:samplingPacketInterval", 100).json()),
                FlowsView.Fields.OMITTED));
        assertThat(r.<Long>getAs("sampling")).isEqualTo(100L);
        assertThat(r.<Long>getAs("packets")).isEqualTo(300L);
        assertThat(r.<Long>getAs("bytes")).isEqualTo(30_000L);
        assertThat(r.schema().fieldNames()).doesNotContain("fields");
    }

    @Test
    void totalCountersAndOlderSamplingElementAreUsedWhenDeltasAreMissing() {
        Row r = only(FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(17, 0, 0, T0).without("iana:packetDeltaCount").without("iana:octetDeltaCount")
                        .with("iana:packetTotalCount", 2).with("iana:octetTotalCount", 120)
                        .with("iana:samplingInterval", 10).json())));
        assertThat(r.<Long>getAs("packets")).isEqualTo(20L);
        assertThat(r.<Long>getAs("bytes")).isEqualTo(1200L);
    }

    @Test
    void flowStartFallsBackToFlowEndThenToExportTime() {
        List<Row> rows = FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds").json(),
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds")
                        .without("iana:flowEndMilliseconds").json()))
                .orderBy("flow_end").collectAsList();
        assertThat(rows.get(0).<Timestamp>getAs("flow_start").getTime()).isEqualTo(T0 + 1000);
        assertThat(rows.get(1).<Timestamp>getAs("flow_start").getTime()).isEqualTo(T0 + 2000);
        assertThat(rows.get(1).<Timestamp>getAs("flow_end").getTime()).isEqualTo(T0 + 2000);
    }

    @Test
    void missingAndWrongTypedFieldsAreNullsAndBadJsonIsARowWithoutTime() {
        List<Row> rows = FlowsView.fromJson(TestSpark.jsonLines(
                "{\"@type\":\"ipfix.entry\",\"iana:protocolIdentifier\":\"tcp\"}", "not json"))
                .collectAsList();
        assertThat(rows).hasSize(2);
        for (Row r : rows) {
            assertThat(r.<Integer>getAs("protocol")).isNull();
            assertThat(r.<Timestamp>getAs("flow_start")).isNull();
            assertThat(r.<String>getAs("src_ip")).isNull();
            assertThat(r.<Long>getAs("packets")).isZero();
        }
    }

    @Test
    void icmpTypeAndCodeComeFromTheCombinedElement() {
        Row r = only(FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(1, 1, 84, T0).with("iana:icmpTypeCodeIPv4", 3 * 256 + 1).json())));
        assertThat(r.<Integer>getAs("icmp_type")).isEqualTo(3);
        assertThat(r.<Integer>getAs("icmp_code")).isEqualTo(1);
    }

    @Test
    void dnsHttpAndTlsEnterpriseElements() {
        Row r = only(FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(17, 1, 80, T0).with("flowmon:dnsQname", "example.org").with("flowmon:dnsQtype", 28)
                        .with("flowmon:dnsFlagsCodes", 0x8183).with("flowmon:httpHost", "www.example.org")
                        .with("flowmon:tlsCipherSuites", "0x130113021303").json(),
                FlowJson.proto(17, 1, 80, T0 + 1).with("cesnet:DNSName", "b.example").with("cesnet:DNSRCode", 2)
                        .with("muni:HTTPRequestHost", "b.example").json()))
                .orderBy("flow_start").limit(1));
        assertThat(r.<String>getAs("dns_name")).isEqualTo("example.org");
        assertThat(r.<Integer>getAs("dns_qtype")).isEqualTo(28);
        assertThat(r.<Integer>getAs("dns_rcode")).isEqualTo(3);
        assertThat(r.<String>getAs("http_host")).isEqualTo("www.example.org");
        assertThat(r.<String>getAs("tls_cipher_suites")).isEqualTo("0x130113021303");
        Row cesnet = FlowsView.fromJson(TestSpark.jsonLines(
                FlowJson.proto(17, 1, 80, T0).with("cesnet:DNSName", "b.example").with("cesnet:DNSRCode", 2)
                        .with("muni:HTTPRequestHost", "c.example").json())).first();
        assertThat(cesnet.<String>getAs("dns_name")).isEqualTo("b.example");
        assertThat(cesnet.<Integer>getAs("dns_rcode")).isEqualTo(2);
        assertThat(cesnet.<String>getAs("http_host")).isEqualTo("c.example");
    }
}
