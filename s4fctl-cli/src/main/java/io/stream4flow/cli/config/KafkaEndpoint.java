package io.stream4flow.cli.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a Kafka client of {@code s4fctl} reaches the brokers and logs in: the bootstrap list and the client
 * properties of the security protocol, SASL mechanism and truststore. {@link #toString} shows no secret.
 *
 * @param bootstrap {@code HOST:PORT[,HOST:PORT...]}
 * @param protocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param mechanism the SASL mechanism, or null (SCRAM-SHA-512 when SASL is on)
 * @param username the SASL user, or null
 * @param password the SASL password, or null
 * @param truststore a PEM file or a PKCS12/JKS store of the CA certificates, or null (the JVM's)
 * @param truststorePassword the password of a PKCS12/JKS truststore, or null
 */
public record KafkaEndpoint(String bootstrap, String protocol, String mechanism, String username, String password,
        Path truststore, String truststorePassword) {
    /** PLAINTEXT Kafka at {@code bootstrap}. */
    public static KafkaEndpoint plaintext(String bootstrap) {
        return new KafkaEndpoint(bootstrap, "PLAINTEXT", null, null, null, null, null);
    }

    /** The same endpoint at another bootstrap list ({@code --bootstrap}); null: this one. */
    public KafkaEndpoint at(String otherBootstrap) {
        return otherBootstrap == null ? this : new KafkaEndpoint(otherBootstrap, protocol, mechanism, username,
                password, truststore, truststorePassword);
    }

    /** The client properties: {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrap);
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
        return bootstrap + " (" + protocol + (username == null ? "" : ", user " + username)
                + (truststore == null ? "" : ", truststore " + truststore) + ")";
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
