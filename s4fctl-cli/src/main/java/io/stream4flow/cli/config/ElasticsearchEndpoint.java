package io.stream4flow.cli.config;

import io.stream4flow.collector.config.ConfigException;
import io.stream4flow.schema.net.PemTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;

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
        try {
            return PemTrust.context(ca);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("elasticsearch.ca", "elasticsearch.ca: " + e.getMessage());
        }
    }
}
