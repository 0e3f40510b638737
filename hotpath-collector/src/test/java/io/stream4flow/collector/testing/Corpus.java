package io.stream4flow.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared corpus of real exporter payloads ({@code ../shared/corpus/logstash-codec-netflow}
 * beside the repository, or the folder named by the {@code s4f.shared} system property).
 */
public final class Corpus {
    private Corpus() { }

    /** One case of {@code cases.tsv}: files in the order the exporter sent them. */
    public record Case(String name, List<String> files, String note) {
        public boolean malformed() {
            return note.startsWith("malformed");
        }
    }

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

    public static List<Case> cases() {
        try {
            List<Case> out = new ArrayList<>();
            for (String line : Files.readAllLines(dir().resolve("cases.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                out.add(new Case(cols[0], List.of(cols[1].trim().split(" +")), cols.length > 2 ? cols[2] : ""));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
