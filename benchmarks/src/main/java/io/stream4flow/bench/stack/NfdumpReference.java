package io.stream4flow.bench.stack;

import io.stream4flow.bench.load.Children;
import io.stream4flow.bench.load.NfcapdCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reference for the jobs' rate: how fast nfdump computes, in batch and on one core, the statistics the default
 * jobs compute live, over the same flows. The fill's IPFIX messages ({@link DemoFill}: the same seed, the same
 * {@code n}) are stored by a fresh nfcapd ({@link NfcapdCapture}, loopback UDP, paced so that it loses nothing);
 * then, {@value #RUNS} times in a row, the best counting:
 *
 * <pre>
 * taskset -c 0 nfdump -r FILE -s proto/bytes -s srcip/flows -s dstip/flows -s dstport/flows -n 10 -q
 * </pre>
 *
 * Its rate is the flows in the file over the wall time of the fastest run (process start to exit: reading,
 * decompressing, aggregating and printing the four top-10 tables).
 *
 * @param flows the fill's flows, sent to nfcapd
 * @param version {@code nfdump -V}
 * @param capture what nfcapd stored
 * @param command the timed command
 * @param seconds wall time of each run, in order
 */
record NfdumpReference(long flows, String version, NfcapdCapture.Result capture, List<String> command, List<Double> seconds) {
    static final int RUNS = 3;
    /** The jobs' goal against nfdump's rate. */
    static final double GOAL = 0.15;
    /** Records per second of the capture's first attempt; nfcapd takes millions per second on a quiet machine. */
    static final double CAPTURE_RATE = 200_000;

    /** The reason nfdump cannot run here, or empty when {@code nfdump}, {@code nfcapd} and {@code taskset} do. */
    static Optional<String> unavailable(Path dir) throws InterruptedException {
        for (List<String> probe : List.of(List.of("nfdump", "-V"), List.of("nfcapd", "-V"), List.of("taskset", "-V"))) {
            Path out = dir.resolve(probe.get(0) + "-probe.log");
            try {
                Files.createDirectories(dir);
                if (Children.run(probe, out, Duration.ofSeconds(10)) != 0) {
                    return Optional.of("'" + String.join(" ", probe) + "' failed: " + Children.tail(out, 1).strip());
                }
            } catch (IOException e) {
                return Optional.of("'" + probe.get(0) + "' cannot run (" + e.getMessage() + "); Debian: apt-get install "
                        + (probe.get(0).equals("taskset") ? "util-linux" : "nfdump"));
            }
        }
        return Optional.empty();
    }

    /** Captures the fill's {@code n} flows and times nfdump's statistics over them; work files in {@code dir}. */
    static NfdumpReference measure(long n, Path dir) throws IOException, InterruptedException {
        List<byte[]> messages = new ArrayList<>();
        DemoFill.messages(n, System.currentTimeMillis(), (bytes, records) -> messages.add(bytes.clone()));
        long t0 = System.nanoTime();
        NfcapdCapture.Result capture = NfcapdCapture.capture(messages, dir.resolve("nfcapd"), CAPTURE_RATE, 3);
        messages.clear();
        StackBench.log(String.format(Locale.ROOT, "nfdump reference: %s stored %d of %d flows sent (%d datagrams, "
                + "%.0f records/s, attempt %d, kernel drops %d) in %.1f s", capture.version(), capture.storedFlows(),
                capture.sentFlows(), capture.datagrams(), capture.recordsPerSecond(), capture.attempts(),
                capture.kernelDrops(), StackBench.since(t0).toMillis() / 1000.0));
        Path v = dir.resolve("nfdump-version.log");
        if (Children.run(List.of("nfdump", "-V"), v, Duration.ofSeconds(10)) != 0) {
            throw new IllegalStateException("nfdump -V failed:\n" + Children.tail(v, 5));
        }
        String version = Files.readString(v, StandardCharsets.ISO_8859_1).strip().replace("nfdump: Version: ", "nfdump ");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", "nfdump",
                Files.isDirectory(capture.input()) ? "-R" : "-r", capture.input().toString()));
        command.addAll(List.of("-s", "proto/bytes", "-s", "srcip/flows", "-s", "dstip/flows", "-s", "dstport/flows",
                "-n", "10", "-q"));
        List<Double> seconds = new ArrayList<>();
        Path out = dir.resolve("nfdump-statistics.txt");
        for (int i = 0; i < RUNS; i++) {
            long s0 = System.nanoTime();
            int rc = Children.run(command, out, Duration.ofMinutes(10));
            double s = (System.nanoTime() - s0) / 1e9;
            if (rc != 0 || Files.size(out) == 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + rc + ":\n"
                        + Children.tail(out, 10));
            }
            seconds.add(s);
        }
        NfdumpReference ref = new NfdumpReference(n, version, capture, List.copyOf(command), List.copyOf(seconds));
        StackBench.log(ref.line());
        return ref;
    }

    /** Wall time of the fastest run. */
    double bestSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Flows in the file per second of the fastest run. */
    double flowsPerSecond() {
        return capture.storedFlows() / bestSeconds();
    }

    /** The report's line on nfdump alone. */
    String line() {
        StringBuilder runs = new StringBuilder();
        seconds.forEach(s -> runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", s)));
        return String.format(Locale.ROOT, "nfdump statistics (1 core): %,.0f flows/s (%s; %,d flows in the nfcapd file, "
                + "%s%s; best of %d runs, %s s: %s)", flowsPerSecond(), version, capture.storedFlows(),
                capture.complete() && capture.sentFlows() == flows ? "every flow of the fill stored"
                        : String.format(Locale.ROOT, "NOT every flow of the fill stored: %,d in the fill, %,d sent, "
                        + "%,d stored, %,d datagrams dropped by the kernel", flows, capture.sentFlows(),
                        capture.storedFlows(), capture.kernelDrops()),
                capture.attempts() > 1 ? String.format(Locale.ROOT, ", attempt %d at %.0f records/s",
                        capture.attempts(), capture.recordsPerSecond()) : "",
                seconds.size(), runs, String.join(" ", command));
    }

    /** The report's line of the jobs' rate against nfdump's. */
    String against(String format, double jobsFlowsPerSecond) {
        double ratio = jobsFlowsPerSecond / flowsPerSecond();
        return String.format(Locale.ROOT, "nfdump statistics (1 core): %,.0f flows/s; jobs (%s) %,.0f flows/s; "
                + "jobs / nfdump: %.2g (goal %.2f: %s)", flowsPerSecond(), format, jobsFlowsPerSecond, ratio, GOAL,
                ratio >= GOAL ? "met" : "not met");
    }
}
