package io.stream4flow.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.stack.StackFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the tests of {@code s4fctl job} on a running stack share: runs in its home, one job's status and files. */
final class JobRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackFixture fixture;
    private final String job;

    JobRuns(StackFixture fixture, String job) {
        this.fixture = fixture;
        this.job = job;
    }

    /** {@code s4fctl args... --home HOME}. */
    CliRun s4fctl(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--home", fixture.home().toString()))
                .toArray(String[]::new);
        return CliRun.s4fctl(all);
    }

    /** The job's object of {@code job status NAME --output json}. */
    JsonNode status() throws Exception {
        CliRun run = s4fctl("job", "status", job, "--output", "json");
        assertThat(run.code()).as(run.err()).isZero();
        return JSON.readTree(run.out()).path("jobs").get(0);
    }

    /** {@code <home>/jobs/NAME}. */
    Path dir() {
        return fixture.home().resolve("jobs").resolve(job);
    }

    /** The batch ids of the offsets log in the job's checkpoint. */
    List<Long> offsets() throws Exception {
        try (Stream<Path> files = Files.list(dir().resolve("checkpoints").resolve(job).resolve("offsets"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .sorted().toList();
        }
    }

    /** The element of {@code array} whose {@code name} is {@code name}. */
    static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }
}
