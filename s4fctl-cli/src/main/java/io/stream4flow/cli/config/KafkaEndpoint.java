package io.stream4flow.cli.config;

import io.stream4flow.collector.config.KafkaLogin;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        p.putAll(KafkaLogin.properties(protocol, mechanism, username, password, truststore, truststorePassword));
        return p;
    }

    @Override
    public String toString() {
        return bootstrap + " (" + protocol + (username == null ? "" : ", user " + username)
                + (truststore == null ? "" : ", truststore " + truststore) + ")";
    }
}
