package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.demo.DemoScenario;

/**
 * The detections over ten minutes of the demo's office (ordinary web, DNS, SSH, NTP, ping and a public web server,
 * with its attacks once a minute), as the collector decodes and encodes it: the SSH password guessing is found in
 * every window and nothing else is; the scans are no flood; the office's lookups all go to its own resolver, which
 * answers no outsider.
 */
class DemoDetectionsTest {
    private static final long START = JobsTestSupport.T0 - JobsTestSupport.T0 % 600_000;
    private static final List<String> LINES = new ArrayList<>();

    @BeforeAll
    static void recordTheDemo() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, true, 7);
        List<byte[]> payloads = new DemoMessages(1).record(scenario, START, START + 600_000, 40).stream()
                .map(DemoMessages.Timed::payload).toList();
        for (byte[] json : Corpus.encodePayloads(payloads, new byte[] {127, 0, 0, 1}, 4739, START + 600_000,
                RecordFormat.JSON)) {
            LINES.add(new String(json, StandardCharsets.UTF_8));
        }
    }

    private static List<JsonNode> run(JobDefinition job, Map<String, String> params) {
        JobParams p = job.params(params);
        Dataset<Row> view = FlowsView.fromJson(TestSpark.jsonLines(LINES.toArray(String[]::new)), job.fields());
        return TestSpark.docs(job.documents(job.apply(view, p), p));
    }

    @Test
    void thePasswordGuessingIsFoundInEachWindowAndTheOfficesSshIsNot() {
        assertThat(LINES).hasSizeGreaterThan(20_000);
        List<JsonNode> alerts = run(new SshBruteforceJob(), Map.of());
        assertThat(alerts).hasSize(2).allSatisfy(a -> {
            assertThat(a.get("src_ip").asText()).isEqualTo("192.0.2.45");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.4");
            assertThat(a.get("flows").asLong()).isEqualTo(5L * DemoScenario.BRUTE_FORCE_ATTEMPTS);
        });
    }

    @Test
    void theScansAreNoFloodAndTheOfficeReflectsNothing() {
        assertThat(run(new DdosJob(), Map.of("local-net", "10.10.0.0/24"))).isEmpty();
        assertThat(run(new ReflectedDdosJob(), Map.of("local-net", "10.10.0.0/24"))).isEmpty();
    }

    @Test
    void theOfficesLookupsGoToItsOwnResolverWhichAnswersNoOutsider() {
        assertThat(run(new DnsExternalResolverJob(), Map.of("local-net", "10.10.0.0/24"))).isEmpty();
        assertThat(run(new DnsOpenResolverJob(), Map.of("local-net", "10.10.0.0/24"))).isEmpty();
        // with the resolver (.2) outside a narrower local network (.8 to .15), that network's clients are reported
        assertThat(run(new DnsExternalResolverJob(), Map.of("local-net", "10.10.0.8/29"))).isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.2");
                    assertThat(a.get("src_ip").asText()).matches("10\\.10\\.0\\.1[0-5]");
                });
    }
}
