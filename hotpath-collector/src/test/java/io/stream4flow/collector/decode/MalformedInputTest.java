package io.stream4flow.collector.decode;

import static io.stream4flow.traffic.packet.PacketWriter.ipfix;
import static io.stream4flow.traffic.packet.PacketWriter.v9;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every kind of malformed input is rejected by its own counter, without an exception. */
class MalformedInputTest {

    private static DecoderHarness rejects(byte[] msg, DecodeCounter reason) {
        DecoderHarness h = new DecoderHarness();
        h.feed(IpfixDecoderTest.template256(1));
        assertThat(h.feed(msg)).as("decode result").isFalse();
        assertThat(h.count(reason)).as(reason.metricName()).isEqualTo(1);
        return h;
    }

    @Test
    void truncatedHeaders() {
        rejects(new byte[] {0, 10, 0, 16, 0, 0}, DecodeCounter.TRUNCATED_HEADER);
        rejects(new byte[] {0, 9, 0, 1, 0, 0, 0, 0, 0}, DecodeCounter.TRUNCATED_HEADER);
        rejects(new byte[] {0, 5, 0, 1}, DecodeCounter.TRUNCATED_HEADER);
        rejects(new byte[] {0}, DecodeCounter.TRUNCATED_HEADER);
    }

    @Test
    void unsupportedVersion() {
        rejects(new byte[] {0, 7, 0, 0, 0, 0, 0, 0}, DecodeCounter.UNSUPPORTED_VERSION);
    }

    @Test
    void ipfixLengthPastTheDatagramOrBelowTheHeader() {
        byte[] msg = IpfixDecoderTest.data256(1, 0, 2);
        rejects(Arrays.copyOf(msg, msg.length - 1), DecodeCounter.BAD_MESSAGE_LENGTH);
        byte[] shortLen = msg.clone();
        shortLen[2] = 0;
        shortLen[3] = 8;
        rejects(shortLen, DecodeCounter.BAD_MESSAGE_LENGTH);
    }

    @Test
    void setLengthBelowFour() {
        rejects(ipfix(1, 1, 0).u16(256).u16(2).u32(0).ipfixMessage(), DecodeCounter.SET_TOO_SHORT);
        rejects(v9(1, 1, 1, 0, 1).u16(0).u16(3).u32(1).build(), DecodeCounter.SET_TOO_SHORT);
    }

    @Test
    void setPastTheEndOfTheMessage() {
        rejects(ipfix(1, 1, 0).u16(256).u16(200).u32(0).ipfixMessage(), DecodeCounter.SET_PAST_END);
        rejects(v9(1, 1, 1, 0, 1).u16(256).u16(64).u32(0).build(), DecodeCounter.SET_PAST_END);
    }

    @Test
    void templateWithTooManyFields() {
        rejects(ipfix(1, 1, 0).set(2).u16(300).u16(60000).u32(0).endSet().ipfixMessage(),
                DecodeCounter.TEMPLATE_TOO_MANY_FIELDS);
    }

    @Test
    void templateLongerThanItsSet() {
        rejects(ipfix(1, 1, 0).set(2).u16(300).u16(10).u16(8).u16(4).endSet().ipfixMessage(),
                DecodeCounter.TEMPLATE_PAST_SET_END);
        // an enterprise bit whose PEN is cut off by the end of the set
        rejects(ipfix(1, 1, 0).set(2).u16(300).u16(1).u16(0x8001).u16(4).u16(0).endSet().ipfixMessage(),
                DecodeCounter.TEMPLATE_PAST_SET_END);
    }

    @Test
    void templateWithZeroFieldsOrBadIds() {
        rejects(v9(1, 1, 1, 0, 1).set(0).u16(300).u16(0).endSet().build(), DecodeCounter.TEMPLATE_ZERO_FIELDS);
        rejects(ipfix(1, 1, 0).set(2).template(100, 8, 4).endSet().ipfixMessage(), DecodeCounter.TEMPLATE_INVALID);
        // options template with a scope count above its field count
        rejects(ipfix(1, 1, 0).set(3).u16(300).u16(1).u16(2).u16(8).u16(4).endSet().ipfixMessage(),
                DecodeCounter.TEMPLATE_INVALID);
        // a template whose records would be zero bytes long cannot delimit records
        rejects(ipfix(1, 1, 0).set(2).template(301, 8, 0).endSet().ipfixMessage(), DecodeCounter.TEMPLATE_INVALID);
    }

    @Test
    void theCorpusMalformedCasesCountTheirReason() {
        DecoderHarness h = new DecoderHarness();
        for (String f : new String[] {"netflow5_test_invalid01.dat", "netflow5_test_invalid02.dat"}) {
            byte[] b = CorpusFiles.bytes(f);
            assertThat(h.feed(b)).isFalse();
        }
        assertThat(h.count(DecodeCounter.V5_BAD_COUNT)).isEqualTo(2);
        byte[] b = CorpusFiles.bytes("netflow9_test_invalid01.dat");
        assertThat(h.feed(b)).isFalse();
        assertThat(h.count(DecodeCounter.V9_COUNT_MISMATCH)).isEqualTo(1);
        assertThat(h.records).isEmpty();
    }

    @Test
    void everyTruncationOfEveryCorpusFileIsSafe() {
        // no exception, no endless loop: cut each corpus payload at every length
        for (Corpus.Case c : Corpus.cases()) {
            DecoderHarness h = new DecoderHarness();
            for (String f : c.files()) {
                byte[] b = CorpusFiles.bytes(f);
                for (int cut = 0; cut <= b.length; cut += Math.max(1, b.length / 97)) {
                    byte[] part = Arrays.copyOf(b, cut);
                    h.decoder.decode(h.exporter, part, 0, part.length, 0, r -> { });
                }
            }
        }
    }
}
