package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small {@code /proc} files. Not with {@code Files.readString}: on this machine's kernel
 * (6.18) it returns only the first byte of {@code /proc/sys/net/core/rmem_max} ("3" for 33554432),
 * as a sized read of a file that reports size 0 may; reading line by line returns it all.
 */
final class Procfs {
    private Procfs() { }

    static String read(Path file) throws IOException {
        return String.join("\n", Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }
}
