package io.stream4flow.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.live.sink.OutputUri;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ?format=json|avro} on an output: kept through normalization, anything else refused in one line. */
class OutputFormatConfigTest {
    private static URI output(String value) {
        return CollectorConfigLoader.parse("config.yaml", "output: '" + value + "'\n", Path.of("/etc/s4f")).output();
    }

    @Test
    void theFormatStaysOnTheNormalizedOutput() {
        assertThat(output("kafka://127.0.0.1:9092?format=avro")).isEqualTo(URI.create("kafka://127.0.0.1:9092/flows?format=avro"));
        assertThat(output("file:flows.avro?format=avro")).isEqualTo(URI.create("file:/etc/s4f/flows.avro?format=avro"));
        assertThat(output("null?format=avro")).isEqualTo(URI.create("null?format=avro"));
        assertThat(OutputUri.format(output("file:flows.avro?format=avro"))).isEqualTo(RecordFormat.AVRO);
        assertThat(OutputUri.format(output("kafka://127.0.0.1:9092/t?format=json"))).isEqualTo(RecordFormat.JSON);
        assertThat(OutputUri.format(output("kafka://127.0.0.1:9092/t"))).isEqualTo(RecordFormat.JSON);
    }

    @Test
    void theFormatIsWrittenBackToYaml() {
        var c = CollectorConfigLoader.parse("config.yaml", "output: 'file:/var/f.avro?format=avro'\n", Path.of("/"));
        assertThat(CollectorConfigLoader.toYaml(c)).contains("file:/var/f.avro?format=avro");
        assertThat(CollectorConfigLoader.parse("again", CollectorConfigLoader.toYaml(c), Path.of("/")).output())
                .isEqualTo(c.output());
    }

    @Test
    void aBadFormatIsOneLineNamingTheOutput() {
        assertThatThrownBy(() -> output("kafka://127.0.0.1:9092/flows?format=xml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafka://127.0.0.1:9092/flows?format=xml': format 'xml' is not json or avro")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> output("file:f?format="))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'file:f?format=': format '' is not json or avro");
    }

    @Test
    void anyOtherQuestionMarkStaysInTheOutputAsBefore() {
        URI f = output("file:/tmp/what?.json");
        assertThat(Path.of(f)).isEqualTo(Path.of("/tmp/what?.json"));
        assertThat(OutputUri.format(f)).isEqualTo(RecordFormat.JSON);
        URI a = output("file:/tmp/what?.avro?format=avro");
        assertThat(Path.of(OutputUri.base(a))).isEqualTo(Path.of("/tmp/what?.avro"));
        assertThat(OutputUri.format(a)).isEqualTo(RecordFormat.AVRO);
    }
}
