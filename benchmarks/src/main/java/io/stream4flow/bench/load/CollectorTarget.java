package io.stream4flow.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The collector with one sink, in its own JVM for the whole search (so steps after the first find it
 * warmed up, as a long-running collector is). Each step continues the same export stream (sequence
 * numbers run on), and is judged by the collector's counters, the kernel's view of its socket and
 * the sink's far end.
 *
 * <p>A step has zero loss when every record sent was decoded ({@code s4f_collector_records_total}),
 * the kernel dropped nothing on the socket, the ring never overflowed, no sequence gap was seen, the
 * sink delivered every record and dropped none, the far end holds them all, and all that was done
 * within {@value #MAX_DRAIN_MILLIS} ms of the sender stopping (a backlog that is still draining
 * means the rate is not sustained, only buffered).
 */
final class CollectorTarget implements Target {
    static final long MAX_DRAIN_MILLIS = 2_000;
    private static final long QUIET_MILLIS = 1_500;
    private static final long DRAIN_TIMEOUT_MILLIS = 90_000;
    private static final long RESYNC_RATE = 20_000;
    private static final long RESYNC_NANOS = 50_000_000L;

    private final String key;
    private final CollectorJvm.Launch launch;
    private final ReplayStream stream;
    private final SinkCheck sink;
    private final Path dir;
    private final Log log;
    private final long warmupRate;
    private final long warmupNanos;
    private CollectorJvm jvm;
    private PacedSender sender;
    private ReplayStream.Cursor cursor;
    private GcLog.Heap heapOverall = GcLog.Heap.NONE;
    private int restarts;
    private final List<Path> logs = new ArrayList<>();
    private int exitHeapUsedMiB = -1;
    private int exitHeapCommittedMiB = -1;

