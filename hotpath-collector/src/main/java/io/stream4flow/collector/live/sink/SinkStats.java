package io.stream4flow.collector.live.sink;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a sink, shared by the instances of all decode handlers; read by the metrics endpoint. */
public final class SinkStats {
    /** Records handed to the sink. */
    public final LongAdder accepted = new LongAdder();
    /** Records known delivered (written to the file / acknowledged by the broker). */
    public final LongAdder delivered = new LongAdder();
    /** Records dropped because the sink's bounded buffer was full. */
    public final LongAdder droppedBufferFull = new LongAdder();
    /** Records dropped because the sink failed (I/O error, broker error after retries). */
    public final LongAdder droppedError = new LongAdder();
    /** Bytes written. */
    public final LongAdder bytes = new LongAdder();
    /** Files started by rotation. */
    public final LongAdder rotations = new LongAdder();

    /** Records accepted but not yet known delivered nor dropped. */
    public long lag() {
        return Math.max(0, accepted.sum() - delivered.sum() - droppedBufferFull.sum() - droppedError.sum());
    }
}
