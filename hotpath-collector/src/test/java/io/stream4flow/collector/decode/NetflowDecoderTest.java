package io.stream4flow.collector.decode;

import static io.stream4flow.traffic.packet.PacketWriter.v9;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.traffic.packet.PacketWriter;
import org.junit.jupiter.api.Test;

/** NetFlow v5 and v9 decoding features on hand-built packets. */
class NetflowDecoderTest {

    static byte[] v5(int count, int records, long uptime, long secs, long seq, int sampling) {
        PacketWriter w = new PacketWriter().u16(5).u16(count).u32(uptime).u32(secs).u32(0).u32(seq)
                .u8(1).u8(2).u16(sampling);
        for (int i = 0; i < records; i++) {
            w.ip(10, 0, 0, i).ip(10, 0, 1, i).ip(0, 0, 0, 0).u16(1).u16(2).u32(3).u32(300)
                    .u32(uptime - 5000).u32(uptime - 1000).u16(1234).u16(80).u8(0).u8(0x12).u8(6).u8(0)
                    .u16(65000).u16(65001).u8(24).u8(16).u16(0);
        }
        return w.build();
    }

    @Test
    void v5RecordsWithAbsoluteTimesAndHeaderSampling() {
        DecoderHarness h = new DecoderHarness();
        assertThat(h.feed(v5(2, 2, 100_000, 1_600_000_000L, 0, (1 << 14) | 100))).isTrue();
        assertThat(h.records).hasSize(2);
        JsonNode r = h.records.get(1);
        assertThat(r.path("ipfix:version").asInt()).isEqualTo(5);
        assertThat(r.path("ipfix:odid").asInt()).isEqualTo(0x0102); // engine type 1, id 2
        assertThat(r.path("iana:sourceIPv4Address").asText()).isEqualTo("10.0.0.1");
        assertThat(r.path("iana:octetDeltaCount").asLong()).isEqualTo(300); // raw, not upscaled
        assertThat(r.path("iana:tcpControlBits").asInt()).isEqualTo(0x12);
        assertThat(r.path("iana:bgpDestinationAsNumber").asInt()).isEqualTo(65001);
        assertThat(r.path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 5000);
        assertThat(r.path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 1000);
        assertThat(r.path("iana:samplingInterval").asInt()).isEqualTo(100);
        assertThat(r.path("iana:samplingAlgorithm").asInt()).isEqualTo(1);
        assertThat(r.has("iana:paddingOctets")).isFalse();
    }

