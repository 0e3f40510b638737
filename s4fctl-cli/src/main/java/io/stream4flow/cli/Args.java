package io.stream4flow.cli;

import io.stream4flow.collector.net.HostPort;
import io.stream4flow.schema.net.Cidr;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of file arguments that picocli does not do, shared by the verbs. A failed check is a
 * usage error ({@link ExitCode#USAGE}) with a one-line message naming the file.
 */
public final class Args {
    private Args() { }

    /** Every path is an existing, readable regular file (not a directory, pipe or device). */
    public static void readableFiles(CommandSpec spec, List<Path> files) {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + f);
            }
            if (!Files.isRegularFile(f)) {
                throw new ParameterException(spec.commandLine(), "not a regular file: " + f);
            }
            if (!Files.isReadable(f)) {
                throw new ParameterException(spec.commandLine(), "cannot read: " + f);
            }
        }
    }

    /** The value of {@code option} is a directory. */
    public static void directory(CommandSpec spec, String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), option + ": not a directory: " + dir);
        }
    }

    /**
     * The resolved address of a {@code udp://HOST:PORT} option ({@code --to} of replay and demo), or a
     * {@link ParameterException} naming the option: not that form, port 0, or a host that does not resolve.
     */
    public static InetSocketAddress udpTarget(CommandSpec spec, String option, String text) {
        HostPort hp;
        try {
            hp = HostPort.of(
                    HostPort.endpoint(text, "udp://HOST:PORT", "udp"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
        if (hp.port() == 0) {
            throw new ParameterException(spec.commandLine(), option + ": '" + text + "': port 0 cannot be sent to");
        }
        InetSocketAddress a = new InetSocketAddress(hp.host(), hp.port());
        if (a.isUnresolved()) {
            throw new ParameterException(spec.commandLine(), option + ": cannot resolve '" + hp.host() + "'");
        }
        return a;
    }

    /**
     * The network an option names ({@code --local-net}): a CIDR or a bare address (a /32 or /128), parsed by the
     * one rule of every part ({@link Cidr#parse}); otherwise a {@link ParameterException} naming the option.
     */
    public static Cidr network(CommandSpec spec, String option, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
