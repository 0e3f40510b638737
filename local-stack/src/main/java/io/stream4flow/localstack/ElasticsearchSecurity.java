package io.stream4flow.localstack;

import io.stream4flow.schema.net.PemTrust;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An Elasticsearch node with {@link ServerSecurity}: HTTPS with the given key and certificate, and one user of the
 * file realm ({@code users}, {@code users_roles} in the configuration folder, rewritten at every start, so a
 * changed password takes effect) with the role {@code superuser}. The key, the certificates and the users go into
 * the configuration folder, the only place the node reads files from. The transport layer stays without TLS:
 * the node is a single node ({@code discovery.type: single-node}) and binds it on its own address only.
 * Stateless; any thread.
 */
final class ElasticsearchSecurity {

    private static final String TLS_DIR = "tls";
    private static final int PBKDF2_COST = 10_000;

    private ElasticsearchSecurity() {
    }

    /** Adds the security settings to {@code settings} (from {@link ElasticsearchConfig#settings}). */
    static void addSettings(Map<String, String> settings) {
        settings.put("xpack.security.enabled", "true");
        settings.put("xpack.security.http.ssl.enabled", "true");
        settings.put("xpack.security.http.ssl.certificate", TLS_DIR + "/node.crt");
        settings.put("xpack.security.http.ssl.key", TLS_DIR + "/node.key");
        settings.put("xpack.security.http.ssl.certificate_authorities", TLS_DIR + "/ca.crt");
        settings.put("xpack.security.transport.ssl.enabled", "false");
    }

    /** Writes the PEM files and the user into {@code conf}, each file mode 0600. */
    static void writeFiles(Path conf, ServerSecurity security) {
        try {
            Path tls = conf.resolve(TLS_DIR);
            Files.createDirectories(tls);
            copyPrivate(security.certificate(), tls.resolve("node.crt"));
            copyPrivate(security.key(), tls.resolve("node.key"));
            copyPrivate(security.ca(), tls.resolve("ca.crt"));
            writePrivate(conf.resolve("users"), security.user() + ":" + passwordHash(security.password()) + "\n");
            writePrivate(conf.resolve("users_roles"), "superuser:" + security.user() + "\n");
        } catch (IOException e) {
            throw new LocalStackException("cannot write the Elasticsearch security files in " + conf + ": " + e, e);
        }
    }

    /** A client of the node's health check trusting {@link ServerSecurity#ca()}. */
    static HttpClient httpClient(ServerSecurity security, Duration connectTimeout) {
        try {
            return HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(PemTrust.context(security.ca()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new LocalStackException("Elasticsearch's CA certificates: " + e.getMessage(), e);
        }
    }

    /** The {@code Authorization} header of the user. */
    static String authorization(ServerSecurity security) {
        return "Basic " + Base64.getEncoder().encodeToString((security.user() + ":" + security.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The file realm's PBKDF2 hash of {@code password}: {@code {PBKDF2}COST$SALT$HASH}, HMAC-SHA512, a 32-byte salt
     * and a 256-bit key, Base64 (what {@code elasticsearch-users} writes with {@code pbkdf2}).
     */
    static String passwordHash(String password) {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, PBKDF2_COST, 256)).getEncoded();
            return "{PBKDF2}" + PBKDF2_COST + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new LocalStackException("cannot hash the Elasticsearch password: " + e.getMessage(), e);
        }
    }

    private static void copyPrivate(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
