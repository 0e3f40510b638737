package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl collector run} as a real process: it binds ephemeral ports on 127.0.0.1,
 * {@code s4fctl replay} feeds it, {@code s4fctl collector stats} reads it, and SIGTERM stops it
 * gracefully with exit 0 and the final counters written.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CollectorRunIntegrationTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (udp://127\\.0\\.0\\.1:[0-9]+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://(127\\.0\\.0\\.1:[0-9]+)/metrics");

    @Test
    void runsUntilSigtermAndExitsZero(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("collector.yaml"), "state: {dir: " + dir.resolve("state") + "}\n");
        Path stats = dir.resolve("final.json");
        List<String> err = new CopyOnWriteArrayList<>();
        Process p = startCollector(err, "--config", config.toString(), "--listen", "udp://127.0.0.1:0",
                "--metrics", "127.0.0.1:0", "--output", "null", "--stats-json", stats.toString());
        try {
            String udp = null;
            String metrics = null;
            for (int i = 0; i < 600 && metrics == null; i++) {
                for (String line : err) {
                    Matcher l = LISTENING.matcher(line);
                    Matcher m = METRICS.matcher(line);
                    if (l.find()) {
                        udp = l.group(1);
                    } else if (m.find()) {
                        metrics = m.group(1);
                    }
                }
                Thread.sleep(50);
            }
            assertThat(udp).as(String.join("\n", err)).isNotNull();
            assertThat(metrics).as(String.join("\n", err)).isNotNull();

            CliRun replay = s4fctl("replay", "--to", udp, "--loop", "3", CorpusFiles.file("netflow5_test_juniper_mx80.dat").toString());
            assertThat(replay.code()).as(replay.err()).isEqualTo(ExitCode.OK);

            JsonNode datagrams = null;
            for (int i = 0; i < 100 && (datagrams == null || datagrams.asLong() < 3); i++) {
                CliRun stats1 = s4fctl("collector", "stats", "--metrics", metrics, "--output", "json");
                assertThat(stats1.code()).as(stats1.err()).isEqualTo(ExitCode.OK);
                datagrams = value(new ObjectMapper().readTree(stats1.out()), "s4f_collector_datagrams_total");
                Thread.sleep(50);
            }
            assertThat(datagrams).isNotNull();
            assertThat(datagrams.asLong()).isEqualTo(3);
            CliRun table = s4fctl("collector", "stats", "--metrics", metrics);
            assertThat(table.lines().get(0)).startsWith("EXPORTER").contains("DATAGRAMS", "RECORDS");
            assertThat(table.lines().get(1)).startsWith("127.0.0.1").contains(" 3 ", " 87 ");

            p.destroy();     // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the last stderr lines
            assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(ExitCode.OK);
            assertThat(Files.readString(stats)).contains("s4f_collector_datagrams_total");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * SIGTERM right after a burst: the collector stops reading, drains the ring and flushes the
     * file, so every record it decoded is in the file, and with no drop counted that is every record
     * sent.
     */
    @Test
    void sigtermLosesNothingAcceptedBeforeIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        Path stats = dir.resolve("final.json");
        List<String> err = new CopyOnWriteArrayList<>();
        Process p = startCollector(err, "--listen", "udp://127.0.0.1:0", "--metrics", "off",
                "--output", "file:" + out, "--stats-json", stats.toString());
        try {
            String udp = null;
            for (int i = 0; i < 600 && udp == null; i++) {
                for (String line : err) {
                    Matcher l = LISTENING.matcher(line);
                    if (l.find()) {
                        udp = l.group(1);
                    }
                }
                Thread.sleep(50);
            }
            assertThat(udp).as(String.join("\n", err)).isNotNull();
            int loops = 2000;
            CliRun replay = s4fctl("replay", "--to", udp, "--rate", "20000/s", "--loop", Integer.toString(loops),
                    CorpusFiles.file("netflow5_test_juniper_mx80.dat").toString());
            assertThat(replay.code()).as(replay.err()).isEqualTo(ExitCode.OK);
            p.destroy(); // SIGTERM at once: records may still be in the ring
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the last stderr lines
            assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(ExitCode.OK);

            JsonNode totals = new ObjectMapper().readTree(Files.readString(stats));
            long lines;
            try (var l = Files.lines(out)) {
                lines = l.count();
            }
            long decoded = totals.get("s4f_collector_records_total").asLong();
            assertThat(lines).as("records in the file = records decoded").isEqualTo(decoded);
            assertThat(totals.get("s4f_collector_sink_records_total:delivered").asLong()).isEqualTo(decoded);
            long drops = totals.get("s4f_collector_ring_full_drops_total").asLong()
                    + Math.max(0, totals.get("s4f_collector_kernel_udp_drops").asLong());
            if (drops == 0) {
                assertThat(lines).as("every record sent").isEqualTo(29L * loops);
            } else {
                assertThat(lines).as("drops are counted, not silent").isLessThan(29L * loops);
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Started by a JVM with the default heap (as {@code ./s4fctl} does), the collector runs in a JVM of its own
     * with {@code -Xmx} of {@code jvm.heap}; that JVM stops when the one that started it is killed.
     */
    @Test
    void runsInAJvmOfItsOwnWithTheHeapOfTheSetting(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("collector.yaml"), "jvm: {heap: 96MiB}\nstate: {dir: "
                + dir.resolve("state") + "}\n");
        List<String> err = new CopyOnWriteArrayList<>();
        Process p = startCollector(err, "--config", config.toString(), "--listen", "udp://127.0.0.1:0",
                "--metrics", "off", "--output", "null");
        try {
            for (int i = 0; i < 600 && err.stream().noneMatch(l -> LISTENING.matcher(l).find()); i++) {
                Thread.sleep(50);
            }
            assertThat(err).as(String.join("\n", err)).contains("collector JVM: heap 96 MiB (jvm.heap)")
                    .anyMatch(l -> LISTENING.matcher(l).find());
            List<ProcessHandle> jvms = p.descendants().filter(h -> h.info().commandLine().orElse("")
                    .contains(" -Xmx96m ")).toList();
            assertThat(jvms).as("the collector's JVM, a child of the one started").hasSize(1);
            p.destroyForcibly();
            assertThat(jvms.get(0).onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            p.destroyForcibly();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Starts {@code s4fctl collector run ARGS} as a child JVM; its stderr lines collect in {@code err}. */
    private static Process startCollector(List<String> err, String... args) throws java.io.IOException {
        List<String> cmd = CliRun.childCommand("collector", "run");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))
                .lines().forEach(err::add), "collector-stderr");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static JsonNode value(JsonNode root, String name) {
        for (JsonNode m : root.get("metrics")) {
            if (m.get("name").asText().equals(name)) {
                return m.get("value");
            }
        }
        return null;
    }
}
