package io.stream4flow.bench;

import io.stream4flow.collector.decode.DecodeCounter;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.collector.decode.RecordHandler;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.RecordFormat;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The live path of one decoding thread: {@link FlowDecoder#decode} with a handler that encodes each
 * record and hands its length to a {@link Blackhole} (where the collector would hand the bytes to its
 * sink). JSON: one reused {@link JsonBuffer} is reset and {@link FlowJsonEncoder} encodes into it.
 * Avro: the collector's {@link RecordEncoder} of {@link RecordFormat#AVRO} (one Avro binary record,
 * schema {@code io.stream4flow.FlowRecord}, in the encoder's own reused buffer).
 *
 * <p>One exporter, one decoder, one encoder: the state of one benchmark thread. The decoder's
 * clock is fixed, so templates never expire during a run.
 */
final class EncodePipeline implements RecordHandler {
    private static final DecoderLimits LIMITS = DecoderLimits.DEFAULTS;
    private static final byte[] EXPORTER = {(byte) 192, 0, 2, 1};

    private final FlowDecoder decoder;
    private final FlowJsonEncoder encoder;
    private final JsonBuffer json = new JsonBuffer(4096);
    /** Null for JSON. */
    private final RecordEncoder avro;
    private final ExporterState exporter = new ExporterState(EXPORTER, 4739, LIMITS);
    private final long nowMillis;
    private Blackhole blackhole;
    private long records;
    private String lastJson;

    /**
     * @param nowMillis the decoder's clock (epoch ms) for the whole run
     * @param format the encoding of each record
     */
    EncodePipeline(long nowMillis, RecordFormat format) {
        ElementRegistry registry = ElementRegistry.bundled();
        this.decoder = new FlowDecoder(registry, LIMITS);
        this.encoder = new FlowJsonEncoder(registry, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        this.avro = format == RecordFormat.AVRO
                ? RecordEncoder.create(RecordFormat.AVRO, registry, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth())
                : null;
        this.nowMillis = nowMillis;
    }

    /** The measured step: decodes one datagram, encoding every record. */
    boolean decode(byte[] datagram, Blackhole bh) {
        blackhole = bh;
        return decoder.decode(exporter, datagram, 0, datagram.length, nowMillis, this);
    }

    @Override
    public void onRecord(FlowRecord record) {
        if (avro != null) {
            avro.encode(record);
            blackhole.consume(avro.array());
            blackhole.consume(avro.length());
        } else {
            json.reset();
            encoder.encode(record, json);
            blackhole.consume(json.length());
        }
        records++;
    }

    /**
     * Setup only: decodes a datagram (templates, or a first data message) outside measurement and
     * checks that it decoded cleanly into {@code expectedRecords} records.
     *
     * @throws IllegalStateException when it did not, naming the counters that moved
     */
    void prime(byte[] datagram, int expectedRecords, String what) {
        long before = records;
        boolean ok = decoder.decode(exporter, datagram, 0, datagram.length, nowMillis, r -> {
            json.reset();
            encoder.encode(r, json);
            lastJson = json.toString();
            if (avro != null) {
                avro.encode(r);
                if (avro.length() <= 0) {
                    throw new IllegalStateException(what + ": the Avro encoder wrote nothing");
                }
            }
            records++;
        });
        long n = records - before;
        if (!ok || n != expectedRecords) {
            throw new IllegalStateException(what + ": decoded " + n + " records (expected "
                    + expectedRecords + "), clean=" + ok + ", " + counters());
        }
    }

    /** Setup only: JSON of the last record {@link #prime} decoded. */
    String lastJson() {
        return lastJson;
    }

    /**
     * Teardown check: the run stayed in steady state (no rejected input, no sequence gap, every
     * template known).
     */
    void checkSteadyState(String what) {
        if (exporter.errors() != 0 || exporter.counter(DecodeCounter.SEQUENCE_LOST) != 0
                || exporter.counter(DecodeCounter.SEQUENCE_RESETS) != 0
                || exporter.counter(DecodeCounter.HELD_SETS) != 0) {
            throw new IllegalStateException(what + ": not in steady state: " + counters());
        }
    }

    private String counters() {
        StringBuilder sb = new StringBuilder();
        for (DecodeCounter c : DecodeCounter.values()) {
            long v = exporter.counter(c);
            if (v != 0) {
                sb.append(c.metricName()).append('=').append(v).append(' ');
            }
        }
        return sb.toString().trim();
    }

    /** Writes a 32-bit big-endian value into a datagram (the header's sequence number). */
    static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
