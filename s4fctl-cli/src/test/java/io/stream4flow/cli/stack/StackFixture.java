package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.localstack.LoopbackPorts;
import io.stream4flow.schema.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the end-to-end tests of the stack share: one {@link LocalStack} on free loopback ports in a temporary home
 * (Kafka, Elasticsearch, the collector, the Spark jobs on {@code local[2]}), and reading what it produced: the
 * documents of Elasticsearch indices, the records of Kafka {@code alerts}, waiting for a condition.
 *
 * <p>Thread use: one test class at a time, from its test thread. Public for the tests of the verbs that work on a
 * running stack from other packages ({@code s4fctl job}).
 */
public final class StackFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration SHARD_START = Duration.ofSeconds(30);

    private final Path home;
    private final StackSettings settings;
    private final LocalStack stack;

    private StackFixture(Path home, StackSettings settings, LocalStack stack) {
        this.home = home;
        this.settings = settings;
        this.stack = stack;
    }

    /**
     * Starts a stack and waits until every part is healthy; its jobs read the flows from now on.
     *
     * @param localNets the stack's local networks (given to every job that takes one)
     * @param jobArguments more arguments of the job runner ({@code --job NAME}, {@code --param ...})
     */
    public static StackFixture start(List<String> localNets, List<String> jobArguments) throws Exception {
        Path home = Files.createTempDirectory("s4f-e2e-");
        // the Elasticsearch user (when the tests run as root) must enter the home
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        StackSettings settings = new StackSettings("127.0.0.1", LoopbackPorts.udpAndTcp(), LoopbackPorts.udp(),
                LoopbackPorts.tcp(), LoopbackPorts.tcp(), LoopbackPorts.tcp(), "local[2]", localNets, false, "512m",
                "512m", "1g", jobArguments);
        LocalStack stack = new LocalStack(new StackHome(home), settings, System.currentTimeMillis(), true);
        stack.start(line -> System.err.println("e2e: " + line));
        return new StackFixture(home, settings, stack);
    }

    /**
     * Sends the demo's traffic without attacks, 50 flows a second, to the collector for {@code seconds}, from a daemon
     * thread.
     */
    public void feedDemo(int seconds) {
        Thread feed = new Thread(() -> CliRun.s4fctl("demo", "--to", "udp://127.0.0.1:"
                + settings.ipfixPort(), "--rate", "50", "--no-attacks", "--duration", Integer.toString(seconds)),
                "demo-feed");
        feed.setDaemon(true);
        feed.start();
    }

    public void stop() {
        stack.stop(line -> System.err.println("e2e: " + line));
    }

    public Path home() {
        return home;
    }

    public StackSettings settings() {
        return settings;
    }

    StackComponent component(String name) {
        return stack.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    void awaitHealthy(StackComponent c) throws InterruptedException {
        long deadline = System.nanoTime() + c.startTimeout().toNanos();
        while (!c.healthy()) {
            assertThat(System.nanoTime()).as(c.name() + " healthy; log:\n" + Logs.tail(c.logFile(), 30))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /**
     * Reads {@code read} once a second until {@code done} holds or {@code timeout} has passed.
     *
     * @return the last value read, whether or not it satisfies {@code done}
     */
    public static <T> T await(Callable<T> read, Predicate<T> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            value = read.call();
        }
        return value;
    }

    /**
     * Every document of the indices (a pattern such as {@code s4f-alerts-*}) by index/id, after a refresh. An index
     * the jobs have just created answers 503 (no shard available) until its shard has started: read again then, for
     * up to {@link #SHARD_START}.
     */
    public Map<String, JsonNode> documents(String indices) throws Exception {
        long deadline = System.nanoTime() + SHARD_START.toNanos();
        HttpResponse<String> r = refreshAndSearch(indices);
        while (r.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = refreshAndSearch(indices);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> docs = new HashMap<>();
        for (JsonNode hit : JSON.readTree(r.body()).path("hits").path("hits")) {
            docs.put(hit.path("_index").asText() + "/" + hit.path("_id").asText(), hit.path("_source"));
        }
        return docs;
    }

    private HttpResponse<String> refreshAndSearch(String indices) throws Exception {
        String es = settings.elasticsearchUrl();
        HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + indices + "/_refresh?allow_no_indices=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return HTTP.send(HttpRequest.newBuilder(URI.create(es + "/" + indices
                        + "/_search?size=10000&allow_no_indices=true&ignore_unavailable=true"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The documents once a micro-batch has been written whole: one job's documents may land before another's of
     * the same batch, so wait until three reads two seconds apart agree (or {@code timeout} has passed).
     */
    Map<String, JsonNode> stableDocuments(String indices, Duration timeout) throws Exception {
        Map<String, JsonNode> last = documents(indices);
        int same = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (same < 2 && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            Map<String, JsonNode> now = documents(indices);
            same = now.equals(last) ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The alert documents of {@code s4f-alerts-*}. */
    List<JsonNode> alerts() throws Exception {
        return new ArrayList<>(documents("s4f-alerts-*").values());
    }

    /**
     * Every record of Kafka {@code alerts} from its beginning (key: the alert's id), read until three polls in a
     * row bring nothing new, at most 15 s.
     */
    List<ConsumerRecord<String, String>> kafkaAlerts() {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrap());
        p.put("group.id", "e2e-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 3) {
                var batch = c.poll(Duration.ofSeconds(1));
                batch.forEach(out::add);
                empty = batch.isEmpty() && !out.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }
}
