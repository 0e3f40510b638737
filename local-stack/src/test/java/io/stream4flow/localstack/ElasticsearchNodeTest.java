package io.stream4flow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks {@link ElasticsearchNode#start()} makes before it starts anything; no server runs here. */
class ElasticsearchNodeTest {

    @TempDir
    Path dir;

    @Test
    void tooLittleAvailableMemoryIsReportedWithTheNumbers() throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"),
                "MemTotal:        2000000 kB\nMemFree:          100000 kB\nMemAvailable:     600000 kB\n");

        assertThatThrownBy(() -> ElasticsearchConfig.requireMemory(ElasticsearchConfig.heapBytes("512m"), meminfo))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("Not enough memory to start Elasticsearch: it needs about 812 MB (its heap of 512 MB and"
                        + " about 300 MB more) but only 585 MB are available (MemAvailable in " + meminfo
                        + "); free some memory or give a smaller heap(...).");
        ElasticsearchConfig.requireMemory(ElasticsearchConfig.heapBytes("256m"), meminfo);
    }

    @Test
    void heapSizesAreReadLikeXmx() {
        assertThat(ElasticsearchConfig.heapBytes("512m")).isEqualTo(512L << 20);
        assertThat(ElasticsearchConfig.heapBytes("1G")).isEqualTo(1L << 30);
        assertThat(ElasticsearchConfig.heapBytes("65536k")).isEqualTo(64L << 20);
        assertThatThrownBy(() -> ElasticsearchNode.builder().heap("lots"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingJavaIsReported() {
        ElasticsearchNode node = ElasticsearchNode.builder().dataDir(dir).httpPort(0)
                .javaHome(dir.resolve("no-jdk")).build();

        assertThatThrownBy(node::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("Java not found at " + dir.resolve("no-jdk/bin/java"));
    }

    @Test
    void asRootADataDirectoryTheServerUserCannotEnterIsNamed() throws IOException {
        assumeTrue(ServerUser.isRoot(), "only root runs Elasticsearch as another user");
        Path closed = dir; // like /root
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        ElasticsearchNode node = ElasticsearchNode.builder().dataDir(closed.resolve("es")).httpPort(0).build();

        assertThatThrownBy(node::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("runs as the user s4f-elastic")
                .hasMessageContaining("cannot enter " + closed + " (mode rwx------)")
                .hasMessageContaining(ElasticsearchNode.ROOT_HOME);
    }

    @Test
    void theDefaultDataDirectoryOfRootIsOutsideItsHome() {
        Path expected = ServerUser.isRoot() ? Path.of(ElasticsearchNode.ROOT_HOME)
                : Path.of(System.getProperty("user.home"), ".stream4flow", "elasticsearch");
        assertThat(ElasticsearchNode.defaultDataDir()).isEqualTo(expected);
    }
}
