package io.stream4flow.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.StackFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code s4fctl job ...} on a real local stack (Kafka, Elasticsearch, the collector and the stack's own runner with
 * only {@code protocols}), fed by the demo traffic: the catalog listed from the runner, refusals as one line and exit
 * 2, and one started job ({@code topn}) that runs with progress, stops gracefully keeping its checkpoint, resumes
 * from it when started again, and is stopped by the stack's stop before the stack's parts.
 */
@Tag("slow")
@Tag("stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "topn";
    private static final Duration FIRST_BATCHES = Duration.ofSeconds(240);

    private static StackFixture fixture;
    private static String home;
    private static JobRuns runs;
    private static long batchAtStop = -1;

    @BeforeAll
    static void startStackAndFeed() throws Exception {
        fixture = StackFixture.start(List.of(), List.of("--job", "protocols"));
        home = fixture.home().toString();
        runs = new JobRuns(fixture, JOB);
        fixture.feedDemo(400);
    }

    @AfterAll
    static void stopAll() {
        if (fixture != null) {
            CliRun.s4fctl("job", "stop", JOB, "--home", home);
            fixture.stop();
        }
    }

    @Test
    @Order(1)
    void listShowsTheCatalogFromTheRunnerAsTableJsonAndCsv() throws Exception {
        CliRun table = s4fctl("job", "list");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.lines().get(0)).startsWith("JOB").contains("DESCRIPTION", "PARAMETERS");
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("portscan ").contains("alerts",
                "horizontal and vertical TCP SYN scans", "min-targets="));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("protocols ").contains("running (up)"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("hosts ").contains("local-net (required)"));

        CliRun json = s4fctl("job", "list", "--output", "json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode jobs = JSON.readTree(json.out()).path("jobs");
        List<String> names = new ArrayList<>();
        jobs.forEach(j -> names.add(j.path("name").asText()));
        assertThat(names).startsWith("protocols", "hosts", "topn", "portscan").contains("ssh_bruteforce", "ddos",
                "pattern_finder").doesNotHaveDuplicates();
        JsonNode portscan = find(jobs, "portscan");
        assertThat(portscan.path("output").asText()).isEqualTo("alerts");
        assertThat(portscan.path("default").asBoolean()).isTrue();
        JsonNode minTargets = find(portscan.path("parameters"), "min-targets");
        assertThat(minTargets.path("type").asText()).isEqualTo("positive_int");
        assertThat(minTargets.path("required").asBoolean()).isFalse();
        assertThat(minTargets.path("default").asText()).matches("\\d+");
        assertThat(minTargets.path("description").asText()).isNotBlank();
        JsonNode localNet = find(find(jobs, "hosts").path("parameters"), "local-net");
        assertThat(localNet.path("required").asBoolean()).isTrue();
        assertThat(localNet.path("default").isNull()).isTrue();
        assertThat(find(jobs, "protocols").path("status").path("origin").asText()).isEqualTo("up");
        assertThat(find(jobs, JOB).path("status").path("state").asText()).isEqualTo("stopped");

        CliRun csv = s4fctl("job", "list", "--output", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.lines().get(0)).isEqualTo("JOB,KIND,OUTPUT,DEFAULT,STATE,DESCRIPTION,PARAMETERS");
        assertThat(csv.lines()).hasSize(names.size() + 1)
                .anySatisfy(l -> assertThat(l).startsWith("portscan,catalog,alerts,yes,stopped,"));
    }

    @Test
    @Order(2)
    void refusalsAreOneLineAndExitTwo() {
        assertRefused(s4fctl("job", "start", "nosuch"), "s4fctl: unknown job nosuch (known: protocols");
        assertRefused(s4fctl("job", "start", "portscan", "--param", "min-targets=zero"),
                "s4fctl: job portscan: parameter min-targets: expected a positive integer");
        assertRefused(s4fctl("job", "start", "portscan", "--param", "no-such-key=1"),
                "s4fctl: job portscan: unknown parameter no-such-key");
        assertRefused(s4fctl("job", "start", "sql", "--name", "talkers", "--query",
                "SELECT no_such_column, count(*) FROM flows GROUP BY no_such_column"), "s4fctl: --sql-query: ");
        assertRefused(s4fctl("job", "start", "sql", "--name", "portscan", "--query", "SELECT src_ip FROM flows"),
                "s4fctl: --sql-name: portscan is the name of a job of the catalog");
        assertRefused(s4fctl("job", "start", "protocols"), "s4fctl: job protocols already runs in the stack's own runner");
        assertRefused(s4fctl("job", "stop", "protocols"), "s4fctl: job protocols runs in the stack's own runner");
        assertRefused(s4fctl("job", "stop", JOB), "s4fctl: no job topn was started");
        assertRefused(s4fctl("job", "status", "nosuch"), "s4fctl: no job nosuch was started");
    }

    @Test
    @Order(3)
    void aStartedJobRunsWithProgressAndASecondInstanceIsRefused() throws Exception {
        CliRun start = s4fctl("job", "start", JOB);
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.err()).startsWith("job topn: started (pid ");

        assertRefused(s4fctl("job", "start", JOB), "s4fctl: job topn already runs (pid ");

        JsonNode s = StackFixture.await(JobCommandTest::status, j -> j.path("state").asText().equals("running")
                && j.path("batch").asLong() >= 2 && j.path("inputRowsPerSecond").asDouble() > 0
                && !j.path("watermark").isNull(), FIRST_BATCHES);
        assertThat(s.path("state").asText()).as(s.toString()).isEqualTo("running");
        assertThat(s.path("origin").asText()).isEqualTo("job");
        assertThat(s.path("pid").asLong()).isPositive();
        assertThat(s.path("batch").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.path("inputRowsPerSecond").asDouble()).isPositive();
        assertThat(s.path("batchMillis").asLong()).isPositive();
        assertThat(s.path("progressMillis").asLong()).isBetween(System.currentTimeMillis() - 60_000,
                System.currentTimeMillis());
        assertThat(s.path("watermark").asText()).matches("20\\d\\d-\\d\\d-\\d\\dT.*Z");

        CliRun table = s4fctl("job", "status");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.lines().get(0)).startsWith("JOB").contains("INPUT/S", "PROCESSED/S", "BATCH_MS",
                "LAST_PROGRESS", "WATERMARK");
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches("topn +job +running +\\d+ .*"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches("protocols +up +running +\\d+ .*"));

        CliRun logs = s4fctl("job", "logs", JOB, "--lines", "200");
        assertThat(logs.code()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("job topn started");
    }

    @Test
    @Order(4)
    void stopIsGracefulAndKeepsTheCheckpoint() throws Exception {
        JsonNode before = status();
        long pid = before.path("pid").asLong();
        CliRun stop = s4fctl("job", "stop", JOB);
        assertThat(stop.code()).as(stop.err()).isZero();
        assertThat(stop.err()).startsWith("job topn: stopped in ").contains("checkpoint kept in");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        // the runner itself wrote "stopped": its shutdown hook stopped the query (a kill would leave "running")
        JobsStatus.Job line = JobsStatus.read(jobDir().resolve(JobsStatus.FILE)).orElseThrow().jobs().get(0);
        assertThat(line.state()).isEqualTo("stopped");
        batchAtStop = line.batch();
        assertThat(batchAtStop).isGreaterThanOrEqualTo(2);
        assertThat(offsets()).as("checkpoint offsets").contains(batchAtStop);

        JsonNode after = status();
        assertThat(after.path("state").asText()).isEqualTo("stopped");
        assertThat(after.path("pid").isNull()).isTrue();
        assertRefused(s4fctl("job", "stop", JOB), "s4fctl: job topn does not run (stopped)");
    }

    @Test
    @Order(5)
    void startAgainResumesFromTheCheckpoint() throws Exception {
        assertThat(batchAtStop).as("the job was stopped").isGreaterThanOrEqualTo(2);
        CliRun start = s4fctl("job", "start", JOB);
        assertThat(start.code()).as(start.err()).isZero();
        CompletableFuture<CliRun> follow = CompletableFuture.supplyAsync(() -> s4fctl("job", "logs", JOB, "--follow",
                "--lines", "1000"));

        JsonNode s = StackFixture.await(JobCommandTest::status, j -> j.path("batch").asLong() >= 0, FIRST_BATCHES);
        // the first micro-batch reported after the restart continues the checkpoint's numbering: a job started
        // afresh would count from 0
        assertThat(s.path("state").asText()).as(s.toString()).isEqualTo("running");
        assertThat(s.path("batch").asLong()).isGreaterThan(batchAtStop);
        assertThat(offsets()).contains(batchAtStop, batchAtStop + 1);

        CliRun stop = s4fctl("job", "stop", JOB);
        assertThat(stop.code()).as(stop.err()).isZero();
        CliRun followed = follow.get(60, TimeUnit.SECONDS);
        assertThat(followed.code()).as(followed.err()).isZero();
        assertThat(followed.out()).contains("job topn started", "query topn stopped");
    }

    @Test
    @Order(6)
    void foregroundWatchesTheJobExitsOneWhenItEndsAndStopsItGracefullyOnSigterm() throws Exception {
        // a job that runs already (a supervisor's restart of s4fctl while the driver lived on) is watched, not refused
        CliRun start = s4fctl("job", "start", JOB);
        assertThat(start.code()).as(start.err()).isZero();
        long driver = status().path("pid").asLong();
        Path err = Files.createTempFile(jobDir(), "foreground", ".err");
        Process watching = foreground(err);
        awaitLine(err, "job topn: runs already (pid " + driver + ")");
        assertThat(watching.isAlive()).isTrue();
        ProcessHandle.of(driver).orElseThrow().destroyForcibly();
        assertThat(watching.waitFor(30, TimeUnit.SECONDS)).as("s4fctl --foreground ends with its job").isTrue();
        assertThat(watching.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err)).contains("job topn: ended by itself (stopped)");

        // started afresh by --foreground; SIGTERM (a supervisor's stop) stops the job gracefully and exits 0
        Process service = foreground(err);
        awaitLine(err, "job topn: started (pid ");
        long restarted = StackFixture.await(JobCommandTest::status, j -> j.path("pid").isNumber(), FIRST_BATCHES)
                .path("pid").asLong();
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("s4fctl --foreground stops on SIGTERM").isTrue();
        assertThat(Files.readString(err)).contains("job topn: stopped; checkpoint kept");
        assertThat(service.exitValue()).as(Files.readString(err)).isZero();
        assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(status().path("state").asText()).isEqualTo("stopped");
        Files.delete(err);
    }

    @Test
    @Order(7)
    void stoppingTheStackStopsTheStartedJobsFirst() throws Exception {
        CliRun start = s4fctl("job", "start", JOB);
        assertThat(start.code()).as(start.err()).isZero();
        long pid = status().path("pid").asLong();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isTrue();

        fixture.stop();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(status().path("state").asText()).isEqualTo("stopped");
        assertThat(offsets()).as("the checkpoint stays").contains(batchAtStop);
    }

    // ------------------------------------------------------------------ helpers

    /** {@code s4fctl job start topn --foreground} in a child JVM, its stderr (appended) to {@code err}. */
    private static Process foreground(Path err) throws Exception {
        return new ProcessBuilder(CliRun.childCommand("job", "start", JOB, "--foreground", "--home", home))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
    }

    private static void awaitLine(Path file, String start) throws Exception {
        StackFixture.await(() -> Files.readString(file), text -> text.lines().anyMatch(l -> l.startsWith(start)),
                Duration.ofSeconds(120));
    }

    private static CliRun s4fctl(String... args) {
        return runs.s4fctl(args);
    }

    private static void assertRefused(CliRun run, String messageStart) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith(messageStart);
        assertThat(run.out()).isEmpty();
    }

    private static JsonNode status() throws Exception {
        return runs.status();
    }

    private static JsonNode find(JsonNode array, String name) {
        return JobRuns.find(array, name);
    }

    private static Path jobDir() {
        return runs.dir();
    }

    /** The batch ids of the offsets log in the job's checkpoint. */
    private static List<Long> offsets() throws Exception {
        return runs.offsets();
    }
}
