package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The file sink's output: emptied before each step (the collector appends, {@code O_APPEND}, so its
 * next write lands at the new end) and its lines counted after it, so that a step's lines are exactly
 * the step's records. The file can reach several GB per step; it is emptied again when the harness
 * ends.
 */
final class FileSinkCheck implements SinkCheck {
    private final Path file;

    FileSinkCheck(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public String output() {
        return "file:" + file;
    }

    @Override
    public void beforeStep() throws IOException {
        truncate();
    }

    @Override
    public void afterStep(long received, Map<String, Long> checks, List<String> problems) throws IOException {
        long bytes = Files.isRegularFile(file) ? Files.size(file) : 0;
        long lines = countLines(file);
        checks.put("file_bytes", bytes);
        checks.put("file_lines", lines);
        if (lines != received) {
            problems.add(String.format("%,d lines in the file for %,d records decoded", lines, received));
        }
    }

    @Override
    public void close() {
        try {
            truncate();
        } catch (IOException ignored) {
            // best effort: the file is under target/
        }
    }

    private void truncate() throws IOException {
        if (Files.isRegularFile(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        }
    }

    /** Counts '\n' bytes, eight at a time. */
    static long countLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                int read = ch.read(buf);
                buf.flip();
                while (buf.remaining() >= 8) {
                    long x = buf.getLong() ^ 0x0A0A0A0A0A0A0A0AL; // bytes that were '\n' are now 0
                    long t = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x;
                    n += Long.bitCount(~t & 0x8080808080808080L);
                }
                if (read < 0) {
                    while (buf.hasRemaining()) {
                        n += buf.get() == '\n' ? 1 : 0;
                    }
                    return n;
                }
                buf.compact();
            }
        }
    }
}
