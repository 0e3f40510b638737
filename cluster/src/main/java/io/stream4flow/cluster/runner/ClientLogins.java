package io.stream4flow.cluster.runner;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the jobs log in to Kafka and Elasticsearch, from the runner's {@code --client-properties} file (written by
 * {@code s4fctl job start}, mode 0600, so that no secret is on a command line): keys {@code kafka.*} are Kafka
 * client properties given to Spark's Kafka source and sink as they are ({@code kafka.security.protocol},
 * {@code kafka.sasl.jaas.config}, {@code kafka.ssl.truststore.certificates} with the CA inline, so executors on
 * other hosts need no file); {@value #ES_USERNAME}, {@value #ES_PASSWORD} and {@value #ES_CA} are the driver's
 * login to Elasticsearch. {@link #toString} shows no secret.
 *
 * @param kafkaOptions Spark options of the Kafka source and sink ({@code kafka.} prefixed)
 * @param esUsername Elasticsearch user, or null
 * @param esPassword its password, or null
 * @param esCa PEM file of the CA certificates of an {@code https://} Elasticsearch, or null (the JVM's)
 */
public record ClientLogins(Map<String, String> kafkaOptions, String esUsername, String esPassword, Path esCa) {

    public static final String ES_USERNAME = "elasticsearch.username";
    public static final String ES_PASSWORD = "elasticsearch.password";
    public static final String ES_CA = "elasticsearch.ca";

    /** No login anywhere: PLAINTEXT Kafka, Elasticsearch without authentication. */
    public static final ClientLogins NONE = new ClientLogins(Map.of(), null, null, null);

    public ClientLogins {
        kafkaOptions = Map.copyOf(kafkaOptions);
    }

    /** The logins of {@code file}; an {@link IllegalArgumentException} naming the option when it cannot be used. */
    public static ClientLogins load(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(x -> x != PosixFilePermission.OWNER_READ && x != PosixFilePermission.OWNER_WRITE)) {
                throw new IllegalArgumentException("--client-properties: " + file + " is open to others: chmod 600 it");
            }
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            Map<String, String> kafka = new TreeMap<>();
            for (String key : props.stringPropertyNames()) {
                if (key.startsWith("kafka.")) {
                    kafka.put(key, props.getProperty(key));
                } else if (!key.equals(ES_USERNAME) && !key.equals(ES_PASSWORD) && !key.equals(ES_CA)) {
                    throw new IllegalArgumentException("--client-properties: unknown key '" + key + "' in " + file
                            + " (known: kafka.*, " + ES_USERNAME + ", " + ES_PASSWORD + ", " + ES_CA + ")");
                }
            }
            String ca = props.getProperty(ES_CA);
            return new ClientLogins(kafka, props.getProperty(ES_USERNAME), props.getProperty(ES_PASSWORD),
                    ca == null ? null : Path.of(ca));
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-properties: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "kafka " + kafkaOptions.getOrDefault("kafka.security.protocol", "PLAINTEXT")
                + (esUsername == null ? "" : ", elasticsearch user " + esUsername);
    }
}
