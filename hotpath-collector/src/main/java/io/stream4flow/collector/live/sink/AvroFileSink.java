package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Avro records to an object container file (or stdout). Records are appended to this handler's
 * buffer; the buffer goes to the shared {@link AvroFileOutput} when full and at the end of each ring
 * batch, and becomes one block of the file. No per-record allocation or lock.
 */
final class AvroFileSink implements RecordSink {
    private final AvroFileOutput out;
    private final SinkStats stats;
    private final byte[] buf;
    private int len;
    /** End offset of each buffered record. */
    private int[] ends = new int[4096];
    private int pending;

    AvroFileSink(AvroFileOutput out, SinkStats stats, int bufferBytes) {
        this.out = out;
        this.stats = stats;
        this.buf = new byte[bufferBytes];
    }

    @Override
    public RecordFormat format() {
        return RecordFormat.AVRO;
    }

    @Override
    public boolean write(ExporterState exporter, byte[] b, int off, int n) {
        if (buf.length - len < n) {
            flush();
            if (buf.length - len < n) {
                stats.accepted.increment();
                stats.droppedError.increment(); // a record larger than the buffer: cannot happen below 64 KiB
                return false;
            }
        }
        if (pending == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        ends[pending++] = len;
        return true;
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        stats.accepted.add(pending);
        try {
            out.write(buf, ends, pending);
            stats.delivered.add(pending);
            stats.bytes.add(len);
        } catch (IOException e) {
            stats.droppedError.add(pending);
        }
        len = 0;
        pending = 0;
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        flush();
    }

    @Override
    public void close() {
        flush();
    }
}
