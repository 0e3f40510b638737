package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;

/** Encodes and discards: for measuring the collector without an output. */
final class NullSink implements RecordSink {
    private final SinkStats stats;
    private final RecordFormat format;
    private long pending;
    private long pendingBytes;

    NullSink(SinkStats stats, RecordFormat format) {
        this.stats = stats;
        this.format = format;
    }

    @Override
    public RecordFormat format() {
        return format;
    }

    @Override
    public boolean write(ExporterState exporter, byte[] b, int off, int len) {
        pending++;
        pendingBytes += len;
        return true;
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        if (pending > 0) {
            stats.accepted.add(pending);
            stats.delivered.add(pending);
            stats.bytes.add(pendingBytes);
            pending = 0;
            pendingBytes = 0;
        }
    }

    @Override
    public void close() {
        endOfBatch(true);
    }
}
