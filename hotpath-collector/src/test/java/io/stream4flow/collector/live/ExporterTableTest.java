package io.stream4flow.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterTableTest {

    @Test
    void findsExportersByAddressAndAnnouncesNewOnesOnce() {
        List<ExporterState> seen = new ArrayList<>();
        ExporterTable t = new ExporterTable(1000, DecoderLimits.DEFAULTS, seen::add);
        byte[] a = {10, 0, 0, 1};
        byte[] b = new byte[16];
        b[15] = 1;
        ExporterState first = t.get(a, 4, 2055, false);
        assertThat(t.get(a, 4, 9999, false)).isSameAs(first);
        ExporterState six = t.get(b, 16, 4739, false);
        assertThat(six).isNotSameAs(first);
        assertThat(six.addressString()).isEqualTo("::1");
        for (int i = 0; i < 500; i++) {
            t.get(new byte[] {10, 1, (byte) (i >> 8), (byte) i}, 4, 1, false);
        }
        assertThat(t.get(a, 4, 2055, false)).isSameAs(first);
        assertThat(seen).hasSize(502);
        assertThat(t.size()).isEqualTo(502);
    }

    @Test
    void theExporterLimitHolds() {
        ExporterTable t = new ExporterTable(2, DecoderLimits.DEFAULTS, e -> { });
        assertThat(t.get(new byte[] {1, 1, 1, 1}, 4, 1, false)).isNotNull();
        assertThat(t.get(new byte[] {1, 1, 1, 2}, 4, 1, false)).isNotNull();
        assertThat(t.get(new byte[] {1, 1, 1, 3}, 4, 1, false)).isNull();
    }

    @Test
    void templatesOfTcpExportersDoNotExpire() {
        ExporterTable t = new ExporterTable(10, DecoderLimits.DEFAULTS, e -> { });
        assertThat(t.get(new byte[] {1, 1, 1, 1}, 4, 1, true).limits().templateLifetimeMillis()).isZero();
        assertThat(t.get(new byte[] {1, 1, 1, 2}, 4, 1, false).limits().templateLifetimeMillis())
                .isEqualTo(DecoderLimits.DEFAULTS.templateLifetimeMillis());
    }

    @Test
    void partitionsAreStableAndInRange() {
        byte[] a = {(byte) 192, 0, 2, 7};
        int p = ExporterTable.partition(a, 4, 3);
        assertThat(p).isBetween(0, 2);
        assertThat(ExporterTable.partition(a, 4, 3)).isEqualTo(p);
        assertThat(ExporterTable.partition(a, 4, 1)).isZero();
    }
}
