package io.stream4flow.collector.live.sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file or stdout that JSON lines go to, shared by the decode handlers: each hands over whole
 * buffers of complete lines under one lock, so lines never interleave. A file rotates past a size
 * or an age: the current file is renamed to {@code PATH.<UTC time>} and a new {@code PATH} begins.
 */
final class LineOutput {
    private final Path path;
    private final FileRotation rotation;
    private WritableByteChannel channel;
    private long written;

    /** @param path the file, or null for stdout */
    LineOutput(Path path, long rotateBytes, long rotateMillis, SinkStats stats) throws IOException {
        this.path = path;
        this.rotation = new FileRotation(path, rotateBytes, rotateMillis, stats);
        open();
    }

    private void open() throws IOException {
        rotation.opening();
        if (path == null) {
            channel = new FileOutputStream(FileDescriptor.out).getChannel();
        } else {
            FileChannel fc = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            written = fc.size();
            channel = fc;
        }
    }

    /** Writes whole lines; rotates first when due. */
    synchronized void write(ByteBuffer lines) throws IOException {
        if (rotation.due(written, lines.remaining())) {
            rotate();
        }
        while (lines.hasRemaining()) {
            written += channel.write(lines);
        }
    }

    private void rotate() throws IOException {
        channel.close();
        rotation.moveAside();
        written = 0;
        open();
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
