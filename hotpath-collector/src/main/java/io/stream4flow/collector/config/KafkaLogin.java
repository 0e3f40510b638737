package io.stream4flow.collector.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a Kafka client of Stream4Flow logs in: security protocol, SASL mechanism and user, the file of its password,
 * and the CA certificates it trusts the brokers by. The collector's {@code kafka.security-protocol},
 * {@code kafka.sasl-mechanism}, {@code kafka.username}, {@code kafka.password-file} and {@code kafka.truststore};
 * {@link #properties(String, String, String, String, Path, String)} is the one place that turns such settings into
 * Kafka client properties (s4fctl's and the console's clients use it too).
 *
 * @param protocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param mechanism SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, or null (SCRAM-SHA-512 when SASL is on)
 * @param username the SASL user, or null
 * @param passwordFile the file of its password (mode 0600, {@link SecretFile}), or null
 * @param truststore a PEM file (or PKCS12/JKS store without password) of the CA certificates, or null: the JVM's
 */
public record KafkaLogin(String protocol, String mechanism, String username, Path passwordFile, Path truststore) {

    /** The protocols Kafka clients speak. */
    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** The SASL mechanisms supported. */
    public static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    /** No security: PLAINTEXT. */
    public static final KafkaLogin NONE = new KafkaLogin("PLAINTEXT", null, null, null, null);

    /**
     * A {@link ConfigException} naming the key ({@code where} before it) when the settings do not fit together:
     * SASL without a user or password file, a user or mechanism without SASL.
     */
    public KafkaLogin validated(String where) {
        if (!PROTOCOLS.contains(protocol)) {
            throw new ConfigException("kafka.security-protocol", where + "kafka.security-protocol: '" + protocol
                    + "' is not one of " + String.join(", ", PROTOCOLS));
        }
        if (mechanism != null && !MECHANISMS.contains(mechanism)) {
            throw new ConfigException("kafka.sasl-mechanism", where + "kafka.sasl-mechanism: '" + mechanism
                    + "' is not one of " + String.join(", ", MECHANISMS));
        }
        boolean sasl = protocol.startsWith("SASL_");
        if (sasl && (username == null || passwordFile == null)) {
            String key = username == null ? "kafka.username" : "kafka.password-file";
            throw new ConfigException(key, where + key + ": missing (kafka.security-protocol " + protocol
                    + " logs in with a user and the file of its password)");
        }
        if (!sasl && (username != null || passwordFile != null || mechanism != null)) {
            String key = username != null ? "kafka.username" : passwordFile != null ? "kafka.password-file"
                    : "kafka.sasl-mechanism";
            throw new ConfigException(key, where + key + ": set, but kafka.security-protocol is " + protocol
                    + " (SASL_SSL or SASL_PLAINTEXT log in with it)");
        }
        return this;
    }

    /** The client properties, the password read from {@link #passwordFile} now. */
    public Map<String, Object> properties() {
        String password = passwordFile == null ? null : SecretFile.read(passwordFile, "kafka.password-file");
        return properties(protocol, mechanism, username, password, truststore, null);
    }

    /**
     * The client properties {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and
     * {@code ssl.truststore.*} of these settings ({@code truststorePassword} for a PKCS12/JKS store, or null).
     */
    public static Map<String, Object> properties(String protocol, String mechanism, String username, String password,
            Path truststore, String truststorePassword) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            String m = mechanism == null ? "SCRAM-SHA-512" : mechanism;
            String module = m.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.put("sasl.mechanism", m);
            p.put("sasl.jaas.config", module + " required username=\"" + quoted(username) + "\" password=\""
                    + quoted(password) + "\";");
        }
        if (truststore != null) {
            p.put("ssl.truststore.location", truststore.toString());
            p.put("ssl.truststore.type", storeType(truststore));
            if (truststorePassword != null) {
                p.put("ssl.truststore.password", truststorePassword);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return protocol + (username == null ? "" : ", user " + username)
                + (truststore == null ? "" : ", truststore " + truststore);
    }

    private static String storeType(Path store) {
        String name = store.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return "PEM";
        }
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
