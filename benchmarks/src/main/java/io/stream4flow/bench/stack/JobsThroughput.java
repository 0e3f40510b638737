package io.stream4flow.bench.stack;

import io.stream4flow.schema.Topics;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.collector.live.sink.SinkStats;
import io.stream4flow.collector.live.sink.Sinks;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Flows per second the default jobs sustain on Spark {@code local[2]}: the topic {@code flows} is filled first
 * with {@code n} records exactly as the collector writes them in the stack's format
 * ({@link io.stream4flow.cli.stack.StackSettings#flowsFormat()}: demo traffic, attacks included, decoded and
 * encoded by the collector's own decoder and encoder, 15 minutes of event time: {@link DemoFill}), then the jobs start from the
 * beginning of the topic with at most {@code n / 10} records per micro-batch. The rate counts from the end of
 * every job's first micro-batch (JVM start, Spark warm-up and the first batch excluded) to the moment every job
 * has read all {@code n} records.
 */
final class JobsThroughput {
    private JobsThroughput() {
    }

    /**
     * The jobs' rate over the topic as it is ({@link #fill} it first).
     *
     * @param flowsPerSecond flows each job read per second, all together, after their first micro-batch
     * @param line the report's line: the rate, flows and seconds counted, each job's own rate
     */
    record Result(double flowsPerSecond, String line) {
    }

    /**
     * Starts the jobs on the topic that holds {@code n} flows in {@code messages} messages and waits until every job
     * has read all of them. Spark counts the Kafka source's rows, that is messages (a block of Avro records is one),
     * so progress is read in messages and turned into flows at the topic's own ratio.
     */
    static Result run(LocalStack stack, long n, long messages) throws Exception {
        double flowsPerMessage = (double) n / messages;
        StackBench.start(stack, "jobs");
        long startedAt = System.nanoTime();
        long rowsAtStart = minRows(StackBench.jobsStatus(stack));
        java.util.Map<String, long[]> perJob = new java.util.TreeMap<>(); // job -> {rows at start, done nanos}
        StackBench.jobsStatus(stack).ifPresent(s -> s.jobs().forEach(j -> perJob.put(j.name(),
                new long[] {j.rows(), 0})));
        long deadline = System.nanoTime() + 1_800_000_000_000L;
        while (minRows(StackBench.jobsStatus(stack)) < messages) {
            StackBench.jobsStatus(stack).ifPresent(s -> s.jobs().forEach(j -> {
                long[] p = perJob.get(j.name());
                if (p != null && p[1] == 0 && j.rows() >= messages) {
                    p[1] = System.nanoTime();
                }
            }));
            Optional<String> failed = StackBench.jobsStatus(stack).flatMap(JobsStatus::failure);
            if (failed.isPresent() || System.nanoTime() > deadline) {
                throw new IllegalStateException("jobs did not read the topic: " + failed.orElse("timeout"));
            }
            Thread.sleep(200);
        }
        double seconds = StackBench.since(startedAt).toNanos() / 1e9;
        double flows = (messages - rowsAtStart) * flowsPerMessage;
        double rate = flows / seconds;
        long end = System.nanoTime();
        StringBuilder each = new StringBuilder();
        perJob.forEach((job, p) -> each.append(String.format(Locale.ROOT, " %s %.0f/s;", job,
                (messages - p[0]) * flowsPerMessage / (((p[1] == 0 ? end : p[1]) - startedAt) / 1e9))));
        return new Result(rate, String.format(Locale.ROOT, "default jobs on local[2], %s: %.0f flows/s sustained (%.0f "
                + "flows after the first batch in %.1f s; goal >= 200000); each job, while they share the cores:%s",
                stack.settings().flowsFormat().uriName(), rate, flows, seconds, each));
    }

    private static long minRows(Optional<JobsStatus> status) {
        return status.map(s -> s.jobs().stream().mapToLong(JobsStatus.Job::rows).min().orElse(0)).orElse(0L);
    }

    /**
     * Writes {@code n} flow records in {@code format} as the collector would, 15 minutes of event time ending now:
     * decoded and encoded by the collector's decoder and encoder, produced by the collector's own Kafka sink (its
     * producer settings; Avro in blocks of records), a sink batch every {@value #MESSAGES_PER_BATCH} datagrams as
     * under load. The sink never blocks and drops what its buffer cannot take, so the fill waits for the broker
     * whenever the unacknowledged records pass {@value #MAX_LAG}; a record dropped anyway fails the fill.
     *
     * @return the bytes of the records' values (uncompressed, as the collector encoded them)
     */
    static long fill(String bootstrap, long n, RecordFormat format) throws IOException, InterruptedException {
        ElementRegistry registry = ElementRegistry.bundled();
        FlowDecoder decoder = new FlowDecoder(registry, DecoderLimits.DEFAULTS);
        RecordEncoder encoder = RecordEncoder.create(format, registry,
                DecoderLimits.DEFAULTS.maxFieldsPerTemplate(), DecoderLimits.DEFAULTS.maxListDepth());
        ExporterState exporter = new ExporterState(new byte[] {127, 0, 0, 1}, 4739, DecoderLimits.DEFAULTS);
        long end = System.currentTimeMillis();
        long[] written = {0};
        CollectorConfig cfg = CollectorConfig.builder().output(URI.create("kafka://" + bootstrap + "/" + Topics.FLOWS
                + "?format=" + format.uriName())).build();
        SinkStats stats;
        try (Sinks sinks = new Sinks(cfg)) {
            stats = sinks.stats();
            RecordSink sink = sinks.newSink();
            long[] messages = {0};
            DemoFill.messages(n, end, (bytes, records) -> {
                decoder.decode(exporter, bytes, 0, bytes.length, end, r -> {
                    encoder.encode(r);
                    sink.write(r.exporter(), encoder.array(), 0, encoder.length());
                    written[0]++;
                });
                if (++messages[0] % MESSAGES_PER_BATCH == 0) {
                    sink.endOfBatch(false);
                    while (stats.lag() > MAX_LAG) {
                        Thread.sleep(5);
                    }
                }
            });
            sink.close();
            while (stats.lag() > 0) {
                Thread.sleep(10);
            }
        }
        long dropped = stats.droppedBufferFull.sum() + stats.droppedError.sum();
        if (dropped > 0 || written[0] != n || stats.delivered.sum() != n) {
            throw new IllegalStateException("the fill decoded " + written[0] + " and delivered " + stats.delivered.sum()
                    + " of " + n + " records (" + dropped + " dropped)");
        }
        return stats.bytes.sum();
    }

    /** Datagrams per sink batch: the collector's ring batches hold several under load. */
    private static final int MESSAGES_PER_BATCH = 8;
    /** Records in flight to the broker before the fill waits. */
    private static final long MAX_LAG = 100_000;
}
