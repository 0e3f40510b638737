package io.stream4flow.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParams;
import io.stream4flow.cluster.output.DocumentSink;
import io.stream4flow.cluster.runner.JobRunner;
import io.stream4flow.cluster.runner.RunnerSpark;
import io.stream4flow.cluster.runner.RunnerConfig;
import io.stream4flow.localstack.KafkaBroker;

import picocli.CommandLine;

/**
 * Throughput of the flows view and of the default jobs on local[2] from a pre-filled Kafka topic (not a test:
 * run by hand, see the README of the cluster module). Starts its own Kafka broker, writes N realistic flows
 * (~1 KB of JSON each, IPFIXcol2-like with extra elements), then measures:
 * <ol>
 *   <li>parse cost, batch read of the whole topic into a no-op sink: Kafka read only; view by the scanner
 *       ({@code FlowsView.scan}); view by {@code from_json} without and with {@code fields};</li>
 *   <li>the default jobs (protocols, hosts, topn, portscan) as the runner starts them (one query per job, or
 *       with {@code combined} as with {@code --combine}), earliest offsets, available-now trigger, 250 k flows per batch,
 *       Elasticsearch off: wall time and Spark's processedRowsPerSecond per query.</li>
 * </ol>
 * With mode {@code latency} instead: the default jobs on a 1 s trigger while a producer writes {@code flows}
 * flows per second (event time = now) for 60 s; prints the percentiles of the micro-batch durations.
 * Arguments: {@code [flows (default 1000000)] [master (default local[2])] [separate|combined|latency]}.
 * System properties: {@code s4f.bench.parseRounds} (default 2; 0 skips the parse measurements),
 * {@code s4f.bench.jobs} (comma-separated {@code --job}s), {@code s4f.bench.conf} ({@code key=value,...} Spark SQL
 * settings), {@code s4f.bench.debug} (per-batch offsets and state operator metrics).
 */
