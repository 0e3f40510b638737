package io.stream4flow.cli.config;

import java.util.Locale;

/**
 * The keys of the client configuration ({@code <home>/config.yaml}): where Kafka, Elasticsearch, the Spark master
 * and the collector's metrics are, and how to log in to them. Each key is also read from the environment variable
 * {@link #env()} ({@code kafka.bootstrap} → {@code S4F_KAFKA_BOOTSTRAP}); a {@linkplain #secret() secret} also from
 * a file named by {@code <key>_file} in the YAML or by {@code <ENV>_FILE} in the environment.
 */
public enum ConfigKey {
    KAFKA_BOOTSTRAP("kafka.bootstrap", false, "HOST:PORT[,HOST:PORT...] of the brokers"),
    KAFKA_SECURITY_PROTOCOL("kafka.security_protocol", false, "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"),
    KAFKA_SASL_MECHANISM("kafka.sasl_mechanism", false, "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (SASL_* only)"),
    KAFKA_USERNAME("kafka.username", false, "SASL user"),
    KAFKA_PASSWORD("kafka.password", true, "SASL password"),
    KAFKA_TRUSTSTORE("kafka.truststore", false, "CA certificates: a PEM file (.pem, .crt) or a PKCS12/JKS store"),
    KAFKA_TRUSTSTORE_PASSWORD("kafka.truststore_password", true, "password of a PKCS12/JKS truststore"),
    ELASTICSEARCH_URL("elasticsearch.url", false, "http:// or https:// address of Elasticsearch"),
    ELASTICSEARCH_USERNAME("elasticsearch.username", false, "user of HTTP basic authentication"),
    ELASTICSEARCH_PASSWORD("elasticsearch.password", true, "its password"),
    ELASTICSEARCH_CA("elasticsearch.ca", false, "PEM file of the CA certificates an https:// Elasticsearch is "
            + "trusted by; default: the JVM's"),
    SPARK_MASTER("spark.master", false, "Spark master of the jobs: local[*] or spark://HOST:PORT"),
    COLLECTOR_METRICS("collector.metrics", false, "HOST:PORT of the collector's metrics endpoint (its metrics.listen)");

    private final String key;
    private final boolean secret;
    private final String description;

    ConfigKey(String key, boolean secret, String description) {
        this.key = key;
        this.secret = secret;
        this.description = description;
    }

    /** The key as written in the YAML file, {@code section.name}. */
    public String key() {
        return key;
    }

    /** Whether its value is never shown ({@code config show} masks it) and may come from a file. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides the file: {@code S4F_} and the key in upper case, dots as {@code _}. */
    public String env() {
        return "S4F_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The key of the file a secret is read from: {@code elasticsearch.password_file}. */
    public String fileKey() {
        return key + "_file";
    }

    /** The key named {@code key}, or null. */
    static ConfigKey of(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
