package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The settings of a broker with {@link ServerSecurity}: clients reach it only over {@code SASL_SSL} with
 * SCRAM-SHA-512 at {@code host:port}; the controller listens on loopback without TLS; the broker's own requests
 * (and the local stack's admin client) go over an {@code INTERNAL} listener on loopback with SASL/PLAIN and a
 * password made at each start (in {@code server.properties}, mode 0600), which is also how the clients' SCRAM
 * credential is set: {@link #upsertUser} at every start, so a changed password takes effect and no storage format
 * option is needed. Stateless; any thread.
 */
final class KafkaSecurity {

    static final String INTERNAL = "INTERNAL";
    static final String BROKER_USER = "s4f-broker";
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaSecurity() {
    }

    /** A random password for the {@code INTERNAL} listener. */
    static String newBrokerPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * The overrides of {@link KafkaServerProperties#of} for a secured broker; {@code keystore} is the PEM file of
     * key and certificate chain ({@link #writeKeystore}).
     */
    static Map<String, String> serverProperties(String host, int port, int controllerPort, int internalPort,
            Path keystore, String brokerPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://" + host + ":" + port + "," + INTERNAL + "://127.0.0.1:" + internalPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://" + host + ":" + port + "," + INTERNAL + "://127.0.0.1:"
                + internalPort);
        p.put("controller.quorum.voters", KafkaServerProperties.NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("inter.broker.listener.name", INTERNAL);
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT," + INTERNAL + ":SASL_PLAINTEXT,"
                + "SASL_SSL:SASL_SSL");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.internal.plain.sasl.jaas.config", PLAIN + " required username=\"" + BROKER_USER
                + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword + "\";");
        p.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM + " required;");
        p.put("listener.name.sasl_ssl.ssl.keystore.type", "PEM");
        p.put("listener.name.sasl_ssl.ssl.keystore.location", keystore.toAbsolutePath().toString());
        return p;
    }

    /** The admin client's settings for the {@code INTERNAL} listener. */
    static Map<String, Object> internalClient(String brokerPassword) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", PLAIN + " required username=\"" + BROKER_USER + "\" password=\"" + brokerPassword
                + "\";");
        return p;
    }

    /**
     * Writes the broker's key and certificate chain into one PEM file {@code keystore} (mode 0600), as Kafka's PEM
     * key store takes them; a {@link LocalStackException} naming the file it cannot read or write.
     */
    static void writeKeystore(ServerSecurity security, Path keystore) {
        String key = read(security.key());
        if (!key.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new LocalStackException("the Kafka broker's key " + security.key() + " is not an unencrypted "
                    + "PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with `openssl pkcs8 -topk8 -nocrypt`");
        }
        String chain = read(security.certificate());
        try {
            Files.createDirectories(keystore.getParent());
            Files.deleteIfExists(keystore);
            Files.createFile(keystore, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            Files.writeString(keystore, key.strip() + "\n" + chain.strip() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LocalStackException("cannot write the Kafka broker's key store " + keystore + ": " + e, e);
        }
    }

    /** Creates or updates the clients' SCRAM-SHA-512 credential of {@code security} through {@code admin}. */
    static void upsertUser(Admin admin, ServerSecurity security) {
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(security.user(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), security.password())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("cannot set the SCRAM credential of the Kafka user " + security.user()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while setting the Kafka user " + security.user(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LocalStackException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
