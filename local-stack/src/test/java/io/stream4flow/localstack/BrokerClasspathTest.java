package io.stream4flow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClasspathTest {

    @TempDir
    Path dir;

    @Test
    void resolvesEntriesInTheFirstRepositoryHoldingThemAll() throws IOException {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Path complete = Files.createDirectories(dir.resolve("complete"));
        touch(partial.resolve("a/a-1.jar"));
        touch(complete.resolve("a/a-1.jar"));
        touch(complete.resolve("b/b-1.jar"));

        List<Path> jars = BrokerClasspath.inRepositories("M2_REPO/a/a-1.jar:M2_REPO/b/b-1.jar\n",
                List.of(partial, complete));

        assertThat(jars).containsExactly(complete.resolve("a/a-1.jar"), complete.resolve("b/b-1.jar"));
    }

    @Test
    void missingJarsGiveTheCommandThatDownloadsThem() throws IOException {
        touch(dir.resolve("a/a-1.jar"));

        assertThatThrownBy(() -> BrokerClasspath.inRepositories("M2_REPO/a/a-1.jar:M2_REPO/b/b-1.jar", List.of(dir)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Kafka broker jars not found: 1 of 2")
                .hasMessageContaining(dir.resolve("b/b-1.jar").toString())
                .hasMessageContaining("mvn -pl local-stack -am install -DskipTests");
    }

    @Test
    void theBuiltClasspathNamesTheBrokerAndABinding() {
        List<Path> jars = BrokerClasspath.resolve();

        assertThat(jars).anyMatch(j -> j.getFileName().toString().startsWith("kafka_2.13-"))
                .anyMatch(j -> j.getFileName().toString().startsWith("slf4j-simple-"))
                .noneMatch(j -> j.toString().contains("junit"));
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
    }
}
