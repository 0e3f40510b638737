package io.stream4flow.collector.config;

import static io.stream4flow.collector.config.CollectorConfigLoaderTest.parse;
import static io.stream4flow.collector.config.CollectorConfigLoaderTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's {@code kafka.security-protocol ... kafka.truststore} keys and the client properties they make. */
class KafkaLoginTest {

    private static Path secret(Path dir, String text, String mode) throws IOException {
        Path f = dir.resolve("kafka.password");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void saslSslWithScramFromTheFileOfThePassword(@TempDir Path dir) throws IOException {
        Path pw = secret(dir, "pa\"ss\n", "rw-------");
        CollectorConfig c = parse("""
                output: kafka://10.0.0.2:9092/flows
                kafka: {security-protocol: SASL_SSL, username: s4f, password-file: %s, truststore: /etc/s4f/ca.crt}
                """.formatted(pw));

        Map<String, Object> p = c.kafkaLogin().properties();

        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"s4f\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", "/etc/s4f/ca.crt")
                .containsEntry("ssl.truststore.type", "PEM");
        assertThat(c.kafkaLogin().toString()).doesNotContain("pa");
    }

    @Test
    void theDefaultIsPlaintextWithoutLogin() {
        assertThat(CollectorConfig.defaults().kafkaLogin()).isEqualTo(KafkaLogin.NONE);
        assertThat(KafkaLogin.NONE.properties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void settingsThatDoNotFitTogetherAreRefusedByKey(@TempDir Path dir) throws IOException {
        Path pw = secret(dir, "x", "rw-------");
        assertThat(refusal("kafka: {security-protocol: SASL_SSL, password-file: " + pw + "}"))
                .isEqualTo("config.yaml: kafka.username: missing (kafka.security-protocol SASL_SSL logs in with a"
                        + " user and the file of its password)");
        assertThat(refusal("kafka: {security-protocol: SASL_SSL, username: s4f}"))
                .startsWith("config.yaml: kafka.password-file: missing");
        assertThat(refusal("kafka: {username: s4f}"))
                .startsWith("config.yaml: kafka.username: set, but kafka.security-protocol is PLAINTEXT");
        assertThat(refusal("kafka: {security-protocol: TLS}"))
                .isEqualTo("config.yaml: kafka.security-protocol: 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT,"
                        + " SASL_SSL");
        assertThat(refusal("kafka: {security-protocol: SASL_SSL, sasl-mechanism: GSSAPI, username: a, "
                + "password-file: " + pw + "}")).startsWith("config.yaml: kafka.sasl-mechanism: 'GSSAPI' is not one of");
    }

    @Test
    void aPasswordFileOthersCanReadOrThatIsMissingIsRefused(@TempDir Path dir) throws IOException {
        Path open = secret(dir, "x", "rw-r--r--");
        assertThat(refusal("kafka: {security-protocol: SASL_SSL, username: s4f, password-file: " + open + "}"))
                .isEqualTo("config.yaml: kafka.password-file: " + open + " is open to group or others (rw-r--r--): "
                        + "chmod 600 it");
        assertThat(refusal("kafka: {security-protocol: SASL_SSL, username: s4f, password-file: " + dir.resolve("no")
                + "}")).isEqualTo("config.yaml: kafka.password-file: no file " + dir.resolve("no"));
    }
}
