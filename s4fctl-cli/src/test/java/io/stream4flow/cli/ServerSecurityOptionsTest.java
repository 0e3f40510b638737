package io.stream4flow.cli;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka run} and {@code elasticsearch run} with TLS and logins: all five options or none, readable files, a
 * private key and password file; each refusal one line, exit 2, before anything starts.
 */
class ServerSecurityOptionsTest {

    private static Path file(Path dir, String name, String mode) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "x\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void partOfTheOptionsIsAUsageErrorNamingTheMissingOne(@TempDir Path dir) throws IOException {
        Path cert = file(dir, "host.crt", "rw-r--r--");
        for (String verb : new String[] {"kafka", "elasticsearch"}) {
            CliRun r = s4fctl(verb, "run", "--data", dir.resolve(verb).toString(), "--tls-cert", cert.toString());

            assertThat(r.code()).as(verb).isEqualTo(ExitCode.USAGE);
            assertThat(r.errLines().get(0)).isEqualTo("s4fctl: --tls-key: missing (TLS and logins need all of "
                    + "--tls-cert, --tls-key, --tls-ca, --user, --password-file)");
        }
    }

    @Test
    void aKeyOrPasswordFileOthersCanReadAndAMissingFileAreRefused(@TempDir Path dir) throws IOException {
        Path cert = file(dir, "host.crt", "rw-r--r--");
        Path openKey = file(dir, "host.key", "rw-r--r--");
        Path password = file(dir, "password", "rw-------");
        CliRun open = s4fctl("kafka", "run", "--data", dir.resolve("k").toString(), "--tls-cert", cert.toString(),
                "--tls-key", openKey.toString(), "--tls-ca", cert.toString(), "--user", "s4f", "--password-file",
                password.toString());
        assertThat(open.code()).isEqualTo(ExitCode.USAGE);
        assertThat(open.errLines().get(0)).isEqualTo("s4fctl: --tls-key: " + openKey
                + " is open to group or others (rw-r--r--): chmod 600 it");

        Files.setPosixFilePermissions(openKey, PosixFilePermissions.fromString("rw-------"));
        CliRun missing = s4fctl("elasticsearch", "run", "--data", dir.resolve("e").toString(), "--tls-cert",
                cert.toString(), "--tls-key", openKey.toString(), "--tls-ca", dir.resolve("none.crt").toString(),
                "--user", "s4f", "--password-file", password.toString());
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.errLines().get(0)).isEqualTo("s4fctl: --tls-ca: cannot read " + dir.resolve("none.crt"));
    }
}
