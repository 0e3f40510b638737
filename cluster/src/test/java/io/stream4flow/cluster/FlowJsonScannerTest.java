package io.stream4flow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanner ({@link FlowsView#scan}) gives the same rows as the {@code from_json} plan
 * ({@link FlowsView#fromJson} without {@code fields}) on crafted input; on the collector's real output, see
 * {@link CollectorOutputViewTest}.
 */
class FlowJsonScannerTest {

    private static final long T0 = 1_700_000_000_000L;

    /** Asserts that the scanner and the {@code from_json} plan give the same rows for {@code lines}. */
    static void assertSameRows(List<String> lines) {
        Dataset<Row> input = TestSpark.jsonLines(lines.toArray(String[]::new));
        Dataset<Row> expected = FlowsView.fromJson(input, FlowsView.Fields.OMITTED);
        Dataset<Row> actual = FlowsView.scan(input);
        assertThat(actual.schema()).isEqualTo(expected.schema());
        List<Row> e = expected.collectAsList();
        List<Row> a = actual.collectAsList();
        assertThat(a).hasSize(e.size());
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i)).as("line %d: %s", i, lines.get(i)).isEqualTo(e.get(i));
        }
    }

    @Test
    void craftedFlowsGiveTheSameRowsAsFromJson() {
        List<String> lines = new ArrayList<>(List.of(
                FlowJson.tcp("10.0.0.1", "192.0.2.7", 443, 0x12, T0).with("iana:ingressInterface", 3)
                        .with("iana:egressInterface", 4).with("iana:bgpSourceAsNumber", 64500)
                        .with("iana:bgpDestinationAsNumber", 4_200_000_000L).with("iana:vlanId", 12)
                        .with("iana:ipClassOfService", 8).json(),
                FlowJson.tcp("2001:db8::1", "2001:db8:1::2", 22, 2, T0).json(),
                FlowJson.tcp("2001:db8::1", "2001:db8:1::2", 22, 2, T0).with("iana:ipVersion", 6).json(),
                FlowJson.proto(17, 3, 300, T0).with("iana:samplingPacketInterval", 100).json(),
                FlowJson.proto(17, 3, 300, T0).with("iana:samplingPacketInterval", 0).json(),
                FlowJson.proto(17, 0, 0, T0).without("iana:packetDeltaCount").without("iana:octetDeltaCount")
                        .with("iana:packetTotalCount", 2).with("iana:octetTotalCount", 120)
                        .with("iana:samplingInterval", 10).json(),
                FlowJson.proto(17, 1, 1, T0).with("iana:samplerRandomInterval", 7).json(),
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds").json(),
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds")
                        .without("iana:flowEndMilliseconds").json(),
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds")
                        .without("iana:flowEndMilliseconds").without("ipfix:exportTime").json(),
                FlowJson.proto(17, 1, 1, T0).without("iana:flowStartMilliseconds")
                        .with("iana:flowStartSeconds", T0).json(),
                FlowJson.proto(1, 1, 84, T0).with("iana:icmpTypeCodeIPv4", 3 * 256 + 1).json(),
                FlowJson.proto(58, 1, 84, T0).with("iana:icmpTypeCodeIPv6", 129 * 256).with("iana:icmpCodeIPv6", 4)
                        .json(),
                FlowJson.proto(1, 1, 84, T0).with("iana:icmpTypeIPv4", 8).with("iana:icmpCodeIPv4", 0).json(),
                FlowJson.proto(17, 1, 80, T0).with("flowmon:dnsQname", "example.org").with("flowmon:dnsQtype", 28)
                        .with("flowmon:dnsFlagsCodes", 0x8183).with("flowmon:httpHost", "www.example.org")
                        .with("flowmon:tlsCipherSuites", "0x130113021303").json(),
                FlowJson.proto(17, 1, 80, T0).with("cesnet:DNSName", "b.example").with("cesnet:DNSRCode", 2)
                        .with("cesnet:DNSQType", 1).with("muni:HTTPRequestHost", "c.example")
                        .with("cert:dnsQName", "d.example").with("cert:httpHost", "e.example").json(),
                // escapes and non-ASCII in kept and skipped strings
                FlowJson.proto(17, 1, 80, T0).with("flowmon:dnsQname", "a\"b\\c\u00e9\u4e2d\n\t/\u0001x")
                        .with("flowmon:httpHost", "h\ud83d\ude00st").with("x:skipped", "q\"\\\u0000\u2028")
                        .json(),
                "{\"flowmon:dnsQname\":\"\\u0041\\u00e9\\ud83d\\ude00\\/\\b\\f\\r\","
                        + "\"iana:protocolIdentifier\":6}",
                // nested lists and objects (RFC 6313) before, between and after known keys
                "{\"a:list\":[1,[2,{\"k\":[\"]\",\"}\",{}]}],[],{}],\"iana:protocolIdentifier\":17,"
                        + "\"b:obj\":{\"x\":{\"y\":[true,false,null,-1.5e-3,0]}},\"iana:sourceIPv4Address\":\"10.0.0.9\","
                        + "\"c:empty\":\"\"}",
                // wrong types: null for that column only; non-strings as text for string columns
                "{\"iana:protocolIdentifier\":\"tcp\",\"iana:sourceTransportPort\":1.5,"
                        + "\"iana:destinationTransportPort\":99999999999,\"iana:octetDeltaCount\":true,"
                        + "\"iana:packetDeltaCount\":[1],\"iana:sourceIPv4Address\":12345,"
                        + "\"iana:destinationIPv4Address\":[\"a\", 1, {\"b\" : null}],"
                        + "\"flowmon:dnsQname\":false,\"flowmon:httpHost\":1.5e2,"
                        + "\"iana:flowStartMilliseconds\":" + T0 + "}",
                "{\"iana:protocolIdentifier\":null,\"iana:flowStartMilliseconds\":1e3,"
                        + "\"iana:flowEndMilliseconds\":-5,\"iana:vlanId\":2147483648,\"iana:ipClassOfService\":-2147483648,"
                        + "\"iana:ingressInterface\":9223372036854775807,\"iana:egressInterface\":-9223372036854775808,"
                        + "\"iana:bgpSourceAsNumber\":9223372036854775808,\"iana:bgpDestinationAsNumber\":-0}",
                // repeated keys: the last one counts; whitespace everywhere
                " \t\r\n{ \"iana:protocolIdentifier\" : 6 , \"iana:protocolIdentifier\" :\n17,"
                        + "\"iana:sourceIPv4Address\":\"10.0.0.1\",\"iana:sourceIPv4Address\":null } ",
                "{}",
                "{\"ipfix:odid\":1} trailing garbage",
                "{\"ipfix:odid\":1}{\"ipfix:odid\":2}",
                // malformed: a row like the from_json one
                "not json", "", "   ", "[]", "[{\"ipfix:odid\":1}]", "42", "\"s\"", "null",
                "{\"ipfix:odid\":1", "{\"ipfix:odid\":1,}", "{\"ipfix:odid\":01}", "{\"ipfix:odid\":-}",
                "{\"ipfix:odid\":1.}", "{\"ipfix:odid\":1e}", "{\"x\":[1,,2],\"ipfix:odid\":1}",
                "{\"x\":\"\\q\",\"ipfix:odid\":1}", "{\"x\":\"\\u12g4\",\"ipfix:odid\":1}",
                "{\"x\":\"a\tb\",\"ipfix:odid\":1}", "{\"x\":tru,\"ipfix:odid\":1}",
                "{\"x\":nullx,\"ipfix:odid\":1}", "{\"x\" 1,\"ipfix:odid\":1}", "{ipfix:odid:1}",
                "{\"ipfix:odid\":1 2}", "{\"x\":{\"a\"},\"ipfix:odid\":1}", "{\"x\":[1}", "{\"x\":\"abc"));
        assertSameRows(lines);
    }

    @Test
    void scannerReportsMalformedInputWithoutValues() {
        FlowJsonScanner s = new FlowJsonScanner();
        byte[] good = "{\"ipfix:odid\":7,\"x\":[{\"y\":\"}\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(s.parse(good, 0, good.length)).isTrue();
        assertThat(s.has(FlowJsonScanner.index("ipfix:odid"))).isTrue();
        assertThat(s.number(FlowJsonScanner.index("ipfix:odid"))).isEqualTo(7);
        byte[] bad = "{\"ipfix:odid\":7,\"x\":[".getBytes(StandardCharsets.UTF_8);
        assertThat(s.parse(bad, 0, bad.length)).isFalse();
        assertThat(s.has(FlowJsonScanner.index("ipfix:odid"))).isFalse();
        assertThat(s.parse(null, 0, 0)).isFalse();
        byte[] deep = ("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(s.parse(deep, 0, deep.length)).isFalse();
        assertThat(s.parse(good, 1, good.length - 1)).isFalse();
    }
}
