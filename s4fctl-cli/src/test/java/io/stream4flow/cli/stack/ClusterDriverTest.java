package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's classpath from a folder of deployed jars ({@code -Ds4f.jobs.classpath}, the bundle's jobs.tar). */
class ClusterDriverTest {
    @TempDir
    Path dir;

    @Test
    void theJarsOfTheFolderInNameOrderWhichIsTheClasspathsOrder() throws Exception {
        for (String name : new String[] {"002-kafka-clients-3.4.1.jar", "000-cluster-0.1.jar", "001-spark-sql.jar",
            "README.txt"}) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectory(dir.resolve("003-a-folder.jar"));

        assertThat(ClusterDriver.jarsIn(dir)).containsExactly(dir.resolve("000-cluster-0.1.jar"),
                dir.resolve("001-spark-sql.jar"), dir.resolve("002-kafka-clients-3.4.1.jar"));
    }

    @Test
    void aFolderWithoutJarsOrMissingNamesTheProperty() {
        assertThatThrownBy(() -> ClusterDriver.jarsIn(dir)).isInstanceOf(StackException.class)
                .hasMessage("-Ds4f.jobs.classpath=" + dir + ": no jars in it");
        assertThatThrownBy(() -> ClusterDriver.jarsIn(dir.resolve("gone"))).isInstanceOf(StackException.class)
                .hasMessageStartingWith("-Ds4f.jobs.classpath=" + dir.resolve("gone") + ": cannot list it");
    }
}
