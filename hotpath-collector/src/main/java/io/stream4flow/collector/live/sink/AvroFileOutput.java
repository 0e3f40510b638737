package io.stream4flow.collector.live.sink;

import io.stream4flow.schema.avro.FlowAvroSchema;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The Avro object container file (or stdout) that Avro records go to, shared by the decode handlers:
 * each hands over whole batches of encoded records under one lock; Avro's {@link DataFileWriter}
 * writes them ({@code appendEncoded}: the bytes as they are) into blocks with the schema in the file
 * header and sync markers between blocks, and every batch ends a block, so what is on disk is always
 * a readable file. A file that exists is appended to when it is an Avro file of this schema whose
 * last block is whole (it ends with the file's sync marker); any other file in the way (JSON lines,
 * a file cut short by a crash) is first moved aside as if rotated, and a new file begins. A file rotates past a size or an age like
 * the JSON lines file ({@link LineOutput}): renamed to {@code PATH.<UTC time>}, a new {@code PATH} begins.
 */
final class AvroFileOutput {
    private final Path path;
    private final FileRotation rotation;
    private DataFileWriter<Object> writer;
    private Counting counting;

    /** @param path the file, or null for stdout */
    AvroFileOutput(Path path, long rotateBytes, long rotateMillis, SinkStats stats) throws IOException {
        this.path = path;
        this.rotation = new FileRotation(path, rotateBytes, rotateMillis, stats);
        open();
    }

    /** Counts the bytes that reach the file. */
    private static final class Counting extends FilterOutputStream {
        long written;

        Counting(OutputStream out, long already) {
            super(out);
            written = already;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }
    }

    private void open() throws IOException {
        rotation.opening();
        writer = new DataFileWriter<>(new GenericDatumWriter<>(FlowAvroSchema.schema()));
        if (path == null) {
            counting = new Counting(new FileOutputStream(FileDescriptor.out), 0);
            writer.create(FlowAvroSchema.schema(), counting);
        } else {
            long size = Files.exists(path) ? Files.size(path) : 0;
            if (size > 0 && !appendable()) {
                rotation.moveAside();
                size = 0;
            }
            counting = new Counting(new FileOutputStream(path.toFile(), true), size);
            if (size > 0) {
                try (SeekableFileInput header = new SeekableFileInput(path.toFile())) {
                    writer.appendTo(header, counting);
                }
            } else {
                writer.create(FlowAvroSchema.schema(), counting);
            }
        }
    }

    /**
     * Whether the file's header (magic, metadata map, 16-byte sync marker) names this schema and
     * the file ends with that sync marker, as every whole block does.
     */
    private boolean appendable() {
        try (InputStream in = Files.newInputStream(path)) {
            BinaryDecoder d = DecoderFactory.get().directBinaryDecoder(in, null);
            byte[] magic = new byte[DataFileConstants.MAGIC.length];
            d.readFixed(magic);
            if (!Arrays.equals(magic, DataFileConstants.MAGIC)) {
                return false;
            }
            Schema schema = null;
            for (long n = d.readMapStart(); n != 0; n = d.mapNext()) {
                for (long i = 0; i < n; i++) {
                    String key = d.readString();
                    ByteBuffer value = d.readBytes(null);
                    if (key.equals(DataFileConstants.SCHEMA)) {
                        schema = new Schema.Parser().parse(StandardCharsets.UTF_8.decode(value).toString());
                    }
                }
            }
            byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
            d.readFixed(sync);
            byte[] tail = new byte[DataFileConstants.SYNC_SIZE];
            try (FileChannel f = FileChannel.open(path)) {
                ByteBuffer t = ByteBuffer.wrap(tail);
                long at = f.size() - tail.length;
                while (t.hasRemaining() && f.read(t, at + t.position()) > 0) {
                    // reads the last 16 bytes
                }
            }
            return FlowAvroSchema.schema().equals(schema) && Arrays.equals(sync, tail);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes {@code count} records lying back to back in {@code b}, record {@code i} ending at
     * {@code ends[i]}, and ends the block; rotates first when due.
     */
    synchronized void write(byte[] b, int[] ends, int count) throws IOException {
        int bytes = count == 0 ? 0 : ends[count - 1];
        if (rotation.due(counting.written, bytes)) {
            rotate();
        }
        ByteBuffer record = ByteBuffer.wrap(b);
        int start = 0;
        for (int i = 0; i < count; i++) {
            record.limit(ends[i]).position(start);
            writer.appendEncoded(record);
            start = ends[i];
        }
        writer.flush();
    }

    private void rotate() throws IOException {
        writer.close();
        rotation.moveAside();
        open();
    }

    synchronized void close() throws IOException {
        if (path == null) {
            writer.flush(); // stdout stays open for the rest of the process
        } else {
            writer.flush();
            writer.fSync();
            writer.close();
        }
    }
}
