package io.stream4flow.collector.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.traffic.capture.CaptureCounter;
import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.traffic.testing.ExternalProgram;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against files written by real tools: the scapy traffic capture, editcap's pcapng and
 * nanosecond pcap, and scapy rewrites of it into other link types ({@code relink.py}); tshark's
 * reading of the same file is the reference for every UDP packet (source, ports, length, time).
 */
@Tag("exporters")
class CaptureReaderToolsTest {
    @TempDir
    static Path dir;
    static Path traffic;
    static List<String> expected;
    static long packets;

    @BeforeAll
    static void capture() throws Exception {
        traffic = ExporterStreams.trafficPcap(dir);
        Path tshark = ExternalProgram.require("tshark", "tshark");
        Path fields = dir.resolve("tshark-udp.txt");
        ExternalProgram.runToFile(List.of(tshark.toString(), "-r", traffic.toString(), "-Y", "udp", "-T", "fields",
                "-E", "separator=,", "-e", "ip.src", "-e", "ipv6.src", "-e", "udp.srcport", "-e", "udp.dstport",
                "-e", "udp.length", "-e", "frame.time_epoch"), fields, dir.resolve("tshark.log"),
                Duration.ofSeconds(60));
        expected = new ArrayList<>();
        for (String line : Files.readAllLines(fields)) {
            String[] f = line.split(",", -1);
            String source = InetAddress.getByName(f[0].isEmpty() ? f[1] : f[0]).getHostAddress();
            long millis = new BigDecimal(f[5]).movePointRight(3).longValue();
            expected.add(source + " " + f[2] + " " + f[3] + " " + (Integer.parseInt(f[4]) - 8) + " " + millis);
        }
        Path count = dir.resolve("tshark-count.txt");
        ExternalProgram.runToFile(List.of(tshark.toString(), "-r", traffic.toString(), "-T", "fields",
                "-e", "frame.number"), count, dir.resolve("tshark.log"), Duration.ofSeconds(60));
        packets = Files.readAllLines(count).size();
        assertThat(expected).hasSizeGreaterThan(100);
    }

    static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            r.forEach((exporter, sp, dp, t, b, o, l) -> {
                try {
                    String source = InetAddress.getByAddress(exporter).getHostAddress();
                    out.add(source + " " + sp + " " + dp + " " + l + " " + t);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(r.count(CaptureCounter.PACKETS)).isEqualTo(packets);
            assertThat(r.count(CaptureCounter.UDP_PAYLOADS) + r.count(CaptureCounter.NOT_UDP)).isEqualTo(packets);
        }
        return out;
    }

    @Test
    void scapyPcapMatchesTshark() throws IOException {
        assertThat(read(traffic)).containsExactlyElementsOf(expected);
    }

    @Test
    void editcapPcapngAndNanosecondPcapMatchTshark() throws Exception {
        Path editcap = ExternalProgram.require("editcap", "wireshark-common");
        Path nanos = dir.resolve("traffic-ns.pcap");
        Path ng = dir.resolve("traffic.pcapng");
        Path ngNanos = dir.resolve("traffic-ns.pcapng");
        ExternalProgram.runOk(List.of(editcap.toString(), "-F", "nsecpcap", traffic.toString(), nanos.toString()),
                dir.resolve("editcap.log"), Duration.ofSeconds(60));
        ExternalProgram.runOk(List.of(editcap.toString(), "-F", "pcapng", traffic.toString(), ng.toString()),
                dir.resolve("editcap.log"), Duration.ofSeconds(60));
        ExternalProgram.runOk(List.of(editcap.toString(), "-F", "pcapng", nanos.toString(), ngNanos.toString()),
                dir.resolve("editcap.log"), Duration.ofSeconds(60));
        assertThat(read(nanos)).containsExactlyElementsOf(expected);
        assertThat(read(ng)).containsExactlyElementsOf(expected);
        assertThat(read(ngNanos)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sll", "sll2", "raw", "null", "vlan"})
    void otherLinkTypesMatchTshark(String kind) throws Exception {
        Path out = dir.resolve("traffic-" + kind + ".pcap");
        Path script = Paths.get(System.getProperty("basedir", ".")).resolve("src/test/scripts/relink.py");
        ExternalProgram.runOk(List.of("/usr/bin/python3", script.toString(), traffic.toString(), out.toString(), kind),
                dir.resolve("relink-" + kind + ".log"), Duration.ofSeconds(120));
        assertThat(read(out)).containsExactlyElementsOf(expected);
    }
}
