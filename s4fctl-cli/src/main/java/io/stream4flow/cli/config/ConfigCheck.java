package io.stream4flow.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.collector.MetricsScrape;
import io.stream4flow.cli.job.JobException;
import io.stream4flow.cli.job.JobMaster;
import io.stream4flow.cli.kafka.KafkaBrokers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Tries each endpoint of a {@link ClientConfig} once and says which answers: Kafka (the cluster's id and brokers,
 * logged in as configured), Elasticsearch (its node's version and cluster name), the Spark master (a TCP
 * connection; nothing to reach for {@code local[...]}) and the collector's metrics page. Each try takes at most
 * about {@code timeout}.
 */
public final class ConfigCheck {
    /** What one endpoint did. */
    public enum Result {
        /** It answered (logged in where credentials are set). */
        answers,
        /** It answered and refused the credentials (or their absence). */
        refused,
        /** Nothing answered at the address. */
        unreachable,
        /** Nothing to reach: a local Spark master runs inside each job. */
        local
    }

    /** The outcome at one endpoint. */
    public record Outcome(String service, String address, Result result, String detail) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientConfig config;
    private final Duration timeout;

    public ConfigCheck(ClientConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** Kafka, Elasticsearch, Spark, collector, in this order. */
    public List<Outcome> run() {
        return List.of(kafka(), elasticsearch(), spark(), collector());
    }

    public Outcome kafka() {
        KafkaEndpoint k = config.kafka();
        String address = k.bootstrap();
        if (!KafkaBrokers.reachable(address)) {
            return new Outcome("kafka", address, Result.unreachable, "no broker accepts a connection");
        }
        Map<String, Object> props = new HashMap<>(k.clientProperties());
        int ms = (int) timeout.toMillis();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "s4fctl-config-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(props)) {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(ms, TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(ms, TimeUnit.MILLISECONDS).size();
            return new Outcome("kafka", address, Result.answers, "cluster " + id + ", " + brokers + " broker"
                    + (brokers == 1 ? "" : "s") + " (" + k.protocol() + ")");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuthenticationException || c instanceof AuthorizationException) {
                return new Outcome("kafka", address, Result.refused, c.getMessage());
            }
            return new Outcome("kafka", address, Result.unreachable, String.valueOf(c));
        } catch (TimeoutException e) {
            return new Outcome("kafka", address, Result.unreachable, "no answer within " + timeout.toSeconds() + " s"
                    + (k.protocol().equals("PLAINTEXT") ? "" : " (is it " + k.protocol() + "?)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("kafka", address, Result.unreachable, "interrupted");
        } catch (RuntimeException e) { // a bad truststore or JAAS setting refused by the client
            return new Outcome("kafka", address, Result.refused, e.getMessage());
        }
    }

    public Outcome elasticsearch() {
        ElasticsearchEndpoint es = config.elasticsearch();
        try {
            // GET / would do, but Elasticsearch's integ-test distribution answers it with 405
            HttpResponse<String> r = es.httpClient(timeout).send(es.request("/_nodes/_local?filter_path=cluster_name,"
                    + "nodes.*.version").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                return new Outcome("elasticsearch", es.url(), Result.refused, "HTTP " + r.statusCode()
                        + (es.username() == null ? " (no credentials set)" : " for user " + es.username()));
            }
            JsonNode root = JSON.readTree(r.body());
            JsonNode node = root.path("nodes").elements().hasNext() ? root.path("nodes").elements().next() : null;
            if (r.statusCode() != 200 || node == null || !node.has("version")) {
                return new Outcome("elasticsearch", es.url(), Result.unreachable, "HTTP " + r.statusCode()
                        + ", not an Elasticsearch answer");
            }
            return new Outcome("elasticsearch", es.url(), Result.answers, "Elasticsearch "
                    + node.path("version").asText() + ", cluster " + root.path("cluster_name").asText());
        } catch (IOException e) {
            return new Outcome("elasticsearch", es.url(), Result.unreachable, e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("elasticsearch", es.url(), Result.unreachable, "interrupted");
        }
    }

    Outcome spark() {
        String master = config.sparkMaster();
        if (!master.startsWith("spark://")) {
            return new Outcome("spark", master, Result.local, "runs inside each job's JVM");
        }
        try {
            JobMaster.of(master);
            return new Outcome("spark", master, Result.answers, "the master accepts connections");
        } catch (JobException e) {
            return new Outcome("spark", master, Result.unreachable, e.getMessage());
        }
    }

    public Outcome collector() {
        String address = "http://" + config.collectorMetrics() + "/metrics";
        try {
            long lines = MetricsScrape.fetch(config.collectorMetrics()).lines().filter(l -> !l.startsWith("#")).count();
            return new Outcome("collector", address, Result.answers, lines + " metric samples");
        } catch (CommandFailure e) {
            return new Outcome("collector", address, Result.unreachable, e.getMessage());
        }
    }
}
