package io.stream4flow.bench.stack;

import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.bench.load.Machine;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.cli.stack.StackComponent;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.cli.stack.StackSettings;
import io.stream4flow.localstack.LoopbackPorts;
import io.stream4flow.schema.RecordFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three numbers of the local stack, printed by one command:
 * <ol>
 *   <li><b>first alert</b>: seconds from {@code s4fctl up --demo} (the real command, a fresh home) to the first
 *       message on Kafka {@code alerts} ({@link FirstAlert});</li>
 *   <li><b>jobs throughput</b>: flows per second the default jobs sustain on Spark {@code local[2]}, with the
 *       topic {@code flows} filled beforehand faster than they read ({@link JobsThroughput}), beside Spark's bare
 *       read of the same topic, alone and with the flows view ({@link BareRead}); for each record format of
 *       {@code --format} on a stack of its own ({@link FormatThroughput}); and beside them the rate at which
 *       nfdump computes the same statistics over the same flows from an nfcapd file on one core
 *       ({@link NfdumpReference}; {@code --no-nfdump} leaves it out);</li>
 *   <li><b>alert latency</b>: p50/p95 from the last datagram of a port scan sent to the collector to its alert
 *       on Kafka {@code alerts}, over repeated scans with the demo traffic in the background
 *       ({@link AlertLatency}); on the stack of the last format of {@code --format}.</li>
 * </ol>
 *
 * <pre>
 * mvn -q -pl benchmarks,s4fctl-cli -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.stream4flow.bench.stack.StackBench [--flows N] [--trials N]
 *     [--only first-alert|throughput|latency] [--format json|avro|both] [--no-nfdump] [--job-arg ARG]...
 * </pre>
 *
 * Run it from the repository root (it starts {@code s4fctl-cli/target/s4fctl.jar}) on an otherwise quiet machine;
 * each part uses a fresh home under /tmp and free ports, and stops everything it started.
 */
public final class StackBench {
    private StackBench() {
    }

    public static void main(String[] args) throws Exception {
        long flows = 2_000_000;
        int trials = 20;
        String only = null;
        List<RecordFormat> formats = List.of(RecordFormat.JSON, RecordFormat.AVRO);
        List<String> jobArgs = new ArrayList<>();
        boolean nfdump = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flows" -> flows = Long.parseLong(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--job-arg" -> jobArgs.add(args[++i]);
                case "--no-nfdump" -> nfdump = false;
                case "--format" -> formats = args[++i].equals("both") ? formats : List.of(RecordFormat.parse(args[i]));
                default -> {
                    System.err.println("usage: StackBench [--flows N] [--trials N] [--only first-alert|throughput|latency]"
                            + " [--format json|avro|both] [--no-nfdump] [--job-arg ARG]...");
                    System.exit(2);
                }
            }
        }
        if (jobArgs.stream().noneMatch(a -> a.equals("--job") || a.startsWith("--job="))) {
            // the runner's default jobs, not the demo's choice of every job (the stack runs with the demo)
            jobArgs.addAll(List.of("--job", "default"));
        }
        String machine = Machine.describe();
        List<String> report = new ArrayList<>();
        if (only == null || only.equals("first-alert")) {
            report.add(FirstAlert.run(freshHome("first-alert")));
        }
        if (only == null || only.equals("throughput") || only.equals("latency")) {
            boolean throughput = only == null || only.equals("throughput");
            List<FormatThroughput> runs = new ArrayList<>();
            Optional<NfdumpReference> reference = Optional.empty();
            String noReference = "--no-nfdump";
            if (throughput && nfdump) {
                // before the stacks start: nfdump's core is then as free as the machine allows
                Path dir = freshHome("nfdump");
                Optional<String> missing = NfdumpReference.unavailable(dir);
                if (missing.isPresent()) {
                    noReference = missing.get() + " (--no-nfdump skips it)";
                    log("nfdump reference not measured: " + noReference);
                } else {
                    reference = Optional.of(NfdumpReference.measure(flows, dir));
                }
            }
            LocalStack stack = null;
            try {
                // one stack per format, each from a fresh home (empty topic, no checkpoints); the last one stays
                // for the latency part
                for (RecordFormat format : throughput ? formats : formats.subList(formats.size() - 1, formats.size())) {
                    if (stack != null) {
                        stack.stop(line -> log("stopped: " + line));
                    }
                    // about a tenth of the flows per micro-batch: the limit is in Kafka messages, and an Avro
                    // message holds a block of up to kafka.message-records flows
                    long perMessage = format == RecordFormat.AVRO ? CollectorConfig.defaults().kafkaMessageRecords() : 1;
                    List<String> runnerArgs = new ArrayList<>(List.of("--max-offsets-per-trigger",
                            Long.toString(Math.max(1, flows / 10 / perMessage))));
                    runnerArgs.addAll(jobArgs);
                    stack = new LocalStack(new StackHome(freshHome("jobs-" + format.uriName())),
                            settings(runnerArgs).withFlowsFormat(format), 0, true);
                    start(stack, "kafka");
                    start(stack, "elasticsearch");
                    if (throughput) {
                        FormatThroughput run = FormatThroughput.measure(stack, flows);
                        runs.add(run);
                        report.add(run.jobs().line());
                    } else {
                        start(stack, "jobs");
                    }
                }
                if (only == null || only.equals("latency")) {
                    report.add(AlertLatency.run(stack, trials) + " (records in " + stack.settings().flowsFormat()
                            .uriName() + ")");
                }
            } finally {
                if (stack != null) {
                    stack.stop(line -> log("stopped: " + line));
                }
            }
            if (throughput) {
                report.add(FormatThroughput.table(runs, reference, noReference));
            }
        }
        System.out.println();
        System.out.println("== Stream4Flow stack benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");
        System.out.println("machine: " + machine);
        report.forEach(System.out::println);
    }

    static StackSettings settings() throws IOException {
        return settings(List.of());
    }

    static StackSettings settings(List<String> jobArguments) throws IOException {
        return new StackSettings("127.0.0.1", LoopbackPorts.udpAndTcp(), LoopbackPorts.udp(), LoopbackPorts.tcp(),
                LoopbackPorts.tcp(), LoopbackPorts.tcp(), "local[2]", List.of("10.10.0.0/24"), true, "1g", "1g", "3g",
                jobArguments);
    }

    static StackComponent component(LocalStack stack, String name) {
        return stack.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Starts one component and waits until it is healthy. */
    static void start(LocalStack stack, String name) throws InterruptedException {
        StackComponent c = component(stack, name);
        long t0 = System.nanoTime();
        c.start();
        long deadline = t0 + c.startTimeout().toNanos();
        while (!c.healthy()) {
            if (System.nanoTime() > deadline || c.process().isEmpty()) {
                throw new IllegalStateException(name + " did not come up; see " + c.logFile());
            }
            Thread.sleep(200);
        }
        log(String.format(Locale.ROOT, "%s up in %.1f s", name, (System.nanoTime() - t0) / 1e9));
    }

    static Optional<JobsStatus> jobsStatus(LocalStack stack) {
        return JobsStatus.read(stack.home().jobs().resolve(JobsStatus.FILE));
    }

    static Path freshHome(String name) throws IOException {
        Path home = Files.createTempDirectory("s4f-bench-" + name + "-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    static void log(String line) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }

    /** The p-th percentile (0-100) of sorted values, nearest rank. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
