package io.stream4flow.bench.load;

import io.stream4flow.collector.decode.DecodeCounter;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.schema.ElementRegistry;
import java.util.List;

/**
 * An IPFIX export stream to replay in a loop: the datagrams one exporter sent, in order, with the
 * records each holds (decoded once with the collector's own decoder) and what the loop must add to
 * the sequence numbers so that a collector sees one continuous stream, never a gap or a restart.
 *
 * <p>IPFIX message header (RFC 7011 section 3.1), the fields the replay reads or rewrites:
 * <pre>
 *   0                   1                   2                   3
 *   +-------------------------------+-------------------------------+
 *   |       Version Number (10)     |            Length             |  0
 *   +-------------------------------+-------------------------------+
 *   |                           Export Time                         |  4
 *   +---------------------------------------------------------------+
 *   |                       Sequence Number                         |  8  OFF_SEQUENCE
 *   +---------------------------------------------------------------+
 *   |                    Observation Domain ID                      | 12
 *   +---------------------------------------------------------------+
 * </pre>
 * Immutable; {@link Cursor}s are not thread-safe.
 */
final class ReplayStream {
    static final int OFF_SEQUENCE = 8;
    static final int HEADER_LENGTH = 16;

    /** How an exporter's sequence number steps from one message to the next. */
    enum SequenceStep {
        /** RFC 7011: records (data and options) sent before this message. */
        PREVIOUS_ALL,
        PREVIOUS_DATA,
        /** softflowd 1.1.0: data records sent including this message's. */
        CURRENT_DATA,
        CURRENT_ALL
    }

    private final byte[][] datagrams;
    private final int[] dataRecords;
    private final int[] allRecords;
    private final long passData;
    private final long passAll;
    private final long passBytes;
    private final SequenceStep step;
    private final long passSequenceAdvance;

    private ReplayStream(byte[][] datagrams, int[] dataRecords, int[] allRecords, SequenceStep step) {
        this.datagrams = datagrams;
        this.dataRecords = dataRecords;
        this.allRecords = allRecords;
        this.step = step;
        long d = 0;
        long a = 0;
        long b = 0;
        for (int i = 0; i < datagrams.length; i++) {
            d += dataRecords[i];
            a += allRecords[i];
            b += datagrams[i].length;
        }
        this.passData = d;
        this.passAll = a;
        this.passBytes = b;
        int last = datagrams.length - 1;
        long wrapStep = switch (step) {
            case PREVIOUS_ALL -> allRecords[last];
            case PREVIOUS_DATA -> dataRecords[last];
            case CURRENT_ALL -> allRecords[0];
            case CURRENT_DATA -> dataRecords[0];
        };
        this.passSequenceAdvance = ((sequence(datagrams[last]) - sequence(datagrams[0])) & 0xFFFF_FFFFL) + wrapStep;
    }

