package io.stream4flow.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void decodesAndEncodesGeneratedTrafficForTheTimeGivenAndNothingWithZero() {
        for (RecordFormat format : RecordFormat.values()) {
            long t0 = System.nanoTime();
            long records = Warmup.run(ElementRegistry.bundled(), DecoderLimits.DEFAULTS, format, 300);
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(records).as(format + ": records decoded and encoded").isGreaterThan(4_000);
            assertThat(tookMillis).as(format + ": the time given, and the generation before it").isBetween(300L, 5_000L);
        }
        assertThat(Warmup.run(ElementRegistry.bundled(), DecoderLimits.DEFAULTS, RecordFormat.AVRO, 0)).isZero();
    }
}
