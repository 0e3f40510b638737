package io.stream4flow.collector.live;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.collector.decode.RecordHandler;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.schema.ElementRegistry;
import java.util.function.Consumer;

/**
 * One decode partition: takes the ring events of the exporters hashed to it (so each exporter's
 * template state has a single thread), decodes, encodes into a reused buffer and hands each record
 * to its sink. At the end of every batch the sink flushes. Nothing is allocated, locked or logged
 * per record.
 *
 * <p>An exception out of the decoder, the encoder or the sink leaves {@link #onEvent} (the rest of
 * that datagram is not decoded) and goes to {@link DecodeExceptionHandler}, which counts it by
 * {@link #stage()}; the end-of-batch flush still runs, so records written before it are not held back.
 */
final class DecodeHandler implements EventHandler<PacketEvent>, RecordHandler {
    static final int MAX_EXPORTERS = 65_536;

    private final int partition;
    private final FlowDecoder decoder;
    private final RecordEncoder encoder;
    final ExporterTable exporters;
    private final RecordSink sink;
    /** Set once the ring has started (the handler thread may run before). */
    private volatile RingBuffer<PacketEvent> ring;
    private Runnable periodic;
    private long lastPeriodic;
    private final long periodMillis;
    /** Datagrams dropped because the exporter table is full. */
    volatile long exporterLimitDrops;
    /** What this thread is doing ({@link RingErrors#DECODE} ...): read when an exception is handled. */
    private int stage = RingErrors.DECODE;

    DecodeHandler(int partition, ElementRegistry registry, DecoderLimits limits, RecordSink sink,
                  Consumer<ExporterState> onNewExporter, Runnable periodic, long periodMillis) {
        this.partition = partition;
        this.decoder = new FlowDecoder(registry, limits);
        this.encoder = RecordEncoder.create(sink.format(), registry, limits.maxFieldsPerTemplate(),
                limits.maxListDepth());
        this.exporters = new ExporterTable(MAX_EXPORTERS, limits, onNewExporter);
        this.sink = sink;
        this.periodic = periodic;
        this.periodMillis = periodMillis;
        this.lastPeriodic = System.currentTimeMillis();
    }

    void periodic(Runnable r) {
        periodic = r;
    }

    void ring(RingBuffer<PacketEvent> r) {
        ring = r;
    }

    @Override
    public void onEvent(PacketEvent e, long sequence, boolean endOfBatch) {
        try {
            if (e.partition == partition) {
                stage = RingErrors.DECODE;
                ExporterState st = exporters.get(e.address, e.addressLength, e.port, e.tcp);
                if (st == null) {
                    exporterLimitDrops++;
                } else {
                    st.received(e.length, e.port);
                    decoder.decode(st, e.data, 0, e.length, e.receivedMillis, this);
                }
            }
        } finally {
            if (endOfBatch) {
                int failing = stage; // the stage of an exception in flight, if any, is what gets counted
                endOfBatch(e, sequence);
                stage = failing;
            }
        }
    }

    private void endOfBatch(PacketEvent e, long sequence) {
        stage = RingErrors.SINK;
        RingBuffer<PacketEvent> r = ring;
        sink.endOfBatch(r == null || r.getCursor() == sequence);
        if (periodMillis > 0 && periodic != null) {
            long now = e.receivedMillis;
            if (now - lastPeriodic >= periodMillis) {
                lastPeriodic = now;
                stage = RingErrors.STATE;
                periodic.run();
            }
        }
    }

    @Override
    public void onRecord(FlowRecord r) {
        stage = RingErrors.ENCODE;
        encoder.encode(r);
        stage = RingErrors.SINK;
        sink.write(r.exporter(), encoder.array(), 0, encoder.length());
        stage = RingErrors.DECODE;
    }

    /** The stage this thread is in, or was in when it threw; read on this thread only. */
    int stage() {
        return stage;
    }

    int partition() {
        return partition;
    }

    FlowDecoder decoder() {
        return decoder;
    }

    RecordSink sink() {
        return sink;
    }

    long badLists() {
        return encoder.badLists();
    }
}
