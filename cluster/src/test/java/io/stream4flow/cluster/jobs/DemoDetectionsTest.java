package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowBlock;
import io.stream4flow.traffic.demo.DemoDdosAndDns;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.demo.DemoScenario;

/**
 * The detections and DNS/TLS statistics over ten minutes of the demo's office (ordinary web, DNS, SSH, NTP, ping and a
 * public web server, with its attacks once a minute), as the collector decodes and encodes it, with the jobs'
 * defaults: each attack family is found, under its sender and target, and nothing else is; three minutes of the
 * office without attacks raise no alert at all.
 */
class DemoDetectionsTest {
    private static final long START = JobsTestSupport.T0 - JobsTestSupport.T0 % 600_000;
    private static final Map<String, String> LOCAL = Map.of("local-net", "10.10.0.0/24");
    private static final List<String> LINES = new ArrayList<>();
    private static final List<String> ORDINARY = new ArrayList<>();

    private static final List<byte[]> AVRO_BLOCKS = new ArrayList<>();

    @BeforeAll
    static void recordTheDemo() {
        List<byte[]> payloads = payloads(new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, true, 7), 600_000);
        LINES.addAll(lines(payloads, 600_000));
        List<byte[]> avro = Corpus.encodePayloads(payloads, EXPORTER, 4739, START + 600_000, RecordFormat.AVRO);
        for (int i = 0; i < avro.size(); i += 50) {
            AVRO_BLOCKS.add(FlowBlock.of(avro.subList(i, Math.min(avro.size(), i + 50))));
        }
        ORDINARY.addAll(lines(payloads(new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, false, 7), 180_000),
                180_000));
    }

    private static final byte[] EXPORTER = {127, 0, 0, 1};

    private static List<byte[]> payloads(DemoScenario scenario, long millis) {
        return new DemoMessages(1).record(scenario, START, START + millis, 40).stream()
                .map(DemoMessages.Timed::payload).toList();
    }

    private static List<String> lines(List<byte[]> payloads, long millis) {
        List<String> out = new ArrayList<>();
        for (byte[] json : Corpus.encodePayloads(payloads, EXPORTER, 4739, START + millis, RecordFormat.JSON)) {
            out.add(new String(json, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<JsonNode> run(JobDefinition job, Map<String, String> params) {
        return run(job, params, LINES);
    }

    private static List<JsonNode> run(JobDefinition job, Map<String, String> params, List<String> lines) {
        JobParams p = job.params(params);
        Dataset<Row> view = FlowsView.fromJson(TestSpark.jsonLines(lines.toArray(String[]::new)), job.fields());
        return TestSpark.docs(job.documents(job.apply(view, p), p));
    }

    private static List<JsonNode> inTheTenMinutes(List<JsonNode> docs) {
        return docs.stream().filter(d -> Instant.parse(d.at("/window/start").asText()).toEpochMilli() >= START)
                .toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get(field).asText()));
        return out;
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
    void thePatternFinderKnowsTheGuessingToolAndNotTheOfficesSsh() {
        List<JsonNode> alerts = run(new PatternFinderJob(), Map.of());
        assertThat(alerts).hasSize(2).allSatisfy(a -> {
            assertThat(a.get("src_ip").asText()).isEqualTo("192.0.2.45");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.4");
            assertThat(a.get("dst_port").asInt()).isEqualTo(22);
            assertThat(a.get("flows").asLong()).isEqualTo(5L * DemoScenario.BRUTE_FORCE_ATTEMPTS);
            assertThat(texts(a.at("/evidence/patterns"), "name")).contains("hydra");
            assertThat(a.at("/evidence/closest_patterns").toString()).contains("hydra");
        });
    }

    @Test
    void theSynFloodIsFoundOnceAMinuteAgainstTheWebServerFromItsSources() {
        Set<String> sources = new HashSet<>();
        for (int i = 0; i < DemoDdosAndDns.FLOOD_SOURCES; i++) {
            sources.add(DemoFlow.text(DemoDdosAndDns.floodSource(i)));
        }
        List<JsonNode> alerts = run(new DdosJob(), LOCAL);
        // one 10 s window per cycle, the flood filling it: the scans, the visitors and the backscatter are none of
        // them; the visitors set the server's normal rate, far below the flood's
        assertThat(alerts).hasSize(10).allSatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("ddos");
            assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.3");
            assertThat(a.get("dst_port").asInt()).isEqualTo(DemoDdosAndDns.FLOOD_PORT);
            assertThat(a.path("src_ip").isMissingNode() || a.get("src_ip").isNull()).isTrue();
            assertThat(a.get("targets").asInt()).isEqualTo(DemoDdosAndDns.FLOOD_SOURCES);
            assertThat(a.get("packets").asLong()).isEqualTo(DemoDdosAndDns.FLOOD_SOURCES
                    * DemoDdosAndDns.FLOOD_SPAN / DemoDdosAndDns.FLOOD_SLOT * DemoDdosAndDns.FLOOD_PACKETS_PER_FLOW);
            assertThat(a.at("/evidence/kind").asText()).isEqualTo("syn");
            assertThat(a.at("/evidence/pps").asDouble()).isEqualTo(15_200.0);
            assertThat(a.at("/evidence/normal_pps").asDouble()).isPositive().isLessThan(1_520.0);
            List<String> sample = new ArrayList<>();
            a.at("/evidence/sample_sources").forEach(x -> sample.add(x.asText()));
            assertThat(sample).hasSize(10).allMatch(sources::contains);
        });
    }

    @Test
    void theResolverReflectsOntoOneVictimOnceAMinute() {
        List<JsonNode> alerts = run(new ReflectedDdosJob(), LOCAL);
        assertThat(alerts).hasSize(10).allSatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("reflected_ddos");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.10.0.2");
            assertThat(a.get("dst_ip").asText()).isEqualTo(DemoFlow.text(DemoDdosAndDns.REFLECTION_VICTIM));
            assertThat(a.at("/evidence/service_port").asInt()).isEqualTo(53);
            assertThat(a.at("/evidence/amplification").asDouble()).isGreaterThanOrEqualTo(40);
        });
    }

    @Test
    void theResolverAnswersOutsidersAndOneWorkstationUsesAnOutsideResolver() {
        List<JsonNode> open = run(new DnsOpenResolverJob(), LOCAL);
        assertThat(open).hasSize(1).allSatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("dns_open_resolver");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.10.0.2");
            // the outside clients and the reflection's victim, nobody of the office
            assertThat(a.get("targets").asInt()).isEqualTo(DemoDdosAndDns.OPEN_RESOLVER_CLIENTS + 1);
            List<String> clients = new ArrayList<>();
            a.at("/evidence/sample_clients").forEach(c -> clients.add(c.asText()));
            assertThat(clients).contains(DemoFlow.text(DemoDdosAndDns.openResolverClient(0)))
                    .noneMatch(c -> c.startsWith("10.10.0."));
        });
        List<JsonNode> external = run(new DnsExternalResolverJob(), LOCAL);
        assertThat(external).hasSize(1).allSatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("dns_external_resolver");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.10.0." + DemoDdosAndDns.ROGUE_HOST);
            assertThat(a.get("dst_ip").asText()).isEqualTo(DemoFlow.text(DemoDdosAndDns.OUTSIDE_RESOLVER));
            assertThat(a.get("flows").asLong()).isGreaterThanOrEqualTo(10L * DemoDdosAndDns.EXTERNAL_LOOKUPS);
        });
        // with the resolver (.2) outside a narrower local network (.8 to .15), that network's clients are reported
        assertThat(run(new DnsExternalResolverJob(), Map.of("local-net", "10.10.0.8/29"))).isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.get("dst_ip").asText()).isEqualTo("10.10.0.2");
                    assertThat(a.get("src_ip").asText()).matches("10\\.10\\.0\\.1[0-5]");
                });
    }

    @Test
    void theOfficeWithoutAttacksRaisesNoAlert() {
        assertThat(ORDINARY).hasSizeGreaterThan(5_000);
        for (JobDefinition job : List.of(new DdosJob(), new ReflectedDdosJob(), new DnsOpenResolverJob(),
                new DnsExternalResolverJob(), new SshBruteforceJob(), new PortscanJob(), new PatternFinderJob())) {
            Map<String, String> params = job.parameters().stream().anyMatch(p -> p.name().equals("local-net"))
                    ? LOCAL : Map.of();
            assertThat(run(job, params, ORDINARY)).as(job.name()).isEmpty();
        }
    }

    @Test
    void theDnsStatisticsShowNamesCodesTypesAndResolvers() {
        List<JsonNode> docs = inTheTenMinutes(run(new DnsStatsJob(), LOCAL));
        assertThat(docs).hasSize(2).allSatisfy(d -> {
            assertThat(texts(d.get("top_domains"), "name")).contains("www.example.com");
            assertThat(texts(d.get("top_nxdomains"), "name")).isNotEmpty()
                    .allMatch(n -> DemoScenario.DOMAINS.subList(DemoScenario.DOMAINS.size() - 3,
                            DemoScenario.DOMAINS.size()).contains(n));
            assertThat(texts(d.get("rcodes"), "rcode")).contains("0", "3");
            assertThat(texts(d.get("qtypes"), "qtype")).contains("1", "28", "255");
            assertThat(texts(d.get("external_resolvers"), "ip"))
                    .containsExactly(DemoFlow.text(DemoDdosAndDns.OUTSIDE_RESOLVER));
            assertThat(texts(d.get("local_resolvers_queried_from_outside"), "ip")).containsExactly("10.10.0.2");
        });
    }

    @Test
    void theTlsClientsAreClassifiedAndTheUnknownCounted() {
        // the windows of the ten minutes (web flows that end after the start began before it)
        List<JsonNode> docs = inTheTenMinutes(run(new TlsClassificationJob(), Map.of()));
        assertThat(docs).hasSize(2).allSatisfy(d -> {
            long flows = d.get("flows").asLong();
            long classified = d.get("classified").asLong();
            // two of the ten client lists are in no dictionary
            assertThat(classified).isGreaterThan(flows / 2).isLessThan(flows);
            assertThat(texts(d.get("operating_systems"), "name")).contains("Windows", "Linux", "Android", "iOS",
                    "Mac OS X", TlsClassificationJob.UNKNOWN);
            assertThat(texts(d.get("browsers"), "name")).contains("MSIE", "Firefox", "Chrome", "Safari", "Curl");
        });
    }

    /** The local stack carries the flows as Avro: the DNS, HTTP and TLS columns come through it the same. */
    @Test
    void theStatisticsOfTheAvroFlowsAreThoseOfTheJsonFlows() {
        Dataset<Row> values = TestSpark.session().createDataset(AVRO_BLOCKS, Encoders.BINARY()).toDF("value");
        for (JobDefinition job : List.<JobDefinition>of(new DnsStatsJob(), new TlsClassificationJob(), new TopNJob())) {
            JobParams p = job.params(Map.of());
            List<JsonNode> avro = TestSpark.docs(job.documents(job.apply(FlowsView.of(values, RecordFormat.AVRO,
                    job.fields()), p), p));
            assertThat(avro).as(job.name()).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(run(job, Map.of()));
        }
    }

    @Test
    void theWorkstationsTopHttpHostsAreTheirRequestsHosts() {
        List<JsonNode> docs = run(new TopNJob(), Map.of());
        List<String> hosts = new ArrayList<>();
        for (JsonNode d : docs) {
            hosts.addAll(texts(d.get("top_http_hosts"), "host"));
        }
        assertThat(hosts).isNotEmpty().allMatch(DemoScenario.HTTP_HOSTS::contains);
        assertThat(docs.stream().filter(d -> !d.get("top_http_hosts").isEmpty()))
                .allMatch(d -> d.get("src_ip").asText().startsWith("10.10.0."));
    }
}