    /**
     * Decodes the datagrams once, in order, as one exporter, and checks they make a clean IPFIX
     * stream: every record decodes, no template is missing, one sequence-number convention fits.
     *
     * @throws IllegalStateException when they do not
     */
    static ReplayStream of(List<byte[]> payloads) {
        if (payloads.size() < 2) {
            throw new IllegalStateException("the export stream has " + payloads.size() + " datagram(s); need 2 or more");
        }
        ExporterState exporter = new ExporterState(new byte[] {127, 0, 0, 1}, 4739, DecoderLimits.DEFAULTS);
        FlowDecoder decoder = new FlowDecoder(ElementRegistry.bundled(), DecoderLimits.DEFAULTS);
        byte[][] datagrams = new byte[payloads.size()][];
        int[] data = new int[datagrams.length];
        int[] all = new int[datagrams.length];
        for (int i = 0; i < datagrams.length; i++) {
            byte[] p = payloads.get(i);
            if (p.length < HEADER_LENGTH || (((p[0] & 0xFF) << 8) | (p[1] & 0xFF)) != 10) {
                throw new IllegalStateException("datagram " + i + " is not an IPFIX message");
            }
            long d0 = exporter.counter(DecodeCounter.DATA_RECORDS);
            long o0 = exporter.counter(DecodeCounter.OPTIONS_RECORDS);
            if (!decoder.decode(exporter, p, 0, p.length, 0L, r -> { })) {
                throw new IllegalStateException("datagram " + i + " did not decode cleanly (" + exporter.errors()
                        + " error(s))");
            }
            datagrams[i] = p.clone();
            data[i] = (int) (exporter.counter(DecodeCounter.DATA_RECORDS) - d0);
            all[i] = data[i] + (int) (exporter.counter(DecodeCounter.OPTIONS_RECORDS) - o0);
        }
        if (exporter.heldSets() > 0 || exporter.errors() > 0) {
            throw new IllegalStateException("the export stream does not decode cleanly: " + exporter.heldSets()
                    + " held set(s), " + exporter.errors() + " error(s)");
        }
        return new ReplayStream(datagrams, data, all, sequenceStep(datagrams, data, all));
    }

    private static SequenceStep sequenceStep(byte[][] d, int[] data, int[] all) {
        for (SequenceStep s : SequenceStep.values()) {
            boolean fits = true;
            for (int i = 1; i < d.length && fits; i++) {
                long delta = (sequence(d[i]) - sequence(d[i - 1])) & 0xFFFF_FFFFL;
                long expected = switch (s) {
                    case PREVIOUS_ALL -> all[i - 1];
                    case PREVIOUS_DATA -> data[i - 1];
                    case CURRENT_ALL -> all[i];
                    case CURRENT_DATA -> data[i];
                };
                fits = delta == expected;
            }
            if (fits) {
                return s;
            }
        }
        throw new IllegalStateException("the export stream's sequence numbers follow no known convention");
    }

    static long sequence(byte[] m) {
        return ((m[OFF_SEQUENCE] & 0xFFL) << 24) | ((m[OFF_SEQUENCE + 1] & 0xFF) << 16)
                | ((m[OFF_SEQUENCE + 2] & 0xFF) << 8) | (m[OFF_SEQUENCE + 3] & 0xFF);
    }

    int datagrams() {
        return datagrams.length;
    }

    /** Data records in one pass over the stream (what nfcapd stores as flows). */
    long passDataRecords() {
        return passData;
    }

    /** Data and options records in one pass (what the collector counts as records). */
    long passAllRecords() {
        return passAll;
    }

    long passBytes() {
        return passBytes;
    }

    SequenceStep sequenceStep() {
        return step;
    }

    /** A position in the endless replay, starting with the first datagram (which carries the templates). */
    Cursor cursor() {
        return new Cursor();
    }

    /** Walks the stream in a loop, handing out datagrams with their sequence numbers continued. */
    final class Cursor {
        private int index;
        private long pass;
        private final byte[][] scratch = new byte[datagrams.length][];

        private Cursor() {
            for (int i = 0; i < datagrams.length; i++) {
                scratch[i] = datagrams[i].clone();
            }
        }

        /** The next datagram (a buffer owned by the cursor, valid until it comes round again). */
        byte[] peek() {
            byte[] m = scratch[index];
            long seq = (sequence(datagrams[index]) + pass * passSequenceAdvance) & 0xFFFF_FFFFL;
            m[OFF_SEQUENCE] = (byte) (seq >>> 24);
            m[OFF_SEQUENCE + 1] = (byte) (seq >>> 16);
            m[OFF_SEQUENCE + 2] = (byte) (seq >>> 8);
            m[OFF_SEQUENCE + 3] = (byte) seq;
            return m;
        }

        int dataRecords() {
            return dataRecords[index];
        }

        int allRecords() {
            return allRecords[index];
        }

        void advance() {
            if (++index == datagrams.length) {
                index = 0;
                pass++;
            }
        }
    }
}
