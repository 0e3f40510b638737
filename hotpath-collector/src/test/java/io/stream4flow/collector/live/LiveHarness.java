package io.stream4flow.collector.live;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.schema.ElementRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Helpers for tests of the live collector: configs on loopback, sending, expected output. */
final class LiveHarness {
    private LiveHarness() { }

    static CollectorConfig config(Path dir, String output, String... listeners) {
        List<URI> ls = new ArrayList<>();
        for (String l : listeners) {
            ls.add(URI.create(l));
        }
        return CollectorConfig.builder().listeners(ls).output(URI.create(output)).readerThreads(2).ringSize(1024)
                .udpReceiveBufferBytes(1 << 20).stateDir(dir.resolve("state")).stateSaveSeconds(0)
                .metricsListen("127.0.0.1:0").statsJson(dir.resolve("stats.json")).kafkaBufferBytes(8L << 20)
                .warmupMillis(0).build();
    }

    /** Sends each payload as one datagram from one socket; returns the socket's local port. */
    static int send(InetSocketAddress to, List<byte[]> payloads) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (byte[] p : payloads) {
                s.send(new DatagramPacket(p, p.length, to));
                // a datagram at a time: keeps the test independent of receive-buffer sizes
                sleepMicros(200);
            }
            return s.getLocalPort();
        }
    }

    static void sleepMicros(long us) {
        long end = System.nanoTime() + us * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** What the offline decoder writes for the same payloads from the same exporter. */
    static List<String> offline(List<byte[]> payloads, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineDecoder d = new OfflineDecoder(ElementRegistry.bundled(), DecoderLimits.DEFAULTS, out);
        long now = System.currentTimeMillis();
        for (byte[] p : payloads) {
            d.payload(new byte[] {127, 0, 0, 1}, port, p, 0, p.length, now);
        }
        return lines(out.toString(StandardCharsets.UTF_8));
    }

    static List<String> lines(String s) {
        List<String> l = new ArrayList<>();
        for (String x : s.split("\n")) {
            if (!x.isEmpty()) {
                l.add(x);
            }
        }
        return l;
    }

    static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        Collections.sort(c);
        return c;
    }

    static List<String> fileLines(Path f) throws IOException {
        return Files.exists(f) ? lines(Files.readString(f)) : List.of();
    }

    /** Waits until the file has at least n lines (bounded). */
    static List<String> awaitLines(Path f, int n, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        List<String> l = fileLines(f);
        while (l.size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            l = fileLines(f);
        }
        return l;
    }
}
