package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import java.io.Closeable;

/**
 * Where encoded records go. Each decode handler has its own instance (they may share an underlying
 * producer or file); all methods are called on that handler's thread.
 */
public interface RecordSink extends Closeable {
    /** The encoding this sink takes ({@code ?format=} of the output). */
    RecordFormat format();

    /**
     * Accepts one encoded record; the bytes are valid only during the call.
     *
     * @return false when the record was dropped (counted by the sink)
     */
    boolean write(ExporterState exporter, byte[] b, int off, int len);

    /**
     * The ring has no more events for now ({@code ringEmpty}) or a batch of events ended: push
     * buffered output out.
     */
    void endOfBatch(boolean ringEmpty);

    /** Flushes everything and releases the sink's resources. */
    @Override
    void close();
}
