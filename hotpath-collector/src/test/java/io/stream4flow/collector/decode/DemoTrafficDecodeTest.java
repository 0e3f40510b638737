package io.stream4flow.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo generator's IPFIX messages through the collector's decoder and JSON encoder: the plain flows and those with
 * Flowmon's DNS, HTTP and TLS elements (templates of their own, variable-length fields) come out as they went in.
 */
class DemoTrafficDecodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_790_000_000_000L;

    @Test
    void messagesDecodeToTheSameFlows() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(192, 168, 7, 0), START, true, 3);
        List<DemoFlow> flows = new ArrayList<>();
        scenario.flows(START, START + 10_000, 100, flows);
        DemoMessages writer = new DemoMessages(5);
        ElementRegistry registry = ElementRegistry.bundled();
        FlowDecoder decoder = new FlowDecoder(registry, DecoderLimits.DEFAULTS);
        FlowJsonEncoder encoder = new FlowJsonEncoder(registry, DecoderLimits.DEFAULTS.maxFieldsPerTemplate(),
                DecoderLimits.DEFAULTS.maxListDepth());
        ExporterState exporter = new ExporterState(new byte[] {127, 0, 0, 1}, 4739, DecoderLimits.DEFAULTS);
        JsonBuffer buf = new JsonBuffer(64);
        List<JsonNode> records = new ArrayList<>();
        for (int from = 0; from < flows.size(); from += DemoMessages.MAX_RECORDS) {
            ByteBuffer m = writer.message(flows, from, START + 10_000 + from);
            assertThat(m.remaining()).isLessThanOrEqualTo(1400);
            byte[] bytes = new byte[m.remaining()];
            m.get(bytes);
            assertThat(decoder.decode(exporter, bytes, 0, bytes.length, START, r -> {
                buf.reset();
                encoder.encode(r, buf);
                try {
                    records.add(JSON.readTree(buf.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).isTrue();
        }
        assertThat(records).hasSize(flows.size());
        assertThat(writer.sequence()).isEqualTo(flows.size());
        int dns = 0;
        int http = 0;
        int tls = 0;
        for (int i = 0; i < flows.size(); i++) {
            DemoFlow f = flows.get(i);
            JsonNode r = records.get(i);
            assertThat(r.get("iana:sourceIPv4Address").asText()).isEqualTo(DemoFlow.text(f.src()));
            assertThat(r.get("iana:destinationIPv4Address").asText()).isEqualTo(DemoFlow.text(f.dst()));
            assertThat(r.get("iana:destinationTransportPort").asInt()).isEqualTo(f.dstPort());
            assertThat(r.get("iana:protocolIdentifier").asInt()).isEqualTo(f.protocol());
            assertThat(r.get("iana:tcpControlBits").asInt()).isEqualTo(f.tcpFlags());
            assertThat(r.get("iana:packetDeltaCount").asLong()).isEqualTo(f.packets());
            assertThat(r.get("iana:octetDeltaCount").asLong()).isEqualTo(f.bytes());
            assertThat(r.get("iana:flowStartMilliseconds").asLong()).isEqualTo(f.startMillis());
            assertThat(r.get("iana:flowEndMilliseconds").asLong()).isEqualTo(f.endMillis());
            assertThat(r.get("ipfix:odid").asLong()).isEqualTo(5);
            if (f.app() instanceof DemoFlow.Dns d) {
                assertThat(r.get("ipfix:templateId").asInt()).isEqualTo(DemoMessages.DNS_TEMPLATE_ID);
                assertThat(r.get("flowmon:dnsQname").asText()).isEqualTo(d.name());
                assertThat(r.get("flowmon:dnsQtype").asInt()).isEqualTo(d.qtype());
                assertThat(r.get("flowmon:dnsFlagsCodes").asInt() & 0xf).isEqualTo(d.rcode());
                dns++;
            } else if (f.app() instanceof DemoFlow.Http h) {
                assertThat(r.get("ipfix:templateId").asInt()).isEqualTo(DemoMessages.HTTP_TEMPLATE_ID);
                assertThat(r.get("flowmon:httpHost").asText()).isEqualTo(h.host());
                http++;
            } else if (f.app() instanceof DemoFlow.Tls t) {
                assertThat(r.get("ipfix:templateId").asInt()).isEqualTo(DemoMessages.TLS_TEMPLATE_ID);
                // the octet array as the collector's hex: the dictionary's list without its separators
                assertThat(r.get("flowmon:tlsCipherSuites").asText().toLowerCase(java.util.Locale.ROOT))
                        .isEqualTo("0x" + t.text().replace("0x", "").replace(",", ""));
                tls++;
            } else {
                assertThat(r.get("ipfix:templateId").asInt()).isEqualTo(DemoMessages.TEMPLATE_ID);
                assertThat(r.has("flowmon:dnsQname") || r.has("flowmon:httpHost") || r.has("flowmon:tlsCipherSuites"))
                        .isFalse();
            }
        }
        assertThat(dns).isPositive();
        assertThat(http).isPositive();
        assertThat(tls).isPositive();
    }
}