public final class ClusterThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String master = args.length > 1 ? args[1] : "local[2]";
        String mode = args.length > 2 ? args[2] : "separate";
        Path data = Files.createTempDirectory("s4f-bench-kafka");
        try (KafkaBroker kafka = KafkaBroker.builder().dataDir(data).port(0).heap("1g").build().start()) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopic("flows", 2);
            kafka.createTopic("alerts", 1);
            if (mode.equals("latency")) {
                latency(bootstrap, master, n);
                return;
            }
            long t = System.nanoTime();
            long bytes = fill(bootstrap, "flows", n);
            System.out.printf("filled: %d flows, %.0f bytes/flow, %.1f s%n", n, (double) bytes / n,
                    (System.nanoTime() - t) / 1e9);

            SparkSession spark = RunnerSpark.session(master, 2);
            spark.sparkContext().setLogLevel("WARN");
            Dataset<Row> raw = spark.read().format("kafka").option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", "flows").option("startingOffsets", "earliest").load().select("value");
            int rounds = Integer.getInteger("s4f.bench.parseRounds", 2);
            for (int round = 0; round < rounds; round++) {       // first round warms up the JIT
                time("read only", n, () -> raw.write().format("noop").mode("overwrite").save());
                time("view by the scanner", n, () -> FlowsView.scan(raw).write().format("noop").mode("overwrite")
                        .save());
                time("from_json w/o fields", n, () -> FlowsView.fromJson(raw, FlowsView.Fields.OMITTED)
                        .write().format("noop").mode("overwrite").save());
                time("from_json with fields", n, () -> FlowsView.fromJson(raw, FlowsView.Fields.INCLUDED)
                        .write().format("noop").mode("overwrite").save());
            }

            JobRunner runner = new JobRunner();
            List<String> options = new ArrayList<>(List.of("--bootstrap", bootstrap, "--es", "none",
                    "--local-net", "10.0.0.0/8",
                    "--checkpoint-dir", Files.createTempDirectory("s4f-bench-ckpt").toString(),
                    "--starting-offsets", "earliest", "--trigger", "available-now",
                    "--max-offsets-per-trigger", "250000"));
            for (String job : System.getProperty("s4f.bench.jobs", "").split(",")) {   // default: the defaults
                if (!job.isBlank()) {
                    options.addAll(List.of("--job", job));
                }
            }
            for (String conf : System.getProperty("s4f.bench.conf", "").split(",")) {  // k=v,k=v: Spark SQL
                if (conf.contains("=")) {
                    spark.conf().set(conf.substring(0, conf.indexOf('=')), conf.substring(conf.indexOf('=') + 1));
                }
            }
            new CommandLine(runner).parseArgs(options.toArray(String[]::new));
            Map<JobDefinition, JobParams> plan = runner.plan();
            RunnerConfig config = runner.config();
            long start = System.nanoTime();
            List<StreamingQuery> queries = JobRunner.start(spark, plan, config,
                    new DocumentSink(null, bootstrap, "alerts"), mode.equals("combined"));
            int rc = JobRunner.awaitAll(spark, queries);
            queries.stream().filter(q -> q.exception().isDefined())
                    .forEach(q -> System.out.println(q.name() + " failed: " + q.exception().get().getMessage()));
            System.out.println("runner exit code " + rc);
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.printf("default jobs, %s (%d queries together): %d flows each in %.1f s wall = %.0f flows/s"
                    + " through all jobs%n", mode, queries.size(), n, wall, n / wall);
            for (StreamingQuery q : queries) {
                long rows = 0;
                double busyMs = 0;
                if (System.getProperty("s4f.bench.debug") != null) {
                    for (StreamingQueryProgress p : q.recentProgress()) {
                        System.out.println(q.name() + " " + p.batchId() + " " + p.sources()[0].startOffset() + " -> "
                                + p.sources()[0].endOffset() + " rows " + p.numInputRows());
                    }
                }
                Map<String, Long> phases = new java.util.TreeMap<>();
                for (StreamingQueryProgress p : q.recentProgress()) {
                    rows += p.numInputRows();
                    busyMs += p.durationMs().get("triggerExecution");
                    p.durationMs().forEach((k, v) -> phases.merge(k, v, Long::sum));
                    if (System.getProperty("s4f.bench.debug") != null && p.stateOperators().length > 0) {
                        System.out.println(q.name() + " state: " + p.stateOperators()[0].json());
                    }
                }
                System.out.println("  " + q.name() + " ms by phase: " + phases);
                System.out.printf("  %-10s rows=%d busy=%.1f s processedRowsPerSecond(mean over batches)=%.0f%n",
                        q.name(), rows, busyMs / 1000, rows / (busyMs / 1000));
            }
            spark.stop();
        }
    }

    /** The default jobs on a 1 s trigger under {@code rate} flows/s for 60 s: micro-batch duration percentiles. */
    private static void latency(String bootstrap, String master, int rate) throws Exception {
        SparkSession spark = RunnerSpark.session(master, 2);
        spark.sparkContext().setLogLevel("WARN");
        JobRunner runner = new JobRunner();
        new CommandLine(runner).parseArgs("--bootstrap", bootstrap, "--es", "none", "--local-net", "10.0.0.0/8",
                "--checkpoint-dir", Files.createTempDirectory("s4f-bench-ckpt").toString(),
                "--starting-offsets", "latest", "--trigger", "1s");
        List<StreamingQuery> queries = JobRunner.start(spark, runner.plan(), runner.config(),
                new DocumentSink(null, bootstrap, "alerts"));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        SplittableRandom rnd = new SplittableRandom(42);
        Thread.sleep(20_000);                      // first batches (planning, JIT) are not the steady state
        for (StreamingQuery q : queries) {
            q.recentProgress();
        }
        long begin = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            long sent = 0;
            while (System.currentTimeMillis() - begin < 60_000) {
                long due = (System.currentTimeMillis() - begin) * rate / 1000;
                for (; sent < due; sent++) {
                    producer.send(new ProducerRecord<>("flows", "192.0.2.1", flow(rnd, System.currentTimeMillis())));
                }
                Thread.sleep(5);
            }
        }
        Thread.sleep(3_000);
        for (StreamingQuery q : queries) {
            List<Long> durations = new ArrayList<>();
            for (StreamingQueryProgress pr : q.recentProgress()) {
                if (pr.numInputRows() > 0 && java.time.Instant.parse(pr.timestamp()).toEpochMilli() >= begin) {
                    durations.add(pr.durationMs().get("triggerExecution"));
                }
            }
            durations.sort(null);
            if (durations.isEmpty()) {
                System.out.println(q.name() + ": no batches with data");
                continue;
            }
            System.out.printf("%-26s %d flows/s, trigger 1 s: %d batches with data, duration p50 %d ms, p90 %d ms,"
                    + " max %d ms%n", q.name(), rate, durations.size(), durations.get(durations.size() / 2),
                    durations.get(durations.size() * 9 / 10), durations.get(durations.size() - 1));
        }
        for (StreamingQuery q : queries) {
            q.stop();
        }
        spark.stop();
    }

    private static void time(String what, int n, Runnable r) {
        long t = System.nanoTime();
        r.run();
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("%-22s %.1f s  %.0f flows/s%n", what, s, n / s);
    }

    /** Writes n flows, 1000 per second of event time from 2024-01-01, and returns the JSON bytes written. */
    static long fill(String bootstrap, String topic, int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "20");
        p.put("batch.size", "1048576");
        p.put("compression.type", "lz4");
        SplittableRandom rnd = new SplittableRandom(42);
        long bytes = 0;
        long t0 = 1_704_067_200_000L;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                String json = flow(rnd, t0 + i);
                bytes += json.length();
                producer.send(new ProducerRecord<>(topic, "192.0.2.1", json));
            }
        }
        return bytes;
    }

    private static String flow(SplittableRandom rnd, long start) {
        int proto = rnd.nextInt(10) < 7 ? 6 : rnd.nextInt(10) < 9 ? 17 : 1;
        boolean scan = rnd.nextInt(1000) == 0;
        List<Object> kv = new ArrayList<>(List.of(
                "iana:octetDeltaCount", 40 + rnd.nextInt(1_000_000),
                "iana:packetDeltaCount", 1 + rnd.nextInt(1000),
                "iana:flowStartMilliseconds", start,
                "iana:flowEndMilliseconds", start + rnd.nextInt(60_000),
                "iana:sourceTransportPort", 1024 + rnd.nextInt(60_000),
                "iana:destinationTransportPort", scan ? 22 : new int[] {80, 443, 53, 22, 25, 123}[rnd.nextInt(6)],
                "iana:protocolIdentifier", proto,
                "iana:tcpControlBits", proto == 6 ? (scan ? 2 : 27) : 0,
                "iana:sourceIPv4Address", "10." + rnd.nextInt(4) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256),
                "iana:destinationIPv4Address", "198.51." + rnd.nextInt(256) + "." + rnd.nextInt(256),
                "iana:ingressInterface", rnd.nextInt(16),
                "iana:egressInterface", rnd.nextInt(16),
                "iana:ipClassOfService", 0,
                "iana:ipNextHopIPv4Address", "192.0.2.254",
                "iana:bgpSourceAsNumber", 64500 + rnd.nextInt(10),
                "iana:bgpDestinationAsNumber", 64500 + rnd.nextInt(10),
                "iana:sourceIPv4PrefixLength", 16,
                "iana:destinationIPv4PrefixLength", 24,
                "iana:vlanId", rnd.nextInt(4096),
                "iana:postVlanId", 0,
                "iana:sourceMacAddress", "00:11:22:33:44:55",
                "iana:destinationMacAddress", "66:77:88:99:aa:bb",
                "iana:flowEndReason", 1,
                "iana:ipTTL", 64,
                "iana:samplingPacketInterval", 1));
        StringBuilder sb = new StringBuilder(768);
        sb.append("{\"@type\":\"ipfix.entry\",\"ipfix:version\":10,\"ipfix:exporterAddress\":\"192.0.2.1\",")
                .append("\"ipfix:exporterPort\":4739,\"ipfix:odid\":0,\"ipfix:templateId\":256,")
                .append("\"ipfix:exportTime\":").append(start + 1000).append(",\"ipfix:seqNumber\":").append(start)
                .append(",\"iana:ipVersion\":4");
        for (int i = 0; i < kv.size(); i += 2) {
            sb.append(",\"").append(kv.get(i)).append("\":");
            Object v = kv.get(i + 1);
            if (v instanceof String s) {
                sb.append('"').append(s).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }
}
