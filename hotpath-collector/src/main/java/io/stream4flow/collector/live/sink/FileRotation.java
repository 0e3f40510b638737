package io.stream4flow.collector.live.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * When a file output ({@link LineOutput}, {@link AvroFileOutput}) starts a new file and how: past a size or an
 * age, the current file is renamed to {@code PATH.<UTC time>} ({@code -N} after it when that name is taken; counted in
 * {@link SinkStats#rotations}) and a new
 * {@code PATH} begins. Not thread-safe: the outputs call it under their own lock.
 */
final class FileRotation {
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long rotateBytes;
    private final long rotateMillis;
    private final SinkStats stats;
    private long openedMillis;

    /** @param path the file, or null for stdout (which never rotates) */
    FileRotation(Path path, long rotateBytes, long rotateMillis, SinkStats stats) {
        this.path = path;
        this.rotateBytes = rotateBytes;
        this.rotateMillis = rotateMillis;
        this.stats = stats;
    }

    /** Creates the file's folder if needed; the age counts from here. */
    void opening() throws IOException {
        Path dir = path == null ? null : path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        openedMillis = System.currentTimeMillis();
    }

    /** Whether a file holding {@code written} bytes should be left before {@code incoming} more are written. */
    boolean due(long written, long incoming) {
        return path != null && written > 0 && ((rotateBytes > 0 && written + incoming > rotateBytes)
                || (rotateMillis > 0 && System.currentTimeMillis() - openedMillis >= rotateMillis));
    }

    /**
     * Renames the (closed) current file to {@code PATH.<UTC time>}, or {@code PATH.<UTC time>-N} when a file of an
     * earlier rotation in the same millisecond has that name (a rename would replace it, and its records with it).
     */
    void moveAside() throws IOException {
        String base = path.getFileName() + "." + SUFFIX.format(Instant.now());
        Path target = path.resolveSibling(base);
        for (int n = 1; Files.exists(target); n++) {
            target = path.resolveSibling(base + "-" + n);
        }
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        stats.rotations.increment();
    }
}
