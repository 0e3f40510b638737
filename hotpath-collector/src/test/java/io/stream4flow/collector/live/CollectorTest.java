package io.stream4flow.collector.live;

import static io.stream4flow.collector.live.LiveHarness.awaitLines;
import static io.stream4flow.collector.live.LiveHarness.config;
import static io.stream4flow.collector.live.LiveHarness.offline;
import static io.stream4flow.collector.live.LiveHarness.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.traffic.packet.PacketWriter;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The live collector on loopback with the file sink: what it writes equals the offline decode. */
class CollectorTest {

    static List<byte[]> corpusPayloads(boolean ipfixOnly) {
        List<byte[]> out = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases()) {
            for (String f : c.files()) {
                byte[] b = CorpusFiles.bytes(f);
                if (!ipfixOnly || (b.length > 1 && b[1] == 10)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    @Test
    void udpDatagramsComeOutAsTheOfflineDecodeHasThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        List<byte[]> payloads = corpusPayloads(false);
        int port;
        List<String> got;
        try (Collector c = Collector.start(config(dir, "file:" + out, "udp://127.0.0.1:0"))) {
            port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            List<String> want = offline(payloads, port);
            got = awaitLines(out, want.size(), 10_000);
            assertThat(got).hasSize(want.size());
            assertThat(sorted(got)).isEqualTo(sorted(want));
            assertThat(got).isEqualTo(want); // one exporter, one decoder: arrival order kept

            String metrics = fetch(c.metricsAddress());
            assertThat(metrics).contains("s4f_collector_datagrams_total{exporter=\"127.0.0.1\"} " + payloads.size());
            assertThat(metrics).contains("s4f_collector_records_total{exporter=\"127.0.0.1\"} " + want.size());
            assertThat(metrics).contains("s4f_collector_errors_total{exporter=\"127.0.0.1\",reason=\"v5_bad_count\"} 2");
            assertThat(metrics).contains("s4f_collector_ring_full_drops_total 0");
        }
        String stats = Files.readString(dir.resolve("stats.json"));
        assertThat(stats).contains("\"s4f_collector_datagrams_total\": " + payloads.size());
    }

    /** A template and IPFIX messages of 16-byte records, {@code records[i]} in message {@code i}. */
    private static List<byte[]> sized(int... records) {
        List<byte[]> payloads = new ArrayList<>(List.of(PacketWriter.ipfix(1, 1_700_000_000L, 0).set(2)
                .template(256, 8, 4, 12, 4, 1, 8).endSet().ipfixMessage()));
        long seq = 0;
        for (int m = 0; m < records.length; m++) {
            PacketWriter w = PacketWriter.ipfix(1, 1_700_000_000L, seq).set(256);
            for (int r = 0; r < records[m]; r++) {
                w.ip(10, 0, r >> 8 & 0xFF, r & 0xFF).ip(192, 0, 2, m).u64(r + 1);
            }
            payloads.add(w.endSet().ipfixMessage());
            seq += records[m];
        }
        return payloads;
    }

    /** Sends back to back (the socket queues several for one recvmmsg); returns the sending port. */
    private static int burst(InetSocketAddress to, List<byte[]> payloads) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (byte[] p : payloads) {
                s.send(new DatagramPacket(p, p.length, to));
            }
            return s.getLocalPort();
        }
    }

    @Test
    void batchedReadsTakeDatagramsUpToTheirLimitWholeAndCountLargerOnesAsCut(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        List<byte[]> whole = sized(560, 3, 560, 3, 560); // 8,980 bytes: within udp.batch-max-datagram (9000)
        assertThat(whole.get(1).length).isBetween(8_900, 9_000);
        byte[] cut = sized(600).get(1);                   // 9,620 bytes
        CollectorConfig cfg = config(dir, "file:" + out, "udp://127.0.0.1:0").toBuilder().udpBatch(16).build();
        try (Collector c = Collector.start(cfg)) {
            List<byte[]> sent = new ArrayList<>(whole);
            sent.add(3, cut);
            int port = burst(c.boundAddresses().get(0), sent);
            List<String> want = offline(whole, port);
            assertThat(want).hasSize(560 * 3 + 6);
            assertThat(awaitLines(out, want.size(), 10_000)).isEqualTo(want);
            assertThat(c.totals()).containsEntry("s4f_collector_truncated_total", 1L)
                    .containsEntry("s4f_collector_datagrams_total", (long) whole.size());
        }
    }

    @Test
    void oneDatagramPerReadTakesTheLargestWhole(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        List<byte[]> payloads = sized(4_060, 3, 4_060); // 65,000 bytes: the largest IPv4 datagram is 65,507
        assertThat(payloads.get(1).length).isGreaterThan(64_000);
        CollectorConfig cfg = config(dir, "file:" + out, "udp://127.0.0.1:0").toBuilder().udpBatch(1).build();
        try (Collector c = Collector.start(cfg)) {
            int port = burst(c.boundAddresses().get(0), payloads);
            List<String> want = offline(payloads, port);
            assertThat(awaitLines(out, want.size(), 10_000)).isEqualTo(want);
            assertThat(c.totals()).containsEntry("s4f_collector_truncated_total", 0L);
        }
    }

