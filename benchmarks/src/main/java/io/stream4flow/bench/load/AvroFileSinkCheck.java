package io.stream4flow.bench.load;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The file sink with {@code ?format=avro}: an Avro object container file, which the collector
 * appends to ({@code O_APPEND}) one block per ring batch. Before each step the file is cut back to
 * its header (magic, metadata with the schema, sync marker), so that it stays a readable container
 * file holding no records and the collector's next block lands right after the header; after the
 * step its records are counted block by block with Avro's own {@link DataFileStream} (each block's
 * object count, its sync marker checked), without decoding them.
 *
 * <pre>
 * +-------+----------------------+-------------+---------------------------------------+-----+
 * | "Obj" | metadata map         | sync marker | block: count, size, records, sync      | ... |
 * | 1     | avro.schema, codec   | 16 bytes    | (one per flush of the collector)       |     |
 * +-------+----------------------+-------------+---------------------------------------+-----+
 * |&lt;--------------- header: kept between steps -------&gt;|&lt;---- cut before each step ----&gt;
 * </pre>
 * The harness reads the file only after the collector counted every record of the step as
 * delivered, which it does once the block is written and flushed.
 */
final class AvroFileSinkCheck implements SinkCheck {
    private final Path file;

    AvroFileSinkCheck(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public String output() {
        return "file:" + file + "?format=avro";
    }

    @Override
    public void beforeStep() throws IOException {
        truncateToHeader();
    }

    @Override
    public void afterStep(long received, Map<String, Long> checks, List<String> problems) throws IOException {
        long bytes = Files.isRegularFile(file) ? Files.size(file) : 0;
        checks.put("file_bytes", bytes);
        long records;
        try {
            records = countRecords(file);
        } catch (IOException | RuntimeException e) {
            problems.add("the Avro file does not read back: " + e);
            checks.put("avro_records", -1L);
            return;
        }
        checks.put("avro_records", records);
        if (records != received) {
            problems.add(String.format("%,d records in the Avro file for %,d records decoded", records, received));
        }
    }

    @Override
    public void close() {
        try {
            truncateToHeader();
        } catch (IOException ignored) {
            // best effort: the file is under target/
        }
    }

    private void truncateToHeader() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return;
        }
        long header = headerLength(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(header);
        }
    }

    /** Records in the container file: the sum of its blocks' object counts. */
    static long countRecords(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return 0;
        }
        long n = 0;
        try (DataFileStream<Object> in = new DataFileStream<>(
                new BufferedInputStream(Files.newInputStream(file), 1 << 20), new GenericDatumReader<>())) {
            while (in.hasNext()) {
                n += in.getBlockCount();
                in.nextBlock(); // skips the block's bytes, checking its sync marker
            }
        }
        return n;
    }

    /**
     * Bytes of the container file's header: magic, the metadata map, the 16-byte sync marker.
     *
     * @throws IOException when the file does not start with an Avro header
     */
    static long headerLength(Path file) throws IOException {
        try (Counting in = new Counting(Files.newInputStream(file))) {
            BinaryDecoder d = DecoderFactory.get().directBinaryDecoder(in, null);
            byte[] magic = new byte[DataFileConstants.MAGIC.length];
            d.readFixed(magic);
            if (!Arrays.equals(magic, DataFileConstants.MAGIC)) {
                throw new IOException(file + " is not an Avro object container file");
            }
            for (long n = d.readMapStart(); n != 0; n = d.mapNext()) {
                for (long i = 0; i < n; i++) {
                    d.skipString();
                    d.skipBytes();
                }
            }
            d.skipFixed(DataFileConstants.SYNC_SIZE);
            return in.count;
        }
    }

    /** Counts the bytes read through it (the direct decoder reads no further than it needs). */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
