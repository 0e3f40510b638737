package io.stream4flow.cli.replay;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.traffic.testing.PcapBuilder;
import io.stream4flow.traffic.testing.UdpReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code s4fctl replay} to a UDP socket this test opens on 127.0.0.1. Timing is only bounded from below. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayCommandTest {
    private static final String V5 = "netflow5_test_juniper_mx80.dat";
    private static final String TPL = "ipfix_test_mikrotik_tpl.dat";
    private static final Pattern SUMMARY = Pattern.compile(
            "sent ([0-9]+) datagrams, ([0-9]+) bytes to (\\S+) in ([0-9.]+) s \\(([0-9]+) datagrams/s, ([0-9.]+) Mbit/s\\)(.*)");

    private UdpReceiver receiver;
    private List<byte[]> received;

    @BeforeEach
    void open() throws IOException {
        receiver = new UdpReceiver();
        received = receiver.received();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    String to() {
        return "udp://127.0.0.1:" + receiver.address().getPort();
    }

    void awaitReceived(int n) throws InterruptedException {
        assertThat(receiver.await(n)).hasSize(n);
    }

    static Matcher summary(CliRun r) {
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        Matcher m = SUMMARY.matcher(r.errLines().get(0));
        assertThat(m.matches()).as(r.err()).isTrue();
        return m;
    }

    @Test
    void sendsEveryFileAndPrintsOneSummaryLine() throws Exception {
        CliRun r = s4fctl("replay", "--to", to(), CorpusFiles.file(V5).toString(), CorpusFiles.file(TPL).toString());

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEmpty();
        awaitReceived(2);
        assertThat(received.get(0)).isEqualTo(CorpusFiles.bytes(V5));
        assertThat(received.get(1)).isEqualTo(CorpusFiles.bytes(TPL));
        Matcher m = summary(r);
        assertThat(m.group(1)).isEqualTo("2");
        assertThat(Long.parseLong(m.group(2))).isEqualTo(CorpusFiles.bytes(V5).length + CorpusFiles.bytes(TPL).length);
        assertThat(m.group(3)).isEqualTo(to());
    }

    @Test
    void loopThreeSendsThreeTimesTheDatagrams() throws Exception {
        CliRun r = s4fctl("replay", "--to", to(), "--loop", "3", CorpusFiles.file(V5).toString(), CorpusFiles.file(TPL).toString());

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        awaitReceived(6);
        assertThat(summary(r).group(1)).isEqualTo("6");
    }

    @Test
    void aRateOfAThousandMakesTwoHundredDatagramsTakeAtLeastOneAndAHalfTenths() throws Exception {
        CliRun r = s4fctl("replay", "--to", to(), "--rate", "1000/s", "--loop", "200", CorpusFiles.file(TPL).toString());

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        awaitReceived(200);
        Matcher m = summary(r);
        assertThat(m.group(1)).isEqualTo("200");
        assertThat(Double.parseDouble(m.group(4))).isGreaterThanOrEqualTo(0.15);
    }

    @Test
    void aCaptureSendsItsUdpPayloadsAndSaysWhatItSkipped(@TempDir Path dir) throws Exception {
        byte[] v5 = CorpusFiles.bytes(V5);
        Path pcap = Files.write(dir.resolve("x.pcap"), new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false)
                .record(1_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4,
                        PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5)))
                .record(1_050L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_ARP, new byte[28]))
                .toArray());

        CliRun r = s4fctl("replay", "--to", to(), "--speed", "2", pcap.toString());

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        awaitReceived(1);
        assertThat(received.get(0)).isEqualTo(v5);
        assertThat(summary(r).group(7)).isEqualTo("; capture packets skipped (not UDP, fragments, too large): 1");
    }

    @Test
    void aTruncatedCaptureIsExitOneAfterSendingWhatCameBefore(@TempDir Path dir) throws Exception {
        byte[] v5 = CorpusFiles.bytes(V5);
        byte[] whole = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false)
                .record(1_000L, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5))
                .record(2_000L, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5))
                .toArray();
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 100));

        CliRun r = s4fctl("replay", "--to", to(), cut.toString());

        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        awaitReceived(1);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("s4fctl: " + cut + ": offset ");
        assertThat(r.errLines().get(1)).startsWith("sent 1 datagrams");
    }

    @Test
    void usageErrors(@TempDir Path dir) throws IOException {
        String file = CorpusFiles.file(V5).toString();
        assertUsage(s4fctl("replay", "--to", "udp//127.0.0.1:4739", file),
                "s4fctl: --to: 'udp//127.0.0.1:4739' is not udp://HOST:PORT");
        assertUsage(s4fctl("replay", "--to", "tcp://127.0.0.1:4739", file),
                "s4fctl: --to: 'tcp://127.0.0.1:4739' is not udp://HOST:PORT");
        assertUsage(s4fctl("replay", "--to", "udp://127.0.0.1:0", file),
                "s4fctl: --to: 'udp://127.0.0.1:0': port 0 cannot be sent to");
        assertUsage(s4fctl("replay", "--to", to(), "--rate", "10/s", "--speed", "2", file),
                "s4fctl: --rate and --speed exclude each other: give one");
        assertUsage(s4fctl("replay", "--to", to(), "--rate", "fast", file),
                "s4fctl: --rate: 'fast' is not a positive number of datagrams per second (1000/s, 100k/s)");
        assertUsage(s4fctl("replay", "--to", to(), "--rate", "0/s", file),
                "s4fctl: --rate: '0/s' is not a positive number of datagrams per second (1000/s, 100k/s)");
        assertUsage(s4fctl("replay", "--to", to(), "--speed", "-1", file),
                "s4fctl: --speed: '-1' is not a positive factor (2, 0.5)");
        assertUsage(s4fctl("replay", "--to", to(), "--loop", "-1", file),
                "s4fctl: --loop: -1 is negative (0: until Ctrl-C)");
        assertUsage(s4fctl("replay", "--to", to(), "no-such.dat"), "s4fctl: no such file: no-such.dat");
        assertUsage(s4fctl("replay", "--to", to()), "s4fctl: Missing required parameter: 'FILE'");
        Path big = Files.write(dir.resolve("big.dat"), new byte[70_000]);
        assertUsage(s4fctl("replay", "--to", to(), big.toString()),
                "s4fctl: " + big + ": a raw payload file of 70000 bytes does not fit in one UDP datagram (65507 bytes)");
        assertThat(received).isEmpty();
    }

    @Test
    void ratesAcceptUnits() throws Exception {
        CliRun r = s4fctl("replay", "--to", to(), "--rate", "1.5k/s", "--loop", "3", CorpusFiles.file(TPL).toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        awaitReceived(3);
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).first().isEqualTo(message);
    }
}
