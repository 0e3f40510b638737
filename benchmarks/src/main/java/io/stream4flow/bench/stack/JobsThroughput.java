package io.stream4flow.bench.stack;

import io.stream4flow.schema.Topics;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Flows per second the default jobs sustain on Spark {@code local[2]}: the topic {@code flows} is filled first
 * with {@code n} records exactly as the collector writes them in the stack's format
 * ({@link io.stream4flow.cli.stack.StackSettings#flowsFormat()}: demo traffic, attacks included, decoded and
 * encoded by the collector's own decoder and encoder, 15 minutes of event time), then the jobs start from the
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

    /** Starts the jobs on the topic that holds {@code n} flows and waits until every job has read all of them. */
    static Result run(LocalStack stack, long n) throws Exception {
        StackBench.start(stack, "jobs");
        long startedAt = System.nanoTime();
        long rowsAtStart = minRows(StackBench.jobsStatus(stack));
        java.util.Map<String, long[]> perJob = new java.util.TreeMap<>(); // job -> {rows at start, done nanos}
        StackBench.jobsStatus(stack).ifPresent(s -> s.jobs().forEach(j -> perJob.put(j.name(),
                new long[] {j.rows(), 0})));
        long deadline = System.nanoTime() + 1_800_000_000_000L;
        while (minRows(StackBench.jobsStatus(stack)) < n) {
            StackBench.jobsStatus(stack).ifPresent(s -> s.jobs().forEach(j -> {
                long[] p = perJob.get(j.name());
                if (p != null && p[1] == 0 && j.rows() >= n) {
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
        double rate = (n - rowsAtStart) / seconds;
        long end = System.nanoTime();
        StringBuilder each = new StringBuilder();
        perJob.forEach((job, p) -> each.append(String.format(Locale.ROOT, " %s %.0f/s;", job,
                (n - p[0]) / (((p[1] == 0 ? end : p[1]) - startedAt) / 1e9))));
        return new Result(rate, String.format(Locale.ROOT, "default jobs on local[2], %s: %.0f flows/s sustained (%d "
                + "flows after the first batch in %.1f s; goal >= 200000); each job, while they share the cores:%s",
                stack.settings().flowsFormat().uriName(), rate, n - rowsAtStart, seconds, each));
    }

    private static long minRows(Optional<JobsStatus> status) {
        return status.map(s -> s.jobs().stream().mapToLong(JobsStatus.Job::rows).min().orElse(0)).orElse(0L);
    }

    /**
     * Writes {@code n} flow records in {@code format} as the collector would, 15 minutes of event time ending now.
     *
     * @return the bytes of the records' values (uncompressed, as the collector encoded them)
     */
    static long fill(String bootstrap, long n, RecordFormat format) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("compression.type", "lz4");
        p.put("linger.ms", "5");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("acks", "1");
        ElementRegistry registry = ElementRegistry.bundled();
        FlowDecoder decoder = new FlowDecoder(registry, DecoderLimits.DEFAULTS);
        RecordEncoder encoder = RecordEncoder.create(format, registry,
                DecoderLimits.DEFAULTS.maxFieldsPerTemplate(), DecoderLimits.DEFAULTS.maxListDepth());
        ExporterState exporter = new ExporterState(new byte[] {127, 0, 0, 1}, 4739, DecoderLimits.DEFAULTS);
        byte[] key = "127.0.0.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long end = System.currentTimeMillis();
        long span = 15 * 60_000L;
        long from = end - span;
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), from, true, 11);
        double eventsPerSecond = n / (span / 1000.0) / 1.9; // most events are two flows
        DemoMessages writer = new DemoMessages(1);
        long[] written = {0};
        long[] valueBytes = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<DemoFlow> flows = new ArrayList<>();
            for (long t = from; written[0] < n; t += 100) {
                flows.clear();
                scenario.flows(t, t + 100, eventsPerSecond, flows);
                for (int i = 0; i < flows.size() && written[0] < n; i += DemoMessages.MAX_RECORDS) {
                    ByteBuffer m = writer.message(flows, i, Math.min(t + 100, end));
                    byte[] bytes = new byte[m.remaining()];
                    m.get(bytes);
                    decoder.decode(exporter, bytes, 0, bytes.length, end, r -> {
                        if (written[0] < n) {
                            encoder.encode(r);
                            producer.send(new ProducerRecord<>(Topics.FLOWS, key,
                                    java.util.Arrays.copyOf(encoder.array(), encoder.length())));
                            written[0]++;
                            valueBytes[0] += encoder.length();
                        }
                    });
                }
            }
            producer.flush();
        }
        return valueBytes[0];
    }
}
