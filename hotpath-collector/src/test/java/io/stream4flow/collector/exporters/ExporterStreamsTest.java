package io.stream4flow.collector.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.traffic.capture.CaptureCounter;
import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.collector.exporters.ExporterStreams.Datagram;
import io.stream4flow.collector.exporters.ExporterStreams.ExportStream;
import io.stream4flow.collector.exporters.ExporterStreams.ProtocolTotals;
import io.stream4flow.collector.exporters.ExporterStreams.Variant;
import io.stream4flow.traffic.testing.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The exporter fixture works: every variant yields a stream, a pcap of it and nfdump totals. */
@Tag("exporters")
class ExporterStreamsTest {

    @Test
    void everyVariantGivesAStreamAPcapAndNfdumpTotals() throws Exception {
        long start = System.nanoTime();
        Map<Variant, ExportStream> all = ExporterStreams.shared();
        System.out.printf("exporter streams made in %.1f s (%s)%n", (System.nanoTime() - start) / 1e9,
                ExporterStreams.workDir());

        assertThat(all).containsOnlyKeys(Variant.values());
        long capturePackets = packetsIn(ExporterStreams.workDir().resolve("traffic.pcap"));
        for (ExportStream s : all.values()) {
            Variant v = s.variant();
            System.out.printf("%-24s %3d datagrams %4d records %s%n", v, s.datagrams().size(), s.nfdump().records(),
                    s.nfdump().protocols());
            assertThat(s.datagrams()).as(v + " datagrams").isNotEmpty();
            for (Datagram d : s.datagrams()) {
                assertThat(d.source().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(((d.payload()[0] & 0xFF) << 8) | (d.payload()[1] & 0xFF)).as(v + " version field")
                        .isEqualTo(v.version());
            }
            assertThat(s.nfdump().records()).as(v + " nfdump records").isPositive();
            assertThat(s.nfdump().protocols()).as(v + " protocols").containsKeys(1, 6, 17);
            if (v.version() == 5) {
                assertThat(s.nfdump().protocols()).as("v5 carries no IPv6").doesNotContainKey(58);
                assertThat(allPackets(s)).isLessThan(capturePackets);
            } else {
                assertThat(s.nfdump().protocols()).containsKey(58);
                assertThat(allPackets(s)).as(v + ": every packet of the capture is in some flow")
                        .isEqualTo(capturePackets);
            }
            assertThat(readBack(s.pcap())).as(v + " pcap holds the recorded payloads")
                    .containsExactlyElementsOf(s.payloads());
        }
        ExportStream uni = all.get(Variant.SOFTFLOWD_IPFIX);
        ExportStream bi = all.get(Variant.SOFTFLOWD_IPFIX_BIFLOW);
        assertThat(bi.nfdump().records()).as("a biflow record counts once").isLessThan(uni.nfdump().records());
        assertThat(packetsByProtocol(bi)).isEqualTo(packetsByProtocol(uni));
        assertThat(packetsByProtocol(all.get(Variant.PMACCT_V5)))
                .isEqualTo(packetsByProtocol(all.get(Variant.SOFTFLOWD_V5)));
        assertThat(all.get(Variant.SOFTFLOWD_V9).nfdump()).isEqualTo(all.get(Variant.SOFTFLOWD_IPFIX).nfdump());
    }

    @Test
    void tsharkDecodesTheWrittenPcapsAsFlowExports() throws Exception {
        Path tshark = ExternalProgram.require("tshark", "tshark");
        for (ExportStream s : ExporterStreams.shared().values()) {
            Path out = s.pcap().resolveSibling(s.variant().fileName() + ".tshark.txt");
            ExternalProgram.runToFile(List.of(tshark.toString(), "-r", s.pcap().toString(),
                    "-d", "udp.port==2055,cflow", "-d", "udp.port==4739,cflow",
                    "-Y", "cflow", "-T", "fields", "-e", "cflow.version"), out,
                    out.resolveSibling(s.variant().fileName() + ".tshark.log"), Duration.ofSeconds(60));
            List<String> versions = Files.readAllLines(out);
            assertThat(versions).as(s.variant() + " frames tshark sees as NetFlow/IPFIX").hasSize(s.datagrams().size())
                    .containsOnly(Integer.toString(s.variant().version()));
        }
    }

    static long packetsIn(Path pcap) throws IOException {
        try (CaptureReader r = CaptureReader.open(pcap)) {
            r.forEach((e, sp, dp, t, b, o, l) -> { });
            return r.count(CaptureCounter.PACKETS);
        }
    }

    static long allPackets(ExportStream s) {
        return s.nfdump().protocols().values().stream().mapToLong(ProtocolTotals::allPackets).sum();
    }

    static Map<Integer, Long> packetsByProtocol(ExportStream s) {
        Map<Integer, Long> m = new TreeMap<>();
        s.nfdump().protocols().forEach((p, t) -> m.put(p, t.allPackets()));
        return m;
    }

    static List<byte[]> readBack(Path pcap) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(pcap)) {
            while (r.next()) {
                out.add(r.payload());
            }
        }
        return out;
    }
}