    @ParameterizedTest
    @EnumSource(RingWait.class)
    void everyWaitStrategyOfTheRingDelivers(RingWait wait, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        List<byte[]> payloads = List.of(CorpusFiles.bytes("netflow5.dat"), CorpusFiles.bytes("netflow5.dat"));
        try (Collector c = Collector.start(config(dir, "file:" + out, "udp://127.0.0.1:0").withRingWait(wait))) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            List<String> want = offline(payloads, port);
            assertThat(awaitLines(out, want.size(), 10_000)).isEqualTo(want);
        }
    }

    @Test
    void ipfixOverTcpWithMessagesSplitAcrossReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        List<byte[]> payloads = corpusPayloads(true);
        try (Collector c = Collector.start(config(dir, "file:" + out, "tcp://127.0.0.1:0"))) {
            int port;
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(c.boundAddresses().get(0));
                port = s.getLocalPort();
                OutputStream o = s.getOutputStream();
                int chunk = 7;
                for (byte[] p : payloads) {
                    for (int i = 0; i < p.length; i += chunk) {
                        o.write(p, i, Math.min(chunk, p.length - i));
                        o.flush();
                    }
                    chunk = chunk == 7 ? 1500 : 7; // alternate tiny pieces and several messages per read
                }
            }
            List<String> want = offline(payloads, port);
            assertThat(awaitLines(out, want.size(), 10_000)).isEqualTo(want);
        }
    }

    @Test
    void restartKeepsTemplates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        CollectorConfig cfg = config(dir, "file:" + out, "udp://127.0.0.1:0");
        byte[] tpl = CorpusFiles.bytes("ipfix_test_mikrotik_tpl.dat");
        byte[] data258 = CorpusFiles.bytes("ipfix_test_mikrotik_data258.dat");
        byte[] data259 = CorpusFiles.bytes("ipfix_test_mikrotik_data259.dat");
        int first;
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), List.of(tpl, data258));
            first = offline(List.of(tpl, data258), 0).size();
            assertThat(awaitLines(out, first, 10_000)).hasSize(first);
        }
        assertThat(Files.list(dir.resolve("state")).map(p -> p.getFileName().toString()))
                .contains("templates-0.bin");
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), List.of(data259));
            int all = offline(List.of(tpl, data258, data259), 0).size();
            assertThat(awaitLines(out, all, 10_000)).hasSize(all);
            assertThat(c.metricsText()).contains("s4f_collector_held_sets_total{exporter=\"127.0.0.1\"} 0");
        }
    }

    @Test
    void theStateIsSavedPeriodicallyWhileRunningAndRestoresAfterAKill(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        CollectorConfig d = config(dir, "file:" + out, "udp://127.0.0.1:0");
        CollectorConfig cfg = d.toBuilder().stateSaveSeconds(1).warmupMillis(0).build();
        byte[] tpl = CorpusFiles.bytes("ipfix_test_mikrotik_tpl.dat");
        byte[] data258 = CorpusFiles.bytes("ipfix_test_mikrotik_data258.dat");
        byte[] data259 = CorpusFiles.bytes("ipfix_test_mikrotik_data259.dat");
        Path file = dir.resolve("state").resolve("templates-0.bin");
        Path saved = dir.resolve("saved-while-running.bin");
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), List.of(tpl));
            long end = System.currentTimeMillis() + 10_000;
            while (c.totals().get("s4f_collector_state_saves_total:written") == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(300); // the save runs at the end of a batch, once a second: keep datagrams coming
                LiveHarness.send(c.boundAddresses().get(0), List.of(data258));
            }
            assertThat(file).as("saved by the periodic save, before stop").exists();
            Files.copy(file, saved);
            assertThat(c.totals().get("s4f_collector_state_saves_total:written")).isPositive();
            assertThat(c.totals()).containsEntry("s4f_collector_state_saves_total:failed", 0L);
        }
        // a restart from the file saved while running (as after a kill) decodes data at once
        Files.delete(file);
        Files.move(saved, file);
        Files.deleteIfExists(out);
        try (Collector c = Collector.start(config(dir, "file:" + out, "udp://127.0.0.1:0"))) {
            int port = LiveHarness.send(c.boundAddresses().get(0), List.of(data259));
            int want = offline(List.of(tpl, data259), port).size() - offline(List.of(tpl), port).size();
            assertThat(want).isPositive();
            assertThat(awaitLines(out, want, 10_000)).hasSize(want);
        }
    }

    @Test
    void exportersOutsideTheAllowlistAreCountedAndDropped(@TempDir Path dir) throws Exception {
        CollectorConfig d = config(dir, "null", "udp://127.0.0.1:0");
        CollectorConfig cfg = d.toBuilder().allowlist(List.of("10.0.0.0/8", "2001:db8::/32")).warmupMillis(0).build();
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), List.of(CorpusFiles.bytes("netflow5.dat"), CorpusFiles.bytes("netflow5.dat")));
            long end = System.currentTimeMillis() + 5000;
            while (!c.metricsText().contains("s4f_collector_not_allowed_total 2") && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertThat(c.metricsText()).contains("s4f_collector_not_allowed_total 2")
                    .contains("s4f_collector_exporters 0");
        }
    }

    @Test
    void aBusyPortIsNamedInTheError(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String l = "tcp://127.0.0.1:" + taken.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Collector.start(config(dir, "null", l)))
                    .hasMessageContaining(l);
        }
    }

    static String fetch(InetSocketAddress a) throws Exception {
        HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + a.getPort() + "/metrics").toURL()
                .openConnection();
        try (var in = h.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
