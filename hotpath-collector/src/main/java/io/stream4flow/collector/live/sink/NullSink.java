package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;

/** Encodes and discards: for measuring the collector without an output. */
final class NullSink implements RecordSink {
    private final SinkStats stats;
    private long pending;
    private long pendingBytes;

    NullSink(SinkStats stats) {
        this.stats = stats;
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
