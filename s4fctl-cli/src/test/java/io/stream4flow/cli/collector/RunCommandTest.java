package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.collector.config.CollectorConfigLoader;
import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl collector run} in-process: configuration errors, {@code --check}, and addresses
 * that cannot be bound. Running until SIGTERM is {@link CollectorRunIntegrationTest}'s.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    /** A config file that keeps state out of the home directory. */
    Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("collector.yaml"), "state: {dir: " + dir.resolve("state") + "}\n" + yaml);
    }

    @Test
    void aBadListenFlagIsAUsageErrorNamingIt() throws IOException {
        CliRun r = s4fctl("collector", "run", "--config", config("").toString(),
                "--listen", "udp://127.0.0.1:0", "--listen", "udp//x");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("s4fctl: --listen: 'udp//x' is not udp://HOST:PORT or tcp://HOST:PORT");
    }

    @Test
    void anUnknownConfigKeyIsAUsageErrorNamingIt() throws IOException {
        Path file = config("ring:\n  sise: 8192\n");

        CliRun r = s4fctl("collector", "run", "--config", file.toString());

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("s4fctl: " + file + ": unknown key 'ring.sise' (known: size, slot-bytes, wait)");
    }

    @Test
    void aBadConfigValueIsAUsageErrorNamingTheKey() throws IOException {
        Path file = config("listen: [udp://0.0.0.0:4739, udp//x]\n");

        CliRun r = s4fctl("collector", "run", "--config", file.toString());

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly(
                "s4fctl: " + file + ": listen[1]: 'udp//x' is not udp://HOST:PORT or tcp://HOST:PORT");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        CliRun r = s4fctl("collector", "run", "--config", dir.resolve("none.yaml").toString());

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).first().isEqualTo("s4fctl: no such file: " + dir.resolve("none.yaml"));
    }

    @Test
    void checkPrintsTheSettingsWithTheFlagsOverTheFile() throws IOException {
        Path file = config("listen: [udp://0.0.0.0:4739]\nring: {size: 1024, wait: yielding}\nmetrics: off\n");

        CliRun r = s4fctl("collector", "run", "--config", file.toString(), "--check",
                "--listen", "udp://127.0.0.1:9995", "--listen", "tcp://127.0.0.1:4739", "--output", "null",
                "--metrics", "127.0.0.1:9100", "--allow", "10.0.0.0/8", "--stats-json", dir.resolve("s.json").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        CollectorConfig printed = CollectorConfigLoader.parse("stdout", r.out(), dir);
        assertThat(printed.listeners()).containsExactly(URI.create("udp://127.0.0.1:9995"), URI.create("tcp://127.0.0.1:4739"));
        assertThat(printed.ringSize()).isEqualTo(1024);
        assertThat(r.out()).contains("  wait: yielding\n");
        assertThat(printed.output()).isEqualTo(URI.create("null"));
        assertThat(printed.metricsListen()).isEqualTo("127.0.0.1:9100");
        assertThat(printed.allowlist()).containsExactly("10.0.0.0/8");
        assertThat(printed.statsJson()).isEqualTo(dir.resolve("s.json"));
        assertThat(printed.stateDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void aUdpPortInUseIsExitThreeNamingIt() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String listener = "udp://127.0.0.1:" + taken.getLocalPort();

            CliRun r = s4fctl("collector", "run", "--config", config("").toString(), "--listen", listener,
                    "--metrics", "off", "--output", "null");

            assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.errLines()).last().asString().startsWith("s4fctl: ").contains(listener);
        }
    }

    @Test
    void aTcpPortInUseIsExitThreeNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String listener = "tcp://127.0.0.1:" + taken.getLocalPort();

            CliRun r = s4fctl("collector", "run", "--config", config("").toString(), "--listen", "udp://127.0.0.1:0",
                    "--listen", listener, "--metrics", "off", "--output", "null");

            assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.errLines()).last().asString().contains(listener);
        }
    }

    @Test
    void aMetricsPortInUseIsExitThreeNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String metrics = "127.0.0.1:" + taken.getLocalPort();

            CliRun r = s4fctl("collector", "run", "--config", config("").toString(), "--listen", "udp://127.0.0.1:0",
                    "--metrics", metrics, "--output", "null");

            assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
            assertThat(r.errLines()).last().asString().contains(metrics);
        }
    }

    @Test
    void helpNamesTheFlagsAndTheExitCodes() {
        CliRun r = s4fctl("collector", "run", "--help");

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("--config=FILE", "--listen=URI", "--output=URI", "--stats-json=PATH",
                "--metrics=HOST:PORT|off", "--allow=CIDR", "--check", "Exit codes:", "address in use");
    }
}
