package io.stream4flow.collector.decode;

/**
 * Sequence-number accounting of one domain. What a sequence number counts differs among exporters
 * more than the RFCs suggest: IPFIX (RFC 7011) counts data records sent before the message, options
 * data included; NetFlow v9 (RFC 3954) counts packets; NetFlow v5 counts flows before the datagram.
 * Some exporters count the records of the message itself as well (softflowd's IPFIX), or leave
 * options records out. So the step from one message to the next is learned from the first pair of
 * messages: every convention that explains every step seen so far stays a candidate; a step that
 * none explains is a gap, measured with the version's own convention while it is a candidate (else
 * the first one left): a forward gap counts lost records (or packets, for v9), a step backwards or a
 * jump of more than {@link #MAX_LOSS_GAP} counts a reset.
 */
final class SequenceTracker {
    /** A forward jump larger than this is a restart or another stream, not loss. */
    static final long MAX_LOSS_GAP = 1L << 24;

    static final int PER_MESSAGE = 0;
    static final int PREVIOUS_ALL = 1;
    static final int PREVIOUS_DATA = 2;
    static final int CURRENT_ALL = 3;
    static final int CURRENT_DATA = 4;

    private final int preferred;
    /** Conventions still consistent with every step seen (bit per convention). */
    private int candidates = 0b11111;
    private long lastSeq = -1;
    private long lastAll;
    private long lastData;
    private final long[] step = new long[5];

    SequenceTracker(int version) {
        this.preferred = version == 9 ? PER_MESSAGE : PREVIOUS_ALL;
    }

    /**
     * Accounts one message.
     *
     * @param all records in the message (data and options data)
     * @param data data records in the message
     * @param complete false when some of the message's records could not be counted (held sets):
     *     the next message is then not compared
     */
    void track(ExporterState ex, long seq, long all, long data, boolean complete) {
        if (lastSeq >= 0) {
            long delta = (seq - lastSeq) & 0xFFFF_FFFFL;
            step[PER_MESSAGE] = 1;
            step[PREVIOUS_ALL] = lastAll;
            step[PREVIOUS_DATA] = lastData;
            step[CURRENT_ALL] = all;
            step[CURRENT_DATA] = data;
            int fits = 0;
            for (int s = 0; s < step.length; s++) {
                if ((candidates & (1 << s)) != 0 && step[s] == delta) {
                    fits |= 1 << s;
                }
            }
            if (fits != 0) {
                candidates = fits; // in step: keep only the conventions that still explain every step
            } else {
                long expected = step[convention()];
                long gap = delta - expected;
                if (gap > 0 && gap < MAX_LOSS_GAP) {
                    ex.count(DecodeCounter.SEQUENCE_LOST, gap);
                } else {
                    ex.count(DecodeCounter.SEQUENCE_RESETS);
                }
            }
        }
        if (complete) {
            lastSeq = seq;
            lastAll = all;
            lastData = data;
        } else {
            lastSeq = -1;
        }
    }

    /** The convention used to measure a gap: the version's own while it fits, else the first left. */
    private int convention() {
        if ((candidates & (1 << preferred)) != 0) {
            return preferred;
        }
        return Integer.numberOfTrailingZeros(candidates);
    }
}
