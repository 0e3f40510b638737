package io.stream4flow.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private final ExporterState ex = new ExporterState(new byte[] {1, 2, 3, 4}, 1, DecoderLimits.DEFAULTS);

    @Test
    void rfc7011CountsRecordsBeforeTheMessage() {
        SequenceTracker t = new SequenceTracker(10);
        t.track(ex, 0, 30, 29, true);
        t.track(ex, 30, 30, 30, true);
        t.track(ex, 60, 30, 30, true);
        assertThat(ex.counter(DecodeCounter.SEQUENCE_LOST)).isZero();
        t.track(ex, 100, 30, 30, true); // 10 records never came
        assertThat(ex.counter(DecodeCounter.SEQUENCE_LOST)).isEqualTo(10);
    }

    @Test
    void softflowdCountsDataRecordsUpToAndIncludingTheMessage() {
        // softflowd: seq = data records sent including this message; options records not counted;
        // the first pair fits "current data" and "current all" alike
        SequenceTracker t = new SequenceTracker(10);
        long seq = 0;
        long[][] msgs = {{25, 24}, {32, 32}, {30, 30}, {28, 27}, {30, 30}, {29, 28}, {30, 30}};
        for (long[] m : msgs) {
            seq += m[1];
            t.track(ex, seq, m[0], m[1], true);
        }
        assertThat(ex.counter(DecodeCounter.SEQUENCE_LOST)).isZero();
        assertThat(ex.counter(DecodeCounter.SEQUENCE_RESETS)).isZero();
    }

    @Test
    void netflowV9CountsPacketsAndBackwardsIsAReset() {
        SequenceTracker t = new SequenceTracker(9);
        t.track(ex, 100, 5, 5, true);
        t.track(ex, 101, 7, 7, true);
        t.track(ex, 104, 2, 2, true);
        assertThat(ex.counter(DecodeCounter.SEQUENCE_LOST)).isEqualTo(2);
        t.track(ex, 3, 2, 2, true);
        assertThat(ex.counter(DecodeCounter.SEQUENCE_RESETS)).isEqualTo(1);
    }

    @Test
    void aMessageWithHeldDataIsNotCompared() {
        SequenceTracker t = new SequenceTracker(10);
        t.track(ex, 0, 10, 10, true);
        t.track(ex, 10, 0, 0, false); // its records were held: unknown count
        t.track(ex, 25, 10, 10, true);
        assertThat(ex.counter(DecodeCounter.SEQUENCE_LOST)).isZero();
    }
}
