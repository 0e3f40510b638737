package io.stream4flow.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Counting by stage and the bounded log of unexpected decode-thread exceptions. */
class RingErrorsTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> lines = new ArrayList<>();
    private final RingErrors errors = new RingErrors(clock::get, (line, t) -> lines.add(line));

    @Test
    void everyExceptionIsCountedButOnlyOneLinePerStagePerInterval() {
        for (int i = 0; i < 5; i++) {
            errors.record(RingErrors.SINK, new IllegalStateException("boom " + i), "decoder 0, sequence " + i);
            clock.addAndGet(1_000_000_000L); // 1 s apart: all within one 10 s interval
        }

        assertThat(errors.count(RingErrors.SINK)).isEqualTo(5);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("sink", "decoder 0, sequence 0", "boom 0")
                .doesNotContain("since the last line");
    }

    @Test
    void theNextLineAfterTheIntervalTellsHowManyWereNotLogged() {
        errors.record(RingErrors.DECODE, new RuntimeException("a"), "x");
        errors.record(RingErrors.DECODE, new RuntimeException("b"), "x");
        errors.record(RingErrors.DECODE, new RuntimeException("c"), "x");
        clock.addAndGet(RingErrors.LOG_INTERVAL_NANOS - 1);
        assertThat(errors.record(RingErrors.DECODE, new RuntimeException("d"), "x")).isFalse();
        clock.addAndGet(1);

        assertThat(errors.record(RingErrors.DECODE, new RuntimeException("e"), "x")).isTrue();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(": java.lang.RuntimeException: e", "3 more decode exception(s)",
                "reason=\"decode\"} 5");
        clock.addAndGet(RingErrors.LOG_INTERVAL_NANOS);
        errors.record(RingErrors.DECODE, new RuntimeException("f"), "x");
        assertThat(lines.get(2)).doesNotContain("more decode");
    }

    @Test
    void stagesAreLimitedApart() {
        errors.record(RingErrors.SINK, new RuntimeException(), "x");
        errors.record(RingErrors.ENCODE, new RuntimeException(), "x");
        errors.record(RingErrors.SINK, new RuntimeException(), "x");

        assertThat(lines).hasSize(2);
        assertThat(errors.count(RingErrors.SINK)).isEqualTo(2);
        assertThat(errors.count(RingErrors.ENCODE)).isEqualTo(1);
        assertThat(errors.count(RingErrors.DECODE)).isZero();
    }

    @Test
    void anUnknownStageIsCountedAsOther() {
        errors.record(42, new RuntimeException(), "x");
        errors.record(-1, new RuntimeException(), "x");

        assertThat(errors.count(RingErrors.OTHER)).isEqualTo(2);
        assertThat(lines.get(0)).contains("exception in other");
    }
}
