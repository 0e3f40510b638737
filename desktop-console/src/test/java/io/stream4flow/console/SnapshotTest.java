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
 * {@code s4f-console --snapshot DIR} in a child JVM, as {@code s4fctl console --snapshot} runs it, on the tests'
 * Kafka and Elasticsearch: one PNG per view, each of them a rendered window (many colours, not a blank image), and
 * an exit code that says whether every view got its data. The collector's metrics endpoint and the flows topic are
 * absent here, so the dashboard and the flows behind the alert have none: exit 1, naming them.
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
class SnapshotTest {
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
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ConsoleMain.class.getName(),
                "--snapshot", dir.toString(), "--snapshot-timeout", "8", "--home", tmp.resolve("home").toString(),
                "--bootstrap", KafkaExtension.bootstrapServers(), "--es", ElasticsearchExtension.httpUrl(),
                "--metrics", "127.0.0.1:1", "--alerts-topic", topic));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the snapshot run did not end in 180 s; stderr:\n" + Files.readString(err));
        }
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
