package io.stream4flow.cli.kafka;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code s4fctl kafka tail} against the shared test broker of local-stack. */
@KafkaIntegrationTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaTailIntegrationTest {

    @Test
    void printsEachValueAsOneLineInOrderAndStopsAtMax(KafkaBroker kafka) throws Exception {
        String topic = KafkaExtension.createTopic("tail", 1);
        List<String> values = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        KafkaTestClients.produce(kafka.bootstrapServers(), topic, values);

        CliRun r = s4fctl("kafka", "tail", topic, "--bootstrap", kafka.bootstrapServers(), "--from-beginning",
                "--max", "5");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).containsExactlyElementsOf(values);
        assertThat(r.errLines()).containsExactly("reading " + topic + " at " + kafka.bootstrapServers()
                + " (1 partition, from the beginning); stop with Ctrl-C");
    }

    @Test
    void stopsWhenNothingNewCameForTheTimeout(KafkaBroker kafka) throws Exception {
        String topic = KafkaExtension.createTopic("tail-idle", 1);
        KafkaTestClients.produce(kafka.bootstrapServers(), topic, List.of("a", "b\n"));

        CliRun r = s4fctl("kafka", "tail", topic, "--bootstrap", kafka.bootstrapServers(), "--from-beginning",
                "--timeout", "0.5");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).as("a trailing newline of a value is not doubled").containsExactly("a", "b");
    }

    @Test
    void aTopicThatDoesNotExistIsAUsageErrorAndIsNotCreated(KafkaBroker kafka) {
        String existing = KafkaExtension.createTopic("tail-known", 1);

        CliRun r = s4fctl("kafka", "tail", "no-such-topic", "--bootstrap", kafka.bootstrapServers(), "--timeout", "1");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("s4fctl: no topic 'no-such-topic' at " + kafka.bootstrapServers())
                .contains(existing).doesNotContain("no-such-topic,");
        CliRun again = s4fctl("kafka", "tail", "no-such-topic", "--bootstrap", kafka.bootstrapServers());
        assertThat(again.code()).isEqualTo(ExitCode.USAGE);
    }
}
