package io.stream4flow.cli;

import io.stream4flow.collector.config.SecretFile;
import io.stream4flow.localstack.ServerSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that secure a server {@code s4fctl} runs ({@code kafka run}, {@code elasticsearch run}): TLS with a
 * certificate, its key and the CA, and the clients' user with the file of its password (never the password on the
 * command line, where {@code ps} would show it). All five or none.
 */
public final class ServerSecurityOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "The server's certificate chain (PEM): "
            + "turns on TLS and logins, with all of --tls-key, --tls-ca, --user and --password-file.")
    private Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8, not encrypted; "
            + "mode 0600).")
    private Path key;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "The CA certificates that signed it (PEM).")
    private Path ca;

    @Option(names = "--user", paramLabel = "NAME", description = "The user clients log in as.")
    private String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The file of its password (mode 0600).")
    private Path passwordFile;

    /** The security asked for, or null when none of the options is given; a usage error naming what is missing. */
    public ServerSecurity security() {
        Object[] given = {certificate, key, ca, user, passwordFile};
        String[] names = {"--tls-cert", "--tls-key", "--tls-ca", "--user", "--password-file"};
        int count = 0;
        for (Object o : given) {
            count += o == null ? 0 : 1;
        }
        if (count == 0) {
            return null;
        }
        for (int i = 0; i < given.length; i++) {
            if (given[i] == null) {
                throw new ParameterException(spec.commandLine(), names[i] + ": missing (TLS and logins need all of "
                        + String.join(", ", names) + ")");
            }
            if (given[i] instanceof Path p && !Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), names[i] + ": cannot read " + p);
            }
        }
        try {
            SecretFile.requirePrivate(key, "--tls-key", "");
            return new ServerSecurity(certificate, key, ca, user, SecretFile.read(passwordFile, "--password-file"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
