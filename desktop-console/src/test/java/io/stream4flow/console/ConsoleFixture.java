package io.stream4flow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the console's tests read: documents in the tests' Elasticsearch (with the cluster module's index template)
 * and alerts produced to a topic of the tests' Kafka broker. One host, {@link #HOST}, has a profile of today, top-N
 * statistics and alerts; {@link #HISTORY} alerts of three types are in the last half hour.
 */
final class ConsoleFixture {
    static final String HOST = "10.20.0.5";
    static final String PEER = "10.20.0.9";
    static final long FLOWS_OUT = 1234;
    static final long BYTES_IN = 5_600_000;
    static final int HISTORY = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path TEMPLATE =
            Path.of("../cluster/src/main/resources/io/stream4flow/cluster/output/s4f-index-template.json");
    private static boolean indexed;

    private ConsoleFixture() { }

    /** Indexes the documents once per test run. */
    static synchronized void index() throws Exception {
        if (indexed) {
            return;
        }
        String es = ElasticsearchExtension.httpUrl();
        send(es, "PUT", "/_index_template/s4f", Files.readString(TEMPLATE));
        Instant now = Instant.now();
        Instant t = now.minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String day = now.toString().substring(0, 10);
        String suffix = day.replace('-', '.');
        StringBuilder hours = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            hours.append(h == 0 ? "" : ",").append("{'hour':").append(h).append(",'flows_out':").append(h * 10)
                    .append(",'flows_in':").append(h).append(",'packets_out':").append(h * 20).append(",'packets_in':")
                    .append(h * 2).append(",'bytes_out':").append(h * 1000).append(",'bytes_in':").append(h * 5000)
                    .append('}');
        }
        String[][] docs = {
            {"s4f-hosts-" + suffix, HOST + "|" + day, "{'@timestamp':'" + day + "T00:00:00Z','window':{'start':'" + day
                + "T00:00:00Z','end':'" + now.plus(1, ChronoUnit.DAYS).toString().substring(0, 10) + "T00:00:00Z'},"
                + "'type':'host_profile','host':'" + HOST + "','day':'" + day + "','flows':1300,'flows_out':" + FLOWS_OUT
                + ",'flows_in':66,'packets_out':4000,'packets_in':3000,'bytes_out':700000,'bytes_in':" + BYTES_IN
                + ",'hours':[" + hours + "],'peers':7,'peer_sample':['" + PEER + "'],'ports_offered':[22,443],"
                + "'ports_used':[53,80],'ports_offered_count':2,'ports_used_count':2,'first_seen':'" + day
                + "T00:01:00Z','last_seen':'" + t + "','alerts':{'h1:source':{'id':'h1','type':'ssh_bruteforce',"
                + "'severity':'high','role':'source','time':'" + t + "'}}}"},
            {"s4f-stats-" + suffix, "topn1", "{'@timestamp':'" + t + "','type':'topn','src_ip':'" + HOST
                + "','top_dst_ports':[{'port':22,'flows':40}],'top_dst_hosts':[{'ip':'" + PEER + "','flows':40},"
                + "{'ip':'10.20.0.10','flows':3}],'top_http_hosts':[]}"},
            {"s4f-alerts-" + suffix, "h1", alertDoc("h1", "ssh_bruteforce", "high", HOST, t)},
            {"s4f-alerts-" + suffix, "h2", alertDoc("h2", "portscan_vertical", "medium", "10.20.0.6", t.plusSeconds(60))},
            {"s4f-alerts-" + suffix, "h3", alertDoc("h3", "ddos", "low", "10.20.0.7", t.plusSeconds(120))},
        };
        StringBuilder bulk = new StringBuilder();
        for (String[] d : docs) {
            bulk.append("{\"index\":{\"_index\":\"").append(d[0]).append("\",\"_id\":\"").append(d[1]).append("\"}}\n");
            String source = d[2].replace('\'', '"');
            bulk.append(source, 0, source.length() - 1).append(",\"id\":\"").append(d[1]).append("\"}\n");
        }
        String answer = send(es, "POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(JSON.readTree(answer).path("errors").asBoolean(true)).as(answer).isFalse();
        indexed = true;
    }

    private static String alertDoc(String id, String type, String severity, String src, Instant t) {
        return "{'@timestamp':'" + t + "','type':'" + type + "','severity':'" + severity + "','src_ip':'" + src
                + "','dst_ip':'10.20.0.1','dst_port':22,'flows':70,'packets':700,'bytes':42000,'targets':1,"
                + "'description':'" + src + " " + type + "','job':'" + type + "'}";
    }

    private static String send(String es, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The console's backends on the tests' Kafka broker and the Elasticsearch at {@code es}; no collector. */
    static Backends backends(Path home, String es) {
        ClientConfig config = ClientConfig.load(new StackHome(home))
                .with(ConfigKey.KAFKA_BOOTSTRAP, KafkaExtension.bootstrapServers(), "--bootstrap")
                .with(ConfigKey.ELASTICSEARCH_URL, es, "--es")
                .with(ConfigKey.COLLECTOR_METRICS, "127.0.0.1:1", "--metrics");
        return Backends.of(config, new StackHome(home));
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void produce(KafkaProducer<byte[], byte[]> producer, String topic, String json) throws Exception {
        producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8))).get();
    }
}
