package io.stream4flow.collector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Secrets kept in files of their own (a password file of the deployment, {@code kafka.password-file} of the
 * collector, {@code *_password_file} of s4fctl): the file must be private to its owner (no read or write for group
 * or others) and holds the secret alone, one trailing line break allowed. Every refusal is a
 * {@link ConfigException} naming the key. Stateless; any thread.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /** The secret in {@code file}, refused when the file is missing, unreadable, empty or open to others. */
    public static String read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(key, key + ": no file " + file);
        }
        requirePrivate(file, key, "");
        String s;
        try {
            s = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(key, key + ": cannot read " + file + ": " + e.getMessage());
        }
        s = s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1)
                : s;
        if (s.isEmpty()) {
            throw new ConfigException(key, key + ": " + file + " is empty");
        }
        return s;
    }

    /**
     * Refuses a file holding a secret that others may read.
     *
     * @param key the key named in the message
     * @param hint what to do instead, appended to the message
     */
    public static void requirePrivate(Path file, String key, String hint) {
        Set<PosixFilePermission> p;
        try {
            p = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX permissions to check on this file system
        } catch (IOException e) {
            throw new ConfigException(key, key + ": cannot read " + file + ": " + e.getMessage());
        }
        Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        if (p.stream().anyMatch(open::contains)) {
            throw new ConfigException(key, key + ": " + file + " is open to group or others ("
                    + PosixFilePermissions.toString(p) + "): chmod 600 it" + hint);
        }
    }
}
