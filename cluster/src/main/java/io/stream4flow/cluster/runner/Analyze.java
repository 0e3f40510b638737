package io.stream4flow.cluster.runner;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The analyses over recorded flows, as a Spark local batch: the same {@code apply} and {@code documents} of each job
 * as the streaming queries run, on event time, over a file of flow JSON lines (what {@code s4fctl analyze} decodes
 * from captures, raw payloads and the collector's Avro files). Writes the documents the streaming jobs would have
 * written (their Elasticsearch shape, one JSON document per line), job after job in catalog order, each job's in the
 * order of their daily index, then id. Exit codes: 0 done, 1 failed, 2 bad options.
 */
@Command(name = "s4f-analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the analyses as a batch over a file of flow JSON lines and writes their documents.")
public final class Analyze implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "flow JSON lines")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "PATH", description = "documents, one JSON per line")
    Path output;
    @Option(names = "--job", description = "job to run, repeatable (default: every job its parameters allow)")
    List<String> jobs = new ArrayList<>();
    @Option(names = "--param", description = "job.key=value, repeatable (e.g. portscan.min-targets=50)")
    List<String> params = new ArrayList<>();
    @Option(names = "--local-net", description = "local network CIDRs (comma-separated) for the jobs that take one")
    String localNet;
    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master")
    String master;
    @Option(names = "--progress", paramLabel = "PATH", description = "rewritten as 'DONE TOTAL' (jobs) once the plan "
            + "is made and after each job, for the caller's progress bar")
    Path progress;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Analyze()).execute(args));
    }

    @Override
    public Integer call() {
        Map<JobDefinition, JobParams> plan;
        try {
            JobCatalog catalog = JobCatalog.builtIn();
            plan = JobPlan.of(catalog, jobs, params, localNet, JobPlan.allRunnable(catalog, localNet));
        } catch (IllegalArgumentException e) {
            new PrintWriter(System.err, true).println("s4f-analyze: " + e.getMessage());
            return 2;
        }
        SparkSession spark = RunnerSpark.session(master, 2);
        spark.sparkContext().setLogLevel("WARN");
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            Dataset<Row> lines = spark.read().text(input.toString()).cache();
            int done = 0;
            progress(done, plan.size());
            for (Map.Entry<JobDefinition, JobParams> e : plan.entrySet()) {
                for (String doc : documents(lines, e.getKey(), e.getValue())) {
                    out.write(doc);
                    out.write('\n');
                }
                progress(++done, plan.size());
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        } finally {
            spark.stop();
        }
    }

    /** Replaces the progress file (when there is one) by {@code done total}, whole: written beside it, then moved. */
    private void progress(int done, int total) throws IOException {
        if (progress == null) {
            return;
        }
        Path next = progress.resolveSibling(progress.getFileName() + ".next");
        Files.writeString(next, done + " " + total + "\n", StandardCharsets.UTF_8);
        Files.move(next, progress, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** One job's documents over the flow JSON lines ({@code value}), in daily index and id order. */
    static List<String> documents(Dataset<Row> lines, JobDefinition job, JobParams params) {
        Dataset<Row> view = FlowsView.fromJson(lines, job.fields());
        return job.documents(job.apply(view, params), params)
                .orderBy(col("index"), col("id")).select("json").as(Encoders.STRING()).collectAsList();
    }
}
