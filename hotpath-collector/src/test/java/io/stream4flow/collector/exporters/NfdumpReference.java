package io.stream4flow.collector.exporters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.exporters.ExporterStreams.Datagram;
import io.stream4flow.collector.exporters.ExporterStreams.NfdumpTotals;
import io.stream4flow.collector.exporters.ExporterStreams.ProtocolTotals;
import io.stream4flow.traffic.testing.ExternalProgram;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reference totals of an export stream from nfdump: the recorded datagrams are sent, in order, to
 * an nfcapd listening on 127.0.0.1, nfcapd is stopped with SIGTERM (it writes its file), and
 * {@code nfdump -R dir -o json} lists the records, which are summed per protocol.
 */
final class NfdumpReference {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes allowed to wait in nfcapd's socket before the sender pauses (its buffer is ~200 KB). */
    private static final int MAX_QUEUED = 64 << 10;

    private NfdumpReference() { }

    static NfdumpTotals totals(List<Datagram> datagrams, Path dir) throws IOException, InterruptedException {
        Path nfcapd = ExternalProgram.require("nfcapd", "nfdump");
        Path nfdump = ExternalProgram.require("nfdump", "nfdump");
        Path flows = dir.resolve("nfcapd");
        Files.createDirectories(flows);
        try (var files = Files.list(flows)) {
            for (Path old : (Iterable<Path>) files::iterator) {
                Files.delete(old);
            }
        }
        // a free port can be taken by another socket before nfcapd binds it: try another one
        int port = 0;
        Process p = null;
        for (int attempt = 1; p == null; attempt++) {
            port = freePort();
            Process started = ExternalProgram.start(List.of(nfcapd.toString(), "-b", "127.0.0.1", "-p",
                    Integer.toString(port), "-t", "3600", "-w", flows.toString()), dir.resolve("nfcapd.log"));
            try {
                LoopbackUdp.awaitBound(port, 10_000, "nfcapd");
                Thread.sleep(300); // a bind failure makes nfcapd exit at once; the port may be another's
                if (!started.isAlive()) {
                    throw new IllegalStateException("nfcapd exited at start (port " + port + " taken?)");
                }
                p = started;
            } catch (IllegalStateException e) {
                ExternalProgram.stop(started, Duration.ofSeconds(10));
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage() + "; nfcapd log:\n"
                            + ExternalProgram.tail(dir.resolve("nfcapd.log")), e);
                }
            }
        }
        try {
            send(datagrams, port);
            LoopbackUdp.awaitDrained(port, 0, 10_000, "nfcapd");
            Thread.sleep(100); // the last datagram read is processed before SIGTERM is looked at
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; nfcapd log:\n"
                    + ExternalProgram.tail(dir.resolve("nfcapd.log")), e);
        } finally {
            ExternalProgram.stop(p, Duration.ofSeconds(10));
        }
        Path out = dir.resolve("nfdump.json");
        ExternalProgram.runToFile(List.of(nfdump.toString(), "-R", flows.toString(), "-o", "json"), out,
                dir.resolve("nfdump.log"), Duration.ofSeconds(30));
        String text = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("[")) {
            throw new IllegalStateException("nfdump printed no JSON records (" + out + "): "
                    + text.substring(0, Math.min(200, text.length())));
        }
        return parse(JSON.readTree(out.toFile()));
    }

    /** Sums nfdump JSON flow records per protocol number. */
    static NfdumpTotals parse(JsonNode records) {
        long count = 0;
        Map<Integer, long[]> sums = new TreeMap<>();
        for (JsonNode r : records) {
            if (!"FLOW".equals(r.path("type").asText())) {
                continue;
            }
            count++;
            long[] s = sums.computeIfAbsent(r.path("proto").asInt(), k -> new long[5]);
            s[0]++;
            s[1] += r.path("in_packets").asLong();
            s[2] += r.path("in_bytes").asLong();
            s[3] += r.path("out_packets").asLong();
            s[4] += r.path("out_bytes").asLong();
        }
        SortedMap<Integer, ProtocolTotals> protocols = new TreeMap<>();
        sums.forEach((proto, s) -> protocols.put(proto, new ProtocolTotals(s[0], s[1], s[2], s[3], s[4])));
        return new NfdumpTotals(count, Collections.unmodifiableSortedMap(protocols));
    }

    private static void send(List<Datagram> datagrams, int port) throws IOException, InterruptedException {
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (Datagram d : datagrams) {
                s.send(new DatagramPacket(d.payload(), d.payload().length, to));
                LoopbackUdp.awaitDrained(port, MAX_QUEUED, 10_000, "nfcapd");
            }
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
