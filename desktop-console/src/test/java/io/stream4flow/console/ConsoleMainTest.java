package io.stream4flow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.console.alerts.Alerts;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's launcher in a child JVM: bad arguments are one line and exit 2 before any window opens, and
 * {@code s4f-console --snapshot DIR}, as {@code s4fctl console --snapshot} runs it, on the tests'
 * Kafka and Elasticsearch: one PNG per view, each of them a rendered window (many colours, not a blank image), and
 * an exit code that says whether every view got its data. The collector's metrics endpoint and the flows topic are
 * absent here, so the dashboard and the flows behind the alert have none: exit 1, naming them.
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
class ConsoleMainTest {
    private static final List<String> VIEWS =
            List.of("alerts", "alert-details", "history", "dashboard", "host-profile", "jobs");

    @Test
    void writesOnePictureWithContentPerViewAndNamesTheViewsWithoutData(@TempDir Path tmp) throws Exception {
        ConsoleFixture.index();
        String topic = KafkaExtension.createTopic("snapshot-alerts", 1);
        try (KafkaProducer<byte[], byte[]> producer = ConsoleFixture.producer()) {
            // its target has a profile in the fixture, so the host-profile picture has one to show
            ConsoleFixture.produce(producer, topic, Alerts.json("snap-1", "ssh_bruteforce", "high", "10.30.0.9",
                    ConsoleFixture.HOST, 22, 80, Instant.now()));
        }
        Path dir = tmp.resolve("pictures");
        Process p = console(tmp, "--snapshot", dir.toString(), "--snapshot-timeout", "8",
                "--home", tmp.resolve("home").toString(), "--bootstrap", KafkaExtension.bootstrapServers(),
                "--es", ElasticsearchExtension.httpUrl(), "--metrics", "127.0.0.1:1", "--alerts-topic", topic);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr).contains("no data in time for alert-details, dashboard");
        for (String view : VIEWS) {
            Path png = dir.resolve(view + ".png");
            assertThat(png).as(view).exists();
            assertThat(Files.readString(out)).contains(png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as(view).isGreaterThanOrEqualTo(1000);
            assertThat(image.getHeight()).as(view).isGreaterThanOrEqualTo(600);
            assertThat(colours(image)).as("distinct colours in %s", view).isGreaterThan(50);
        }
        // the views differ: each picture shows its own view, not the same window six times
        Set<Integer> fingerprints = new HashSet<>();
        for (String view : VIEWS) {
            fingerprints.add(java.util.Arrays.hashCode(Files.readAllBytes(dir.resolve(view + ".png"))));
        }
        assertThat(fingerprints).hasSize(VIEWS.size());
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        String[][] cases = {
            {"--alerts-cap", "0"},
            {"--es", "ftp://somewhere", "--home", tmp.resolve("home").toString()},
            {"--no-such-option"},
        };
        for (String[] args : cases) {
            Process p = console(tmp, args);
            String stderr = Files.readString(tmp.resolve("stderr")).strip();
            assertThat(p.exitValue()).as(String.join(" ", args) + ": " + stderr).isEqualTo(2);
            assertThat(stderr).as(String.join(" ", args)).startsWith("s4f-console: ").doesNotContain("\n")
                    .doesNotContain("Exception");
        }
        assertThat(Files.readString(tmp.resolve("stderr"))).contains("--no-such-option");
    }

    /** {@code s4f-console args...} in a child JVM on this test's class path, waited for (at most 180 s). */
    private static Process console(Path tmp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ConsoleMain.class.getName()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("s4f-console " + String.join(" ", args) + " did not end in 180 s; stderr:\n"
                    + Files.readString(err));
        }
        return p;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
