package io.stream4flow.collector.decode;

import static io.stream4flow.traffic.packet.PacketWriter.ipfix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.traffic.packet.PacketWriter;
import org.junit.jupiter.api.Test;

/** IPFIX decoding features on hand-built messages (RFC 7011, 7012, 5103, 6313). */
class IpfixDecoderTest {
    static final int SRC4 = 8;
    static final int DST4 = 12;
    static final int OCTETS = 1;
    static final int PACKETS = 2;
    static final int PROTO = 4;

    /** Template 256: sourceIPv4Address, destinationIPv4Address, octetDeltaCount(8), protocolIdentifier. */
    static byte[] template256(long domain) {
        return ipfix(domain, 1000, 0).set(2).template(256, SRC4, 4, DST4, 4, OCTETS, 8, PROTO, 1).endSet()
                .ipfixMessage();
    }

    static byte[] data256(long domain, long seq, int records) {
        PacketWriter w = ipfix(domain, 1000, seq).set(256);
        for (int i = 0; i < records; i++) {
            w.ip(10, 0, 0, 1).ip(10, 0, 0, 2).u64(1000 + i).u8(6);
        }
        return w.endSet().ipfixMessage();
    }

    @Test
    void decodesDataWithItsTemplate() {
        DecoderHarness h = new DecoderHarness();
        assertThat(h.feed(template256(1))).isTrue();
        assertThat(h.feed(data256(1, 0, 3))).isTrue();
        assertThat(h.records).hasSize(3);
        JsonNode r = h.records.get(2);
        assertThat(r.path("@type").asText()).isEqualTo("ipfix.entry");
        assertThat(r.path("ipfix:version").asInt()).isEqualTo(10);
        assertThat(r.path("ipfix:exporterAddress").asText()).isEqualTo("192.0.2.1");
        assertThat(r.path("ipfix:odid").asLong()).isEqualTo(1);
        assertThat(r.path("ipfix:templateId").asInt()).isEqualTo(256);
        assertThat(r.path("ipfix:exportTime").asLong()).isEqualTo(1_000_000L);
        assertThat(r.path("iana:sourceIPv4Address").asText()).isEqualTo("10.0.0.1");
        assertThat(r.path("iana:octetDeltaCount").asLong()).isEqualTo(1002);
        assertThat(r.path("iana:protocolIdentifier").asInt()).isEqualTo(6);
        assertThat(h.count(DecodeCounter.DATA_RECORDS)).isEqualTo(3);
        assertThat(h.count(DecodeCounter.TEMPLATES)).isEqualTo(1);
    }

    @Test
    void templatesArePerExporterAndDomain() {
        DecoderHarness h = new DecoderHarness();
        h.feed(template256(1));
        // domain 2 defines 256 differently: packetDeltaCount(4) only
        h.feed(ipfix(2, 1000, 0).set(2).template(256, PACKETS, 4).endSet().ipfixMessage());
        h.feed(data256(1, 0, 1));
        h.feed(ipfix(2, 1000, 0).set(256).u32(77).endSet().ipfixMessage());
        assertThat(h.records.get(0).path("iana:octetDeltaCount").asLong()).isEqualTo(1000);
        assertThat(h.records.get(1).path("iana:packetDeltaCount").asLong()).isEqualTo(77);
        assertThat(h.records.get(1).has("iana:octetDeltaCount")).isFalse();
        // another exporter knows no template: its data is held, not decoded with exporter 1's
        ExporterState other = h.exporter(192, 0, 2, 99);
        h.feed(other, data256(1, 0, 1), 0);
        assertThat(h.records).hasSize(2);
        assertThat(other.counter(DecodeCounter.HELD_SETS)).isEqualTo(1);
    }

    @Test
    void redefinitionReplacesTheLayoutAndRefreshIsNotCounted() {
        DecoderHarness h = new DecoderHarness();
        h.feed(template256(1));
        h.feed(template256(1));
        assertThat(h.count(DecodeCounter.TEMPLATE_REDEFINITIONS)).isZero();
        h.feed(ipfix(1, 1000, 0).set(2).template(256, PACKETS, 4).endSet().ipfixMessage());
        assertThat(h.count(DecodeCounter.TEMPLATE_REDEFINITIONS)).isEqualTo(1);
        h.feed(ipfix(1, 1000, 0).set(256).u32(5).u32(6).endSet().ipfixMessage());
        assertThat(h.records).extracting(r -> r.path("iana:packetDeltaCount").asLong()).containsExactly(5L, 6L);
    }

