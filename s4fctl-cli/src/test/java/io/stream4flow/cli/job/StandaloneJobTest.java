package io.stream4flow.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.spark.MasterUi;
import io.stream4flow.cli.spark.SparkStandalone;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.Logs;
import io.stream4flow.cli.stack.ServiceProcess;
import io.stream4flow.cli.stack.StackFixture;
import io.stream4flow.localstack.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code s4fctl job start NAME --master spark://...} on a real Spark standalone cluster: Spark's own {@code Master}
 * and {@code Worker} in JVMs of their own on a Spark home assembled from the Maven artifacts
 * ({@link SparkStandalone}), the local stack's Kafka and Elasticsearch fed by the demo traffic. The job ({@code topn})
 * registers on the master, runs its tasks in an executor the worker launched, writes its documents, stops gracefully
 * (the application finishes on the master) and resumes from its checkpoint on a second start; a master that does not
 * answer is one line and exit 3.
 */
@Tag("slow")
@Tag("stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneJobTest {
    private static final String JOB = "topn";
    private static final String APP = "stream4flow-" + JOB;
    private static final Duration FIRST_BATCHES = Duration.ofSeconds(240);
    private static final String[] RESOURCES = {"--spark-conf", "spark.cores.max=1", "--spark-conf",
        "spark.executor.memory=512m"};

    private static Path sparkDir;
    private static ServiceProcess master;
    private static ServiceProcess worker;
    private static String masterUrl;
    private static int masterUi;
    private static StackFixture fixture;
    private static JobRuns runs;
    private static long batchAtStop = -1;
    private static String firstApp;

    @BeforeAll
    static void startClusterAndStack() throws Exception {
        sparkDir = Files.createTempDirectory("s4f-standalone-");
        Path sparkHome = SparkStandalone.assembleHome(sparkDir.resolve("spark-home"));
        int port = LoopbackPorts.tcp();
        masterUi = LoopbackPorts.tcp();
        masterUrl = "spark://127.0.0.1:" + port;
        Map<String, String> env = SparkStandalone.environment(sparkHome, "127.0.0.1");
        master = new ServiceProcess("master", sparkDir);
        master.start(SparkStandalone.masterCommand(sparkHome, "127.0.0.1", port, masterUi), env);
        worker = new ServiceProcess("worker", sparkDir);
        worker.start(SparkStandalone.workerCommand(sparkHome, masterUrl, "127.0.0.1", 1, "1g",
                sparkDir.resolve("work"), LoopbackPorts.tcp()), env);

        fixture = StackFixture.start(List.of(), List.of("--job", "protocols"));
        runs = new JobRuns(fixture, JOB);
        fixture.feedDemo(600);
    }

    @AfterAll
    static void stopAll() {
        try {
            if (fixture != null) {
                runs.s4fctl("job", "stop", JOB);
                fixture.stop();
            }
        } finally {
            if (worker != null) {
                worker.stop(Duration.ofSeconds(15));
            }
            if (master != null) {
                master.stop(Duration.ofSeconds(15));
            }
        }
    }

    @Test
    @Order(1)
    void aMasterThatDoesNotAnswerIsOneLineAndExitThree() {
        String nobody = "spark://127.0.0.1:" + LoopbackPorts.tcp();
        CliRun run = runs.s4fctl("job", "start", JOB, "--master", nobody);
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("s4fctl: the Spark master " + nobody + " does not answer (");
        assertThat(run.out()).isEmpty();

        CliRun bad = runs.s4fctl("job", "start", JOB, "--master", "yarn");
        assertThat(bad.code()).as(bad.err()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly("s4fctl: --master: expected local, local[N], local[*] or "
                + "spark://HOST:PORT, got 'yarn'");
    }

    @Test
    @Order(2)
    void aJobOnTheStandaloneMasterRunsItsTasksInAnExecutorOfTheWorker() throws Exception {
        JsonNode cluster = StackFixture.await(() -> MasterUi.state(masterUi), m -> aliveWorkers(m) == 1,
                Duration.ofSeconds(90));
        assertThat(aliveWorkers(cluster)).as("worker registered; worker log:\n" + Logs.tail(worker.logFile(), 30))
                .isEqualTo(1);

        CliRun start = runs.s4fctl(withResources("job", "start", JOB, "--master", masterUrl));
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.err()).startsWith("job topn: started (pid ").contains(" on " + masterUrl + ";");

        JsonNode s = StackFixture.await(runs::status, j -> j.path("state").asText().equals("running")
                && j.path("batch").asLong() >= 2 && j.path("inputRowsPerSecond").asDouble() > 0, FIRST_BATCHES);
        assertThat(s.path("state").asText()).as(s + "\nlog:\n" + Logs.tail(runs.dir().resolve(JOB + ".log"), 40))
                .isEqualTo("running");
        assertThat(s.path("batch").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.path("inputRowsPerSecond").asDouble()).isPositive();
        assertThat(s.path("master").asText()).isEqualTo(masterUrl);

        JsonNode app = JobRuns.find(MasterUi.state(masterUi).path("activeapps"), APP);
        assertThat(app.path("state").asText()).isEqualTo("RUNNING");
        assertThat(app.path("cores").asInt()).isEqualTo(1);
        firstApp = app.path("id").asText();
        Path executorDir = sparkDir.resolve("work").resolve(firstApp);
        assertThat(executorDir).isDirectory();
        List<Path> stderr;
        try (Stream<Path> dirs = Files.list(executorDir)) {
            stderr = dirs.map(d -> d.resolve("stderr")).filter(Files::isRegularFile).toList();
        }
        assertThat(stderr).as("an executor directory app-*/N/ with its stderr").isNotEmpty();
        String executorLog = Files.readString(stderr.get(0), StandardCharsets.UTF_8);
        assertThat(executorLog).contains("Successfully registered with driver", "Finished task");

        List<JsonNode> topn = StackFixture.await(StandaloneJobTest::topnDocuments, d -> !d.isEmpty(),
                Duration.ofSeconds(60));
        assertThat(topn).as("topn documents in s4f-stats-*").isNotEmpty();
        assertThat(topn.get(0).path("src_ip").asText()).isNotEmpty();

        CliRun table = runs.s4fctl("job", "status");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.lines().get(0)).contains("WATERMARK", "MASTER", "MESSAGE");
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches("topn +job +running +\\d+ .*")
                .contains(masterUrl));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches("protocols +up +running +\\d+ .*")
                .contains("local[2]"));
    }

    @Test
    @Order(3)
    void stopIsGracefulAndTheApplicationFinishesOnTheMaster() throws Exception {
        assertThat(firstApp).as("the job ran").isNotNull();
        long pid = runs.status().path("pid").asLong();
        CliRun stop = runs.s4fctl("job", "stop", JOB);
        assertThat(stop.code()).as(stop.err()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        JobsStatus.Job line = JobsStatus.read(runs.dir().resolve(JobsStatus.FILE)).orElseThrow().jobs().get(0);
        assertThat(line.state()).isEqualTo("stopped");
        batchAtStop = line.batch();
        assertThat(batchAtStop).isGreaterThanOrEqualTo(2);
        assertThat(runs.offsets()).contains(batchAtStop);

        JsonNode m = StackFixture.await(() -> MasterUi.state(masterUi), s -> s.path("activeapps").isEmpty()
                && ids(s.path("completedapps")).contains(firstApp), Duration.ofSeconds(30));
        assertThat(m.path("activeapps")).isEmpty();
        assertThat(ids(m.path("completedapps"))).contains(firstApp);
        assertThat(JobRuns.find(m.path("completedapps"), APP).path("state").asText()).isEqualTo("FINISHED");
        assertThat(runs.status().path("state").asText()).isEqualTo("stopped");
        assertThat(runs.status().path("master").asText()).isEqualTo(masterUrl);
    }

    @Test
    @Order(4)
    void startAgainResumesFromTheCheckpointAsANewApplication() throws Exception {
        assertThat(batchAtStop).as("the job was stopped").isGreaterThanOrEqualTo(2);
        CliRun start = runs.s4fctl(withResources("job", "start", JOB, "--master", masterUrl));
        assertThat(start.code()).as(start.err()).isZero();

        JsonNode s = StackFixture.await(runs::status, j -> j.path("batch").asLong() >= 0, FIRST_BATCHES);
        // a job started afresh would count its micro-batches from 0
        assertThat(s.path("state").asText()).as(s.toString()).isEqualTo("running");
        assertThat(s.path("batch").asLong()).isGreaterThan(batchAtStop);
        assertThat(runs.offsets()).contains(batchAtStop, batchAtStop + 1);
        JsonNode app = JobRuns.find(MasterUi.state(masterUi).path("activeapps"), APP);
        assertThat(app.path("id").asText()).isNotEqualTo(firstApp);

        CliRun stop = runs.s4fctl("job", "stop", JOB);
        assertThat(stop.code()).as(stop.err()).isZero();
        JsonNode m = StackFixture.await(() -> MasterUi.state(masterUi), x -> x.path("activeapps").isEmpty(),
                Duration.ofSeconds(30));
        assertThat(ids(m.path("completedapps"))).contains(firstApp, app.path("id").asText());
    }

    // ------------------------------------------------------------------ helpers

    private static String[] withResources(String... args) {
        return Stream.concat(Stream.of(args), Stream.of(RESOURCES)).toArray(String[]::new);
    }




    private static long aliveWorkers(JsonNode masterState) {
        List<JsonNode> alive = new ArrayList<>();
        masterState.path("workers").forEach(w -> {
            if (w.path("state").asText().equals("ALIVE")) {
                alive.add(w);
            }
        });
        return alive.size();
    }

    private static List<String> ids(JsonNode apps) {
        List<String> out = new ArrayList<>();
        apps.forEach(a -> out.add(a.path("id").asText()));
        return out;
    }


    private static List<JsonNode> topnDocuments() throws Exception {
        return fixture.documents("s4f-stats-*").values().stream().filter(d -> d.path("type").asText().equals(JOB))
                .toList();
    }


}