    CollectorTarget(String key, CollectorJvm.Launch launch, ReplayStream stream, SinkCheck sink, Path dir, Log log,
                    long warmupRate, long warmupNanos) {
        this.key = key;
        this.launch = launch;
        this.stream = stream;
        this.sink = sink;
        this.dir = dir;
        this.log = log;
        this.warmupRate = warmupRate;
        this.warmupNanos = warmupNanos;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String description() {
        return "s4f collector, " + label(key) + " sink (-Xmx" + launch.heap() + ")";
    }

    /** How the report names a collector target: {@code file} is "file (JSON)", {@code kafka-avro} "Kafka (Avro)". */
    static String label(String key) {
        return switch (key) {
            case "null" -> "null";
            case "file" -> "file (JSON)";
            case "file-avro" -> "file (Avro)";
            case "kafka" -> "Kafka (JSON)";
            case "kafka-avro" -> "Kafka (Avro)";
            default -> key;
        };
    }

    @Override
    public long[] processes() {
        return new long[] {jvm == null ? -1 : jvm.pid(), sink.serverPid()};
    }

    CollectorJvm jvm() {
        return jvm;
    }

    /** GC pauses and heap sizes over the whole search, warm-up included. */
    GcLog.Heap heapOverall() {
        return heapOverall;
    }

    int restarts() {
        return restarts;
    }

    /**
     * The most heap any of this target's collector JVMs used, in MiB: the larger of the heap before
     * its fullest GC pause and the heap in use when it exited; -1 before every JVM has exited (or when
     * one was killed before it could log its heap).
     */
    int maxHeapUsedMiB() {
        return exitHeapUsedMiB < 0 ? -1 : Math.max(exitHeapUsedMiB, heapOverall.maxUsedBeforeMiB());
    }

    /** The most heap any of this target's collector JVMs had committed, at a GC pause or at exit, in MiB. */
    int maxHeapCommittedMiB() {
        return Math.max(exitHeapCommittedMiB, heapOverall.maxCommittedMiB());
    }

    /** Whether any of this target's collector JVMs logged an OutOfMemoryError. */
    boolean outOfMemory() {
        for (Path l : logs) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(l,
                    java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (lines.anyMatch(x -> x.contains("OutOfMemoryError"))) {
                    return true;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // no log, no evidence
            }
        }
        return false;
    }

    @Override
    public void open() throws Exception {
        startJvm();
        if (warmupNanos > 0) {
            StepResult w = step(warmupRate, warmupNanos);
            log.info("warm-up  " + w.line());
        }
    }

    /**
     * Starts the collector JVM and returns as soon as its UDP port is bound and its metrics answer,
     * without warm-up; for {@link #coldStep}. Milliseconds from the start of the JVM until then.
     */
    long openCold() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        startJvm();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * A step on a collector that may have just started: sends right away, without first resyncing
     * the stream (the cursor starts with the templates), and judges the step as any other.
     */
    StepResult coldStep(long rate, long durationNanos) throws Exception {
        return measure(rate, durationNanos, new ArrayList<>(), false);
    }

    private void startJvm() throws IOException, InterruptedException {
        int[] ports = FreePorts.udpAndTcp();
        jvm = CollectorJvm.start(launch, ports[0], sink.output(), ports[1], dir, key + "-" + (restarts + 1));
        logs.add(jvm.log());
        if (sender != null) {
            sender.close();
        }
        sender = new PacedSender(new InetSocketAddress("127.0.0.1", ports[0]));
        cursor = stream.cursor(); // a new collector must see the templates first
        log.info(key + ": collector pid " + jvm.pid() + " on udp 127.0.0.1:" + ports[0] + ", metrics 127.0.0.1:"
                + ports[1] + ", output " + sink.output());
    }

    @Override
    public StepResult step(long rate, long durationNanos) throws Exception {
        List<String> problems = new ArrayList<>();
        if (!jvm.alive()) {
            problems.add("the collector had exited between steps (" + jvm.exitDescription() + ", log " + jvm.log()
                    + ") and was restarted (cold JIT)");
            noteExitHeap();
            restarts++;
            startJvm();
        }
        try {
            return measure(rate, durationNanos, problems, true);
        } catch (IOException e) {
            if (jvm.alive()) {
                throw e;
            }
            problems.add("the collector exited during the step (" + jvm.exitDescription() + ", log " + jvm.log() + ")");
            return new StepResult(key, rate, new PacedSender.Sent(0, 0, 0, 0, 1, 0, 0), 0, 0, 0, 0, 0, null, Map.of(),
                    StepResult.newChecks(), problems);
        }
    }

    private StepResult measure(long rate, long durationNanos, List<String> problems, boolean resync) throws Exception {
        int port = jvm.udpPort();
        if (resync) {
            resync(port);
        }
        Metrics before = jvm.scrape();
        long kernelDrops0 = ProcNetUdp.read(port).drops();
        sink.beforeStep();
        heapOverall = heapOverall.plus(jvm.gc().read());
        Map<String, Long> threads0 = ThreadCpu.snapshot(jvm.pid());
        long server0 = sink.serverPid() < 0 ? 0 : Children.cpuMillis(sink.serverPid());
        MachineCpu.Times busy0 = MachineCpu.now();
        long self0 = MachineCpu.selfMillis();
        long cpu0 = Children.cpuMillis(jvm.pid());
        PacedSender.Sent sent = sender.send(cursor, rate, durationNanos);
        long cpu1 = Children.cpuMillis(jvm.pid());
        long self1 = MachineCpu.selfMillis();
        MachineCpu.Times busy1 = MachineCpu.now();
        long server = sink.serverPid() < 0 ? 0 : Children.cpuMillis(sink.serverPid()) - server0;
        Map<String, Double> threads = ThreadCpu.cores(threads0, ThreadCpu.snapshot(jvm.pid()), sent.seconds());
        if (sink.serverPid() >= 0) {
            threads.put("(Kafka broker process)", Math.round(server / 10.0 / sent.seconds()) / 100.0);
        }
        double others = MachineCpu.others(busy0, busy1, (cpu1 - cpu0) + (self1 - self0) + server, sent.seconds());
        threads.put("(softirq, all processes)",
                Math.round((busy1.softirqMillis() - busy0.softirqMillis()) / 10.0 / sent.seconds()) / 100.0);
        long expected = sent.allRecords();

        Drain d = drain(before.sum(Metrics.RECORDS) + expected, port);
        if (d.timedOut) {
            problems.add("still busy " + DRAIN_TIMEOUT_MILLIS / 1000 + " s after the sender stopped");
        }
        Metrics after = d.metrics;
        GcLog.Heap heap = jvm.gc().read();
        heapOverall = heapOverall.plus(heap);

        long received = after.sum(Metrics.RECORDS) - before.sum(Metrics.RECORDS);
        Map<String, Long> checks = StepResult.newChecks();
        checks.put("datagrams_sent", sent.datagrams());
        checks.put("datagrams_decoded", after.sum(Metrics.DATAGRAMS) - before.sum(Metrics.DATAGRAMS));
        checks.put("kernel_udp_drops", ProcNetUdp.read(port).drops() - kernelDrops0);
        checks.put("ring_full_drops", after.sum(Metrics.RING_FULL) - before.sum(Metrics.RING_FULL));
        checks.put("sequence_lost", after.sum(Metrics.SEQUENCE_LOST) - before.sum(Metrics.SEQUENCE_LOST));
        checks.put("sequence_resets", after.sum(Metrics.SEQUENCE_RESETS) - before.sum(Metrics.SEQUENCE_RESETS));
        checks.put("decode_errors", after.sum(Metrics.ERRORS) - before.sum(Metrics.ERRORS));
        checks.put("sink_delivered", after.sinkRecords("delivered") - before.sinkRecords("delivered"));
        checks.put("sink_dropped", after.sinkDropped() - before.sinkDropped());
        checks.put("sink_lag", after.sum(Metrics.SINK_LAG));
        checks.put("sink_bytes", after.sum(Metrics.SINK_BYTES) - before.sum(Metrics.SINK_BYTES));
        checks.put("send_errors", sent.sendErrors());

        if (received != expected) {
            problems.add(String.format("%,d of %,d records lost", expected - received, expected));
        }
        nonZero(checks, "kernel_udp_drops", "datagrams dropped by the kernel (socket buffer full)", problems);
        nonZero(checks, "ring_full_drops", "datagrams dropped on a full ring", problems);
        nonZero(checks, "sequence_lost", "records missing by sequence number", problems);
        nonZero(checks, "decode_errors", "decode errors", problems);
        nonZero(checks, "sink_dropped", "records dropped by the sink", problems);
        nonZero(checks, "sink_lag", "records still in the sink", problems);
        nonZero(checks, "send_errors", "send errors (nothing listening?)", problems);
        if (checks.get("sink_delivered") != received) {
            problems.add(String.format("the sink delivered %,d of %,d records", checks.get("sink_delivered"), received));
        }
        if (d.millis > MAX_DRAIN_MILLIS && !d.timedOut) {
            problems.add(String.format("not sustained: %.1f s to drain the backlog after the sender stopped",
                    d.millis / 1000.0));
        }
        if (!jvm.alive()) {
            problems.add("the collector exited (" + jvm.exitDescription() + ", log " + jvm.log() + ")");
        }
        sink.afterStep(received, checks, problems);
        SenderCheck.check(rate, sent, problems);
        double cores = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1000.0 / sent.seconds();
        return new StepResult(key, rate, sent, expected, received, d.millis, cores, others, heap, threads, checks,
                problems);
    }

    /**
     * Sends a few datagrams slowly and waits until they are decoded, so that a sequence gap left by
     * the previous step (its last datagrams lost) is not counted against this one.
     */
    private void resync(int port) throws IOException, InterruptedException {
        Metrics m = jvm.scrape();
        PacedSender.Sent s = sender.send(cursor, RESYNC_RATE, RESYNC_NANOS);
        drain(m.sum(Metrics.RECORDS) + s.allRecords(), port);
    }

    private void noteExitHeap() {
        GcLog.AtExit e = jvm.gc().atExit();
        exitHeapUsedMiB = Math.max(exitHeapUsedMiB, e.usedMiB());
        exitHeapCommittedMiB = Math.max(exitHeapCommittedMiB, e.committedMiB());
    }

    private static void nonZero(Map<String, Long> checks, String key, String what, List<String> problems) {
        long v = checks.get(key);
        if (v != 0) {
            problems.add(String.format("%,d %s", v, what));
        }
    }

    private record Drain(Metrics metrics, long millis, boolean timedOut) { }

    /**
     * Polls until everything sent was decoded and delivered (or nothing has moved for a while:
     * something was lost), returning the last scrape and when the last progress was seen.
     */
    private Drain drain(long expectedRecords, int port) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long lastChange = t0;
        long lastRecords = -1;
        long lastDone = -1;
        while (true) {
            Metrics m = jvm.scrape();
            long now = System.nanoTime();
            long records = m.sum(Metrics.RECORDS);
            long done = m.sinkRecords("delivered") + m.sinkDropped();
            // done >= records: the sink has also counted the last batch as delivered (a file sink does
            // so once the batch is written and flushed), so the far end may be read
            boolean idle = ProcNetUdp.read(port).receiveQueueBytes() == 0 && m.sum(Metrics.RING_OCCUPANCY) == 0
                    && m.sum(Metrics.SINK_LAG) == 0 && done >= records;
            if (records != lastRecords || done != lastDone) {
                lastChange = now;
                lastRecords = records;
                lastDone = done;
            }
            if (idle && records >= expectedRecords) {
                return new Drain(m, (now - t0) / 1_000_000, false);
            }
            if (idle && now - lastChange > QUIET_MILLIS * 1_000_000L) {
                return new Drain(m, (lastChange - t0) / 1_000_000, false);
            }
            if (now - t0 > DRAIN_TIMEOUT_MILLIS * 1_000_000L || !jvm.alive()) {
                return new Drain(m, (now - t0) / 1_000_000, true);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            if (sender != null) {
                sender.close();
            }
        } catch (IOException ignored) {
            // closing a datagram channel
        }
        if (jvm != null) {
            jvm.close();
            noteExitHeap();
        }
        sink.close();
    }
}
