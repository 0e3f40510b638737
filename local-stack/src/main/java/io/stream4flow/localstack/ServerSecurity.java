package io.stream4flow.localstack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS and one login for a server of the stack: its certificate and private key (PEM; the key unencrypted PKCS#8,
 * {@code BEGIN PRIVATE KEY}), the CA certificates that signed it (PEM), and the user its clients log in as with
 * their password. A Kafka broker with it listens with SASL_SSL (SCRAM-SHA-512) only; an Elasticsearch node serves
 * HTTPS and basic authentication only. {@link #toString} shows no password.
 *
 * @param certificate the server's certificate chain (PEM)
 * @param key its private key (PEM, PKCS#8, not encrypted)
 * @param ca the CA certificates clients trust the server by (PEM)
 * @param user the clients' user
 * @param password its password
 */
public record ServerSecurity(Path certificate, Path key, Path ca, String user, String password) {
    public ServerSecurity {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!user.matches("[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException("user: '" + user + "' is not made of letters, digits and _.@-");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password: empty");
        }
    }

    @Override
    public String toString() {
        return "TLS " + certificate + ", user " + user;
    }
}
