package io.stream4flow.bench.stack;

import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.cli.stack.ServiceProcess;
import io.stream4flow.schema.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spark's bare read of the stack's topic {@code flows} on the jobs' master ({@code local[2]}): the cluster module's
 * {@code TopicReadRate} (a batch read of the whole topic, the Kafka source alone and then with the flows view in the
 * stack's format), in a driver JVM of its own started as the stack starts the jobs ({@link ClusterDriver}, the jobs'
 * heap, {@code SPARK_LOCAL_IP}), with its log and result under {@code <home>/bare-read/}.
 *
 * @param rows messages the source read (one per record for JSON, one per block of records for Avro)
 * @param valueBytes the sum of their values' lengths (bytes, uncompressed)
 * @param readSeconds wall time of the read alone (last round)
 * @param parseRows rows of the flows view
 * @param parseSeconds wall time of the read and the flows view (last round)
 * @param bytesSum the sum of the view's {@code bytes} (the same flows in either format give the same sum)
 */
record BareRead(long rows, long valueBytes, double readSeconds, long parseRows, double parseSeconds, long bytesSum) {
    private static final String MAIN_CLASS = "io.stream4flow.cluster.runner.TopicReadRate";
    private static final long TIMEOUT_MINUTES = 30;

    /** Records per second of the read alone: the view's rows (the records) over the source's time. */
    double readRate() {
        return parseRows / readSeconds;
    }

    double parseRate() {
        return parseRows / parseSeconds;
    }

    static BareRead run(LocalStack stack) throws IOException, InterruptedException {
        Path dir = stack.home().root().resolve("bare-read");
        Path result = dir.resolve("result.properties");
        List<String> command = ClusterDriver.command(dir, stack.settings().jobsHeap(), MAIN_CLASS, List.of(
                "--bootstrap", stack.settings().kafkaBootstrap(), "--topic", Topics.FLOWS,
                "--input-format", stack.settings().flowsFormat().uriName(), "--master", stack.settings().master(),
                "--result", result.toString()));
        ServiceProcess process = new ServiceProcess("bare-read", dir);
        ProcessHandle handle = process.start(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
        try {
            handle.onExit().get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException | ExecutionException e) {
            process.stop(Duration.ofSeconds(10));
            throw new IllegalStateException("the bare read did not end within " + TIMEOUT_MINUTES + " min; see "
                    + process.logFile(), e);
        }
        if (!Files.isRegularFile(result)) {
            throw new IllegalStateException("the bare read wrote no result; see " + process.logFile());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new BareRead(Long.parseLong(p.getProperty("read.rows")), Long.parseLong(p.getProperty("read.value-bytes")),
                Double.parseDouble(p.getProperty("read.seconds")), Long.parseLong(p.getProperty("parse.rows")),
                Double.parseDouble(p.getProperty("parse.seconds")), Long.parseLong(p.getProperty("parse.bytes-sum")));
    }
}
