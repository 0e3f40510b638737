package io.stream4flow.cli.config;

import io.stream4flow.collector.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How {@code s4fctl} reaches Elasticsearch and logs in: its URL, the user and password of HTTP basic
 * authentication, and the PEM file of the CA certificates an {@code https://} node is trusted by. {@link #toString}
 * shows no password.
 *
 * @param url {@code http://HOST:PORT} or {@code https://HOST:PORT}, without a trailing {@code /}
 * @param username the user, or null (no authentication)
 * @param password the password, or null
 * @param ca the CA certificates (PEM), or null: the JVM's trust store
 */
public record ElasticsearchEndpoint(String url, String username, String password, Path ca) {
    public ElasticsearchEndpoint {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Elasticsearch at {@code url}, without authentication. */
    public static ElasticsearchEndpoint open(String url) {
        return new ElasticsearchEndpoint(url, null, null, null);
    }

    /** A client that trusts {@link #ca} (when set) and connects within {@code connectTimeout}. */
    public HttpClient httpClient(Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (ca != null) {
            b.sslContext(sslContext());
        }
        return b.build();
    }

    /** A request of {@code path} ({@code /_search}) carrying the credentials, when there are some. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        if (username != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    @Override
    public String toString() {
        return url + (username == null ? "" : " (user " + username + ")");
    }

    private SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new ConfigException("elasticsearch.ca", "elasticsearch.ca: no certificate in " + ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("elasticsearch.ca", "elasticsearch.ca: cannot read the certificates of " + ca
                    + ": " + e.getMessage());
        }
    }
}
