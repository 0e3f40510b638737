package io.stream4flow.bench.stack;

import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The throughput part for one record format, on a stack of its own (a fresh home: an empty topic, no checkpoints)
 * whose collector and jobs use that format: the topic {@code flows} filled with {@code n} records
 * ({@link JobsThroughput#fill}), Spark's bare read of it ({@link BareRead}), then the default jobs over it
 * ({@link JobsThroughput#run}), all on the same records.
 *
 * @param format the records' encoding
 * @param records records written
 * @param valueBytes the records' values, uncompressed
 * @param logBytes the topic's log segments on the broker's disk (lz4-compressed batches)
 * @param read Spark's bare read of the topic
 * @param jobs the default jobs' rate
 */
record FormatThroughput(RecordFormat format, long records, long valueBytes, long logBytes, BareRead read,
        JobsThroughput.Result jobs) {

    /** Measures on {@code stack}, whose Kafka and Elasticsearch run and whose topic {@code flows} is empty. */
    static FormatThroughput measure(LocalStack stack, long n) throws Exception {
        RecordFormat format = stack.settings().flowsFormat();
        long t0 = System.nanoTime();
        long valueBytes = JobsThroughput.fill(stack.settings().kafkaBootstrap(), n, format);
        StackBench.log(String.format(Locale.ROOT, "throughput, %s: %d flows (%.1f MB) written to Kafka in %.1f s",
                format.uriName(), n, valueBytes / 1e6, StackBench.since(t0).toMillis() / 1000.0));
        long logBytes = topicLogBytes(stack);
        BareRead read = BareRead.run(stack);
        if (read.parseRows() != n || (format == RecordFormat.JSON && read.rows() != n)) {
            throw new IllegalStateException("the bare read saw " + read.rows() + " messages and " + read.parseRows()
                    + " records, not the " + n + " written");
        }
        StackBench.log(String.format(Locale.ROOT, "throughput, %s: bare read %.0f records/s (%d messages), read+parse "
                + "%.0f records/s", format.uriName(), read.readRate(), read.rows(), read.parseRate()));
        JobsThroughput.Result jobs = JobsThroughput.run(stack, n, read.rows());
        StackBench.log(jobs.line());
        return new FormatThroughput(format, n, valueBytes, logBytes, read, jobs);
    }

    /** The sizes of the {@code *.log} segment files of every partition of {@code flows} on the stack's broker. */
    private static long topicLogBytes(LocalStack stack) {
        Path data = stack.home().kafka().resolve("data");
        try (Stream<Path> partitions = Files.list(data)) {
            long total = 0;
            for (Path partition : partitions.filter(p -> p.getFileName().toString().startsWith(Topics.FLOWS + "-"))
                    .toList()) {
                try (Stream<Path> files = Files.list(partition)) {
                    for (Path segment : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                        total += Files.size(segment);
                    }
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size the topic's log in " + data, e);
        }
    }

    /**
     * The table of the report: one row per format, each with its jobs' rate over nfdump's statistics on the same
     * flows ({@link NfdumpReference}), then nfdump's line, or {@code noNfdump} (why it did not run).
     */
    static String table(List<FormatThroughput> runs, Optional<NfdumpReference> nfdump, String noNfdump) {
        StringBuilder t = new StringBuilder("jobs throughput and Spark's bare read of the topic on local[2] (the read, "
                + "the read+parse and the jobs over the same records of each format):\n");
        t.append("| format | topic fill | bytes/record (value; on disk) | bare read | read+parse (flows view) "
                + "| default jobs sustained | jobs / bare read | jobs / read+parse | jobs / nfdump (goal "
                + NfdumpReference.GOAL + ") |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FormatThroughput r : runs) {
            t.append(String.format(Locale.ROOT, "| %s | %,d records, %.1f MB (%.1f MB on disk) | %.0f; %.0f "
                    + "| %,.0f records/s (%,d messages) | %,.0f records/s | %,.0f flows/s | %.2f | %.2f | %s |%n",
                    r.format.uriName(), r.records, r.valueBytes / 1e6, r.logBytes / 1e6,
                    (double) r.valueBytes / r.records, (double) r.logBytes / r.records, r.read.readRate(),
                    r.read.rows(), r.read.parseRate(), r.jobs.flowsPerSecond(), r.jobs.flowsPerSecond() / r.read.readRate(),
                    r.jobs.flowsPerSecond() / r.read.parseRate(), nfdump.map(ref -> String.format(Locale.ROOT,
                            "%.2g", r.jobs.flowsPerSecond() / ref.flowsPerSecond())).orElse("n/a")));
        }
        nfdump.ifPresentOrElse(ref -> {
            t.append(ref.line()).append('\n');
            runs.forEach(r -> t.append(ref.against(r.format.uriName(), r.jobs.flowsPerSecond())).append('\n'));
        }, () -> t.append("nfdump statistics (1 core): not measured: ").append(noNfdump).append('\n'));
        t.append("sum of the flows view's bytes:");
        runs.forEach(r -> t.append(' ').append(r.format.uriName()).append(' ').append(r.read.bytesSum()));
        return t.append(" (the same flows in every format: the sums are equal when the views agree)").toString();
    }
}
