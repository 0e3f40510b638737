package io.stream4flow.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JFR recording of the collector JVM during one step ({@code jcmd PID JFR.start settings=profile},
 * {@code JFR.stop}), summarised from {@code jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample}:
 * the methods most often on top of a Java stack (self) and most often anywhere in it (total), as
 * shares of the Java samples, the Java samples per thread, and where threads were seen in native
 * code (a write to the file, a wait for work): JFR's Java samples do not see a thread inside a
 * system call.
 */
final class JfrProfile {
    private JfrProfile() { }

    /** The summary: {@code self}, {@code total}, {@code threads}: name to share of samples (0..1), largest first. */
    record Summary(long samples, Map<String, Double> self, Map<String, Double> total, Map<String, Double> threads,
                   long nativeSamples, Map<String, Double> nativeTop) { }

    static void start(long pid, Path recording, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(recording);
        jcmd(List.of(jcmdBin(), Long.toString(pid), "JFR.start", "name=s4f-load", "settings=profile",
                "filename=" + recording), log);
    }

    static void stop(long pid, Path log) throws IOException, InterruptedException {
        jcmd(List.of(jcmdBin(), Long.toString(pid), "JFR.stop", "name=s4f-load"), log);
    }

    private static void jcmd(List<String> cmd, Path log) throws IOException, InterruptedException {
        int rc = Children.run(cmd, log, Duration.ofSeconds(60));
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc + ":\n" + Children.tail(log, 5));
        }
    }

    static Summary summarise(Path recording, Path dir, int top) throws IOException, InterruptedException {
        Path text = dir.resolve(recording.getFileName() + ".txt");
        int rc = Children.run(List.of(bin("jfr"), "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample",
                "--stack-depth", "64", recording.toString()), text, Duration.ofMinutes(3));
        if (rc != 0) {
            throw new IllegalStateException("jfr print exited with " + rc + ":\n" + Children.tail(text, 5));
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        try (BufferedReader r = Files.newBufferedReader(text, StandardCharsets.UTF_8)) {
            String line;
            String thread = "?";
            boolean inStack = false;
            boolean first = false;
            boolean nativeEvent = false;
            Set<String> seen = new HashSet<>();
            while ((line = r.readLine()) != null) {
                String s = line.strip();
                if (s.endsWith("{") && s.startsWith("jdk.")) {
                    nativeEvent = s.startsWith("jdk.NativeMethodSample");
                } else if (s.startsWith("sampledThread = ")) {
                    int q = s.indexOf('"');
                    thread = q >= 0 ? s.substring(q + 1, s.indexOf('"', q + 1)) : s;
                } else if (s.startsWith("stackTrace = [")) {
                    inStack = true;
                    first = true;
                    seen.clear();
                    if (nativeEvent) {
                        nativeSamples++;
                    } else {
                        samples++;
                        threads.merge(thread.replaceAll("-\\d+$", "-N"), 1L, Long::sum);
                    }
                } else if (inStack && s.equals("]")) {
                    inStack = false;
                } else if (inStack && !s.equals("...")) {
                    int l = s.indexOf(" line:");
                    String m = l > 0 ? s.substring(0, l) : s;
                    if (nativeEvent) {
                        if (first && !thread.startsWith("JFR") && !thread.equals("Attach Listener")) {
                            nativeTop.merge(thread.replaceAll("-\\d+$", "-N") + ": " + m, 1L, Long::sum);
                        }
                        first = false;
                        continue;
                    }
                    if (first) {
                        self.merge(m, 1L, Long::sum);
                        first = false;
                    }
                    if (seen.add(m)) {
                        total.merge(m, 1L, Long::sum);
                    }
                }
            }
        }
        return new Summary(samples, shares(self, samples, top), shares(total, samples, top),
                shares(threads, samples, top), nativeSamples, shares(nativeTop, nativeSamples, top));
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long samples, int top) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, samples)) / 1000.0));
        return out;
    }

    private static String jcmdBin() {
        return bin("jcmd");
    }

    private static String bin(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }
}
