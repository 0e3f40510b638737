package io.stream4flow.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's nfcapd (nfdump 1.7.1, C) receiving the same stream: a fresh nfcapd per step with the same
 * socket buffer the collector asks for, stopped with SIGTERM once its socket is empty (it then writes
 * out its file); {@code nfdump -R DIR -I} counts the flows it stored. nfcapd stores data records
 * only, so a step's expected count is the data records sent. The commands are {@link Nfcapd}'s.
 */
final class NfcapdTarget implements Target {
    private final ReplayStream stream;
    private final Path dir;
    private final Log log;
    private String version = "nfcapd";

    NfcapdTarget(ReplayStream stream, Path dir, Log log) {
        this.stream = stream;
        this.dir = dir;
        this.log = log;
    }

    @Override
    public String key() {
        return "nfcapd";
    }

    @Override
    public String description() {
        return version + " (C), -B " + Nfcapd.SOCKET_BUFFER;
    }

    @Override
    public void open() throws IOException, InterruptedException {
        version = Nfcapd.version(dir);
        log.info("nfcapd: " + version);
    }

    @Override
    public StepResult step(long rate, long durationNanos) throws Exception {
        Path flows = dir.resolve("flows");
        Nfcapd.clear(flows);
        int port = FreePorts.udp();
        Path log = dir.resolve("nfcapd.log");
        Process p = Nfcapd.start(port, flows, log);
        List<String> problems = new ArrayList<>();
        PacedSender.Sent sent;
        long drainMillis;
        double cores;
        double others;
        double softirq;
        long drops;
        try {
            if (!ProcNetUdp.awaitBound(port, 10_000)) {
                throw new IllegalStateException("nfcapd did not bind 127.0.0.1:" + port + ":\n" + Children.tail(log, 10));
            }
            MachineCpu.Times busy0 = MachineCpu.now();
            long self0 = MachineCpu.selfMillis();
            long cpu0 = Children.cpuMillis(p.pid());
            try (PacedSender sender = new PacedSender(new InetSocketAddress("127.0.0.1", port))) {
                sent = sender.send(stream.cursor(), rate, durationNanos);
            }
            long cpu1 = Children.cpuMillis(p.pid());
            long self1 = MachineCpu.selfMillis();
            MachineCpu.Times busy1 = MachineCpu.now();
            cores = (cpu1 - cpu0) / 1000.0 / sent.seconds();
            others = MachineCpu.others(busy0, busy1, (cpu1 - cpu0) + (self1 - self0), sent.seconds());
            softirq = (busy1.softirqMillis() - busy0.softirqMillis()) / 1000.0 / sent.seconds();
            long t0 = System.nanoTime();
            while (ProcNetUdp.read(port).receiveQueueBytes() > 0 && System.nanoTime() - t0 < 90_000_000_000L
                    && p.isAlive()) {
                Thread.sleep(10);
            }
            drainMillis = (System.nanoTime() - t0) / 1_000_000;
            drops = ProcNetUdp.read(port).drops();
            Thread.sleep(200); // the last datagram read is processed before SIGTERM is looked at
            if (!p.isAlive()) {
                problems.add("nfcapd died:\n" + Children.tail(log, 10));
            }
        } finally {
            Children.stop(p, Duration.ofSeconds(60));
        }
        long stored = Nfcapd.storedFlows(flows, dir.resolve("nfdump-I.txt"));
        long expected = sent.dataRecords();
        Map<String, Long> checks = StepResult.newChecks();
        checks.put("datagrams_sent", sent.datagrams());
        checks.put("kernel_udp_drops", drops);
        checks.put("stored_flows", stored);
        checks.put("send_errors", sent.sendErrors());
        if (stored != expected) {
            problems.add(String.format("%,d of %,d records lost", expected - stored, expected));
        }
        if (drops > 0) {
            problems.add(String.format("%,d datagrams dropped by the kernel (socket buffer full)", drops));
        }
        if (drainMillis > CollectorTarget.MAX_DRAIN_MILLIS) {
            problems.add(String.format("not sustained: %.1f s to drain the backlog after the sender stopped",
                    drainMillis / 1000.0));
        }
        SenderCheck.check(rate, sent, problems);
        Nfcapd.clear(flows);
        return new StepResult(key(), rate, sent, expected, stored, drainMillis, cores, others, null,
                Map.of("nfcapd", Math.round(cores * 100) / 100.0, "(softirq, all processes)",
                        Math.round(softirq * 100) / 100.0), checks,
                problems);
    }

    @Override
    public void close() {
        // each step stops its own nfcapd
    }
}
