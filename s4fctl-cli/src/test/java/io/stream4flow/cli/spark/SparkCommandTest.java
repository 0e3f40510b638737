package io.stream4flow.cli.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.S4fctl;
import io.stream4flow.cli.stack.ServiceProcess;
import io.stream4flow.cli.stack.StackFixture;
import io.stream4flow.localstack.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl spark home|master|worker}: the Spark home of the jobs' own jars, and Spark's Master and a Worker run
 * through s4fctl (each s4fctl a process here, as a service manager would run it) that find each other and stop with
 * their s4fctl.
 */
@Tag("slow")
class SparkCommandTest {
    @Test
    void homeLinksTheJobsSparkJarsButNotTheJobsJar(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("spark");
        try {
            assembleTwice(home);
        } finally {
            unlinkJars(home);
        }
    }

    private static void assembleTwice(Path home) throws Exception {
        CliRun run = CliRun.s4fctl("spark", "home", home.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.errLines()).singleElement().asString().startsWith("spark home " + home + ": ")
                .contains(" jars; Spark 3.5.", "(Scala 2.12)");
        List<String> jars;
        try (Stream<Path> files = Files.list(home.resolve("jars"))) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(j -> j.matches("spark-core_2\\.12-3\\.5\\.\\d+\\.jar"))
                .anyMatch(j -> j.startsWith("spark-sql-kafka-0-10_2.12-")).noneMatch(j -> j.startsWith("cluster-"));
        assertThat(home.resolve("jars").resolve(jars.get(0))).isSymbolicLink().isRegularFile();
        assertThat(home.resolve("conf")).isDirectory();
        assertThat(Files.readString(home.resolve("RELEASE"), StandardCharsets.UTF_8)).startsWith("Spark 3.5.");

        // again: the links are replaced, not duplicated
        assertThat(CliRun.s4fctl("spark", "home", home.toString()).code()).isZero();
        try (Stream<Path> files = Files.list(home.resolve("jars"))) {
            assertThat(files.count()).isEqualTo(jars.size());
        }
    }

    @Test
    void homeRefusesADirectoryWhoseJarsAreNotItsLinks(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("jars"));
        Files.writeString(other.resolve("jars").resolve("spark-core_2.12-3.5.1.jar"), "a real file");
        CliRun run = CliRun.s4fctl("spark", "home", other.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.errLines()).singleElement().asString().startsWith("s4fctl: " + other.resolve("jars")
                + " holds files that are not links");
        assertThat(other.resolve("jars").resolve("spark-core_2.12-3.5.1.jar")).hasContent("a real file");
    }

    @Test
    void masterAndWorkerFindEachOtherAndStopWithTheirS4fctl(@TempDir Path dir) throws Exception {
        int port = LoopbackPorts.tcp();
        int ui = LoopbackPorts.tcp();
        Process master = s4fctlProcess(dir.resolve("master.log"), "spark", "master", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(ui), "--home", dir.toString());
        Process worker = null;
        try {
            JsonNode state = StackFixture.await(() -> MasterUi.state(ui), s -> s.path("status").asText()
                    .equals("ALIVE"), Duration.ofSeconds(90));
            assertThat(state.path("status").asText()).as(log(dir, "master")).isEqualTo("ALIVE");
            assertThat(dir.resolve("spark").resolve("RELEASE")).as("the master assembled <home>/spark").isRegularFile();

            worker = s4fctlProcess(dir.resolve("worker.log"), "spark", "worker", "spark://127.0.0.1:" + port,
                    "--spark-home", dir.resolve("spark").toString(), "--cores", "1", "--memory", "512m",
                    "--work-dir", dir.resolve("work").toString(), "--webui-port", Integer.toString(LoopbackPorts
                            .tcp()), "--home", dir.toString());
            state = StackFixture.await(() -> MasterUi.state(ui), s -> s.path("aliveworkers").asInt() == 1,
                    Duration.ofSeconds(90));
            assertThat(state.path("aliveworkers").asInt()).as(log(dir, "worker")).isEqualTo(1);
            assertThat(state.path("workers").get(0).path("cores").asInt()).isEqualTo(1);
            assertThat(state.path("workers").get(0).path("memory").asInt()).isEqualTo(512);

            List<ProcessHandle> spark = new ArrayList<>();
            master.descendants().forEach(spark::add);
            worker.descendants().forEach(spark::add);
            assertThat(spark).hasSize(2);
            for (Process p : List.of(worker, master)) {
                p.destroy();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(log(dir, p == master ? "master" : "worker")).isIn(0, 143);
            }
            for (ProcessHandle h : spark) {
                h.onExit().get(10, TimeUnit.SECONDS);
                assertThat(h.isAlive()).isFalse();
            }
            assertThat(Files.readString(dir.resolve("master.log"))).contains("spark master: started (pid ",
                    "I have been elected leader");
        } finally {
            for (Process p : worker == null ? List.of(master) : List.of(worker, master)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            unlinkJars(dir.resolve("spark"));
        }
    }

    /** Removes the home's links into the Maven repository before the temporary directory goes (quietly). */
    private static void unlinkJars(Path home) throws java.io.IOException {
        if (Files.isDirectory(home.resolve("jars"))) {
            try (Stream<Path> links = Files.list(home.resolve("jars"))) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    private static Process s4fctlProcess(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), S4fctl.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }


    private static String log(Path dir, String name) {
        try {
            return name + " log:\n" + Files.readString(dir.resolve(name + ".log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
