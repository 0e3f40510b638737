package io.stream4flow.collector.live.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRotationTest {

    @Test
    void rotationsWithinOneMillisecondKeepEveryPart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flows.avro");
        SinkStats stats = new SinkStats();
        FileRotation rotation = new FileRotation(file, 1, 0, stats);
        for (int i = 0; i < 200; i++) {   // faster than a millisecond each: many share a time suffix
            Files.writeString(file, "part " + i);
            rotation.moveAside();
        }
        List<String> parts;
        try (Stream<Path> files = Files.list(dir)) {
            parts = files.map(FileRotationTest::read).toList();
        }
        assertThat(parts).hasSize(200).doesNotHaveDuplicates();
        assertThat(stats.rotations.sum()).isEqualTo(200);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
