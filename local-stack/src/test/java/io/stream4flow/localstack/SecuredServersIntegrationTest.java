package io.stream4flow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.net.PemTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Kafka broker and an Elasticsearch node with {@link ServerSecurity}, certificates made by {@code openssl} for the
 * test: the right login works, a wrong password and no login are refused, and nothing answers without TLS.
 */
class SecuredServersIntegrationTest {

    private static Path dir;
    private static ServerSecurity security;

    @BeforeAll
    static void certificates() throws Exception {
        dir = Files.createTempDirectory("s4f-secured-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=test CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "node.key",
                "-out", "node.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
        openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days",
                "2", "-extfile", "ext", "-out", "node.crt");
        security = new ServerSecurity(dir.resolve("node.crt"), dir.resolve("node.key"), dir.resolve("ca.crt"),
                "s4f-test", "pass-" + System.nanoTime());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aSecuredBrokerTakesScramOverTlsAndRefusesAWrongPasswordAndPlaintext() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().dataDir(dir.resolve("kafka")).port(0).security(security)
                .build().start()) {
            broker.createTopic("secured", 1);
            String properties = Files.readString(dir.resolve("kafka").resolve("server.properties"));
            assertThat(properties).contains("listeners=SASL_SSL://127.0.0.1:" + broker.port() + ",INTERNAL://127.0.0.1:");
            assertThat(Files.getPosixFilePermissions(dir.resolve("kafka").resolve("server.properties")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            try (Admin admin = Admin.create(client(broker, security.password()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("secured");
            }
            try (Admin admin = Admin.create(client(broker, "wrong"))) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            Map<String, Object> plain = Map.of("bootstrap.servers", broker.bootstrapServers(),
                    "request.timeout.ms", 3000, "default.api.timeout.ms", 6000);
            try (Admin admin = Admin.create(plain)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    @Test
    void aSecuredNodeAnswersHttpsWithThePasswordOnly() throws Exception {
        try (ElasticsearchNode es = ElasticsearchNode.builder().dataDir(dir.resolve("es")).distributionDir(
                Paths.get(System.getProperty("java.io.tmpdir"), "stream4flow-elasticsearch",
                        "dist-" + ElasticsearchNode.distributionVersion()))
                .httpPort(0).heap("384m").security(security).build().start()) {
            assertThat(es.httpUrl()).startsWith("https://127.0.0.1:");
            HttpClient https = HttpClient.newBuilder().sslContext(PemTrust.context(security.ca()))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(health(https, es.httpUrl(), security.user() + ":" + security.password()).statusCode())
                    .isEqualTo(200);
            assertThat(health(https, es.httpUrl(), security.user() + ":wrong").statusCode()).isEqualTo(401);
            assertThat(health(https, es.httpUrl(), null).statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> health(HttpClient.newHttpClient(), es.httpUrl().replace("https:", "http:"), null))
                    .isInstanceOf(IOException.class);
            assertThat(Files.readString(dir.resolve("es").resolve("config").resolve("users")))
                    .startsWith(security.user() + ":{PBKDF2}10000$").doesNotContain(security.password());
        }
    }

    private static Map<String, Object> client(KafkaBroker broker, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + security.user() + "\" password=\"" + password + "\";");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", security.ca().toString());
        p.put("request.timeout.ms", 5000);
        return p;
    }

    private static HttpResponse<String> health(HttpClient http, String url, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                .timeout(Duration.ofSeconds(10));
        if (login != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    login.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("openssl %s: %s", String.join(" ", args), out).isZero();
    }
}
