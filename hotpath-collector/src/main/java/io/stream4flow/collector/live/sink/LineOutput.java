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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The file or stdout that JSON lines go to. Decode handlers fill chunks (direct buffers of whole
 * lines) taken from a fixed pool and hand them over; one writer thread of its own writes them in the
 * order handed over and returns them to the pool. So a slow disk never stalls a decode thread: when
 * every chunk is waiting to be written, records are dropped and counted (the bounded buffer).
 *
 * <p>A file rotates past a size or an age: the current file is renamed to {@code PATH.<UTC time>} and
 * a new {@code PATH} begins.
 */
final class LineOutput {
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final int CHUNK_BYTES = 1 << 20;
    static final int CHUNKS = 16;

    /** A buffer of whole lines and how many records it holds. */
    static final class Chunk {
        final ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES);
        long records;
    }

    private static final Chunk STOP = new Chunk();

    private final Path path;
    private final long rotateBytes;
    private final long rotateMillis;
    private final SinkStats stats;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread writer;
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
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk());
        }
        writer = new Thread(this::writeLoop, "s4f-file-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** A free chunk, or null when all are waiting to be written. Any thread; never blocks. */
    Chunk take() {
        return free.poll();
    }

    /** Hands a filled chunk to the writer. Never blocks: at most {@link #CHUNKS} exist. */
    void handOver(Chunk c) {
        full.add(c);
    }

    private void writeLoop() {
        while (true) {
            Chunk c;
            try {
                c = full.take();
            } catch (InterruptedException e) {
                return;
            }
            if (c == STOP) {
                return;
            }
            c.buf.flip();
            int bytes = c.buf.remaining();
            try {
                write(c.buf);
                stats.delivered.add(c.records);
                stats.bytes.add(bytes);
            } catch (IOException e) {
                stats.droppedError.add(c.records);
            }
            c.buf.clear();
            c.records = 0;
            free.add(c);
        }
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

    /** Writes whole lines; rotates first when due. Writer thread only. */
    private void write(ByteBuffer lines) throws IOException {
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
        Path target = path.resolveSibling(path.getFileName() + "." + SUFFIX.format(Instant.now()));
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        stats.rotations.increment();
        written = 0;
        open();
    }

    /** Writes every chunk handed over, then syncs and closes the file (stdout stays open). */
    void close() throws IOException {
        full.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel instanceof FileChannel fc && path != null) {
            fc.force(false);
            fc.close();
        }
    }
}
