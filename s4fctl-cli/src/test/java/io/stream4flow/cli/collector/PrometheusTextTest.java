package io.stream4flow.cli.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.collector.PrometheusText.Sample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesWithAndWithoutLabels() {
        assertThat(PrometheusText.sample("up 1")).isEqualTo(new Sample("up", Map.of(), 1));
        assertThat(PrometheusText.sample("a_b:c{x=\"1\",y=\"two words\"} 2.5 1700000000000"))
                .isEqualTo(new Sample("a_b:c", Map.of("x", "1", "y", "two words"), 2.5));
        assertThat(PrometheusText.sample("m{x=\"1\",} 3")).isEqualTo(new Sample("m", Map.of("x", "1"), 3));
        assertThat(PrometheusText.sample("m{} 3")).isEqualTo(new Sample("m", Map.of(), 3));
        assertThat(PrometheusText.sample("m{ x=\"1\" , y=\"2\" } 3")).isEqualTo(new Sample("m", Map.of("x", "1", "y", "2"), 3));
        assertThat(PrometheusText.sample("m{p=\"a\\\"b\\\\c\\nd\"} 1").labels().get("p")).isEqualTo("a\"b\\c\nd");
        assertThat(PrometheusText.sample("m{le=\"+Inf\"} 7").labels().get("le")).isEqualTo("+Inf");
        assertThat(PrometheusText.sample("m{x=\"}\"} 1").labels().get("x")).isEqualTo("}");
    }

    @Test
    void specialValues() {
        assertThat(PrometheusText.sample("m +Inf").value()).isInfinite().isPositive();
        assertThat(PrometheusText.sample("m -Inf").value()).isInfinite().isNegative();
        assertThat(PrometheusText.sample("m NaN").value()).isNaN();
        assertThat(PrometheusText.sample("m 1e3").value()).isEqualTo(1000);
        assertThat(PrometheusText.sample("m -0.5").value()).isEqualTo(-0.5);
    }

    @Test
    void badLinesAreNull() {
        for (String bad : new String[] {"m", "m x", "m 1 2 3", "1m 1", "m{x=1} 1", "m{x=\"1\" 1", "m{x=\"1\"y=\"2\"} 1",
                "{x=\"1\"} 1", "m Infinity", "m{=\"1\"} 1"}) {
            assertThat(PrometheusText.sample(bad)).as(bad).isNull();
        }
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        PrometheusText.Parsed p = PrometheusText.parse("# HELP m help\n# TYPE m counter\n\nm 1\r\nbad\n");

        assertThat(p.samples()).containsExactly(new Sample("m", Map.of(), 1));
        assertThat(p.badLines()).isEqualTo(1);
    }
}
