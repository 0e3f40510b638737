package io.stream4flow.bench.stack;

import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.cli.stack.StackComponent;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.cli.stack.StackSettings;
import io.stream4flow.localstack.LoopbackPorts;
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
 *       topic {@code flows} filled beforehand faster than they read ({@link JobsThroughput});</li>
 *   <li><b>alert latency</b>: p50/p95 from the last datagram of a port scan sent to the collector to its alert
 *       on Kafka {@code alerts}, over repeated scans with the demo traffic in the background
 *       ({@link AlertLatency}).</li>
 * </ol>
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.stream4flow.bench.stack.StackBench [--flows N] [--trials N]
 *     [--only first-alert|throughput|latency] [--job-arg ARG]...
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
        List<String> jobArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flows" -> flows = Long.parseLong(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--job-arg" -> jobArgs.add(args[++i]);
                default -> {
                    System.err.println("usage: StackBench [--flows N] [--trials N] [--only first-alert|throughput|latency] [--job-arg ARG]...");
                    System.exit(2);
                }
            }
        }
        List<String> report = new ArrayList<>();
        if (only == null || only.equals("first-alert")) {
            report.add(FirstAlert.run(freshHome("first-alert")));
        }
        if (only == null || only.equals("throughput") || only.equals("latency")) {
            Path home = freshHome("jobs");
            List<String> runnerArgs = new ArrayList<>(List.of("--max-offsets-per-trigger",
                    Long.toString(Math.max(1, flows / 10))));
            runnerArgs.addAll(jobArgs);
            LocalStack stack = new LocalStack(new StackHome(home), settings(runnerArgs), 0, true);
            try {
                start(stack, "kafka");
                start(stack, "elasticsearch");
                if (only == null || only.equals("throughput")) {
                    report.add(JobsThroughput.run(stack, flows));
                } else {
                    start(stack, "jobs");
                }
                if (only == null || only.equals("latency")) {
                    report.add(AlertLatency.run(stack, trials));
                }
            } finally {
                stack.stop(line -> log("stopped: " + line));
            }
        }
        System.out.println();
        System.out.println("== Stream4Flow stack benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");
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
