package io.stream4flow.cli.job;

import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ElasticsearchEndpoint;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cluster.runner.ClientLogins;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The jobs' logins to Kafka and Elasticsearch, written for the runner's {@code --client-properties}
 * ({@link ClientLogins}) from the client configuration: a file {@value #FILE} of mode 0600 in the job's folder, so
 * that no secret is on the runner's command line. A PEM truststore goes in inline
 * ({@code kafka.ssl.truststore.certificates}): the executors on the workers read Kafka too, and need no file then.
 */
final class JobLogins {

    static final String FILE = "client.properties";

    private JobLogins() {
    }

    /**
     * Writes the logins of {@code config} into {@code dir} and returns the file, or deletes it and returns empty when
     * there is nothing to log in with (PLAINTEXT Kafka, Elasticsearch without a user or CA).
     */
    static Optional<Path> write(Path dir, ClientConfig config) throws IOException {
        Path file = dir.resolve(FILE);
        Files.deleteIfExists(file);
        KafkaEndpoint kafka = config.kafka();
        ElasticsearchEndpoint es = config.elasticsearch();
        if ("PLAINTEXT".equals(kafka.protocol()) && kafka.truststore() == null && es.username() == null
                && es.ca() == null) {
            return Optional.empty();
        }
        Properties p = new Properties();
        for (Map.Entry<String, Object> e : kafka.clientProperties().entrySet()) {
            if (!e.getKey().equals("bootstrap.servers")) {
                p.setProperty("kafka." + e.getKey(), e.getValue().toString());
            }
        }
        if ("PEM".equals(p.getProperty("kafka.ssl.truststore.type"))) {
            p.remove("kafka.ssl.truststore.location");
            p.setProperty("kafka.ssl.truststore.certificates", Files.readString(kafka.truststore(),
                    StandardCharsets.US_ASCII));
        }
        if (es.username() != null) {
            p.setProperty(ClientLogins.ES_USERNAME, es.username());
            p.setProperty(ClientLogins.ES_PASSWORD, es.password());
        }
        if (es.ca() != null) {
            p.setProperty(ClientLogins.ES_CA, es.ca().toAbsolutePath().toString());
        }
        Files.createDirectories(dir);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by s4fctl job start: the job's logins");
        }
        return Optional.of(file);
    }
}
