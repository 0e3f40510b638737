package io.stream4flow.cluster.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's {@code --client-properties} file: Kafka options as they are, Elasticsearch's login, refusals. */
class ClientLoginsTest {

    private static Path write(Path dir, String text, String mode) throws IOException {
        Path f = dir.resolve("client.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void kafkaOptionsAndTheElasticsearchLogin(@TempDir Path dir) throws IOException {
        Path f = write(dir, """
                kafka.security.protocol=SASL_SSL
                kafka.ssl.truststore.certificates=-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n
                elasticsearch.username=s4f
                elasticsearch.password=p\\=w
                elasticsearch.ca=/etc/s4f/ca.crt
                """, "rw-------");

        ClientLogins logins = ClientLogins.load(f);

        assertThat(logins.kafkaOptions()).isEqualTo(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
        assertThat(logins.esUsername()).isEqualTo("s4f");
        assertThat(logins.esPassword()).isEqualTo("p=w");
        assertThat(logins.esCa()).isEqualTo(Path.of("/etc/s4f/ca.crt"));
        assertThat(logins.toString()).doesNotContain("p=w");
    }

    @Test
    void aFileOthersCanReadOrAnUnknownKeyIsRefused(@TempDir Path dir) throws IOException {
        Path open = write(dir, "kafka.security.protocol=SSL\n", "rw-r--r--");
        assertThatThrownBy(() -> ClientLogins.load(open)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--client-properties: " + open + " is open to others: chmod 600 it");
        Path unknown = write(dir, "es.password=x\n", "rw-------");
        assertThatThrownBy(() -> ClientLogins.load(unknown)).hasMessageStartingWith(
                "--client-properties: unknown key 'es.password' in " + unknown);
    }
}
