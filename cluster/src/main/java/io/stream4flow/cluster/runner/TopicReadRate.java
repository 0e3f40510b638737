package io.stream4flow.cluster.runner;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Spark's bare read of a topic of flow records: the reference the jobs' throughput is compared with (the stack
 * benchmark, benchmarks/README.md). One batch read of the whole topic ({@code spark.read.format("kafka")}, earliest
 * to latest offsets, one task per partition), done twice over:
 * <ul>
 *   <li><b>read</b>: the Kafka source alone, its {@code value}s into Spark's no-op sink, counted (rows and value
 *       bytes);</li>
 *   <li><b>read+parse</b>: the same values through the flows view the jobs read ({@link FlowsView#of} in the
 *       topic's format, without {@code fields} as the default jobs), every column of every row into the no-op sink
 *       (so no column's parse is pruned away), counted (rows and the sum of {@code bytes}).</li>
 * </ul>
 * A batch query rather than a streaming one with the available-now trigger: it is the cost of the source and of
 * the parse alone, without the micro-batch planning, offset and commit logs that the jobs pay besides, so it is the
 * ceiling the jobs' rate is held against. Each is run {@code --rounds} times in a row (the first warms up the JIT and
 * Spark's code generation, as the jobs' first micro-batch does, which their rate leaves out too); the last round
 * counts.
 *
 * <p>Writes {@code --result} (Java properties): {@code read.rows}, {@code read.value-bytes}, {@code read.seconds},
 * {@code parse.rows}, {@code parse.bytes-sum}, {@code parse.seconds}, seconds of the last round. Exit codes: 0
 * done, 1 failed (Spark, or a format other than json and avro), 2 bad options.
 */
@Command(name = "s4f-topic-read-rate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads a topic of flow records once with Spark (source alone, then with the flows view) "
                + "and writes the rates.")
public final class TopicReadRate implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--topic", defaultValue = Topics.FLOWS, description = "topic of flow records")
    String topic;
    @Option(names = "--input-format", defaultValue = "json", paramLabel = "json|avro",
            description = "encoding of the flow records in the topic")
    String inputFormat;
    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master")
    String master;
    @Option(names = "--rounds", defaultValue = "2", description = "reads of each kind; the last one counts")
    int rounds;
    @Option(names = "--result", required = true, paramLabel = "PATH", description = "properties file written")
    Path result;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopicReadRate()).execute(args));
    }

    @Override
    public Integer call() {
        RecordFormat format = RecordFormat.parse(inputFormat);
        SparkSession spark = RunnerSpark.session(master, 2);
        spark.sparkContext().setLogLevel("WARN");
        try {
            Dataset<Row> values = spark.read().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", topic)
                    .option("startingOffsets", "earliest")
                    .option("endingOffsets", "latest")
                    .load().select("value");
            Properties out = new Properties();
            for (int round = 1; round <= Math.max(1, rounds); round++) {
                timed(out, "read", values, count(lit(1)).as("rows"), sum(length(col("value"))).as("value-bytes"));
                timed(out, "parse", FlowsView.of(values, format, FlowsView.Fields.OMITTED),
                        count(lit(1)).as("rows"), sum(col("bytes")).as("bytes-sum"));
                System.out.println("round " + round + ": " + out);
            }
            write(out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * Writes every row of {@code rows} to the no-op sink, observing {@code rowCount} and {@code total}; into
     * {@code out} as {@code name.<metric>} and {@code name.seconds}.
     */
    private static void timed(Properties out, String name, Dataset<Row> rows, Column rowCount, Column total) {
        Observation observed = new Observation(name);
        long t0 = System.nanoTime();
        rows.observe(observed, rowCount, total).write().format("noop").mode("overwrite").save();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> metrics;
        try {
            metrics = observed.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the metrics of " + name, e);
        }
        metrics.forEach((metric, value) -> out.setProperty(name + "." + metric, String.valueOf(value)));
        out.setProperty(name + ".seconds", Double.toString(seconds));
    }

    private void write(Properties out) {
        try {
            Files.createDirectories(result.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(result, StandardCharsets.UTF_8)) {
                out.store(w, "TopicReadRate " + topic + " (" + inputFormat + ") on " + master);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + result, e);
        }
    }
}
