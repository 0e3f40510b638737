package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;

/**
 * JSON lines to a file or stdout. Records are appended to a chunk of the shared {@link LineOutput};
 * the chunk goes to its writer thread when full and at the end of each ring batch. When the writer
 * is behind and no chunk is free, records are dropped and counted ({@code dropped_buffer_full}). No
 * per-record allocation, lock or system call.
 */
final class LineSink implements RecordSink {
    private final LineOutput out;
    private final SinkStats stats;
    private LineOutput.Chunk chunk;
    private long dropped;

    LineSink(LineOutput out, SinkStats stats) {
        this.out = out;
        this.stats = stats;
    }

    @Override
    public boolean write(ExporterState exporter, byte[] b, int off, int len) {
        if (chunk != null && chunk.buf.remaining() < len + 1) {
            handOver();
        }
        if (chunk == null) {
            chunk = out.take();
            if (chunk == null || chunk.buf.remaining() < len + 1) {
                dropped++;
                return false;
            }
        }
        chunk.buf.put(b, off, len).put((byte) '\n');
        chunk.records++;
        return true;
    }

    private void handOver() {
        if (chunk != null && chunk.records > 0) {
            stats.accepted.add(chunk.records);
            out.handOver(chunk);
            chunk = null;
        }
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        handOver();
        if (dropped > 0) {
            stats.accepted.add(dropped);
            stats.droppedBufferFull.add(dropped);
            dropped = 0;
        }
    }

    @Override
    public void close() {
        endOfBatch(true);
        if (chunk != null) {
            out.handOver(chunk); // empty: goes back to the pool
            chunk = null;
        }
    }
}
