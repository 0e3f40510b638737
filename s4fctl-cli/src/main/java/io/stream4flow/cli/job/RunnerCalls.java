package io.stream4flow.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.cli.stack.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The short runs of the job runner ({@code io.stream4flow.cluster.runner.JobRunner}) in a JVM of its own that
 * answer before a job starts: {@code --list-jobs} (the catalog as JSON: this CLI does not have the jobs' classes,
 * so the catalog always comes from the same jar the jobs run from) and {@code --check} (the runner's own validation
 * of the jobs, parameters and SQL, so a bad one is refused before anything is detached).
 *
 * <p>Their output goes to files in {@code dir}, which also holds the driver's argument file.
 */
final class RunnerCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAP = "512m";
    private static final long TIMEOUT_SECONDS = 180;

    private final Path dir;

    RunnerCalls(Path dir) {
        this.dir = dir;
    }

    /** The catalog's jobs, in catalog order, each with stopped status (the caller fills it in). */
    List<JobInfo> catalog() {
        Result r = run(List.of("--list-jobs"));
        if (r.code != 0) {
            throw new JobException(JobException.Reason.FAILED, "the job runner could not list its jobs (exit "
                    + r.code + "): " + lastLine(r.err));
        }
        String doc = r.out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        try {
            List<JobInfo> jobs = new ArrayList<>();
            for (JsonNode j : JSON.readTree(doc).path("jobs")) {
                List<JobInfo.Parameter> params = new ArrayList<>();
                for (JsonNode p : j.path("parameters")) {
                    params.add(new JobInfo.Parameter(p.path("name").asText(), p.path("type").asText(),
                            p.path("default").isNull() ? null : p.path("default").asText(),
                            p.path("required").asBoolean(), p.path("description").asText()));
                }
                jobs.add(new JobInfo(j.path("name").asText(), "catalog", j.path("description").asText(),
                        j.path("output").asText(), j.path("default").asBoolean(), params, null));
            }
            if (jobs.isEmpty()) {
                throw new IOException("no jobs in its answer");
            }
            return jobs;
        } catch (IOException e) {
            throw new JobException(JobException.Reason.FAILED, "the job runner's catalog could not be read: "
                    + e.getMessage());
        }
    }

    /**
     * Runs the runner with {@code arguments} and {@code --check}.
     *
     * @throws JobException {@code USAGE} with the runner's one-line message when it refuses them
     */
    void check(List<String> arguments) {
        List<String> args = new ArrayList<>(arguments);
        args.add("--check");
        Result r = run(args);
        if (r.code == 2) {
            String line = r.err.lines().filter(l -> l.startsWith("s4f-cluster: ")).reduce((a, b) -> b)
                    .map(l -> l.substring("s4f-cluster: ".length())).orElse(lastLine(r.err));
            throw new JobException(JobException.Reason.USAGE, line);
        }
        if (r.code != 0) {
            throw new JobException(JobException.Reason.FAILED, "the job runner failed to check the job (exit " + r.code
                    + "): " + lastLine(r.err));
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> arguments) {
        List<String> command = ClusterDriver.command(dir, HEAP, arguments);
        Path out = dir.resolve("runner.out");
        Path err = dir.resolve("runner.err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process p = pb.start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new JobException(JobException.Reason.FAILED, "the job runner did not answer within "
                            + TIMEOUT_SECONDS + " s (" + String.join(" ", arguments) + ")");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new JobException(JobException.Reason.FAILED, "interrupted while the job runner checked the job");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new JobException(JobException.Reason.FAILED, "cannot run the job runner (" + ServiceProcess
                    .javaExecutable() + "): " + e.getMessage());
        }
    }

    private static String lastLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)");
    }
}
