package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end load harness: replays a softflowd IPFIX export stream over loopback at rising rates
 * and finds the highest zero-loss rate, in records/s, of the collector with the null sink, the file
 * sink (Avro, JSON) and a real local Kafka broker (Avro, JSON), and of nfcapd receiving the same
 * datagrams; then CPU per record at a fixed datagram rate (file (Avro) and nfcapd), loss in the first
 * seconds of a fresh collector and a fresh nfcapd, and the collector's heap. Prints a table and the
 * issue's goals against nfcapd ({@link GoalTable}), writes {@code load-results.json}; every child
 * process ends with it. See benchmarks/README.md.
 *
 * <pre>
 * mvn -q -pl benchmarks,s4fctl-cli -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.stream4flow.bench.load.LoadHarness [--quick]
 * </pre>
 * Exit status: 0 when every target ran, 1 when one could not, 2 on a usage error.
 */
public final class LoadHarness {
    private static final long RMEM_WANTED = 32L << 20;

    private final Options o;
    private final Log log;

    private LoadHarness(Options o, Log log) {
        this.o = o;
        this.log = log;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("LoadHarness: " + e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Log log = new Log(System.err);
        int rc = 1;
        try {
            rc = new LoadHarness(o, log).run();
        } catch (Exception e) {
            log.info("FAILED: " + e);
            e.printStackTrace();
        } finally {
            Children.stopAll();
        }
        System.exit(rc);
    }

    private int run() throws Exception {
        Instant started = Instant.now();
        Path root = repoRoot();
        Path work = (o.work != null ? o.work : root.resolve("benchmarks/target/load")).toAbsolutePath();
        Files.createDirectories(work);
        Map<String, Object> runInfo = new LinkedHashMap<>();
        runInfo.put("started", started.toString());
        runInfo.put("machine", Machine.describe());
        log.info("machine: " + runInfo.get("machine"));
        try (ReceiveBuffers buffers = ReceiveBuffers.raise(RMEM_WANTED, log)) {
            runInfo.put("rmem_max", buffers.note());
            ReplayStream stream = ReplayStream.of(SoftflowdStream.payloads(root, work.resolve("stream"), o.flows,
                    o.seed, o.fresh, log));
            String streamInfo = String.format("%d datagrams, %,d records per pass (%,d data, %,d options), %.1f records"
                            + " and %,d bytes per datagram, sequence numbers %s", stream.datagrams(),
                    stream.passAllRecords(), stream.passDataRecords(), stream.passAllRecords() - stream.passDataRecords(),
                    stream.passAllRecords() / (double) stream.datagrams(), stream.passBytes() / stream.datagrams(),
                    stream.sequenceStep());
            log.info("stream: softflowd 1.1.0 IPFIX of " + o.flows + " flows: " + streamInfo);
            runInfo.put("stream", "softflowd IPFIX, " + o.flows + " flows (seed " + o.seed + "): " + streamInfo);
            CollectorJvm.Launch launch = launch(root, work);
            runInfo.put("collector_command", launch.describe()
                    + " --listen udp://127.0.0.1:PORT --output OUTPUT --metrics 127.0.0.1:PORT");
            runInfo.put("step_seconds", o.stepSeconds);
            runInfo.put("rates", o.rates);
            Report report = new Report(runInfo);
            Map<String, GoalSteps.CpuStep> cpu = new LinkedHashMap<>();
            int heapUsed = -1;
            int heapCommitted = -1;
            RateSearch search = new RateSearch(o.rates, o.refine, o.retries, o.stepSeconds * 1_000_000_000L,
                    o.quietWait, o.quietCores, log);
            GcLog.Heap heap = GcLog.Heap.NONE;
            int restarts = 0;
            boolean oom = false;
            boolean allRan = true;
            for (String key : o.targets) {
                log.info("=== " + key);
                Target t = null;
                Map<String, Object> extra = new LinkedHashMap<>();
                try {
                    t = target(key, stream, launch, work);
                    t.open();
                    RateSearch.Outcome outcome = search.run(t);
                    if (o.cpuDatagrams > 0 && (key.equals("file-avro") || key.equals("nfcapd"))) {
                        cpu.put(key, GoalSteps.cpu(t, outcome, stream, o.cpuDatagrams, o.stepSeconds, o.quietWait,
                                o.quietCores, log));
                    }
                    if (t instanceof CollectorTarget c) {
                        heap = heap.plus(c.heapOverall());
                        restarts += c.restarts();
                        oom |= c.outOfMemory();
                        extra.put("gc_overall", c.heapOverall());
                        if (o.profile) {
                            extra.put("profile", Profiling.profile(c, outcome, o.stepSeconds, work, log));
                        }
                    }
                    report.add(new Report.Entry(key, t.description(), outcome, null, extra));
                    log.info(key + ": highest zero-loss rate " + String.format("%,d", outcome.rate()) + " records/s");
                } catch (Exception e) {
                    allRan = false;
                    log.info(key + " FAILED: " + e.getMessage());
                    report.add(new Report.Entry(key, key, null, String.valueOf(e.getMessage()).lines().findFirst()
                            .orElse(e.toString()), extra));
                } finally {
                    if (t != null) {
                        t.close();
                    }
                    if (t instanceof CollectorTarget c) {
                        heapUsed = Math.max(heapUsed, c.maxHeapUsedMiB());
                        heapCommitted = Math.max(heapCommitted, c.maxHeapCommittedMiB());
                    }
                }
            }
            GoalSteps.ColdStep coldS4f = null;
            GoalSteps.ColdStep coldNfcapd = null;
            long coldRate = coldRate(report);
            if (o.coldSeconds > 0 && coldRate > 0) {
                log.info(String.format("=== first %d s after start, at %,d records/s", o.coldSeconds, coldRate));
                if (o.targets.contains("file-avro")) {
                    try {
                        coldS4f = GoalSteps.coldCollector(launch, stream, work.resolve("cold-file-avro"), coldRate,
                                o.coldSeconds, log);
                        heapUsed = Math.max(heapUsed, coldS4f.heapUsedMiB());
                        heapCommitted = Math.max(heapCommitted, coldS4f.heapCommittedMiB());
                        oom |= coldS4f.outOfMemory();
                    } catch (Exception e) {
                        allRan = false;
                        log.info("first seconds, collector FAILED: " + e.getMessage());
                    }
                }
                if (o.targets.contains("nfcapd")) {
                    try {
                        coldNfcapd = GoalSteps.coldNfcapd(stream, work.resolve("cold-nfcapd"), coldRate, o.coldSeconds,
                                log);
                    } catch (Exception e) {
                        allRan = false;
                        log.info("first seconds, nfcapd FAILED: " + e.getMessage());
                    }
                }
            } else if (o.coldSeconds > 0) {
                log.info("first seconds after start: not measured (no zero-loss rate of the null sink to halve;"
                        + " give --cold-rate)");
            }
            boolean collectors = o.targets.stream().anyMatch(k -> !k.equals("nfcapd"));
            report.goals(new GoalTable(report, cpu, coldS4f, coldNfcapd, collectors
                    ? new GoalTable.Heap(o.heap, heapUsed, heapCommitted, oom) : null, !o.quick, o.cpuDatagrams,
                    o.coldSeconds));
            if (heap.pauses() > 0 || o.targets.stream().anyMatch(k -> !k.equals("nfcapd"))) {
                runInfo.put("heap", String.format("every collector JVM ran with -Xmx%s: max heap used %d MiB (the"
                                + " larger of before a GC and at exit), max heap after GC %d MiB, max committed %d MiB,"
                                + " %d pauses (%d full), longest %.0f ms, OutOfMemoryError: %s", o.heap, heapUsed,
                        heap.maxLiveAfterMiB(), heapCommitted, heap.pauses(), heap.fullPauses(),
                        heap.maxPauseMillis(), oom ? "YES" : "none"));
                if (restarts > 0) {
                    runInfo.put("collector_restarts", restarts + " collector JVM(s) exited while the harness ran"
                            + " and were restarted (see the steps' problems for the exit codes)");
                }
            }
            runInfo.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
            System.out.println();
            System.out.println(report.table());
            Path json = o.work != null ? work.resolve("load-results.json")
                    : root.resolve("benchmarks/target/load-results.json");
            report.writeJson(json);
            log.info("results: " + json + " (logs and GC logs in " + work + ")");
            return allRan ? 0 : 1;
        }
    }

    private Target target(String key, ReplayStream stream, CollectorJvm.Launch launch, Path work) throws IOException {
        long warmupNanos = o.warmupSeconds * 1_000_000_000L;
        Path dir = work.resolve(key);
        Files.createDirectories(dir);
        return switch (key) {
            case "null" -> new CollectorTarget(key, launch, stream, SinkCheck.none(), dir, log, o.rates[0], warmupNanos);
            case "file" -> new CollectorTarget(key, launch, stream,
                    new FileSinkCheck((o.fileDir != null ? o.fileDir : dir).resolve("flows.jsonl")), dir, log,
                    o.rates[0], warmupNanos);
            case "file-avro" -> {
                Path file = (o.fileDir != null ? o.fileDir : dir).resolve("flows.avro");
                Files.deleteIfExists(file); // a new container file: its header is written when the collector starts
                yield new CollectorTarget(key, launch, stream, new AvroFileSinkCheck(file), dir, log, o.rates[0],
                        warmupNanos);
            }
            case "kafka", "kafka-avro" -> {
                Path data = dir.resolve("broker");
                deleteTree(data);
                yield new CollectorTarget(key, launch, stream, KafkaSinkCheck.start(data,
                        key.equals("kafka") ? "" : "?format=avro", log), dir, log, o.rates[0], warmupNanos);
            }
            case "nfcapd" -> new NfcapdTarget(stream, dir, log);
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * Records/s of the first-seconds step: {@code --cold-rate}, else half the null sink's highest
     * zero-loss rate, else half the file (Avro) sink's; 0 when none of them is known.
     */
    private long coldRate(Report report) {
        if (o.coldRate > 0) {
            return o.coldRate;
        }
        for (String key : List.of("null", "file-avro")) {
            Report.Entry e = report.find(key);
            if (e != null && Report.rate(e) > 0) {
                return RateSearch.roundRate(Report.rate(e) / 2);
            }
        }
        return 0;
    }

    /** The real command line when it has {@code collector run}, else the embedded main (or as told). */
    private CollectorJvm.Launch launch(Path root, Path work) throws IOException, InterruptedException {
        Path jar = root.resolve("s4fctl-cli/target/s4fctl.jar");
        Path harnessJar = Path.of(LoadHarness.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        boolean cli = false;
        if (!o.collector.equals("embedded") && Files.isRegularFile(jar)) {
            Path help = work.resolve("s4fctl-collector-run-help.txt");
            int rc = Children.run(List.of(CollectorJvm.javaBin(), "-jar", jar.toString(), "collector", "run", "--help"),
                    help, Duration.ofSeconds(60));
            String text = Files.readString(help);
            cli = rc == 0 && text.contains("--listen") && text.contains("--output") && text.contains("--metrics");
        }
        if (o.collector.equals("cli") && !cli) {
            throw new IllegalStateException(jar + " has no 'collector run' with --listen, --output and --metrics"
                    + " (build it: mvn -q -pl s4fctl-cli -am package -DskipTests)");
        }
        if (!cli && o.collector.equals("auto")) {
            log.info("s4fctl collector run is not available in " + jar + ": using " + EmbeddedCollector.class.getName());
        }
        String extra = o.collectorYaml == null ? null : Files.readString(o.collectorYaml);
        if (extra != null && !cli) {
            throw new IllegalStateException("--collector-yaml needs s4fctl collector run (the CLI)");
        }
        CollectorJvm.Launch l = new CollectorJvm.Launch(o.heap, jar, harnessJar, cli, extra);
        log.info("collector: " + l.describe() + (extra == null ? "" : " with extra settings:\n" + extra.strip()));
        return l;
    }

    private static Path repoRoot() {
        String prop = System.getProperty("s4f.root");
        Path p = Path.of(prop != null ? prop : "").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("hotpath-collector/src/test/scripts/make-traffic.py"))) {
                return d;
            }
        }
        throw new IllegalStateException("run the harness from the Stream4Flow repository (or give -Ds4f.root=DIR):"
                + " hotpath-collector/src/test/scripts/make-traffic.py not found above " + p);
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
