package io.stream4flow.cli.kafka;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.S4fctl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl kafka run} as a real process: it starts a broker (a second child JVM) on a free
 * port, announces it, refuses a second broker on its data directory, serves a message produced
 * and tailed through it, and on SIGTERM stops the broker and exits 0. Tagged {@code kafka} like the tests on the shared broker.
 */
@Tag("kafka")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaRunIntegrationTest {

    @Test
    void servesUntilSigtermThenStopsTheBrokerAndExitsZero(@TempDir Path dir) throws Exception {
        int port = KafkaTestClients.freePort();
        Path data = dir.resolve("kafka");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                S4fctl.class.getName(), "kafka", "run", "--port", Integer.toString(port), "--data", data.toString(),
                "--heap", "256m")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> err = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))
                .lines().forEach(err::add), "kafka-run-stderr");
        reader.setDaemon(true);
        reader.start();
        String bootstrap = "127.0.0.1:" + port;
        try {
            String expected = "kafka listening on " + bootstrap + " (data: " + data + ", log: "
                    + data.resolve("kafka.log") + ")";
            for (int i = 0; i < 1200 && !err.contains(expected) && p.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(err).as("stderr of kafka run").containsExactly(expected);
            // kafka.pid: the pid, then the port, one per line
            long brokerPid = Long.parseLong(Files.readAllLines(data.resolve("kafka.pid")).get(0).strip());

            CliRun second = s4fctl("kafka", "run", "--port", "0", "--data", data.toString());
            assertThat(second.code()).isEqualTo(ExitCode.FAILURE);
            assertThat(second.errLines()).containsExactly("s4fctl: a Kafka broker (pid " + brokerPid
                    + ") already runs on " + data + ": stop it, or give another --data");

            KafkaTestClients.produce(bootstrap, "flows", List.of("{\"hello\":\"kafka run\"}"));
            CliRun flows = s4fctl("kafka", "tail", "flows", "--bootstrap", bootstrap, "--from-beginning",
                    "--max", "1", "--timeout", "10");
            assertThat(flows.code()).as(flows.err()).isEqualTo(ExitCode.OK);
            assertThat(flows.lines()).containsExactly("{\"hello\":\"kafka run\"}");
            CliRun alerts = s4fctl("kafka", "tail", "alerts", "--bootstrap", bootstrap, "--from-beginning",
                    "--timeout", "0.2");
            assertThat(alerts.code()).as("alerts exists, empty: " + alerts.err()).isEqualTo(ExitCode.OK);
            assertThat(alerts.lines()).isEmpty();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(ExitCode.OK);
            assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).as("the broker stopped").isEmpty();
            assertThat(data.resolve("kafka.pid")).doesNotExist();
            assertThat(Files.readString(data.resolve("kafka.log"))).contains("shut down completed");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsOneLineNamingItAndExitThree(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = s4fctl("kafka", "run", "--port", Integer.toString(taken.getLocalPort()),
                    "--data", dir.toString());

            assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).startsWith("s4fctl: Kafka broker cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use");
        }
    }
}