    @Test
    void withdrawalForgetsTheTemplate() {
        DecoderHarness h = new DecoderHarness();
        h.feed(template256(1));
        h.feed(ipfix(1, 1000, 0).set(2).u16(256).u16(0).endSet().ipfixMessage());
        assertThat(h.count(DecodeCounter.TEMPLATE_WITHDRAWALS)).isEqualTo(1);
        h.feed(data256(1, 0, 1));
        assertThat(h.records).isEmpty();
        assertThat(h.count(DecodeCounter.HELD_SETS)).isEqualTo(1);
        // withdraw all: template id = set id 2
        h.feed(template256(1));
        assertThat(h.records).hasSize(1); // the held set decoded on arrival of the template
        h.feed(ipfix(1, 1000, 0).set(2).u16(2).u16(0).endSet().ipfixMessage());
        assertThat(h.exporter.existingDomain(10, 1).templateCount()).isZero();
    }

    @Test
    void templatesExpireAfterTheirLifetime() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.DEFAULTS.withTemplateLifetime(60_000));
        h.feed(template256(1), 0);
        h.feed(data256(1, 0, 1), 59_000);
        assertThat(h.records).hasSize(1);
        h.feed(data256(1, 1, 1), 61_000);
        assertThat(h.records).hasSize(1);
        assertThat(h.count(DecodeCounter.TEMPLATES_EXPIRED)).isEqualTo(1);
    }

    @Test
    void dataBeforeItsTemplateIsHeldThenDecoded() {
        DecoderHarness h = new DecoderHarness();
        h.feed(data256(1, 0, 2), 0);
        assertThat(h.records).isEmpty();
        assertThat(h.exporter.heldSets()).isEqualTo(1);
        h.feed(template256(1), 100);
        assertThat(h.records).hasSize(2);
        assertThat(h.count(DecodeCounter.HELD_RECORDS_DECODED)).isEqualTo(2);
        assertThat(h.exporter.heldBytes()).isZero();
        assertThat(h.records.get(0).path("ipfix:exportTime").asLong()).isEqualTo(1_000_000L);
    }

    @Test
    void heldDataIsBoundedInBytesAndAge() {
        DecoderHarness h = new DecoderHarness(DecoderLimits.DEFAULTS.withHeld(100, 5_000));
        h.feed(data256(1, 0, 2), 0);   // 34-byte body (2 records of 17 bytes)
        h.feed(data256(1, 2, 2), 10);  // 68 bytes held
        h.feed(data256(1, 4, 2), 20);  // would be 102 > 100: the oldest is dropped
        assertThat(h.count(DecodeCounter.HELD_OVERFLOW)).isEqualTo(1);
        assertThat(h.exporter.heldBytes()).isLessThanOrEqualTo(100);
        assertThat(h.feed(ipfix(1, 1000, 9).ipfixMessage(), 6_000)).isFalse();
        assertThat(h.count(DecodeCounter.HELD_EXPIRED)).isEqualTo(2);
        h.feed(template256(1), 6_001);
        assertThat(h.records).isEmpty();
    }

    @Test
    void variableLengthFieldsInBothForms() {
        DecoderHarness h = new DecoderHarness();
        int interfaceName = 82; // string
        h.feed(ipfix(1, 1000, 0).set(2).template(300, interfaceName, 0xFFFF, PROTO, 1, interfaceName, 0xFFFF)
                .endSet().ipfixMessage());
        String longName = "x".repeat(300);
        h.feed(ipfix(1, 1000, 0).set(300).varString("eth0").u8(17).varString(longName).endSet().ipfixMessage());
        JsonNode r = h.last();
        assertThat(r.path("iana:interfaceName").get(0).asText()).isEqualTo("eth0");
        assertThat(r.path("iana:interfaceName").get(1).asText()).isEqualTo(longName);
        assertThat(r.path("iana:protocolIdentifier").asInt()).isEqualTo(17);
    }

    @Test
    void variableLengthPastTheSetIsCountedAndEarlierRecordsKept() {
        DecoderHarness h = new DecoderHarness();
        h.feed(ipfix(1, 1000, 0).set(2).template(300, PROTO, 1, 82, 0xFFFF).endSet().ipfixMessage());
        boolean ok = h.feed(ipfix(1, 1000, 0).set(300).u8(6).varString("ok").u8(17).u8(200).bytes(new byte[10])
                .endSet().ipfixMessage());
        assertThat(ok).isFalse();
        assertThat(h.records).hasSize(1);
        assertThat(h.count(DecodeCounter.RECORD_PAST_SET_END)).isEqualTo(1);
    }

    @Test
    void reducedSizeZeroLengthAndPadding() {
        DecoderHarness h = new DecoderHarness();
        // octetDeltaCount in 3 bytes (reduced size), a zero-length field, packetDeltaCount in 2
        h.feed(ipfix(1, 1000, 0).set(2).template(257, OCTETS, 3, 5, 0, PACKETS, 2).endSet().ipfixMessage());
        h.feed(ipfix(1, 1000, 0).set(257).u8(0x01).u16(0x0203).u16(9).u8(0).u8(0).u8(0).endSet().ipfixMessage());
        assertThat(h.records).hasSize(1); // 3 bytes of padding are shorter than a record
        JsonNode r = h.last();
        assertThat(r.path("iana:octetDeltaCount").asLong()).isEqualTo(0x010203);
        assertThat(r.path("iana:packetDeltaCount").asLong()).isEqualTo(9);
        assertThat(r.has("iana:ipClassOfService")).isFalse();
    }

    @Test
    void duplicateElementsAreAllKeptInOrder() {
        DecoderHarness h = new DecoderHarness();
        h.feed(ipfix(1, 1000, 0).set(2).template(258, SRC4, 4, SRC4, 4, PROTO, 1, SRC4, 4).endSet().ipfixMessage());
        h.feed(ipfix(1, 1000, 0).set(258).ip(1, 1, 1, 1).ip(2, 2, 2, 2).u8(6).ip(3, 3, 3, 3).endSet().ipfixMessage());
        JsonNode src = h.last().path("iana:sourceIPv4Address");
        assertThat(src.isArray()).isTrue();
        assertThat(src).extracting(JsonNode::asText).containsExactly("1.1.1.1", "2.2.2.2", "3.3.3.3");
    }

    @Test
    void repeatedUnknownElementsStayOneMemberWhenTheRegistryStopsCaching() {
        // a registry whose cache of unknown elements is full hands out a new instance per lookup
        io.stream4flow.schema.ElementRegistry r = io.stream4flow.schema.ElementRegistry.withUserDefinitions(null);
        for (int i = 0; i < 70_000; i++) {
            r.ipfix(1_000_000 + i / 32_768, i % 32_768);
        }
        assertThat(r.ipfix(424242, 9)).isNotSameAs(r.ipfix(424242, 9));
        FlowDecoder d = new FlowDecoder(r, DecoderLimits.DEFAULTS);
        io.stream4flow.collector.encode.FlowJsonEncoder enc = new io.stream4flow.collector.encode.FlowJsonEncoder(r, 512, 4);
        ExporterState ex = new ExporterState(new byte[] {1, 2, 3, 4}, 1, DecoderLimits.DEFAULTS);
        byte[] tpl = ipfix(1, 1000, 0).set(2).u16(300).u16(2).u16(0x8000 | 9).u16(1).u32(424242)
                .u16(0x8000 | 9).u16(1).u32(424242).endSet().ipfixMessage();
        byte[] data = ipfix(1, 1000, 0).set(300).u8(1).u8(2).endSet().ipfixMessage();
        io.stream4flow.schema.JsonBuffer out = new io.stream4flow.schema.JsonBuffer();
        d.decode(ex, tpl, 0, tpl.length, 0, rec -> { });
        d.decode(ex, data, 0, data.length, 0, rec -> enc.encode(rec, out));
        assertThat(out.toString()).contains("\"en424242:id9\":[\"0x01\",\"0x02\"]");
    }

    @Test
    void enterpriseAndReverseElements() {
        DecoderHarness h = new DecoderHarness();
        h.feed(ipfix(1, 1000, 0).set(2).u16(259).u16(4)
                .u16(0x8000 | 77).u16(3).u32(12345)       // unknown enterprise element
                .u16(0x8000 | OCTETS).u16(8).u32(29305)   // reverseOctetDeltaCount
                .u16(0x8000 | 14).u16(1).u32(6871)        // cert initialTCPFlags
                .u16(PROTO).u16(1).endSet().ipfixMessage());
        h.feed(ipfix(1, 1000, 0).set(259).bytes((byte) 0xAB, (byte) 0xCD, (byte) 0xEF).u64(4242).u8(2).u8(17)
                .endSet().ipfixMessage());
        JsonNode r = h.last();
        assertThat(r.path("en12345:id77").asText()).isEqualTo("0xabcdef");
        assertThat(r.path("iana@reverse:octetDeltaCount").asLong()).isEqualTo(4242);
        assertThat(r.path("cert:initialTCPFlags").asInt()).isEqualTo(2);
        assertThat(r.path("iana:protocolIdentifier").asInt()).isEqualTo(17);
    }

    @Test
    void ipv6AndMacValues() {
        DecoderHarness h = new DecoderHarness();
        h.feed(ipfix(1, 1000, 0).set(2).template(260, 27, 16, 56, 6).endSet().ipfixMessage());
        h.feed(ipfix(1, 1000, 0).set(260).u32(0x20010db8).u32(0).u32(0).u32(1)
                .bytes((byte) 0, (byte) 0x1b, (byte) 0x21, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc).endSet().ipfixMessage());
        assertThat(h.last().path("iana:sourceIPv6Address").asText()).isEqualTo("2001:db8::1");
        assertThat(h.last().path("iana:sourceMacAddress").asText()).isEqualTo("00:1b:21:aa:bb:cc");
    }

    @Test
    void samplingFromOptionsDataIsAttachedToLaterRecords() {
        DecoderHarness h = new DecoderHarness();
        // options template 400: scope exportingProcessId(144), samplingPacketInterval(305), samplingPacketSpace(306)
        h.feed(ipfix(1, 1000, 0).set(3).u16(400).u16(3).u16(1).u16(144).u16(4).u16(305).u16(4).u16(306).u16(4)
                .endSet().set(400).u32(1).u32(1).u32(99).endSet().ipfixMessage());
        assertThat(h.count(DecodeCounter.OPTIONS_RECORDS)).isEqualTo(1);
        assertThat(h.count(DecodeCounter.SAMPLING_ANNOUNCEMENTS)).isEqualTo(1);
        assertThat(h.records.get(0).path("ipfix:options").asBoolean()).isTrue();
        h.feed(template256(1));
        h.feed(data256(1, 0, 1));
        JsonNode r = h.last();
        assertThat(r.path("iana:samplingPacketInterval").asLong()).isEqualTo(1);
        assertThat(r.path("iana:samplingPacketSpace").asLong()).isEqualTo(99);
        assertThat(r.path("iana:octetDeltaCount").asLong()).isEqualTo(1000); // counters stay raw
        // another domain of the same exporter is not sampled
        h.feed(template256(2));
        h.feed(data256(2, 0, 1));
        assertThat(h.last().has("iana:samplingPacketInterval")).isFalse();
    }

    @Test
    void timesBecomeAbsoluteMilliseconds() {
        DecoderHarness h = new DecoderHarness();
        // flowStartDeltaMicroseconds(158), flowEndDeltaMicroseconds(159) against the export time
        h.feed(ipfix(1, 1_600_000_000L, 0).set(2).template(261, 158, 4, 159, 4).endSet().ipfixMessage());
        h.feed(ipfix(1, 1_600_000_000L, 0).set(261).u32(5_000_000).u32(1_000_000).endSet().ipfixMessage());
        assertThat(h.last().path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_599_999_995_000L);
        assertThat(h.last().path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_599_999_999_000L);
        // flowStartSeconds(150) with flowDurationMilliseconds(161)
        h.feed(ipfix(1, 1_600_000_000L, 0).set(2).template(262, 150, 4, 161, 4).endSet().ipfixMessage());
        h.feed(ipfix(1, 1_600_000_000L, 0).set(262).u32(1_599_999_000L).u32(2500).endSet().ipfixMessage());
        assertThat(h.last().path("iana:flowStartSeconds").asLong()).isEqualTo(1_599_999_000_000L);
        assertThat(h.last().path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_599_999_000_000L);
        assertThat(h.last().path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_599_999_002_500L);
        // sysUpTime-relative times with systemInitTimeMilliseconds(160) from options data
        h.feed(ipfix(1, 1_600_000_000L, 0).set(3).u16(401).u16(2).u16(1).u16(144).u16(4).u16(160).u16(8).endSet()
                .set(401).u32(0).u64(1_599_000_000_000L).endSet().ipfixMessage());
        h.feed(ipfix(1, 1_600_000_000L, 0).set(2).template(263, 22, 4, 21, 4).endSet().ipfixMessage());
        h.feed(ipfix(1, 1_600_000_000L, 0).set(263).u32(1000).u32(3000).endSet().ipfixMessage());
        assertThat(h.last().path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_599_000_001_000L);
        assertThat(h.last().path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_599_000_003_000L);
    }

    @Test
    void sequenceNumbersCountLostRecords() {
        DecoderHarness h = new DecoderHarness();
        h.feed(template256(1));
        h.feed(data256(1, 0, 3));
        h.feed(data256(1, 3, 2));
        assertThat(h.count(DecodeCounter.SEQUENCE_LOST)).isZero();
        h.feed(data256(1, 10, 1)); // records 5..9 never came
        assertThat(h.count(DecodeCounter.SEQUENCE_LOST)).isEqualTo(5);
        h.feed(data256(1, 2, 1)); // went backwards: a restart or reordering, not loss
        assertThat(h.count(DecodeCounter.SEQUENCE_RESETS)).isEqualTo(1);
        assertThat(h.count(DecodeCounter.SEQUENCE_LOST)).isEqualTo(5);
    }

    @Test
    void basicListAndSubTemplateList() {
        DecoderHarness h = new DecoderHarness();
        // template 270: protocolIdentifier, basicList(291) of destinationTransportPort; 271: src+dst IPv4;
        // template 272: subTemplateList(292) of 271
        h.feed(ipfix(1, 1000, 0).set(2).template(270, PROTO, 1, 291, 0xFFFF).template(271, SRC4, 4, DST4, 4)
                .template(272, 292, 0xFFFF).endSet().ipfixMessage());
        h.feed(ipfix(1, 1000, 0).set(270).u8(6).u8(1 + 4 + 6).u8(3).u16(11).u16(2).u16(80).u16(443).u16(8080)
                .endSet().set(272).u8(1 + 2 + 16).u8(3).u16(271).ip(1, 1, 1, 1).ip(2, 2, 2, 2).ip(3, 3, 3, 3)
                .ip(4, 4, 4, 4).endSet().ipfixMessage());
        assertThat(h.records).hasSize(2);
        assertThat(h.records.get(0).path("iana:basicList")).extracting(JsonNode::asInt).containsExactly(80, 443, 8080);
        JsonNode stl = h.records.get(1).path("iana:subTemplateList");
        assertThat(stl).hasSize(2);
        assertThat(stl.get(1).path("iana:destinationIPv4Address").asText()).isEqualTo("4.4.4.4");
        // a list naming an unknown template is written as hex
        h.feed(ipfix(1, 1000, 0).set(272).u8(1 + 2 + 4).u8(3).u16(999).ip(1, 1, 1, 1).endSet().ipfixMessage());
        assertThat(h.last().path("iana:subTemplateList").asText()).isEqualTo("0x0303e701010101");
        assertThat(h.encoder.badLists()).isEqualTo(1);
        assertThat(h.count(DecodeCounter.BAD_LIST)).isEqualTo(1);
    }
}
