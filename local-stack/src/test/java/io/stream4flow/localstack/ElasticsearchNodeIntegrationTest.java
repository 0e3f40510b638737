package io.stream4flow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;

/**
 * Starts real Elasticsearch nodes: the shared one of {@link ElasticsearchExtension}, a detached one stopped from its
 * data directory, and failing ones. Talks to them over plain HTTP.
 */
@ElasticsearchIntegrationTest
class ElasticsearchNodeIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void indexTemplateMappingsApplyToBulkIndexedDocumentsThatCanBeSearchedAndAggregated(ElasticsearchNode es)
            throws Exception {
        System.out.printf("[local-stack] shared node start took %d ms, launcher pid %d%n",
                es.startDuration().toMillis(), es.pid());
        String prefix = ElasticsearchExtension.uniqueName("s4f-alerts");
        HttpResponse<String> template = send(es, "PUT", "/_index_template/" + prefix, """
                {"index_patterns": ["%s-*"],
                 "template": {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                              "mappings": {"properties": {"@timestamp": {"type": "date"},
                                                          "src_ip": {"type": "ip"},
                                                          "type": {"type": "keyword"}}}}}
                """.formatted(prefix));
        assertThat(template.statusCode()).as(template.body()).isEqualTo(200);

        String index = prefix + "-2026.11.27";
        StringBuilder bulk = new StringBuilder();
        String[][] docs = {{"10.0.0.1", "port_scan"}, {"10.0.0.2", "port_scan"}, {"192.168.1.9", "ssh_brute_force"},
                {"2001:db8::1", "port_scan"}};
        for (int i = 0; i < docs.length; i++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"a").append(i).append("\"}}\n")
                    .append("{\"@timestamp\":").append(1_795_740_000_000L + i * 1000L).append(",\"src_ip\":\"")
                    .append(docs[i][0]).append("\",\"type\":\"").append(docs[i][1]).append("\"}\n");
        }
        HttpResponse<String> indexed = send(es, "POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(indexed.statusCode()).isEqualTo(200);
        assertThat(indexed.body()).contains("\"errors\":false");

        HttpResponse<String> mapping = send(es, "GET", "/" + index + "/_mapping", null);
        assertThat(mapping.body()).contains("\"src_ip\":{\"type\":\"ip\"}", "\"type\":{\"type\":\"keyword\"}",
                "\"@timestamp\":{\"type\":\"date\"}");

        // a CIDR term query only works on an ip field; a range on @timestamp only on a date
        HttpResponse<String> found = send(es, "POST", "/" + prefix + "-*/_search", """
                {"size": 0,
                 "query": {"bool": {"filter": [{"term": {"src_ip": "10.0.0.0/8"}},
                                               {"range": {"@timestamp": {"gte": "2026-11-26T00:00:00Z"}}}]}},
                 "aggs": {"by_type": {"terms": {"field": "type"}}}}
                """);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("\"total\":{\"value\":2,")
                .contains("\"buckets\":[{\"key\":\"port_scan\",\"doc_count\":2}]");
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryReusesTheRunningNode(ElasticsearchNode es) {
        ElasticsearchNode second = ElasticsearchNode.builder().dataDir(es.dataDir()).httpPort(0).build().start();

        assertThat(second.isReused()).isTrue();
        assertThat(second.pid()).isEqualTo(es.pid());
        assertThat(second.httpUrl()).isEqualTo(es.httpUrl());
        assertThat(second.startDuration()).isLessThan(Duration.ofSeconds(5));
        assertThat(ElasticsearchNode.findRunning(es.dataDir())).hasValueSatisfying(found -> {
            assertThat(found.pid()).isEqualTo(es.pid());
            assertThat(ElasticsearchNode.isHealthy(found)).isTrue();
        });
        // second is not stopped here: it is the shared node
    }

    @Test
    void aDetachedNodeIsStoppedFromItsDataDirectoryWithNothingLeftRunning() throws IOException {
        Path dir = traversableTempDir("s4f-es-detached-");
        try {
            ElasticsearchNode node = ElasticsearchNode.builder().dataDir(dir)
                    .distributionDir(distributionDir()).httpPort(0).stopWithThisJvm(false).build().start();
            int port = node.httpPort();
            List<ProcessHandle> processes = ProcessHandle.of(node.pid()).stream()
                    .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                    .collect(Collectors.toList());
            System.out.printf("[local-stack] detached node started in %d ms; processes %s%n",
                    node.startDuration().toMillis(), processes.stream().map(p -> p.pid() + " rss "
                            + rssMb(p.pid()) + " MB").collect(Collectors.toList()));
            assertThat(processes).hasSizeGreaterThanOrEqualTo(2); // the launcher and the server JVM

            long stopStart = System.nanoTime();
            assertThat(ElasticsearchNode.stopRunning(dir)).isTrue();
            System.out.printf("[local-stack] detached node stopped in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - stopStart).toMillis());

            assertThat(processes).noneMatch(ProcessHandle::isAlive);
            assertThat(Ports.accepts("127.0.0.1", port, 500)).isFalse();
            assertThat(dir.resolve(ElasticsearchNode.PID_FILE)).doesNotExist();
            assertThat(ElasticsearchNode.findRunning(dir)).isEmpty();
            assertThat(ElasticsearchNode.stopRunning(dir)).isFalse();
        } finally {
            ElasticsearchNode.stopRunning(dir);
            io.stream4flow.localstack.ElasticsearchDistribution.deleteRecursively(dir);
        }
    }

    @Test
    void portAlreadyTakenIsReportedBeforeStarting(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ElasticsearchNode node = ElasticsearchNode.builder().dataDir(dir).httpPort(taken.getLocalPort()).build();

            assertThatThrownBy(node::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Elasticsearch (HTTP) cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("already in use");
            assertThat(node.isRunning()).isFalse();
        }
    }

    @Test
    void nodeExitingAtStartupIsReportedWithItsLog() throws IOException {
        // the transport port: bound a few seconds earlier in the start-up than the HTTP port
        Path dir = traversableTempDir("s4f-es-failing-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ElasticsearchNode node = ElasticsearchNode.builder().dataDir(dir).distributionDir(distributionDir())
                    .httpPort(0).transportPort(taken.getLocalPort()).checkPortsBeforeStart(false).build();

            long start = System.nanoTime();
            assertThatThrownBy(node::start)
                    .satisfies(e -> System.out.printf("[local-stack] failed start reported after %d ms:%n%s%n",
                            Duration.ofNanos(System.nanoTime() - start).toMillis(), e.getMessage()))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageStartingWith("Elasticsearch exited during start-up")
                    .hasMessageContaining(node.logFile().toString())
                    .hasMessageContaining("Address already in use");
            assertThat(node.isRunning()).isFalse();
            assertThat(ElasticsearchNode.findRunning(dir)).isEmpty();
        } finally {
            io.stream4flow.localstack.ElasticsearchDistribution.deleteRecursively(dir);
        }
    }

    private static HttpResponse<String> send(ElasticsearchNode es, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(es.httpUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path traversableTempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static Path distributionDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "stream4flow-elasticsearch",
                "dist-" + ElasticsearchNode.distributionVersion());
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return -1;
    }
}