    @Test
    void v5SequenceCountsLostFlows() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v5(2, 2, 100_000, 1_600_000_000L, 0, 0));
        h.feed(v5(2, 2, 100_000, 1_600_000_000L, 2, 0));
        h.feed(v5(1, 1, 100_000, 1_600_000_000L, 10, 0));
        assertThat(h.count(DecodeCounter.SEQUENCE_LOST)).isEqualTo(6);
    }

    @Test
    void v5CountsThatDoNotFitAreRejected() {
        DecoderHarness h = new DecoderHarness();
        assertThat(h.feed(v5(3, 2, 1, 1, 0, 0))).isFalse();   // count says 3, bytes for 2
        assertThat(h.feed(v5(31, 31, 1, 1, 0, 0))).isFalse(); // above the v5 maximum of 30
        assertThat(h.feed(v5(0, 0, 1, 1, 0, 0))).isFalse();
        assertThat(h.records).isEmpty();
        assertThat(h.count(DecodeCounter.V5_BAD_COUNT)).isEqualTo(3);
    }

    @Test
    void v5UptimeWrapIsHandled() {
        DecoderHarness h = new DecoderHarness();
        // uptime wrapped to 1000 ms; the flow started 4000 ms before, i.e. before the wrap
        PacketWriter w = new PacketWriter().u16(5).u16(1).u32(1000).u32(1_600_000_000L).u32(0).u32(0).u16(0).u16(0)
                .ip(1, 1, 1, 1).ip(2, 2, 2, 2).ip(0, 0, 0, 0).u16(0).u16(0).u32(1).u32(1)
                .u32(0x1_0000_0000L - 3000).u32(500).u16(0).u16(0).u8(0).u8(0).u8(17).u8(0).u16(0).u16(0).u8(0).u8(0).u16(0);
        h.feed(w.build());
        assertThat(h.last().path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 4000);
        assertThat(h.last().path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 500);
    }

    static byte[] v9Template(long seq) {
        return v9(1, 10_000, 1_600_000_000L, seq, 7).set(0)
                .template(256, 8, 4, 12, 4, 2, 4, 1, 4, 22, 4, 21, 4, 48, 1).endSet().build();
    }

    static byte[] v9Data(long seq, int... samplerIds) {
        PacketWriter w = v9(samplerIds.length, 10_000, 1_600_000_000L, seq, 7).set(256);
        for (int s : samplerIds) {
            w.ip(10, 1, 1, 1).ip(10, 2, 2, 2).u32(10).u32(1000).u32(4000).u32(9000).u8(s);
        }
        return w.endSet().build();
    }

    @Test
    void v9RecordsGetIanaNamesAndAbsoluteTimes() {
        DecoderHarness h = new DecoderHarness();
        assertThat(h.feed(v9Template(0))).isTrue();
        assertThat(h.feed(v9Data(1, 0))).isTrue();
        JsonNode r = h.last();
        assertThat(r.path("ipfix:version").asInt()).isEqualTo(9);
        assertThat(r.path("ipfix:odid").asInt()).isEqualTo(7);
        assertThat(r.path("ipfix:sysUpTime").asLong()).isEqualTo(10_000);
        assertThat(r.path("iana:packetDeltaCount").asLong()).isEqualTo(10);
        assertThat(r.path("iana:flowStartSysUpTime").asLong()).isEqualTo(4000);
        assertThat(r.path("iana:flowStartMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 6000);
        assertThat(r.path("iana:flowEndMilliseconds").asLong()).isEqualTo(1_600_000_000_000L - 1000);
        assertThat(h.count(DecodeCounter.V9_COUNT_DIFFERS)).isZero();
    }

    @Test
    void v9SamplingPerSamplerFromOptionsData() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9Template(0));
        // options template 300: scope System (4 bytes); fields samplerId(48) 1, samplerMode(49) 1,
        // samplerRandomInterval(50) 4 — and one announcing sampler 3 = 1 out of 512
        h.feed(v9(2, 10_000, 1_600_000_000L, 1, 7).set(1).u16(300).u16(4).u16(12).u16(1).u16(4)
                .u16(48).u16(1).u16(49).u16(1).u16(50).u16(4).u16(0).endSet()
                .set(300).u32(0).u8(3).u8(2).u32(512).u8(0).u8(0).u8(0).endSet().build());
        assertThat(h.count(DecodeCounter.OPTIONS_TEMPLATES)).isEqualTo(1);
        assertThat(h.count(DecodeCounter.SAMPLING_ANNOUNCEMENTS)).isEqualTo(1);
        JsonNode opt = h.last();
        assertThat(opt.path("ipfix:options").asBoolean()).isTrue();
        assertThat(opt.path("netflow:scopeSystem").asLong()).isZero();
        h.feed(v9Data(2, 3, 4));
        assertThat(h.records.get(h.records.size() - 2).path("iana:samplerRandomInterval").asLong()).isEqualTo(512);
        assertThat(h.last().has("iana:samplerRandomInterval")).isFalse();
    }

    @Test
    void v9DomainWideSamplingInterval() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9(2, 10_000, 1_600_000_000L, 0, 7).set(1).u16(301).u16(4).u16(8).u16(1).u16(4)
                .u16(34).u16(4).u16(35).u16(1).u16(0).endSet()
                .set(301).u32(0).u32(100).u8(2).u8(0).u8(0).u8(0).endSet().build());
        h.feed(v9Template(1));
        h.feed(v9Data(2, 0));
        assertThat(h.last().path("iana:samplingInterval").asLong()).isEqualTo(100);
        assertThat(h.last().path("iana:samplingAlgorithm").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownScopeTypeWithASamplingNumberIsNotSampling() {
        DecoderHarness h = new DecoderHarness();
        // options template 302: scope type 35 (not an RFC 3954 scope), field samplerRandomInterval(50)
        h.feed(v9(2, 10_000, 1_600_000_000L, 0, 7).set(1).u16(302).u16(4).u16(4).u16(35).u16(1)
                .u16(50).u16(4).endSet().set(302).u8(2).u32(1).u8(0).u8(0).u8(0).endSet().build());
        JsonNode opt = h.last();
        assertThat(opt.path("en0:id35").asText()).isEqualTo("0x02");
        assertThat(opt.path("iana:samplerRandomInterval").asLong()).isEqualTo(1);
        assertThat(h.count(DecodeCounter.SAMPLING_ANNOUNCEMENTS)).isEqualTo(1);
        h.feed(v9Template(1));
        h.feed(v9Data(2, 0));
        assertThat(h.last().has("en0:id35")).isFalse();
        assertThat(h.last().path("iana:samplerRandomInterval").asLong()).isEqualTo(1);
    }

    @Test
    void v9SequenceCountsLostPackets() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9Template(100));
        h.feed(v9Data(101, 0));
        h.feed(v9Data(105, 0));
        assertThat(h.count(DecodeCounter.SEQUENCE_LOST)).isEqualTo(3);
    }

    @Test
    void v9CountSmallerThanFlowsetsIsRejected() {
        DecoderHarness h = new DecoderHarness();
        byte[] p = v9(1, 10_000, 1_600_000_000L, 0, 7).set(0).template(256, 8, 4).endSet()
                .set(0).template(257, 12, 4).endSet().build();
        assertThat(h.feed(p)).isFalse();
        assertThat(h.count(DecodeCounter.V9_COUNT_MISMATCH)).isEqualTo(1);
        assertThat(h.count(DecodeCounter.TEMPLATES)).isZero();
    }

    @Test
    void v9CountLargerThanRecordsIsOnlyNoticed() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9Template(0));
        byte[] p = v9(5, 10_000, 1_600_000_000L, 1, 7).set(256).ip(1, 1, 1, 1).ip(2, 2, 2, 2).u32(1).u32(1)
                .u32(1).u32(1).u8(0).endSet().build();
        assertThat(h.feed(p)).isTrue();
        assertThat(h.records).hasSize(1);
        assertThat(h.count(DecodeCounter.V9_COUNT_DIFFERS)).isEqualTo(1);
    }

    @Test
    void v9TrailingZeroPaddingIsNotAnError() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9Template(0));
        byte[] p = PacketWriter.concat(v9Data(1, 0), new byte[200]);
        assertThat(h.feed(p)).isTrue();
        assertThat(h.records).hasSize(1);
    }

    @Test
    void v9SourceIdsKeepSeparateTemplates() {
        DecoderHarness h = new DecoderHarness();
        h.feed(v9Template(0));
        byte[] other = v9(1, 10_000, 1_600_000_000L, 0, 8).set(256).ip(1, 1, 1, 1).endSet().build();
        h.feed(other);
        assertThat(h.records).isEmpty();
        assertThat(h.count(DecodeCounter.HELD_SETS)).isEqualTo(1);
    }
}
