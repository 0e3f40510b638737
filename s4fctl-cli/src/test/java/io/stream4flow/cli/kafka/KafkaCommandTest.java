package io.stream4flow.cli.kafka;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code s4fctl kafka tail} and {@code kafka run} without a broker: refused arguments, an unreachable address. */
class KafkaCommandTest {

    @Test
    void noBrokerListeningIsOneLineAndExitThree() throws Exception {
        String bootstrap = "127.0.0.1:" + KafkaTestClients.freePort();

        CliRun r = s4fctl("kafka", "tail", "flows", "--bootstrap", bootstrap);

        assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("s4fctl: no Kafka broker at " + bootstrap
                + " (is `s4fctl kafka run` running?)");
    }

    @Test
    void badTailArgumentsAreUsageErrors() {
        assertThat(s4fctl("kafka", "tail", "flows", "--bootstrap", "localhost").code()).isEqualTo(ExitCode.USAGE);
        assertThat(s4fctl("kafka", "tail", "flows", "--max", "-1").code()).isEqualTo(ExitCode.USAGE);
        assertThat(s4fctl("kafka", "tail", "flows", "--timeout", "0").code()).isEqualTo(ExitCode.USAGE);
        CliRun noTopic = s4fctl("kafka", "tail");
        assertThat(noTopic.code()).isEqualTo(ExitCode.USAGE);
        assertThat(noTopic.errLines()).last().isEqualTo("Try s4fctl kafka tail --help");
    }

    @Test
    void badRunArgumentsAreUsageErrors(@TempDir Path dir) {
        assertThat(s4fctl("kafka", "run", "--heap", "lots", "--data", dir.toString()).code()).isEqualTo(ExitCode.USAGE);
        assertThat(s4fctl("kafka", "run", "--port", "70000", "--data", dir.toString()).code()).isEqualTo(ExitCode.USAGE);
        assertThat(s4fctl("kafka", "run", "--partitions", "0", "--data", dir.toString()).code()).isEqualTo(ExitCode.USAGE);
        var anyAddress = s4fctl("kafka", "run", "--host", "0.0.0.0", "--data", dir.toString());
        assertThat(anyAddress.code()).isEqualTo(ExitCode.USAGE);
        assertThat(anyAddress.err()).contains("--host: '0.0.0.0' is not an address clients can reach");
    }
}
