package io.stream4flow.traffic.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.traffic.replay.Replayer.Options;
import io.stream4flow.traffic.replay.Replayer.Result;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.traffic.testing.PcapBuilder;
import io.stream4flow.traffic.testing.UdpReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Replayer} sending to a UDP socket on 127.0.0.1. Timing is only ever bounded from below. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayerTest {
    private static final String V5 = "netflow5_test_juniper_mx80.dat";
    private static final String TPL = "ipfix_test_mikrotik_tpl.dat";
    private static final String DATA = "ipfix_test_mikrotik_data258.dat";

    private UdpReceiver receiver;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        receiver = new UdpReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    Replayer replayer(double rate, double speed, long loops) {
        return new Replayer(new Options(receiver.address(), rate, speed, loops), notes::add);
    }

    @Test
    void rawFilesAreSentWholeOneDatagramEachInOrder() throws Exception {
        Result r = replayer(0, 0, 1).replay(List.of(CorpusFiles.file(TPL), CorpusFiles.file(DATA), CorpusFiles.file(V5)));

        List<byte[]> got = receiver.await(3);
        assertThat(got.get(0)).isEqualTo(CorpusFiles.bytes(TPL));
        assertThat(got.get(1)).isEqualTo(CorpusFiles.bytes(DATA));
        assertThat(got.get(2)).isEqualTo(CorpusFiles.bytes(V5));
        long bytes = CorpusFiles.bytes(TPL).length + CorpusFiles.bytes(DATA).length + CorpusFiles.bytes(V5).length;
        assertThat(r).isEqualTo(new Result(3, bytes, r.nanos(), 0, 0, 1, false));
        assertThat(notes).isEmpty();
    }

    @Test
    void aCaptureSendsItsUdpPayloadsAndCountsTheRest(@TempDir Path dir) throws Exception {
        byte[] v5 = CorpusFiles.bytes(V5);
        Path pcap = Files.write(dir.resolve("x.pcap"), new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false)
                .record(1_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5)))
                .record(1_001L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_ARP, new byte[28]))
                .record(1_002L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, new byte[] {1, 2})))
                .toArray());

        Result r = replayer(0, 0, 1).replay(List.of(pcap));

        List<byte[]> got = receiver.await(2);
        assertThat(got.get(0)).isEqualTo(v5);
        assertThat(got.get(1)).containsExactly(1, 2);
        assertThat(r.datagrams()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(v5.length + 2);
        assertThat(r.skipped()).isEqualTo(1);
    }

    @Test
    void loopsRepeatTheWholeInput() throws Exception {
        Result r = replayer(0, 0, 3).replay(List.of(CorpusFiles.file(TPL), CorpusFiles.file(DATA)));

        List<byte[]> got = receiver.await(6);
        assertThat(r.datagrams()).isEqualTo(6);
        assertThat(r.passes()).isEqualTo(3);
        assertThat(got.get(4)).isEqualTo(CorpusFiles.bytes(TPL));
        assertThat(got.get(5)).isEqualTo(CorpusFiles.bytes(DATA));
    }

    @Test
    void aRateIsNotExceeded() throws Exception {
        ReplayInput input = ReplayInput.payloads(List.of(new byte[100], new byte[200]));

        Result r = replayer(1000, 0, 100).replay(input);

        receiver.await(200);
        assertThat(r.datagrams()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(100 * 300);
        assertThat(r.seconds()).isGreaterThanOrEqualTo(0.15);   // 200 at 1000/s: 0.199 s at the least
    }

    @Test
    void speedScalesTheCaptureTiming(@TempDir Path dir) throws Exception {
        byte[] v5 = CorpusFiles.bytes(V5);
        PcapBuilder.Pcap capture = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false);
        for (int i = 0; i < 5; i++) {        // 5 packets over 400 ms of capture time
            capture.record(1_469_109_172_000L + i * 100L, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5));
        }
        Path pcap = Files.write(dir.resolve("timed.pcap"), capture.toArray());

        Result r = replayer(0, 2, 2).replay(List.of(pcap));

        receiver.await(10);
        assertThat(r.datagrams()).isEqualTo(10);
        assertThat(r.seconds()).isGreaterThanOrEqualTo(0.35);   // 2 passes x 400 ms / 2 (no delay between passes)
    }

    @Test
    void loopZeroRunsUntilStopped() throws Exception {
        Replayer replayer = replayer(10_000, 0, 0);
        Thread stopper = new Thread(() -> {
            try {
                receiver.await(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            replayer.stop();
        });
        stopper.start();

        Result r = replayer.replay(ReplayInput.payloads(List.of(new byte[10])));

        stopper.join();
        assertThat(r.stopped()).isTrue();
        assertThat(r.datagrams()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void anInputWithNothingToSendDoesNotLoopForever(@TempDir Path dir) throws Exception {
        Path arpOnly = Files.write(dir.resolve("arp.pcap"), new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false)
                .record(1_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_ARP, new byte[28])).toArray());

        Result r = replayer(0, 0, 0).replay(List.of(arpOnly));

        assertThat(r.datagrams()).isZero();
        assertThat(r.passes()).isEqualTo(1);
        assertThat(r.skipped()).isEqualTo(1);
    }

    @Test
    void aTruncatedCaptureSendsWhatCameBeforeAndIsReportedOnce(@TempDir Path dir) throws Exception {
        byte[] v5 = CorpusFiles.bytes(V5);
        byte[] whole = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false)
                .record(1_000L, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5))
                .record(2_000L, PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5))
                .toArray();
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 100));

        Result r = replayer(0, 0, 3).replay(List.of(cut, CorpusFiles.file(TPL)));

        receiver.await(4);
        assertThat(r.datagrams()).isEqualTo(4);      // pass 1: the whole packet and the raw file; passes 2, 3: the raw file
        assertThat(r.unreadable()).isEqualTo(1);
        assertThat(notes).hasSize(1).first().asString().startsWith(cut + ": offset ");
    }

    @Test
    void aRawFileLargerThanADatagramIsRefusedBeforeSending(@TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("big.dat"), new byte[ReplayInput.MAX_DATAGRAM_BYTES + 1]);

        assertThatThrownBy(() -> replayer(0, 0, 1).replay(List.of(CorpusFiles.file(V5), big)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(big + ": a raw payload file of 65508 bytes does not fit in one UDP datagram (65507 bytes)");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void optionsAreChecked() {
        InetSocketAddress a = receiver.address();
        assertThatThrownBy(() -> new Options(a, 10, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(a, -1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(a, Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(a, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
