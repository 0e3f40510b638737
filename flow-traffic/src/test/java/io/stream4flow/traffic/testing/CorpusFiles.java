package io.stream4flow.traffic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The files of the shared corpus of real exporter payloads ({@code ../shared/corpus/logstash-codec-netflow}
 * beside the repository, or the folder named by the {@code s4f.shared} system property), as paths and bytes.
 * Decoding them the way the collector does is the collector's {@code Corpus}.
 */
public final class CorpusFiles {
    private CorpusFiles() { }

    /** The shared folder beside the repository. */
    public static Path shared() {
        String p = System.getProperty("s4f.shared");
        Path candidate = p != null ? Paths.get(p) : Paths.get("..", "shared");
        if (!Files.isDirectory(candidate)) {
            candidate = Paths.get("..", "..", "shared");
        }
        return candidate.toAbsolutePath().normalize();
    }

    public static Path dir() {
        return shared().resolve("corpus").resolve("logstash-codec-netflow");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
