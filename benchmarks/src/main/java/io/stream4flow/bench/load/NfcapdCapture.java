package io.stream4flow.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A set of IPFIX messages of one exporter stored by a fresh nfcapd ({@link Nfcapd}): sent once, in order, over
 * loopback UDP by the harness's {@link PacedSender} at a rate low enough that nfcapd keeps up; nfcapd is stopped
 * with SIGTERM once its socket is empty (it then writes out its file) and {@code nfdump -I} counts the flows the
 * file holds. When nfcapd stored fewer flows than were sent, or the kernel dropped datagrams, the capture is made
 * again from a fresh nfcapd at half the rate, up to {@code attempts} times; the last attempt is returned either way,
 * so the caller can print both counts.
 *
 * <p>Called from one thread; everything it starts is stopped before it returns.
 */
public final class NfcapdCapture {
    /**
     * What one capture stored.
     *
     * @param input the nfcapd file, or the directory when nfcapd wrote more than one (an interval boundary passed)
     * @param sentFlows data records sent (nfcapd stores data records only)
     * @param storedFlows flows in {@code input} as {@code nfdump -I} counts them
     * @param datagrams datagrams sent
     * @param kernelDrops datagrams the kernel dropped on nfcapd's socket
     * @param recordsPerSecond the sending rate of this attempt, records per second
     * @param attempts captures made, this one included
     * @param version {@code nfcapd -V}
     */
    public record Result(Path input, long sentFlows, long storedFlows, long datagrams, long kernelDrops,
            double recordsPerSecond, int attempts, String version) {
        /** Whether nfcapd stored every flow sent and the kernel dropped nothing. */
        public boolean complete() {
            return storedFlows == sentFlows && kernelDrops == 0;
        }
    }

    private NfcapdCapture() { }

    /**
     * Captures {@code messages} (a clean IPFIX stream of one exporter, templates first) into {@code dir/flows}.
     *
     * @param recordsPerSecond the first attempt's sending rate, records per second
     * @throws IllegalStateException when the messages are not a clean IPFIX stream or nfcapd does not start
     */
    public static Result capture(List<byte[]> messages, Path dir, double recordsPerSecond, int attempts)
            throws IOException, InterruptedException {
        ReplayStream stream = ReplayStream.of(messages);
        String version = Nfcapd.version(dir);
        Result last = null;
        double rate = recordsPerSecond;
        for (int attempt = 1; attempt <= attempts; attempt++, rate /= 2) {
            last = once(stream, dir, rate, attempt, version);
            if (last.complete()) {
                break;
            }
        }
        return last;
    }

    private static Result once(ReplayStream stream, Path dir, double rate, int attempt, String version)
            throws IOException, InterruptedException {
        Path flows = dir.resolve("flows");
        Nfcapd.clear(flows);
        int port = FreePorts.udp();
        Path log = dir.resolve("nfcapd.log");
        Process p = Nfcapd.start(port, flows, log);
        PacedSender.Sent sent;
        long drops;
        try {
            if (!ProcNetUdp.awaitBound(port, 10_000)) {
                throw new IllegalStateException("nfcapd did not bind 127.0.0.1:" + port + ":\n" + Children.tail(log, 10));
            }
            // one pass: the datagram limit ends it; the time limit is only a guard
            long guardNanos = (long) (stream.passAllRecords() / rate * 10e9) + 60_000_000_000L;
            try (PacedSender sender = new PacedSender(new InetSocketAddress("127.0.0.1", port))) {
                sent = sender.send(stream.cursor(), rate, guardNanos, stream.datagrams());
            }
            long t0 = System.nanoTime();
            while (ProcNetUdp.read(port).receiveQueueBytes() > 0 && System.nanoTime() - t0 < 90_000_000_000L
                    && p.isAlive()) {
                Thread.sleep(10);
            }
            drops = ProcNetUdp.read(port).drops();
            Thread.sleep(200); // the last datagram read is processed before SIGTERM is looked at
            if (!p.isAlive()) {
                throw new IllegalStateException("nfcapd died:\n" + Children.tail(log, 10));
            }
        } finally {
            Children.stop(p, Duration.ofSeconds(60));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(flows)) {
            files = list.filter(f -> f.getFileName().toString().matches("nfcapd\\.\\d+")).sorted().toList();
        }
        Path input = files.size() == 1 ? files.get(0) : flows;
        long stored = Nfcapd.storedFlows(input, dir.resolve("nfdump-I.txt"));
        return new Result(input, sent.dataRecords(), stored, sent.datagrams(), drops, rate, attempt, version);
    }
}
