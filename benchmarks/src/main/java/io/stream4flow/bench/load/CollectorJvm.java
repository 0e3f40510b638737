package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector under test in a JVM of its own, with the heap the goal allows ({@code -Xmx256m}) and
 * a GC log; either the real command line ({@code java -jar s4fctl.jar collector run ...}) or, when
 * that verb is missing, {@link EmbeddedCollector} from the harness's own jar.
 */
final class CollectorJvm implements AutoCloseable {
    /** How to start the collector. */
    /**
     * @param extraYaml settings appended to the collector's config file (tuning experiments), or null;
     *     the CLI only
     */
    record Launch(String heap, Path s4fctlJar, Path harnessJar, boolean cli, String extraYaml) {
        String describe() {
            return cli ? "java -Xmx" + heap + " -jar " + s4fctlJar + " collector run --config FILE"
                    : "java -Xmx" + heap + " -cp " + harnessJar + " " + EmbeddedCollector.class.getName();
        }
    }

    private final Process process;
    private final int udpPort;
    private final String metrics;
    private final GcLog gc;
    private final Path log;
    private final List<String> command;

    private CollectorJvm(Process process, int udpPort, String metrics, GcLog gc, Path log, List<String> command) {
        this.process = process;
        this.udpPort = udpPort;
        this.metrics = metrics;
        this.gc = gc;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts the collector listening on {@code udp://127.0.0.1:udpPort}, writing to {@code output},
     * serving metrics on {@code 127.0.0.1:metricsPort}; returns once both are up.
     */
    static CollectorJvm start(Launch how, int udpPort, String output, int metricsPort, Path dir, String name)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path gcLog = dir.resolve(name + "-gc.log");
        Files.deleteIfExists(gcLog);
        Path log = dir.resolve(name + "-collector.log");
        String metrics = "127.0.0.1:" + metricsPort;
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + how.heap(), "-Xlog:gc,gc+heap+exit:file=" + gcLog,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        if (how.cli()) {
            // the collector's defaults, except that template state stays under the work folder; an explicit
            // file also keeps ~/.stream4flow/collector.yaml (if any) out of the measurement
            Path config = dir.resolve(name + "-collector.yaml");
            Files.writeString(config, "# written by the load harness: the defaults, state kept in the work folder\n"
                    + "state:\n  dir: " + dir.resolve("state") + "\n"
                    + (how.extraYaml() == null ? "" : how.extraYaml() + "\n"));
            cmd.addAll(List.of("-jar", how.s4fctlJar().toString(), "collector", "run", "--config", config.toString(),
                    "--stats-json", dir.resolve(name + "-final-counters.json").toString()));
        } else {
            cmd.addAll(List.of("-cp", how.harnessJar().toString(), EmbeddedCollector.class.getName()));
        }
        cmd.addAll(List.of("--listen", "udp://127.0.0.1:" + udpPort, "--output", output, "--metrics", metrics));
        Process p = Children.startWatched(cmd, log);
        CollectorJvm c = new CollectorJvm(p, udpPort, metrics, new GcLog(gcLog), log, cmd);
        long end = System.nanoTime() + 60_000_000_000L;
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the collector exited with " + p.exitValue() + " at start: "
                        + String.join(" ", cmd) + "\n" + Children.tail(log, 20));
            }
            if (ProcNetUdp.read(udpPort).sockets() > 0) {
                try {
                    Metrics.scrape(metrics);
                    return c;
                } catch (IOException notYet) {
                    // the endpoint starts right after the listeners
                }
            }
            if (System.nanoTime() > end) {
                Children.stop(p, Duration.ofSeconds(5));
                throw new IllegalStateException("the collector did not listen on udp 127.0.0.1:" + udpPort
                        + " and serve metrics within 60 s:\n" + Children.tail(log, 20));
            }
            Thread.sleep(50);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How the process ended: its exit code, and the signal that code stands for. */
    String exitDescription() {
        if (process.isAlive()) {
            return "running";
        }
        int rc = process.exitValue();
        String signal = switch (rc) {
            case 130 -> " = SIGINT";
            case 134 -> " = SIGABRT (JVM crash?)";
            case 137 -> " = SIGKILL (OOM killer, or killed by another program)";
            case 143 -> " = SIGTERM (stopped by another program?)";
            default -> "";
        };
        return "exit code " + rc + signal;
    }

    long pid() {
        return process.pid();
    }

    int udpPort() {
        return udpPort;
    }

    Metrics scrape() throws IOException {
        return Metrics.scrape(metrics);
    }

    GcLog gc() {
        return gc;
    }

    Path log() {
        return log;
    }

    List<String> command() {
        return command;
    }

    /** Graceful stop (SIGTERM: the collector drains, flushes and closes its sink). */
    @Override
    public void close() {
        Children.stop(process, Duration.ofSeconds(60));
    }
}
