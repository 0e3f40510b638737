package io.stream4flow.collector.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.collector.decode.DecodeCounter;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.exporters.ExporterStreams.ExportStream;
import io.stream4flow.collector.exporters.ExporterStreams.ProtocolTotals;
import io.stream4flow.collector.exporters.ExporterStreams.Variant;
import io.stream4flow.collector.offline.DecodeSummary;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.schema.ElementRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams made in this test run by real exporters (Debian's softflowd and pmacct, NetFlow v5, v9,
 * IPFIX, IPFIX biflow) from one traffic capture, decoded from the pcap of what was received exactly
 * as {@code s4fctl collector decode} does: record counts and flows / packets / bytes per protocol
 * equal what nfdump decodes from the same datagrams, nothing is rejected, no sequence loss.
 */
@Tag("exporters")
class ExporterComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Variant> variants() {
        return Stream.of(Variant.values());
    }

    record Decoded(long records, SortedMap<Integer, ProtocolTotals> protocols, DecodeSummary summary) { }

    static Decoded decode(ExportStream s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineDecoder dec = new OfflineDecoder(ElementRegistry.bundled(), DecoderLimits.DEFAULTS, out);
        try (CaptureReader r = CaptureReader.open(s.pcap())) {
            r.forEach((exporter, sport, dport, time, buf, off, len) -> dec.payload(exporter, sport, buf, off, len, time));
        }
        dec.finish();
        long records = 0;
        SortedMap<Integer, long[]> sums = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("ipfix:options").asBoolean(false)) {
                continue;
            }
            records++;
            long[] t = sums.computeIfAbsent(n.path("iana:protocolIdentifier").asInt(), k -> new long[5]);
            t[0]++;
            t[1] += n.path("iana:packetDeltaCount").asLong() + n.path("iana:packetTotalCount").asLong();
            t[2] += n.path("iana:octetDeltaCount").asLong() + n.path("iana:octetTotalCount").asLong();
            t[3] += n.path("iana@reverse:packetDeltaCount").asLong() + n.path("iana@reverse:packetTotalCount").asLong();
            t[4] += n.path("iana@reverse:octetDeltaCount").asLong() + n.path("iana@reverse:octetTotalCount").asLong();
        }
        SortedMap<Integer, ProtocolTotals> protocols = new TreeMap<>();
        sums.forEach((p, t) -> protocols.put(p, new ProtocolTotals(t[0], t[1], t[2], t[3], t[4])));
        return new Decoded(records, protocols, dec.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void decodesWhatNfdumpDecodes(Variant v) throws Exception {
        ExportStream s = ExporterStreams.shared().get(v);
        Decoded ours = decode(s);
        System.out.printf("%-24s ours %4d records %s%n%-24s nfdump %4d records %s%n", v, ours.records(),
                ours.protocols(), "", s.nfdump().records(), s.nfdump().protocols());
        assertThat(ours.summary().errors()).as(v + " rejected input").isZero();
        assertThat(ours.summary().get(DecodeCounter.SEQUENCE_LOST)).as(v + " sequence loss on loopback").isZero();
        assertThat(ours.summary().get(DecodeCounter.SEQUENCE_RESETS)).as(v + " sequence resets").isZero();
        assertThat(ours.records()).as(v + " records").isEqualTo(s.nfdump().records());
        for (var e : s.nfdump().protocols().entrySet()) {
            ProtocolTotals want = e.getValue();
            ProtocolTotals got = ours.protocols().get(e.getKey());
            assertThat(got).as(v + " protocol " + e.getKey()).isNotNull();
            assertThat(got.flows()).as(v + " flows of protocol " + e.getKey()).isEqualTo(want.flows());
            assertThat(got.allPackets()).as(v + " packets of protocol " + e.getKey()).isEqualTo(want.allPackets());
            assertThat(got.allBytes()).as(v + " bytes of protocol " + e.getKey()).isEqualTo(want.allBytes());
        }
        assertThat(ours.protocols().keySet()).isEqualTo(s.nfdump().protocols().keySet());
    }
}
