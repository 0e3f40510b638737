package io.stream4flow.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.cli.stack.StackSettings;
import io.stream4flow.collector.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutFileOrEnvironmentTheLocalStackIsTheConfiguration() {
        ClientConfig c = load(Map.of());
        StackSettings stack = StackSettings.defaults();
        assertThat(c.setting(ConfigKey.KAFKA_BOOTSTRAP)).isEqualTo(new ClientConfig.Setting(stack.kafkaBootstrap(),
                "stack"));
        assertThat(c.elasticsearch().url()).isEqualTo(stack.elasticsearchUrl());
        assertThat(c.sparkMaster()).isEqualTo(stack.master());
        assertThat(c.collectorMetrics().toString()).isEqualTo(stack.metricsAddress());
        assertThat(c.setting(ConfigKey.KAFKA_SECURITY_PROTOCOL)).isEqualTo(new ClientConfig.Setting("PLAINTEXT",
                "default"));
        assertThat(c.kafka().clientProperties()).containsOnlyKeys("bootstrap.servers", "security.protocol");
        assertThat(c.setting(ConfigKey.ELASTICSEARCH_PASSWORD)).isNull();
    }

    @Test
    void anOptionBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheStack() throws Exception {
        write("kafka:\n  bootstrap: file-broker:9092\nelasticsearch:\n  url: http://file-es:9200\n"
                + "spark:\n  master: spark://file-master:7077\n");
        ClientConfig c = load(Map.of("S4F_KAFKA_BOOTSTRAP", "env-broker:9093"));
        assertThat(c.setting(ConfigKey.KAFKA_BOOTSTRAP)).isEqualTo(new ClientConfig.Setting("env-broker:9093",
                "env S4F_KAFKA_BOOTSTRAP"));
        assertThat(c.setting(ConfigKey.ELASTICSEARCH_URL)).isEqualTo(new ClientConfig.Setting("http://file-es:9200",
                "config.yaml"));
        assertThat(c.sparkMaster()).isEqualTo("spark://file-master:7077");
        ClientConfig opt = c.with(ConfigKey.KAFKA_BOOTSTRAP, "opt-broker:9094", "--bootstrap");
        assertThat(opt.kafka().bootstrap()).isEqualTo("opt-broker:9094");
        assertThat(opt.setting(ConfigKey.KAFKA_BOOTSTRAP).source()).isEqualTo("--bootstrap");
        assertThat(c.with(ConfigKey.KAFKA_BOOTSTRAP, null, "--bootstrap")).isSameAs(c);
    }

    @Test
    void anUnknownKeyOrSectionIsRefusedByNameWithTheKnownOnes() throws Exception {
        write("kafka:\n  bootstrp: broker:9092\n");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("config.yaml") + ": unknown key 'kafka.bootstrp' (known: "
                        + "kafka.bootstrap, kafka.security_protocol");
        write("kibana:\n  url: http://x\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("unknown section 'kibana'");
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndWhereItCameFrom() throws Exception {
        assertThatThrownBy(() -> load(Map.of("S4F_KAFKA_SECURITY_PROTOCOL", "TLS"))).isInstanceOf(ConfigException.class)
                .hasMessage("kafka.security_protocol (env S4F_KAFKA_SECURITY_PROTOCOL): 'TLS' is not one of PLAINTEXT, "
                        + "SASL_PLAINTEXT, SASL_SSL, SSL");
        assertThatThrownBy(() -> load(Map.of("S4F_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessageContaining("SASL_SSL needs kafka.username and kafka.password");
        assertThatThrownBy(() -> load(Map.of("S4F_SPARK_MASTER", "yarn"))).hasMessageContaining("spark.master");
        assertThatThrownBy(() -> load(Map.of()).with(ConfigKey.ELASTICSEARCH_URL, "ftp://x", "--es"))
                .hasMessage("--es: 'ftp://x' is not an http:// or https:// URL");
        write("elasticsearch:\n  url: es:9200\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage("elasticsearch.url (config.yaml): 'es:9200' is not an "
                + "http:// or https:// URL");
    }

    @Test
    void aSecretInTheFileIsAcceptedOnlyWhenTheFileIsPrivate() throws Exception {
        Path file = write("elasticsearch:\n  username: analyst\n  password: hunter2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("elasticsearch.password: " + file + " is open to group or others (rw-r--r--)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ElasticsearchEndpoint es = load(Map.of()).elasticsearch();
        assertThat(es.password()).isEqualTo("hunter2");
        assertThat(es.request("/").build().headers().firstValue("Authorization")).hasValue("Basic "
                + Base64.getEncoder().encodeToString("analyst:hunter2".getBytes(StandardCharsets.UTF_8)));
        assertThat(es.toString()).doesNotContain("hunter2").contains("analyst");
    }

    @Test
    void aSecretFileMustBePrivateAndLosesItsTrailingNewline() throws Exception {
        Path secret = Files.writeString(dir.resolve("kafka.password"), "s3cr\"et\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> env = Map.of("S4F_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "S4F_KAFKA_USERNAME", "s4f",
                "S4F_KAFKA_PASSWORD_FILE", secret.toString());
        assertThatThrownBy(() -> load(env)).hasMessageContaining("S4F_KAFKA_PASSWORD_FILE: " + secret
                + " is open to group or others");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));
        ClientConfig c = load(env);
        assertThat(c.setting(ConfigKey.KAFKA_PASSWORD).source()).isEqualTo("env S4F_KAFKA_PASSWORD_FILE");
        Map<String, Object> props = c.kafka().clientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism",
                "SCRAM-SHA-512").containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram."
                        + "ScramLoginModule required username=\"s4f\" password=\"s3cr\\\"et\";");
        assertThat(c.kafka().toString()).doesNotContain("s3cr");

        write("kafka:\n  password_file: " + dir.resolve("missing") + "\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage("kafka.password_file: no file " + dir.resolve("missing"));
    }

    @Test
    void aTruststoreGoesWithTlsOnlyAndItsTypeFollowsItsName() throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThatThrownBy(() -> load(Map.of("S4F_KAFKA_TRUSTSTORE", pem.toString())))
                .hasMessageContaining("kafka.truststore (env S4F_KAFKA_TRUSTSTORE): set, but kafka.security_protocol "
                        + "is PLAINTEXT");
        Map<String, Object> props = load(Map.of("S4F_KAFKA_SECURITY_PROTOCOL", "SSL", "S4F_KAFKA_TRUSTSTORE",
                pem.toString())).kafka().clientProperties();
        assertThat(props).containsEntry("ssl.truststore.location", pem.toString())
                .containsEntry("ssl.truststore.type", "PEM").doesNotContainKey("sasl.jaas.config");
        assertThatThrownBy(() -> load(Map.of("S4F_KAFKA_SECURITY_PROTOCOL", "SSL", "S4F_KAFKA_TRUSTSTORE",
                dir.resolve("none.p12").toString()))).hasMessageContaining("no file");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private ClientConfig load(Map<String, String> env) {
        return ClientConfig.load(new StackHome(dir), env);
    }
}
