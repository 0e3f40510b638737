package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * JSON lines to a file or stdout. Records are appended to this handler's buffer; the buffer goes to
 * the shared {@link LineOutput} when full and at the end of each ring batch. No per-record
 * allocation or lock.
 */
final class LineSink implements RecordSink {
    private final LineOutput out;
    private final SinkStats stats;
    private final ByteBuffer buf;
    private long pending;

    LineSink(LineOutput out, SinkStats stats, int bufferBytes) {
        this.out = out;
        this.stats = stats;
        this.buf = ByteBuffer.allocateDirect(bufferBytes);
    }

    @Override
    public RecordFormat format() {
        return RecordFormat.JSON;
    }

    @Override
    public boolean write(ExporterState exporter, byte[] b, int off, int len) {
        if (buf.remaining() < len + 1) {
            flush();
            if (buf.remaining() < len + 1) {
                stats.accepted.increment();
                stats.droppedError.increment(); // a record larger than the buffer: cannot happen below 64 KiB
                return false;
            }
        }
        buf.put(b, off, len).put((byte) '\n');
        pending++;
        return true;
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        buf.flip();
        int bytes = buf.remaining();
        stats.accepted.add(pending);
        try {
            out.write(buf);
            stats.delivered.add(pending);
            stats.bytes.add(bytes);
        } catch (IOException e) {
            stats.droppedError.add(pending);
        }
        buf.clear();
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
