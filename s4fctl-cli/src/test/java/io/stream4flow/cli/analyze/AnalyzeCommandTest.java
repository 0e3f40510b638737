package io.stream4flow.cli.analyze;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.TmuxSession;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.testing.PcapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code s4fctl analyze} over a capture of five minutes of the demo's exporter: Spark in a JVM of its own. */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_700_000_000_000L - 1_700_000_000_000L % 300_000;

    @TempDir
    static Path dir;
    private static Path capture;

    @BeforeAll
    static void captureTheDemo() throws Exception {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, true, 3);
        PcapBuilder.Pcap pcap = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false);
        for (DemoMessages.Timed m : new DemoMessages(1).record(scenario, START, START + 300_000, 20)) {
            pcap.record(m.exportMillis(), PcapBuilder.udp4("192.0.2.250", 4739, "192.0.2.1", 4739, m.payload()));
        }
        capture = dir.resolve("demo.pcap");
        Files.write(capture, pcap.toArray());
    }

    @Test
    void findsTheDemosAttacksInACaptureAndPrintsTheJobsDocuments() throws Exception {
        CliRun r = s4fctl("analyze", "--jobs", "ssh_bruteforce,portscan", "--local-net", "10.10.0.0/24",
                capture.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> docs = new ArrayList<>();
        for (String line : r.lines()) {
            docs.add(JSON.readTree(line));
        }
        assertThat(docs).filteredOn(d -> d.get("type").asText().equals("ssh_bruteforce")).singleElement()
                .satisfies(a -> {
                    assertThat(a.get("src_ip").asText()).isEqualTo("192.0.2.45");
                    assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.4");
                    assertThat(a.get("flows").asLong()).isEqualTo(5L * DemoScenario.BRUTE_FORCE_ATTEMPTS);
                });
        assertThat(docs).filteredOn(d -> d.get("type").asText().equals("portscan_horizontal")).hasSize(5);
        assertThat(docs).filteredOn(d -> d.get("type").asText().equals("portscan_vertical")).hasSize(5);
        assertThat(docs).allSatisfy(d -> assertThat(d.get("job").asText()).isIn("ssh_bruteforce", "portscan"));
        assertThat(r.err()).contains("records: ");

        CliRun csv = s4fctl("analyze", "--jobs", "ssh_bruteforce", "--output", "csv", capture.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.lines()).first().isEqualTo("job,type,time,severity,src_ip,dst_ip,summary");
        assertThat(csv.lines()).hasSize(2).last().asString()
                .startsWith("ssh_bruteforce,ssh_bruteforce,").contains(",192.0.2.45,10.10.0.4,");
    }

    @Test
    void onATerminalAProgressBarCountsTheJobsThenTheTableFollows() throws Exception {
        try (TmuxSession t = TmuxSession.s4fctl(dir, "analyze", "--jobs", "ssh_bruteforce,portscan", "--local-net",
                "10.10.0.0/24", "--output", "table", capture.toString())) {
            t.await("the bar", s -> s.matches("(?s).*analyze +(\\d+%|\\?) .* \\d+/(2|\\?) jobs .*"));
            String end = t.await("the table", s -> s.contains("ssh_bruteforce  ssh_bruteforce"));
            assertThat(t.awaitExit()).as(end).isZero();
            assertThat(end).containsPattern("(?m)^job +type +time +severity +src_ip +dst_ip +summary");
        }
    }

    @Test
    void aBadParameterIsOneLineAndExitTwo() {
        CliRun r = s4fctl("analyze", "--param", "ssh_bruteforce.min-attempts=0", capture.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).contains("s4fctl: job ssh_bruteforce: parameter min-attempts: expected a positive "
                + "integer, got '0'");
        assertThat(s4fctl("analyze", "--output", "xml", capture.toString()).code()).isEqualTo(2);
    }
}
