package io.stream4flow.collector.live.sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The file or stdout that JSON lines go to, shared by the decode handlers: each hands over whole
 * buffers of complete lines under one lock, so lines never interleave. A file rotates past a size
 * or an age: the current file is renamed to {@code PATH.<UTC time>} and a new {@code PATH} begins.
 */
final class LineOutput {
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long rotateBytes;
    private final long rotateMillis;
    private final SinkStats stats;
    private WritableByteChannel channel;
    private long written;
    private long openedMillis;

    /** @param path the file, or null for stdout */
    LineOutput(Path path, long rotateBytes, long rotateMillis, SinkStats stats) throws IOException {
        this.path = path;
        this.rotateBytes = rotateBytes;
        this.rotateMillis = rotateMillis;
        this.stats = stats;
        open();
    }

    private void open() throws IOException {
        if (path == null) {
            channel = new FileOutputStream(FileDescriptor.out).getChannel();
        } else {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            FileChannel fc = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            written = fc.size();
            channel = fc;
        }
        openedMillis = System.currentTimeMillis();
    }

    /** Writes whole lines; rotates first when due. */
    synchronized void write(ByteBuffer lines) throws IOException {
        if (path != null && ((rotateBytes > 0 && written > 0 && written + lines.remaining() > rotateBytes)
                || (rotateMillis > 0 && written > 0 && System.currentTimeMillis() - openedMillis >= rotateMillis))) {
            rotate();
        }
        while (lines.hasRemaining()) {
            written += channel.write(lines);
        }
    }

    private void rotate() throws IOException {
        channel.close();
        Path target = rotatedName(path);
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        stats.rotations.increment();
        written = 0;
        open();
    }

    /** The name a file rotated now takes: {@code PATH.<UTC time>}. */
    static Path rotatedName(Path path) {
        return path.resolveSibling(path.getFileName() + "." + SUFFIX.format(Instant.now()));
    }

    synchronized void close() throws IOException {
        if (channel instanceof FileChannel fc && path != null) {
            fc.force(false);
            fc.close();
        } else if (path == null) {
            // stdout stays open for the rest of the process
            return;
        }
    }
}
