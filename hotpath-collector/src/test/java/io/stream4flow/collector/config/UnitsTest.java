package io.stream4flow.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void sizes() {
        assertThat(Units.bytes(512)).isEqualTo(512);
        assertThat(Units.bytes(5_000_000_000L)).isEqualTo(5_000_000_000L);
        assertThat(Units.bytes("512")).isEqualTo(512);
        assertThat(Units.bytes("512B")).isEqualTo(512);
        assertThat(Units.bytes("64KiB")).isEqualTo(64 << 10);
        assertThat(Units.bytes("16 MiB")).isEqualTo(16 << 20);
        assertThat(Units.bytes("1GiB")).isEqualTo(1L << 30);
        assertThat(Units.bytes("2TiB")).isEqualTo(2L << 40);
        for (Object bad : new Object[] {"16MB", "1.5GiB", "-1", "GiB", "1 gib", 1.5, true}) {
            assertThatThrownBy(() -> Units.bytes(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Units.bytes("99999999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Units.bytes(new BigInteger("99999999999999999999"))).hasMessageContaining("too large");
    }

    @Test
    void durations() {
        assertThat(Units.millis(60)).isEqualTo(60_000);
        assertThat(Units.millis(0.25)).isEqualTo(250);
        assertThat(Units.millis("60")).isEqualTo(60_000);
        assertThat(Units.millis("0.5")).isEqualTo(500);
        assertThat(Units.millis("5ms")).isEqualTo(5);
        assertThat(Units.millis("60s")).isEqualTo(60_000);
        assertThat(Units.millis("30m")).isEqualTo(1_800_000);
        assertThat(Units.millis("1h")).isEqualTo(3_600_000);
        for (Object bad : new Object[] {"1d", "1.5h", "-5s", "s", "5 minutes", -1, -0.5, Double.NaN}) {
            assertThatThrownBy(() -> Units.millis(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatting() {
        assertThat(Units.formatBytes(0)).isEqualTo("0");
        assertThat(Units.formatBytes(1000)).isEqualTo("1000");
        assertThat(Units.formatBytes(2048)).isEqualTo("2KiB");
        assertThat(Units.formatBytes(16 << 20)).isEqualTo("16MiB");
        assertThat(Units.formatBytes(1L << 40)).isEqualTo("1TiB");
        assertThat(Units.formatMillis(0)).isEqualTo("0s");
        assertThat(Units.formatMillis(5)).isEqualTo("5ms");
        assertThat(Units.formatMillis(1500)).isEqualTo("1500ms");
        assertThat(Units.formatMillis(90_000)).isEqualTo("90s");
        assertThat(Units.formatMillis(1_800_000)).isEqualTo("30m");
        assertThat(Units.formatMillis(7_200_000)).isEqualTo("2h");
    }
}
